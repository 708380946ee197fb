import { problemErrors } from '../../platform/http/forms'
import type { Translate } from '../../platform/i18n'
import type { Refusal } from '../../platform/outcome'
import type { FormState } from '../../platform/ui/form'

/** A refused plan use case as a form state: each problem's message next to its field (or at the top). */
export function refusedForm(t: Translate, values: Record<string, unknown>, refusal: Refusal): FormState {
  return { values, errors: problemErrors(t, refusal.problems) }
}

import type { Translate } from '../../platform/i18n'
import type { Refusal } from '../../platform/outcome'
import type { FormState } from '../../platform/ui/form'

/** A refused plan use case as a form state: each problem's message next to its field (or at the top). */
export function refusedForm(t: Translate, values: Record<string, unknown>, refusal: Refusal): FormState {
  const errors: Record<string, string> = {}
  for (const p of refusal.problems) errors[p.field] ??= t(p.key, p.params)
  return { values, errors }
}

import type { Params, Translate } from '../../platform/i18n'
import { FORM, type Outcome, problemKey, type Refusal, refuseAll } from '../../platform/outcome'
import type { FormState } from '../../platform/ui/form'

/**
 * A refused councils use case as a form state: each problem's message next to its field (renamed
 * where the form calls it otherwise), or at the top of the form (`_form`). `params` are values the
 * messages may need besides their own (e.g. the upload limit).
 */
export function refusedForm(
  t: Translate,
  values: Record<string, unknown>,
  refusal: Refusal,
  rename: Readonly<Record<string, string>> = {},
  params: Params = {},
): FormState {
  const errors: Record<string, string> = {}
  for (const p of refusal.problems)
    errors[rename[p.field] ?? p.field] ??= t(p.key, { ...params, ...p.params })
  return { values, errors }
}

/** Whether a use case was refused because its record does not exist (the route answers 404). */
export function refusedAsNotFound(outcome: Outcome<unknown>): boolean {
  return problemKey(outcome) === 'councils.error.notFound'
}

/** The same refusal, every problem at the top of the form (for forms without the field it names). */
export function onWholeForm(refusal: Refusal): Refusal {
  return refuseAll(refusal.problems.map((p) => ({ ...p, field: FORM })))
}

/** The same refusal with fields renamed (a form that calls a field otherwise than the use case). */
export function renameFields(refusal: Refusal, rename: Readonly<Record<string, string>>): Refusal {
  return refuseAll(refusal.problems.map((p) => ({ ...p, field: rename[p.field] ?? p.field })))
}

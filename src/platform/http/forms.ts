import type { Static, TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import Value from 'typebox/value'
import '../dates'
import type { Translate } from '../i18n'
import type { FormState } from '../ui/form'
import { cleanedFields } from './input-hygiene'

const compiled = new WeakMap<TSchema, ReturnType<typeof Compile>>()
function validatorFor(schema: TSchema) {
  let v = compiled.get(schema)
  if (!v) {
    v = Compile(schema)
    compiled.set(schema, v)
  }
  return v
}

export type FormResult<S extends TSchema> =
  | { readonly ok: true; readonly value: Static<S> }
  | { readonly ok: false; readonly state: FormState }

/** Message keys chosen per field (and optionally per failing keyword) instead of the generic ones. */
export type FieldMessages = Readonly<Record<string, string | Readonly<Record<string, string>>>>

/** Drops the CSRF field, trims text and treats empty inputs as absent (so optional fields stay optional). */
export function cleanFormBody(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (!body || typeof body !== 'object') return out
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    if (key === '_csrf') continue
    if (typeof raw === 'string') {
      const v = raw.replace(/\r\n/g, '\n').trim()
      if (v !== '') out[key] = v
    } else if (Array.isArray(raw)) {
      const list = raw
        .filter((x): x is string => typeof x === 'string' && x.trim() !== '')
        .map((x) => x.trim())
      if (list.length) out[key] = list
    } else if (raw !== undefined && raw !== null) {
      out[key] = raw
    }
  }
  return out
}

function genericMessage(t: Translate, keyword: string, params: Record<string, unknown>): string {
  switch (keyword) {
    case 'required':
      return t('form.required')
    case 'maxLength':
    case 'maxItems':
      return t('form.tooLong', { limit: Number(params.limit ?? 0) })
    case 'minLength':
      return Number(params.limit) <= 1
        ? t('form.required')
        : t('form.tooShort', { limit: Number(params.limit ?? 0) })
    case 'format':
      return params.format === 'email'
        ? t('form.email')
        : params.format === 'date'
          ? t('form.date')
          : params.format === 'berlin-date-time'
            ? t('form.dateTime')
            : t('form.invalid')
    case 'type':
      return params.type === 'integer' || params.type === 'number' ? t('form.number') : t('form.invalid')
    case 'enum':
    case 'const':
    case 'anyOf':
      return t('form.choice')
    default:
      return t('form.invalid')
  }
}

/**
 * Validates a submitted form against its TypeBox schema. On failure it returns the values as typed
 * and one translated message per field, for the error summary and the fields themselves.
 */
export function parseForm<S extends TSchema>(
  schema: S,
  body: unknown,
  t: Translate,
  messages: FieldMessages = {},
): FormResult<S> {
  const cleaned = cleanFormBody(body)
  const converted = Value.Convert(schema, structuredClone(cleaned)) as unknown
  const validator = validatorFor(schema)
  // Fields the edge cleaned of control characters: the person sees the cleaned value and says so.
  const controlled = cleanedFields(body).filter((f) => f !== '_csrf')
  if (controlled.length === 0 && validator.Check(converted))
    return { ok: true, value: converted as Static<S> }
  const errors: Record<string, string> = {}
  for (const field of controlled) errors[field] = t('form.controlCharacters')
  for (const err of validator.Errors(converted)) {
    const params = (err.params ?? {}) as Record<string, unknown>
    const fields =
      err.keyword === 'required'
        ? ((params.requiredProperties as string[] | undefined) ?? [])
        : [err.instancePath.split('/')[1] ?? '']
    for (const field of fields) {
      if (!field || errors[field]) continue
      const custom = messages[field]
      const key = typeof custom === 'string' ? custom : custom?.[err.keyword]
      errors[field] = key
        ? t(key, { limit: Number(params.limit ?? 0) })
        : genericMessage(t, err.keyword, params)
    }
  }
  if (Object.keys(errors).length === 0) errors._form = t('form.invalid')
  return { ok: false, state: { values: cleaned, errors } }
}

/** Adds errors found by a use case (e.g. "e-mail already taken") to the form state. */
export function withErrors(values: Record<string, unknown>, errors: Record<string, string>): FormState {
  return { values, errors }
}

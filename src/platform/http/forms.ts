import Type, { type Static, type TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import Value from 'typebox/value'
import '../dates'
import type { MessageKey, Params, Translate } from '../i18n'
import type { Problem } from '../outcome'
import type { FormState } from '../ui/form'
import { FIELD_TOKEN } from '../ui/render-scope'
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
export type FieldMessages = Readonly<Record<string, MessageKey | Readonly<Record<string, MessageKey>>>>

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

type GenericProblem =
  | 'required'
  | 'tooLong'
  | 'tooShort'
  | 'email'
  | 'date'
  | 'dateTime'
  | 'number'
  | 'choice'
  | 'invalid'

/** The generic message for a failing schema keyword, as a message key and its parameters. */
function genericKey(keyword: string, params: Record<string, unknown>): GenericProblem {
  switch (keyword) {
    case 'required':
      return 'required'
    case 'maxLength':
    case 'maxItems':
      return 'tooLong'
    case 'minLength':
      return Number(params.limit) <= 1 ? 'required' : 'tooShort'
    case 'format':
      return params.format === 'email'
        ? 'email'
        : params.format === 'date'
          ? 'date'
          : params.format === 'berlin-date-time'
            ? 'dateTime'
            : 'invalid'
    case 'type':
      return params.type === 'integer' || params.type === 'number' ? 'number' : 'invalid'
    case 'enum':
    case 'const':
    case 'anyOf':
      return 'choice'
    default:
      return 'invalid'
  }
}

let schemaObserver: ((schema: TSchema) => void) | undefined

/**
 * Lets the edge fuzzing (test/integration/edge-fuzz.test.ts) learn which schema each route validates
 * its input with, so that it can generate input from it. Nothing in the application sets this.
 */
export function observeFormSchemas(observer: ((schema: TSchema) => void) | undefined): void {
  schemaObserver = observer
}

/** A rule of a form that the schema cannot say (an IBAN's check digits, a password's length). */
export interface FieldProblem {
  readonly field: string
  readonly key: MessageKey
  readonly params?: Readonly<Record<string, string | number>>
}

/**
 * Validates a submitted form against its TypeBox schema. On failure it returns the values as typed
 * and one translated message per field, for the error summary and the fields themselves.
 *
 * Messages name their field (GOV.UK pattern): a message key chosen in `messages` for the field (and
 * optionally the failing keyword) wins; otherwise a generic message with `{field}`, which the form
 * components fill with the field's label. A form's other rules join in with `withProblems`.
 */
export function parseForm<S extends TSchema>(
  schema: S,
  body: unknown,
  t: Translate,
  messages: FieldMessages = {},
): FormResult<S> {
  schemaObserver?.(schema)
  const cleaned = cleanFormBody(body)
  const converted = Value.Convert(schema, structuredClone(cleaned)) as unknown
  const validator = validatorFor(schema)
  // Fields the edge cleaned of control characters: the person sees the cleaned value and says so.
  const controlled = cleanedFields(body).filter((f) => f !== '_csrf')
  const valid = controlled.length === 0 && validator.Check(converted)
  const errors: Record<string, string> = {}
  const unnamed: Record<string, string> = {}
  for (const field of controlled) errors[field] = t('form.controlCharacters')
  if (!valid) {
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
        const limit = Number(params.limit ?? 0)
        if (key) {
          errors[field] = t(key, { limit, field: FIELD_TOKEN })
        } else {
          const generic = genericKey(err.keyword, params)
          errors[field] = t(`form.named.${generic}`, { limit, field: FIELD_TOKEN })
          unnamed[field] = t(`form.${generic}`, { limit })
        }
      }
    }
  }
  if (valid && Object.keys(errors).length === 0) return { ok: true, value: converted as Static<S> }
  if (Object.keys(errors).length === 0) errors._form = t('form.invalid')
  return { ok: false, state: { values: cleaned, errors, unnamed } }
}

/**
 * Adds a form's other rules (an IBAN's check digits, a password's length) to a state the schema
 * refused, so they speak in the same answer as the empty fields; once the schema is satisfied the use
 * case checks them all at once itself. A field keeps its first message.
 */
export function withProblems(state: FormState, problems: readonly FieldProblem[], t: Translate): FormState {
  const errors = { ...state.errors }
  for (const p of problems) errors[p.field] ??= t(p.key, { ...p.params, field: FIELD_TOKEN })
  return { ...state, errors }
}

/** Adds errors found by a use case (e.g. "e-mail already taken") to the form state. */
export function withErrors(values: Record<string, unknown>, errors: Record<string, string>): FormState {
  return { values, errors }
}

/** A refusal's problems as one translated message per form field (the first problem of each field wins). */
export function problemErrors(
  t: Translate,
  problems: readonly Problem[],
  extra?: Params,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of problems) if (!out[p.field]) out[p.field] = t(p.key, { ...extra, ...p.params })
  return out
}

/**
 * The `querystring` schema of a page whose query is a filter form: any parameters, each a string (or
 * repeated); `parseForm` checks them so that problems show next to the filter fields, not as a 400 page.
 */
export const FormQuery = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]))

/** The filter parameters of a query, without the page, for the links of the pagination. */
export function filterQuery(raw: Readonly<Record<string, unknown>>): URLSearchParams {
  return new URLSearchParams(
    Object.entries(raw).filter(
      (e): e is [string, string] => e[0] !== 'page' && typeof e[1] === 'string' && e[1] !== '',
    ),
  )
}

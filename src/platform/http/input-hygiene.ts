/**
 * Text arriving from outside (query strings, path parameters, form and JSON bodies) is cleaned in
 * one place, before validation: C0/C1 control characters other than tab and line breaks are removed
 * and lone surrogates become U+FFFD. PostgreSQL refuses a NUL byte in text (which used to be a 500
 * on every search box and form), and nobody types the others on purpose.
 *
 * Query strings and parameters are cleaned silently (a search for "a\0" is a search for "a"). A
 * form field that held such characters is remembered on the body, and parseForm answers it with a
 * message next to the field and the cleaned value, so nothing is stored that the person did not see.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g

/** The fields of a body whose values were cleaned (read by parseForm). */
export const CLEANED_FIELDS: unique symbol = Symbol('teilhabe.cleanedFields')

export function cleanText(value: string): string {
  return value.toWellFormed().replace(CONTROL, '')
}

function cleanValue(value: unknown, depth = 0): { value: unknown; changed: boolean } {
  if (typeof value === 'string') {
    const cleaned = cleanText(value)
    return { value: cleaned, changed: cleaned !== value }
  }
  if (depth > 20 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) {
    return { value, changed: false }
  }
  if (Array.isArray(value)) {
    let changed = false
    const out = value.map((v) => {
      const r = cleanValue(v, depth + 1)
      changed ||= r.changed
      return r.value
    })
    return { value: out, changed }
  }
  let changed = false
  for (const [k, v] of Object.entries(value)) {
    const r = cleanValue(v, depth + 1)
    if (r.changed) {
      ;(value as Record<string, unknown>)[k] = r.value
      changed = true
    }
  }
  return { value, changed }
}

/** Cleans the top-level fields of an object in place; returns the names of the fields changed. */
export function cleanFields(target: unknown): string[] {
  if (!target || typeof target !== 'object' || Array.isArray(target)) return []
  const changed: string[] = []
  for (const [k, v] of Object.entries(target)) {
    const r = cleanValue(v)
    if (r.changed) {
      ;(target as Record<string, unknown>)[k] = r.value
      changed.push(k)
    }
  }
  return changed
}

/** Cleans a body in place and remembers the changed fields on it. */
export function cleanBody(body: unknown): void {
  const changed = cleanFields(body)
  if (changed.length > 0) {
    Object.defineProperty(body, CLEANED_FIELDS, { value: changed, enumerable: false })
  }
}

/** The fields cleanBody changed (none for a body it has not seen). */
export function cleanedFields(body: unknown): readonly string[] {
  if (!body || typeof body !== 'object') return []
  return (body as { [CLEANED_FIELDS]?: string[] })[CLEANED_FIELDS] ?? []
}

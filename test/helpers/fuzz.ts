import fc from 'fast-check'

/**
 * Input generation for the edge fuzzing (test/integration/edge-fuzz.test.ts): values from a route's
 * TypeBox schema, hostile strings and wrong types. Values are form-encoded fragments, so that bytes
 * no JavaScript string can carry (invalid UTF-8, lone surrogates) can be sent as well.
 */

/** Inputs per route: FUZZ_RUNS (set by `npm run fuzz -- --runs N`), else `fallback` (`npm test`). */
export function fuzzRuns(fallback: number): number {
  const n = Number(process.env.FUZZ_RUNS)
  return Number.isInteger(n) && n > 0 ? n : fallback
}

/** Whether this is the nightly-sized run (`npm run fuzz`), not `npm test`. */
export function nightlyFuzz(): boolean {
  return !!process.env.FUZZ_RUNS
}

/** Fuzzing of this route only (`npm run fuzz -- --route 'POST /anmelden'`). */
export function fuzzRouteFilter(): string | undefined {
  return process.env.FUZZ_ROUTE || undefined
}

/** Markup that must never come back unescaped, in any page, after being sent in any field. */
export const MARKER = 'x-fz'
export const MARKUP_PATTERN = /<x-fz|<script>x-fz/

const enc = (s: string) => encodeURIComponent(s)

/** Hostile values, already form-encoded. */
export const HOSTILE: readonly string[] = [
  // control characters, NUL, RTL overrides, zero-width and combining characters
  '%00',
  enc('a\u0000b'),
  enc('\u0001\u0002\u0007\u0008\u000b\u000c\u001b[31m\u007f'),
  enc('\r\n\r\nSet-Cookie: x=1'),
  enc('abc\u202Edcba\u202C'),
  enc('\u200F\u200E\u2066\u2069\u200B\uFEFF'),
  enc('e\u0301\u0301\u0301\u0301'),
  enc('👩‍👩‍👧‍👦🏳️‍🌈'),
  // lone surrogates (as CESU-8 bytes), invalid and overlong UTF-8
  '%ED%A0%80',
  '%ED%BF%BF',
  'x%ED%A0%BDy',
  '%FF%FE%FD',
  '%C0%AF',
  '%E2%82',
  '%',
  '%G1',
  // 100 kB
  'A'.repeat(100_000),
  enc('ü'.repeat(50_000)),
  // impossible dates and times
  '2026-02-30',
  '2026-02-31T10:00',
  '2026-02-30T10%3A00',
  '2026-13-01',
  '0000-01-01',
  '0000-01-01T00%3A00',
  '2026-01-01T25%3A61',
  '2026-12-31T24%3A00',
  '99999-01-01',
  '-2026-01-01',
  '2026-02-29',
  '1969-12-31T23%3A59%3A59Z',
  enc('31.02.2026'),
  // numbers: negative, huge, not numbers
  '-1',
  '-0',
  '0',
  '1e309',
  '-1e309',
  '9'.repeat(400),
  '9007199254740993',
  '-9223372036854775809',
  'NaN',
  'Infinity',
  '0x10',
  '1.5',
  enc('1.000.000,99'),
  enc('١٢٣'),
  enc(' 42 '),
  // markup
  enc(`<${MARKER}>`),
  enc(`"><${MARKER} onmouseover=alert(1)>`),
  enc(`'><${MARKER}>`),
  enc(`<script>${MARKER}</script>`),
  enc(`javascript:alert('${MARKER}')`),
  enc(`[a](javascript:alert(1)) <${MARKER}>`),
  // SQL and LIKE wildcards, path tricks
  enc("' OR 1=1--"),
  enc('%'),
  enc('_'),
  enc('\\'),
  enc('../../etc/passwd'),
  enc('//evil.example'),
  // ids
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  // emptiness
  '',
  '+',
  enc('\t \n'),
]

interface Schema {
  type?: string | string[]
  anyOf?: Schema[]
  oneOf?: Schema[]
  const?: unknown
  enum?: unknown[]
  format?: string
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  items?: Schema
  maxItems?: number
  properties?: Record<string, Schema>
  required?: string[]
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10)
}

const dates = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })

/** A valid value of a scalar schema, as a plain string. */
function typed(schema: Schema): fc.Arbitrary<string> {
  if (schema.const !== undefined) return fc.constant(String(schema.const))
  if (schema.enum) return fc.constantFrom(...schema.enum.map(String))
  const alternatives = schema.anyOf ?? schema.oneOf
  if (alternatives?.length) return fc.oneof(...alternatives.map(typed))
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  switch (type) {
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum ?? -1_000_001) + 1
      const max = schema.maximum ?? (schema.exclusiveMaximum ?? 1_000_001) - 1
      return fc
        .integer({ min: Math.ceil(Math.max(min, -(2 ** 31))), max: Math.floor(Math.min(max, 2 ** 31)) })
        .map(String)
    }
    case 'boolean':
      return fc.constantFrom('true', 'false', 'on', '1', '0')
    case 'string': {
      switch (schema.format) {
        case 'email':
          return fc.emailAddress()
        case 'date':
          return dates.map(isoDay)
        case 'date-time':
          return dates.map((d) => d.toISOString())
        case 'uuid':
          return fc.uuid()
        case 'uri':
          return fc.webUrl()
      }
      if (schema.pattern) {
        try {
          return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= 2000)
        } catch {
          // a pattern fast-check cannot invert: plain strings below
        }
      }
      const minLength = schema.minLength ?? 0
      const maxLength = Math.min(schema.maxLength ?? 200, minLength + 200)
      return fc.oneof(
        // a readable word, which a refused form must show again
        fc.stringMatching(/^[a-z]{4,12}$/).filter((s) => s.length >= minLength && s.length <= maxLength),
        fc.string({ minLength, maxLength, unit: 'grapheme' }),
        fc.string({ minLength, maxLength, unit: 'binary' }),
      )
    }
    default:
      return fc.string({ maxLength: 50 })
  }
}

/** One field's values (several for arrays), already encoded; undefined: the field is left out. */
export type FieldValue = readonly string[] | undefined

function field(schema: Schema): fc.Arbitrary<FieldValue> {
  const items = schema.type === 'array' && schema.items ? schema.items : undefined
  const one = fc.oneof(
    { weight: 5, arbitrary: typed(items ?? schema).map(enc) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  )
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 8, arbitrary: one.map((v) => [v]) },
    // repeated field (an array where a scalar is expected, or several items)
    { weight: 1, arbitrary: fc.array(one, { minLength: 2, maxLength: items ? 12 : 3 }) },
  )
}

/** Names every route gets, whether it reads them or not (a redirect target, a page number). */
const STRAY_NAMES = ['next', 'page', 'lang']

/** Form fields from an object schema (its properties) plus free names (e.g. found in the page's HTML). */
export function formInput(
  schemas: readonly unknown[],
  extraNames: readonly string[],
): fc.Arbitrary<Record<string, FieldValue>> {
  const fields: Record<string, fc.Arbitrary<FieldValue>> = {}
  for (const s of schemas as Schema[])
    for (const [name, prop] of Object.entries(s.properties ?? {})) fields[name] = field(prop)
  for (const name of extraNames) fields[name] ??= field({ type: 'string' })
  // bracketed names (qs-style objects), an unknown field, and names a handler may read unasked
  const stray = fc.option(
    fc.constantFrom(...HOSTILE).map((v) => [v]),
    { nil: undefined },
  )
  fields['x[y]'] = stray
  for (const name of STRAY_NAMES) fields[name] ??= stray
  return fc.record(fields)
}

/** The urlencoded form of the generated fields. */
export function encodeFields(input: Record<string, FieldValue>): string {
  const parts: string[] = []
  for (const [name, values] of Object.entries(input))
    for (const v of values ?? []) parts.push(`${enc(name)}=${v}`)
  return parts.join('&')
}

/** The plain text of a value that is a simple word (to look for on a refused form), else undefined. */
export function readableWord(encoded: string): string | undefined {
  return /^[a-z]{4,12}$/.test(encoded) ? encoded : undefined
}

/**
 * Fuzzing at the edge: every form and query string of every route gets generated input from the
 * TypeBox schema the route validates with (learnt by calling it once) and from the names of the
 * fields its pages render, mixed with hostile strings and wrong types (test/helpers/fuzz.ts). Every
 * answer must be below 500, no page may carry the sent markup unescaped, and a refused form must show
 * the words typed into its text fields again. Afterwards every page is fetched once more: whatever
 * the fuzzing stored must be shown escaped.
 *
 * `npm test` sends 200 inputs per route with fields and 20 to a route without (PGlite);
 * `npm run fuzz -- --runs 10000` the nightly amount.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import { observeFormSchemas } from '../../src/platform/http/forms'
import { type AccessHarness, createAccessHarness, type Entry } from '../helpers/access'
import { dbKinds } from '../helpers/db'
import {
  encodeFields,
  type FieldValue,
  formInput,
  fuzzRouteFilter,
  fuzzRuns,
  MARKUP_PATTERN,
  nightlyFuzz,
  readableWord,
} from '../helpers/fuzz'

/** Inputs per route with fields (a schema, a form or links with a query string). */
const RUNS = fuzzRuns(200)
/** Inputs per route without any known field: only stray names (`next`, `page`, `x[y]`), which a
 *  route that reads none of them answers alike, so fewer are enough. */
const BARE_RUNS = Math.max(10, Math.round(RUNS / 10))
/** `npm test` fuzzes on the embedded database (the input handling is the same code on both);
 *  the nightly run (`npm run fuzz`) on every database the run has. */
const KINDS = nightlyFuzz() ? dbKinds() : dbKinds().slice(0, 1)

interface Target {
  entry: Entry
  caller: string
  schemas: unknown[]
  names: string[]
}

/** The caller a route is fuzzed as: the first one its rule lets through. */
function callerOf(e: Entry): string {
  if (e.rule.allow === 'anyone') return 'anonymous'
  if (e.rule.allow === 'signedIn') return 'none'
  return e.rule.allow[0] ?? 'admin'
}

interface Form {
  method: string
  action: string
  names: string[]
  /** Text inputs and text areas: a refused form must fill them again with what was typed. */
  textFields: Set<string>
}

/** The forms of a page: method, action path and the names of their fields. */
function formsIn(html: string): Form[] {
  const out: Form[] = []
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = m[1] ?? ''
    const inner = m[2] ?? ''
    const method = (/\bmethod="([^"]*)"/.exec(attrs)?.[1] ?? 'get').toUpperCase()
    const action = (/\baction="([^"]*)"/.exec(attrs)?.[1] ?? '').replace(/&amp;/g, '&').split('?')[0] ?? ''
    const names = [...inner.matchAll(/<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"/g)]
      .map((n) => n[1] ?? '')
      .filter((n) => n && n !== '_csrf')
    out.push({ method, action, names, textFields: textFieldsIn(inner) })
  }
  return out
}

/** Text fields a refused form must fill again with what was typed. */
function textFieldsIn(html: string): Set<string> {
  const out = new Set<string>()
  for (const m of html.matchAll(/<input\b([^>]*)>/g)) {
    const attrs = m[1] ?? ''
    const type = /\btype="([^"]*)"/.exec(attrs)?.[1] ?? 'text'
    const name = /\bname="([^"]*)"/.exec(attrs)?.[1]
    // A one-time code is not offered again: it is spent or wrong either way.
    const oneTime = /\bautocomplete="one-time-code"/.test(attrs)
    if (name && !oneTime && ['text', 'email', 'search', 'tel', 'url'].includes(type)) out.add(name)
  }
  for (const m of html.matchAll(/<textarea\b[^>]*\bname="([^"]*)"/g)) if (m[1]) out.add(m[1])
  return out
}

interface Link {
  path: string
  names: string[]
}

/** Links with a query string (`href="/sitzungen?jahr=2026"`): their path and parameter names. */
function linksIn(html: string): Link[] {
  const out: Link[] = []
  for (const m of html.matchAll(/\bhref="(\/[^"?#]*)\?([^"#]+)"/g)) {
    const names = (m[2] ?? '')
      .replace(/&amp;/g, '&')
      .split('&')
      .map((p) => decodeURIComponent(p.split('=')[0] ?? '').trim())
      .filter((n) => n && /^[\w.[\]-]+$/.test(n))
    if (names.length) out.push({ path: m[1] ?? '', names })
  }
  return out
}

function routePattern(url: string): RegExp {
  const escaped = url.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+')
  return new RegExp(`^(/en)?${escaped}$`)
}

for (const kind of KINDS) {
  describe(`edge fuzzing (${kind})`, () => {
    let h: AccessHarness
    const targets: Target[] = []

    before(async () => {
      h = await createAccessHarness(kind, { RATE_LIMIT_PER_MINUTE: '100000' })
      const only = fuzzRouteFilter()
      const candidates = h.entries.filter(
        (e) =>
          (e.method === 'GET' || e.method === 'POST') && !e.url.includes('*') && (!only || e.key === only),
      )
      // 1. Which schemas each route validates with, and the forms and links its pages render.
      const found = new Map<string, unknown[]>()
      const forms: Form[] = []
      const links: Link[] = []
      for (const e of [...candidates].sort(
        (a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET'),
      )) {
        const schemas: unknown[] = []
        observeFormSchemas((s) => schemas.push(s))
        const { res } = await h.call(e, callerOf(e))
        observeFormSchemas(undefined)
        const qs = h.registered.find((r) => r.key === e.key)?.querystring
        found.set(e.key, [...new Set([...schemas, ...(qs ? [qs] : [])])])
        if (String(res.headers['content-type'] ?? '').startsWith('text/html')) {
          forms.push(...formsIn(res.body))
          links.push(...linksIn(res.body))
        }
      }
      // 2. Every route is a target (a new one is fuzzed without being listed here): with the fields
      //    its schemas, its pages' forms and the query strings of links to it name, and with
      //    names no page offers.
      for (const e of candidates) {
        const pattern = routePattern(e.url)
        const names = [
          ...new Set([
            ...forms.filter((f) => f.method === e.method && pattern.test(f.action)).flatMap((f) => f.names),
            ...(e.method === 'GET' ? links.filter((l) => pattern.test(l.path)).flatMap((l) => l.names) : []),
          ]),
        ]
        const schemas = found.get(e.key) ?? []
        targets.push({ entry: e, caller: callerOf(e), schemas, names })
      }
    })
    after(async () => {
      await h?.close()
    })

    test('every form and query string survives generated and hostile input', async (t) => {
      const withFields = targets.filter((x) => x.schemas.length || x.names.length)
      assert.ok(
        withFields.length >= (fuzzRouteFilter() ? 1 : 80),
        `only ${withFields.length} routes with fields found`,
      )
      for (const target of targets) {
        const { entry: e, caller } = target
        const pattern = routePattern(e.url)
        const runs = target.schemas.length || target.names.length ? RUNS : BARE_RUNS
        await t.test(`${e.key} as ${caller} (${runs} inputs)`, async () => {
          const failures: string[] = []
          await fc.assert(
            fc.asyncProperty(formInput(target.schemas, target.names), async (input) => {
              const encoded = encodeFields(input)
              const { url, res } = await h.call(
                e,
                caller,
                e.method === 'GET'
                  ? { query: encoded }
                  : { body: encoded, freshSession: e.url === '/abmelden' },
              )
              const type = String(res.headers['content-type'] ?? '')
              const where = () =>
                `${res.statusCode} for ${e.method} ${url}${e.method === 'POST' ? ` ${encoded}` : ''}`
              if (res.statusCode >= 500) failures.push(`server error: ${where()}`.slice(0, 600))
              else if (/html|xml/.test(type) && MARKUP_PATTERN.test(res.body))
                failures.push(`unescaped markup: ${where()}`.slice(0, 600))
              else if (res.statusCode === 400 && type.startsWith('text/html') && e.method === 'POST') {
                const shown = new Set(
                  formsIn(res.body)
                    .filter((f) => f.method === 'POST' && pattern.test(f.action))
                    .flatMap((f) => [...f.textFields]),
                )
                for (const [name, values] of Object.entries(input) as [string, FieldValue][]) {
                  const word = values?.length === 1 ? readableWord(values[0] ?? '') : undefined
                  if (word && shown.has(name) && !res.body.includes(word))
                    failures.push(`typed value of ${name} lost on the refused form: ${where()}`.slice(0, 600))
                }
              }
            }),
            { numRuns: runs },
          )
          assert.deepEqual(failures.slice(0, 5), [])
        })
      }
    })

    test('every page shows what the fuzzing stored escaped, without a server error', async () => {
      const failures: string[] = []
      for (const e of h.entries.filter((x) => x.method === 'GET' && !x.url.includes('*'))) {
        for (const caller of new Set(['anonymous', 'admin', callerOf(e)])) {
          if (!h.allowed(e.rule, caller)) continue
          const { url, res } = await h.call(e, caller)
          const type = String(res.headers['content-type'] ?? '')
          if (res.statusCode >= 500) failures.push(`${url} as ${caller}: ${res.statusCode}`)
          else if (/html|xml/.test(type) && MARKUP_PATTERN.test(res.body))
            failures.push(`${url} as ${caller}: unescaped markup`)
        }
      }
      assert.deepEqual(failures, [])
    })
  })
}

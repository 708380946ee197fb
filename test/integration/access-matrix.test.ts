/**
 * The authorisation matrix: every registered route and method, called as anonymous, as one user per
 * role, as a signed-in user without roles and as the record-level personas of the fixtures, must answer
 * what the route's entry in its feature's `access.ts` declares (src/platform/access-rules.ts). A route
 * without an entry, or an entry without a route, fails: every new module declares its rules.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { RouteRule } from '../../src/platform/access-rules'
import { type AccessHarness, createAccessHarness } from '../helpers/access'
import { dbKinds } from '../helpers/db'

const REFUSED_SIGN_IN = /^\/(en\/)?anmelden\?next=/

for (const kind of dbKinds()) {
  describe(`authorisation matrix (${kind})`, () => {
    let h: AccessHarness

    before(async () => {
      h = await createAccessHarness(kind)
    })
    after(async () => {
      await h?.close()
    })

    test('every registered route has an entry in an access.ts, and every entry a route', () => {
      const declared = new Set(h.entries.map((e) => e.key))
      const registered = h.registered.map((r) => r.key)
      const missing = registered.filter((r) => !declared.has(r))
      assert.deepEqual(missing, [], `routes without an access rule (add them to the feature's access.ts)`)
      const stale = [...declared].filter((d) => !registered.includes(d))
      assert.deepEqual(stale, [], 'access rules for routes that do not exist')
    })

    function expectedStatus(rule: RouteRule<unknown>, caller: string): number | undefined {
      if (rule.status === undefined || typeof rule.status === 'number') return rule.status
      return rule.status[caller] ?? rule.status.default
    }

    test('every route answers each caller as its entry declares', async () => {
      const failures: string[] = []
      // GETs first, then the rest; per route the refused callers first, so that an allowed POST that
      // changes the record (cancel, remove) cannot turn a refusal into a 404.
      const ordered = [...h.entries].sort((a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET'))
      const roles = [...h.t.deps.permissions.roles].sort().filter((r) => r !== 'admin')
      let index = 0
      for (const e of ordered) {
        // A public route is called as anonymous, without roles, as administrator and with one more
        // role in turn (every role comes round on some public routes); the record-level personas only
        // where a rule names them. Restricted routes are called by everyone.
        const all =
          e.rule.allow === 'anyone'
            ? [
                ...new Set([
                  'anonymous',
                  'none',
                  'admin',
                  roles[index++ % roles.length]!,
                  ...Object.keys(e.rule.deny ?? {}),
                ]),
              ]
            : [...h.callers.keys()]
        const allowed = (c: string) => h.allowed(e.rule, c)
        const byRefusal = [...all.filter((c) => !allowed(c)), ...all.filter(allowed)]
        for (const caller of byRefusal) {
          const { url, res } = await h.call(e, caller)
          const location = String(res.headers.location ?? '')
          const got = `${res.statusCode}${location ? ` → ${location}` : ''}`
          const where = `${e.key} as ${caller} (${url}): got ${got}`
          if (res.statusCode >= 500) {
            failures.push(`${where}, a server error`)
            continue
          }
          const toSignIn = res.statusCode === 303 && REFUSED_SIGN_IN.test(location)
          if (!allowed(caller)) {
            const want = e.rule.deny?.[caller] ?? e.rule.refused
            if (want !== undefined) {
              if (res.statusCode !== want) failures.push(`${where}, expected ${want} (refused)`)
            } else if (caller === 'anonymous') {
              if (!toSignIn) failures.push(`${where}, expected 303 to /anmelden (refused)`)
            } else if (res.statusCode !== 403) failures.push(`${where}, expected 403 (refused)`)
            continue
          }
          const want = expectedStatus(e.rule, caller) ?? (e.method === 'GET' ? 200 : undefined)
          if (want !== undefined) {
            if (res.statusCode !== want) failures.push(`${where}, expected ${want}`)
          } else if (res.statusCode === 403 || toSignIn) failures.push(`${where}, expected to be let through`)
        }
      }
      assert.deepEqual(failures, [])
    })
  })
}

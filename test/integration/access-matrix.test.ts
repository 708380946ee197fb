/**
 * The authorisation matrix: every registered route and method, called as anonymous, as one user per
 * role, as a signed-in user without roles and as the record-level personas of the fixtures, must answer
 * what the route's entry in its feature's `access.ts` declares (src/platform/access-rules.ts). A route
 * without an entry, or an entry without a route, fails: every new module declares its rules.
 */
import assert from 'node:assert/strict'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { buildApp, FEATURES } from '../../src/app'
import type { AccessTable, FixtureContext, RouteRule } from '../../src/platform/access-rules'
import { createSession, SESSION_COOKIE } from '../../src/platform/auth/sessions'
import type { App } from '../../src/platform/feature'
import { CSRF_COOKIE, csrfTokenFor } from '../../src/platform/http/csrf'
import { seedDemoOnce } from '../../src/platform/runtime'
import { createTestApp, type TestApp } from '../helpers/app'
import { dbKinds } from '../helpers/db'

const root = path.resolve(import.meta.dirname, '../..')

/** Every `access.ts` under src/ (features and platform). */
async function loadTables(): Promise<{ file: string; table: AccessTable<unknown> }[]> {
  const out: { file: string; table: AccessTable<unknown> }[] = []
  const entries = await readdir(path.join(root, 'src'), { withFileTypes: true, recursive: true })
  for (const e of entries) {
    if (!e.isFile() || e.name !== 'access.ts') continue
    const file = path.join(e.parentPath, e.name)
    const mod = (await import(file)) as { access?: AccessTable<unknown> }
    assert.ok(mod.access, `${path.relative(root, file)} must export \`access\` (defineAccess)`)
    out.push({ file: path.relative(root, file), table: mod.access })
  }
  return out.sort((a, b) => a.file.localeCompare(b.file))
}

interface Entry {
  key: string
  method: string
  url: string
  rule: RouteRule<unknown>
  fixtures: unknown
}

const REFUSED_SIGN_IN = /^\/(en\/)?anmelden\?next=/

for (const kind of dbKinds()) {
  describe(`authorisation matrix (${kind})`, () => {
    let t: TestApp
    let app: App
    const registered: string[] = []
    const entries: Entry[] = []
    const callers = new Map<string, string | null>() // caller → user id (null: anonymous)
    const sessions = new Map<string, string>()
    const personas = new Set<string>()
    const csrfCookie = 'matrix-csrf-cookie-value'
    let csrfToken = ''

    before(async () => {
      t = await createTestApp(kind)
      app = await buildApp(t.deps, {
        onRoute: (r) => {
          for (const m of [r.method].flat()) if (m !== 'HEAD') registered.push(`${m} ${r.url}`)
        },
      })
      await app.ready()
      await seedDemoOnce(t.deps, FEATURES, () => {})

      csrfToken = csrfTokenFor(t.deps.signingKey, csrfCookie)

      callers.set('anonymous', null)
      const users: Record<string, string> = {}
      users.none = await t.createUser('none@matrix.test', [])
      callers.set('none', users.none)
      for (const role of [...t.deps.permissions.roles].sort()) {
        users[role] = await t.createUser(`${role}@matrix.test`, [role])
        callers.set(role, users[role])
      }
      const ctx: FixtureContext = {
        deps: t.deps,
        users,
        async persona(name, roles) {
          assert.ok(!callers.has(name), `persona ${name} declared twice`)
          const id = await t.createUser(`${name.toLowerCase()}@matrix.test`, [...roles])
          callers.set(name, id)
          personas.add(name)
          return id
        },
        async get(url) {
          const res = await app.inject({ method: 'GET', url })
          return { status: res.statusCode, body: res.body }
        },
      }
      const seen = new Map<string, string>()
      for (const { file, table } of await loadTables()) {
        const fixtures = table.fixtures ? await table.fixtures(ctx) : {}
        for (const [key, rule] of Object.entries(table.routes)) {
          assert.ok(!seen.has(key), `${key} is declared in ${seen.get(key)} and ${file}`)
          seen.set(key, file)
          const [method, url] = key.split(' ') as [string, string]
          entries.push({ key, method, url, rule, fixtures })
        }
      }
    })
    after(async () => {
      await app?.close()
      await t?.close()
    })

    test('every registered route has an entry in an access.ts, and every entry a route', () => {
      const declared = new Set(entries.map((e) => e.key))
      const missing = registered.filter((r) => !declared.has(r))
      assert.deepEqual(missing, [], `routes without an access rule (add them to the feature's access.ts)`)
      const stale = [...declared].filter((d) => !registered.includes(d))
      assert.deepEqual(stale, [], 'access rules for routes that do not exist')
    })

    function allowed(rule: RouteRule<unknown>, caller: string): boolean {
      if (rule.deny && caller in rule.deny) return false
      if (rule.allow === 'anyone') return true
      if (rule.allow === 'signedIn') return caller !== 'anonymous'
      return rule.allow.includes(caller)
    }

    function expectedStatus(rule: RouteRule<unknown>, caller: string): number | undefined {
      if (rule.status === undefined || typeof rule.status === 'number') return rule.status
      return rule.status[caller] ?? rule.status.default
    }

    async function call(e: Entry, caller: string) {
      let url = e.url
      for (const [k, v] of Object.entries(e.rule.params?.(e.fixtures) ?? {}))
        url = url.replace(`:${k}`, encodeURIComponent(v))
      assert.ok(
        !/[:*]/.test(url.replace(/^\/assets\/kern\//, '')) || e.url.includes('*'),
        `${e.key}: params missing`,
      )
      url = url.replace('*', 'x')
      if (e.rule.query && e.method === 'GET') url += `?${e.rule.query}`
      const userId = callers.get(caller)
      const cookies = [`${CSRF_COOKIE}=${csrfCookie}`]
      if (userId) {
        // GETs share a session per caller; a POST gets a fresh one (it may end it: sign-out).
        let cookie = e.method === 'GET' ? sessions.get(caller) : undefined
        if (!cookie) {
          cookie = (await createSession(t.deps.db, userId, 3_600_000)).cookie
          if (e.method === 'GET') sessions.set(caller, cookie)
        }
        cookies.push(`${SESSION_COOKIE}=${cookie}`)
      }
      const res = await app.inject({
        method: e.method as 'GET' | 'POST' | 'OPTIONS',
        url,
        headers: {
          cookie: cookies.join('; '),
          ...(e.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(e.method === 'POST' ? { payload: `_csrf=${encodeURIComponent(csrfToken)}` } : {}),
      })
      return { url, res }
    }

    test('every route answers each caller as its entry declares', async () => {
      const failures: string[] = []
      // GETs first, then the rest; per route the refused callers first, so that an allowed POST that
      // changes the record (cancel, remove) cannot turn a refusal into a 404.
      const ordered = [...entries].sort((a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET'))
      for (const e of ordered) {
        // A public route is called as anonymous, without roles and with each role; the record-level
        // personas only where a rule restricts who gets through.
        const all = [...callers.keys()].filter(
          (c) => e.rule.allow !== 'anyone' || !personas.has(c) || e.rule.deny?.[c] !== undefined,
        )
        const byRefusal = [
          ...all.filter((c) => !allowed(e.rule, c)),
          ...all.filter((c) => allowed(e.rule, c)),
        ]
        for (const caller of byRefusal) {
          const { url, res } = await call(e, caller)
          const location = String(res.headers.location ?? '')
          const got = `${res.statusCode}${location ? ` → ${location}` : ''}`
          const where = `${e.key} as ${caller} (${url}): got ${got}`
          if (res.statusCode >= 500) {
            failures.push(`${where}, a server error`)
            continue
          }
          const toSignIn = res.statusCode === 303 && REFUSED_SIGN_IN.test(location)
          if (!allowed(e.rule, caller)) {
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

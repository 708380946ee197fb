import assert from 'node:assert/strict'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { buildApp, FEATURES } from '../../src/app'
import type { AccessTable, FixtureContext, RouteRule } from '../../src/platform/access-rules'
import { createSession, SESSION_COOKIE } from '../../src/platform/auth/sessions'
import type { App } from '../../src/platform/feature'
import { CSRF_COOKIE, csrfTokenFor } from '../../src/platform/http/csrf'
import { seedDemoOnce } from '../../src/platform/runtime'
import { createTestApp, type TestApp } from './app'
import type { DbKind } from './db'

/**
 * The app of the authorisation matrix and the edge fuzzing: demo data, one user per role, the
 * fixtures and personas of every `access.ts`, and a way to call any route as any of them.
 */
const root = path.resolve(import.meta.dirname, '../..')

export interface Entry {
  key: string
  method: string
  url: string
  rule: RouteRule<unknown>
  fixtures: unknown
}

export interface RegisteredRoute {
  key: string
  method: string
  url: string
  /** The route's TypeBox querystring schema, if it declares one. */
  querystring?: unknown
}

export interface AccessHarness {
  t: TestApp
  app: App
  registered: RegisteredRoute[]
  entries: Entry[]
  /** caller → user id (null: anonymous) */
  callers: Map<string, string | null>
  personas: Set<string>
  allowed(rule: RouteRule<unknown>, caller: string): boolean
  /** The path of an entry with its parameters filled in from the fixtures. */
  pathOf(e: Entry): string
  /**
   * Calls a route as a caller: GET with a query string, POST with form fields (both urlencoded, as
   * sent) and a valid CSRF token.
   */
  call(
    e: Entry,
    caller: string,
    /** freshSession (default: for every POST): a new session for this call, as it may end it. */
    input?: { query?: string; body?: string; freshSession?: boolean },
  ): Promise<{ url: string; res: Awaited<ReturnType<App['inject']>> }>
  close(): Promise<void>
}

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

export async function createAccessHarness(
  kind: DbKind,
  env: Record<string, string> = {},
): Promise<AccessHarness> {
  const t = await createTestApp(kind, env)
  const registered: RegisteredRoute[] = []
  const app = await buildApp(t.deps, {
    onRoute: (r) => {
      const schema = (r as { schema?: { querystring?: unknown } }).schema
      for (const m of [r.method].flat())
        if (m !== 'HEAD')
          registered.push({ key: `${m} ${r.url}`, method: m, url: r.url, querystring: schema?.querystring })
    },
  })
  await app.ready()
  await seedDemoOnce(t.deps, FEATURES, () => {})
  const csrfCookie = 'matrix-csrf-cookie-value'
  const csrfToken = csrfTokenFor(t.deps.signingKey, csrfCookie)

  const callers = new Map<string, string | null>()
  const personas = new Set<string>()
  const sessions = new Map<string, string>()
  callers.set('anonymous', null)
  const users: Record<string, string> = {}
  users.none = await t.createUser('none@matrix.test', [])
  callers.set('none', users.none)
  const roles = [...t.deps.permissions.roles].sort()
  const ids = await Promise.all(roles.map((role) => t.createUser(`${role}@matrix.test`, [role])))
  roles.forEach((role, i) => {
    users[role] = ids[i]!
    callers.set(role, ids[i]!)
  })
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
  const entries: Entry[] = []
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

  const pathOf = (e: Entry) => {
    let url = e.url
    for (const [k, v] of Object.entries(e.rule.params?.(e.fixtures) ?? {}))
      url = url.replace(`:${k}`, encodeURIComponent(v))
    assert.ok(!url.includes('/:'), `${e.key}: params missing`)
    return url.replace('*', 'x')
  }

  return {
    t,
    app,
    registered,
    entries,
    callers,
    personas,
    allowed(rule, caller) {
      if (rule.deny && caller in rule.deny) return false
      if (rule.allow === 'anyone') return true
      if (rule.allow === 'signedIn') return caller !== 'anonymous'
      return rule.allow.includes(caller)
    },
    pathOf,
    async call(e, caller, input = {}) {
      let url = pathOf(e)
      if (e.method === 'GET') {
        const query = input.query ?? e.rule.query
        if (query) url += `?${query}`
      }
      const userId = callers.get(caller)
      const cookies = [`${CSRF_COOKIE}=${csrfCookie}`]
      if (userId) {
        // GETs share a session per caller; a POST gets a fresh one (it may end it: sign-out).
        const fresh = input.freshSession ?? e.method !== 'GET'
        let cookie = fresh ? undefined : sessions.get(caller)
        if (!cookie) {
          cookie = (await createSession(t.deps.db, userId, 3_600_000)).cookie
          if (!fresh) sessions.set(caller, cookie)
        }
        cookies.push(`${SESSION_COOKIE}=${cookie}`)
      }
      const body = [`_csrf=${encodeURIComponent(csrfToken)}`, ...(input.body ? [input.body] : [])].join('&')
      const res = await app.inject({
        method: e.method as 'GET' | 'POST' | 'OPTIONS',
        url,
        headers: {
          cookie: cookies.join('; '),
          ...(e.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(e.method === 'POST' ? { payload: body } : {}),
      })
      return { url, res }
    },
    async close() {
      await app.close()
      await t.close()
    },
  }
}

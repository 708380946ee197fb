import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../helpers/app'
import { dbKinds } from '../helpers/db'
import { auditRefused } from '../helpers/errors'
import { Client } from '../helpers/http'

for (const kind of dbKinds()) {
  describe(`platform (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
      await t.createUser('admin@example.org', ['admin'])
      await t.createUser('nobody@example.org', [])
    })
    after(() => t.close())

    it('answers liveness and readiness as JSON', async () => {
      const live = await t.app.inject('/health/live')
      assert.equal(live.statusCode, 200)
      assert.deepEqual(live.json(), { status: 'ok' })
      const ready = await t.app.inject('/health/ready')
      assert.equal(ready.statusCode, 200)
      assert.equal(ready.json().migrations, 'applied')
    })

    it('keeps /metrics closed without METRICS_TOKEN', async () => {
      assert.equal((await t.app.inject('/metrics')).statusCode, 404)
      const guessed = await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer x' } })
      assert.equal(guessed.statusCode, 404)
    })

    it('counts requests by route in Prometheus format, for the holder of METRICS_TOKEN only', async () => {
      const token = 'metrics-token-for-the-test-0123456789'
      const m = await createTestApp(kind, { METRICS_TOKEN: token })
      after(() => m.close())
      await m.app.inject('/impressum')
      assert.equal((await m.app.inject('/metrics')).statusCode, 401)
      assert.equal(
        (await m.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}x` } })).statusCode,
        401,
      )
      const res = await m.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } })
      assert.equal(res.statusCode, 200)
      assert.match(res.headers['content-type'] as string, /text\/plain/)
      assert.match(res.body, /http_requests_total\{method="GET",route="\/impressum",status="200"\} \d+/)
      assert.match(
        res.body,
        /http_request_duration_seconds_bucket\{method="GET",route="\/impressum",le="0.005"\}/,
      )
    })

    it('sends strict security headers on every page', async () => {
      const res = await t.app.inject('/')
      const csp = res.headers['content-security-policy'] as string
      assert.match(csp, /default-src 'self'/)
      assert.match(csp, /script-src 'self'(;|$)/)
      assert.match(csp, /frame-ancestors 'none'/)
      assert.doesNotMatch(csp, /unsafe-inline|https?:/)
      assert.equal(res.headers['x-content-type-options'], 'nosniff')
      assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS over http')
    })

    it('serves German at / and English at /en with lang, dir and a language switch', async () => {
      const de = await t.app.inject('/impressum')
      assert.match(de.body, /<html lang="de" dir="ltr"/)
      assert.match(de.body, /<h1[^>]*>Impressum<\/h1>/)
      assert.match(de.body, /href="\/en\/impressum" hreflang="en"/)
      const en = await t.app.inject('/en/impressum')
      assert.equal(en.statusCode, 200)
      assert.match(en.body, /<html lang="en" dir="ltr"/)
      assert.match(en.body, /<h1[^>]*>Legal notice<\/h1>/)
      assert.match(en.body, /href="\/impressum" hreflang="de"/)
      for (const path of ['/datenschutz', '/barrierefreiheit', '/leichte-sprache', '/gebaerdensprache']) {
        assert.equal((await t.app.inject(path)).statusCode, 200, path)
        assert.match((await t.app.inject('/')).body, new RegExp(`href="${path}"`), `footer links ${path}`)
      }
    })

    it('shows a branded 404 page in the visitor’s language', async () => {
      const res = await t.app.inject('/en/gibt-es-nicht')
      assert.equal(res.statusCode, 404)
      assert.match(res.body, /Page not found/)
      assert.match(res.body, /<html lang="en"/)
    })

    it('signs in with the right password and out again', async () => {
      const c = new Client(t.app)
      const res = await c.signIn('admin@example.org')
      assert.equal(res.headers.location, '/verwaltung', 'staff land on their desk')
      const cookie = (res.headers['set-cookie'] as string[]).find((s) => s.startsWith('teilhabe_session='))!
      assert.match(cookie, /HttpOnly/)
      assert.match(cookie, /SameSite=Lax/)
      const home = await c.get('/')
      assert.match(home.body, /Sie sind angemeldet/)
      assert.equal(home.headers['cache-control'], 'private, no-store', 'personal pages are not cached')
      assert.match(home.body, /Abmelden/)
      const token = await c.csrfToken('/')
      const out = await c.post('/abmelden', { _csrf: token })
      assert.equal(out.statusCode, 303)
      assert.match((await c.get('/')).body, /Anmelden/)
      assert.equal((await c.get('/verwaltung')).statusCode, 303)
    })

    it('refuses a wrong password with a message next to the field and keeps the e-mail', async () => {
      const c = new Client(t.app)
      const res = await c.submit('/anmelden', '/anmelden', {
        email: 'admin@example.org',
        password: 'wrong-password',
      })
      assert.equal(res.statusCode, 400)
      assert.match(res.body, /<title>Fehler: Anmelden/)
      assert.match(res.body, /E-Mail-Adresse oder Passwort sind nicht richtig/)
      assert.match(res.body, /href="#feld-email"/)
      assert.match(res.body, /value="admin@example.org"/)
      assert.doesNotMatch(res.body, /wrong-password/)
    })

    it('asks for both fields when the form is empty', async () => {
      const c = new Client(t.app)
      const res = await c.submit('/en/anmelden', '/en/anmelden', {})
      assert.equal(res.statusCode, 400)
      for (const message of ['Enter the e-mail address of your account.', 'Enter your password.'])
        assert.equal(res.body.split(message).length - 1, 2, `${message} in the summary and at the field`)
    })

    it('locks an account after repeated failures', async () => {
      await t.createUser('victim@example.org', [])
      const c = new Client(t.app)
      for (let i = 0; i < t.config.loginMaxFailures; i++) {
        await c.submit('/anmelden', '/anmelden', { email: 'victim@example.org', password: `nope-${i}` })
      }
      const res = await c.submit('/anmelden', '/anmelden', {
        email: 'victim@example.org',
        password: 'correct horse battery staple',
      })
      assert.equal(res.statusCode, 400, 'the right password does not help while locked')
      assert.match(res.body, /vorübergehend gesperrt/)
    })

    it('refuses a forged POST: no token, a wrong token, or another origin', async () => {
      const c = new Client(t.app)
      const token = await c.csrfToken('/anmelden')
      const fields = { email: 'admin@example.org', password: 'correct horse battery staple' }
      const noToken = await c.post('/anmelden', fields)
      assert.equal(noToken.statusCode, 403)
      assert.match(noToken.body, /Formular abgelaufen/)
      const wrong = await c.post('/anmelden', { ...fields, _csrf: `${token}x` })
      assert.equal(wrong.statusCode, 403)
      const otherClient = new Client(t.app)
      await otherClient.get('/anmelden')
      const stolen = await otherClient.post('/anmelden', { ...fields, _csrf: token })
      assert.equal(stolen.statusCode, 403, 'a token belongs to its own cookie')
      const crossSite = await c.post(
        '/anmelden',
        { ...fields, _csrf: token },
        { 'sec-fetch-site': 'cross-site' },
      )
      assert.equal(crossSite.statusCode, 403)
      const evilOrigin = await c.post(
        '/anmelden',
        { ...fields, _csrf: token },
        { origin: 'https://evil.example' },
      )
      assert.equal(evilOrigin.statusCode, 403)
      const ok = await c.post('/anmelden', { ...fields, _csrf: token }, { origin: 'http://localhost:3000' })
      assert.equal(ok.statusCode, 303)
    })

    it('sends anonymous visitors to sign in and refuses users without the permission', async () => {
      const anon = await t.app.inject('/verwaltung/protokoll')
      assert.equal(anon.statusCode, 303)
      assert.equal(anon.headers.location, '/anmelden?next=%2Fverwaltung%2Fprotokoll')
      const c = new Client(t.app)
      await c.signIn('nobody@example.org')
      const denied = await c.get('/verwaltung/protokoll')
      assert.equal(denied.statusCode, 403)
      assert.match(denied.body, /Kein Zugriff/)
    })

    it('lets an admin filter the audit log by person, record and date', async () => {
      const c = new Client(t.app)
      await c.signIn('admin@example.org')
      const all = await c.get('/verwaltung/protokoll')
      assert.equal(all.statusCode, 200)
      assert.match(all.body, /user.create/)
      const byActor = await c.get('/verwaltung/protokoll?actor=admin%40example.org')
      assert.match(byActor.body, /user.sign_in/)
      assert.doesNotMatch(byActor.body, /user.create/, 'users were created by the cli actor')
      const future = await c.get('/verwaltung/protokoll?from=2999-01-01')
      assert.match(future.body, /Keine Einträge/)
      const bad = await c.get('/verwaltung/protokoll?from=gestern')
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /Geben Sie bei „Von“ ein Datum ein\./, 'the message names the field')
    })

    it('shows the audit log 20 entries a page, so a page stays short', async () => {
      const { writeAudit, CLI_ACTOR } = await import('../../src/platform/audit')
      for (let i = 0; i < 25; i++)
        await writeAudit(t.deps.db, CLI_ACTOR, {
          action: 'probe.page',
          entityType: 'seitenprobe',
          entityId: `probe-${i}`,
        })
      const c = new Client(t.app)
      await c.signIn('admin@example.org')
      const first = await c.get('/verwaltung/protokoll?entityType=seitenprobe')
      assert.equal(first.body.match(/probe\.page/g)?.length, 20)
      assert.match(first.body, /href="\/verwaltung\/protokoll\?entityType=seitenprobe&amp;page=2"/)
      const second = await c.get('/verwaltung/protokoll?entityType=seitenprobe&page=2')
      assert.equal(second.body.match(/probe\.page/g)?.length, 5)
    })

    it('keeps the audit log append-only in the database: no UPDATE, DELETE or TRUNCATE', async () => {
      const { sql } = await import('drizzle-orm')
      const count = async () =>
        Number(
          (
            (await t.deps.db.execute(sql`select count(*)::int as n from audit_log`)) as unknown as {
              rows: { n: number }[]
            }
          ).rows[0]!.n,
        )
      const before = await count()
      assert.ok(before > 0, 'there are entries to protect')
      await assert.rejects(t.deps.db.execute(sql`delete from audit_log`), auditRefused('DELETE'))
      await assert.rejects(t.deps.db.execute(sql`update audit_log set action = 'x'`), auditRefused('UPDATE'))
      await assert.rejects(t.deps.db.execute(sql`truncate audit_log`), auditRefused('TRUNCATE'))
      assert.equal(await count(), before)
    })
  })
}

describe('platform behind https with a strict rate limit', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp('pglite', { PUBLIC_URL: 'https://teilhabe.example', RATE_LIMIT_PER_MINUTE: '3' })
    await t.createUser('admin@example.org', ['admin'])
  })
  after(() => t.close())

  it('sends HSTS and marks cookies Secure', async () => {
    const res = await t.app.inject('/anmelden')
    assert.match(res.headers['strict-transport-security'] as string, /max-age=\d+/)
    const c = new Client(t.app)
    const signedIn = await c.signIn('admin@example.org')
    const cookie = (signedIn.headers['set-cookie'] as string[]).find((s) =>
      s.startsWith('teilhabe_session='),
    )!
    assert.match(cookie, /Secure/)
  })

  it('answers too many sign-in attempts from one address with 429 and a branded page', async () => {
    const c = new Client(t.app)
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) {
      const res = await c.submit('/anmelden', '/anmelden', { email: 'x@example.org', password: 'wrong' })
      statuses.push(res.statusCode)
      if (res.statusCode === 429) assert.match(res.body, /Zu viele Anfragen/)
    }
    assert.ok(statuses.includes(429), `got ${statuses.join(',')}`)
  })
})

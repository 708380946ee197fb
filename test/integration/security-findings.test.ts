import assert from 'node:assert/strict'
import net from 'node:net'
import { after, before, describe, it } from 'node:test'
import { eq, sql } from 'drizzle-orm'
import { hashSessionId } from '../../src/platform/auth/sessions'
import { mailOutbox } from '../../src/platform/mail/tables'
import { createTestApp, type TestApp } from '../helpers/app'
import { dbKinds } from '../helpers/db'
import { Client } from '../helpers/http'

const stripToken = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '')

/**
 * Sends request headers and the first `sent` bytes of a body that claims `declared` bytes, then
 * waits (at most `waitMs`) for the status line: a server that buffers the body never answers.
 */
function partialPost(
  port: number,
  path: string,
  headers: Record<string, string>,
  declared: number,
  sent: number,
  waitMs = 5000,
): Promise<{ status: number | null; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now()
    const socket = net.connect(port, '127.0.0.1')
    let data = ''
    const done = (status: number | null) => {
      clearTimeout(timer)
      socket.destroy()
      resolve({ status, ms: Date.now() - started })
    }
    const timer = setTimeout(() => done(null), waitMs)
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1')
      const m = /^HTTP\/1\.1 (\d{3})/.exec(data)
      if (m) done(Number(m[1]))
    })
    socket.on('error', () => done(null))
    socket.on('connect', () => {
      const head = Object.entries({
        host: `127.0.0.1:${port}`,
        'content-length': String(declared),
        ...headers,
      })
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')
      socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n\r\n`)
      socket.write(Buffer.alloc(sent, 0x61))
    })
  })
}

/**
 * The findings of the loopback probe (issue 11), one test each; see docs/security.md. Each of
 * these failed before its fix.
 */
for (const kind of dbKinds()) {
  describe(`security findings (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
      await t.createUser('admin@example.org', ['admin'])
      await t.createUser('presse@example.org', ['press'])
    })
    after(() => t.close())

    it('1: a multipart body is refused before it is read on routes that take no files', async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' })
      const port = (t.app.server.address() as net.AddressInfo).port
      const multipart = { 'content-type': 'multipart/form-data; boundary=x' }
      // 200 MB announced, 64 kB sent: the answer comes without waiting for the rest.
      for (const path of ['/abmelden', '/anmelden', '/presse/redaktion/neu']) {
        const res = await partialPost(port, path, multipart, 200 * 1024 * 1024, 64 * 1024)
        assert.equal(res.status, 415, `${path}: answered ${res.status} after ${res.ms} ms`)
      }
      // On an upload route, anonymous visitors are sent to sign in before the body is read…
      const staffOnly = await partialPost(
        port,
        '/presse/redaktion/00000000-0000-4000-8000-000000000000/anhaenge',
        multipart,
        t.config.uploadMaxBytes / 2,
        64 * 1024,
      )
      assert.equal(staffOnly.status, 303)
      // …and a body far beyond the upload limit is 413 at once, even for staff.
      const c = new Client(t.app)
      await c.signIn('presse@example.org')
      const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
      const tooBig = await partialPost(
        port,
        '/presse/redaktion/00000000-0000-4000-8000-000000000000/anhaenge',
        { ...multipart, cookie, origin: `http://127.0.0.1:${port}` },
        t.config.uploadMaxBytes * 3,
        64 * 1024,
      )
      assert.equal(tooBig.status, 413)
      // An ordinary form body beyond its limit is 413 too, not 400 (finding 12).
      const form = await t.app.inject({
        method: 'POST',
        url: '/anmelden',
        payload: 'a'.repeat(3 * 1024 * 1024),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      assert.equal(form.statusCode, 413)
      assert.match(form.body, /zu groß/)
    })

    it('1: /abmelden is rate-limited per address', async () => {
      const limited = await createTestApp(kind, { RATE_LIMIT_PER_MINUTE: '3' })
      try {
        const statuses: number[] = []
        for (let i = 0; i < 5; i++) {
          const res = await limited.app.inject({
            method: 'POST',
            url: '/abmelden',
            payload: '',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          })
          statuses.push(res.statusCode)
        }
        assert.equal(statuses.at(-1), 429, statuses.join(','))
      } finally {
        await limited.close()
      }
    })

    it('3: control characters in query strings, params and forms are no 500', async () => {
      for (const url of [
        '/beiraete?q=a%00',
        '/presse?thema=%00',
        '/presse/suche?q=a%00b',
        '/presse/a%00b',
        '/sitzungen?q=%01%00',
      ]) {
        const res = await t.app.inject(url)
        assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`)
      }
      const c = new Client(t.app)
      const res = await c.submit('/anmelden', '/anmelden', {
        email: 'admin@example.org\u0000',
        password: 'x',
      })
      assert.equal(res.statusCode, 400)
      assert.match(res.body, /Steuerzeichen/)
      assert.match(res.body, /value="admin@example.org"/)
    })

    it('5: a next= with characters above U+00FF signs in without a 500', async () => {
      const c = new Client(t.app)
      const res = await c.submit('/anmelden', '/anmelden', {
        email: 'admin@example.org',
        password: 'correct horse battery staple',
        next: '/presse?thema=\u4e2d\u6587\u2603',
      })
      assert.equal(res.statusCode, 303)
      assert.ok(
        (res.headers['set-cookie'] as string[]).some((s) => s.startsWith('teilhabe_session=')),
        'the session cookie arrives',
      )
      assert.doesNotMatch(res.headers.location as string, /[^\x21-\x7e]/)
    })

    it('6: a doubled slash after the locale never becomes a protocol-relative link', async () => {
      for (const url of [
        '/en//evil.example',
        '//evil.example',
        '/en/\\evil.example',
        '/en//\\evil.example/x',
      ]) {
        const res = await t.app.inject(url)
        assert.equal(res.statusCode, 404, url)
        assert.doesNotMatch(res.body, /href="(\/\/|\/\\|\\)/, `${url} links off-site`)
      }
    })

    it('7: a non-uuid contact or topic in the press editor is a message next to the field', async () => {
      const c = new Client(t.app)
      await c.signIn('presse@example.org')
      for (const [field, value, message] of [
        ['contactId', 'not-a-uuid', /Diesen Pressekontakt gibt es nicht mehr/],
        ['topicIds', "x' or 1=1", /Ein gewähltes Thema gibt es nicht mehr/],
      ] as const) {
        const res = await c.submit('/presse/redaktion/neu', '/presse/redaktion/neu', {
          title: 'Titel',
          body: 'Text',
          [field]: value,
        })
        assert.equal(res.statusCode, 400, field)
        assert.match(res.body, message)
        assert.match(res.body, /value="Titel"/)
      }
    })

    it('9: the sign-in answer is the same for a locked account and an unknown address; the owner gets a mail', async () => {
      await t.createUser('locked-out@example.org', [])
      const c = new Client(t.app)
      for (let i = 0; i < t.config.loginMaxFailures; i++) {
        await c.submit('/anmelden', '/anmelden', { email: 'locked-out@example.org', password: `nope-${i}` })
      }
      const locked = await c.submit('/anmelden', '/anmelden', {
        email: 'locked-out@example.org',
        password: 'correct horse battery staple',
      })
      const unknown = await c.submit('/anmelden', '/anmelden', {
        email: 'never-registered@example.org',
        password: 'correct horse battery staple',
      })
      assert.equal(locked.statusCode, 400)
      assert.equal(unknown.statusCode, 400)
      const message = (html: string) => /id="feld-email-error"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1]
      assert.ok(message(locked.body))
      assert.equal(message(locked.body), message(unknown.body))
      const mails = await t.deps.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.to, 'locked-out@example.org'))
      assert.equal(mails.length, 1, 'the owner learns of the lock by mail')
      assert.match(mails[0]!.text, /gesperrt/)
    })

    it('9: public registration answers the same for a taken address (also staff) and says the rest by mail', async () => {
      const register = (email: string, organisationName: string) =>
        new Client(t.app).submit('/foerderung/registrieren', '/foerderung/registrieren', {
          organisationName,
          kind: 'association',
          legalForm: 'eingetragener Verein',
          street: 'Hauptstraße 1',
          postcode: '60311',
          city: 'Frankfurt am Main',
          representativeGivenName: 'Ayşe',
          representativeFamilyName: 'Yılmaz',
          iban: 'DE89 3704 0044 0532 0130 00',
          accountHolder: 'Verein',
          displayName: 'Ayşe Yılmaz',
          email,
          password: 'a long enough password 123',
        })
      const fresh = await register('new-applicant@example.org', 'Neuer Verein')
      const staff = await register('presse@example.org', 'Verein der Presse')
      assert.equal(fresh.statusCode, 303)
      assert.equal(staff.statusCode, 303, 'no "already taken" for a staff address')
      assert.equal(staff.headers.location, fresh.headers.location)
      assert.equal(staff.headers['set-cookie']?.toString(), fresh.headers['set-cookie']?.toString())
      const orgs = (await t.deps.db.execute(
        sql`select count(*)::int as n from organisations where name = 'Verein der Presse'`,
      )) as unknown as { rows: { n: number }[] }
      assert.equal(orgs.rows[0]!.n, 0, 'nothing is created for a taken address')
      const mails = await t.deps.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'presse@example.org'))
      assert.equal(mails.length, 1)
      assert.match(mails[0]!.text, /bereits ein Konto/)
    })

    it('9: forgot-password takes the same path for known and unknown addresses', async () => {
      await t.createUser('forgetful@example.org', [])
      const count = async (q: ReturnType<typeof sql>) =>
        ((await t.deps.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0]!.n
      const effects = async () => ({
        jobs: await count(sql`select count(*)::int as n from jobs where kind = 'auth.password_reset'`),
        links: await count(sql`select count(*)::int as n from password_links`),
        mails: await count(sql`select count(*)::int as n from mail_outbox`),
      })
      const c = new Client(t.app)
      const ask = (email: string) =>
        c.submit('/anmelden/passwort-vergessen', '/anmelden/passwort-vergessen', { email })
      const before0 = await effects()
      const unknown = await ask('nobody-here@example.org')
      const afterUnknown = await effects()
      const known = await ask('forgetful@example.org')
      const afterKnown = await effects()
      assert.equal(stripToken(unknown.body), stripToken(known.body))
      // Each request writes one job and nothing else: no link or mail exists before the job runs.
      assert.deepEqual(afterUnknown, { ...before0, jobs: before0.jobs + 1 })
      assert.deepEqual(afterKnown, { ...afterUnknown, jobs: afterUnknown.jobs + 1 })
      await t.deps.jobs.runDue()
      const done = await effects()
      assert.equal(done.links, afterKnown.links + 1)
      assert.equal(done.mails, afterKnown.mails + 1, 'one mail, to the known address only')
      // The request path is identical, so its time cannot depend on the address. (Wall-clock
      // medians on a loaded two-core machine vary by 10× between identical requests, so the test
      // asserts the code path rather than a timing.)
    })

    it('8: impossible dates are refused with a message, in the press desk and in OParl', async () => {
      const c = new Client(t.app)
      await c.signIn('presse@example.org')
      const created = await c.submit('/presse/redaktion/neu', '/presse/redaktion/neu', {
        title: 'Termin',
        body: 'Text',
      })
      const editUrl = String(created.headers.location)
      for (const publishAt of ['2027-02-30T10:00', '2027-01-01T25:61', '0000-01-01T10:00']) {
        const res = await c.submit(editUrl, `${editUrl}/status`, { action: 'schedule', publishAt })
        assert.equal(res.statusCode, 400, publishAt)
        assert.match(res.body, /id="feld-publishAt-error"/, publishAt)
      }
      const oparl = await t.app.inject('/oparl/v1/bodies?modified_since=2026-02-31T00:00:00Z')
      assert.equal(oparl.statusCode, 400)
      assert.equal(oparl.json().type, 'https://schema.oparl.org/1.1/Error')
    })

    it('12: a session unused for SESSION_IDLE_MINUTES ends; one in use is kept alive', async () => {
      const c = new Client(t.app)
      await c.signIn('admin@example.org')
      const idHash = hashSessionId(c.cookies.get('teilhabe_session') ?? '')
      const idle = t.config.sessionIdleMs
      const unusedFor = (seconds: number) =>
        t.deps.db.execute(
          sql`update sessions set last_seen_at = now() - ${`${seconds} seconds`}::interval where id_hash = ${idHash}`,
        )
      // Unused for half the idle time: still signed in, and the visit counts as use.
      await unusedFor(Math.round(idle / 2000))
      assert.equal((await c.get('/konto')).statusCode, 200)
      const seen = (await t.deps.db.execute(
        sql`select extract(epoch from now() - last_seen_at)::int as s from sessions where id_hash = ${idHash}`,
      )) as unknown as { rows: { s: number }[] }
      assert.ok(seen.rows[0]!.s < 60, 'the visit renewed last_seen_at')
      // Unused for longer than the idle time: signed out, though the absolute lifetime is not over.
      await unusedFor(Math.round(idle / 1000) + 60)
      const after = await c.get('/konto')
      assert.equal(after.statusCode, 303)
      assert.match(String(after.headers.location), /^\/anmelden/)
    })

    it('12: a second, concurrent save of a press release is refused and keeps the typed text', async () => {
      const a = new Client(t.app)
      await a.signIn('presse@example.org')
      const b = new Client(t.app)
      await b.signIn('presse@example.org')
      const created = await a.submit('/presse/redaktion/neu', '/presse/redaktion/neu', {
        title: 'Gemeinsam',
        body: 'Erster Text',
      })
      const editUrl = String(created.headers.location)
      // Both open the editor on the same version…
      const pageA = await a.get(editUrl)
      const pageB = await b.get(editUrl)
      const version = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1]
      assert.equal(version(pageA.body), '1')
      assert.equal(version(pageB.body), '1')
      const tokenB = /name="_csrf" value="([^"]+)"/.exec(pageB.body)![1]!
      // …A saves first…
      const savedA = await a.submit(editUrl, editUrl, {
        title: 'Gemeinsam',
        body: 'Text von A',
        version: '1',
      })
      assert.equal(savedA.statusCode, 303)
      // …B's save from the old version is refused, B's text comes back, A's stays stored.
      const savedB = await b.post(editUrl, {
        _csrf: tokenB,
        title: 'Gemeinsam',
        body: 'Text von B',
        version: '1',
      })
      assert.equal(savedB.statusCode, 409)
      assert.match(savedB.body, /inzwischen gespeichert/)
      assert.match(savedB.body, /Text von B/)
      assert.equal(version(savedB.body), '2', 'saving again knowingly replaces version 2')
      assert.match((await a.get(`${editUrl}/vorschau`)).body, /Text von A/)
      const again = await b.post(editUrl, {
        _csrf: tokenB,
        title: 'Gemeinsam',
        body: 'Text von B',
        version: '2',
      })
      assert.equal(again.statusCode, 303)
    })

    it('12: % and _ in the account search match themselves only', async () => {
      await t.createUser('under_score@example.org', [])
      await t.createUser('underxscore@example.org', [])
      const c = new Client(t.app)
      await c.signIn('admin@example.org')
      const found = await c.get('/verwaltung/konten?q=under_score')
      assert.match(found.body, /under_score@example\.org/)
      assert.doesNotMatch(found.body, /underxscore@example\.org/)
      const percent = await c.get('/verwaltung/konten?q=%25score')
      assert.doesNotMatch(percent.body, /score@example\.org/)
    })

    it('2: OParl lists answer 304 to a matching If-None-Match, are cached briefly and rate-limited per address', async () => {
      const o = await createTestApp(kind, { OPARL_CACHE_SECONDS: '60', OPARL_RATE_LIMIT_PER_MINUTE: '6' })
      try {
        const first = await o.app.inject('/oparl/v1/bodies')
        assert.equal(first.statusCode, 200)
        const etag = first.headers.etag as string
        assert.match(etag, /^"[\w-]{20,}"$/)
        const again = await o.app.inject({ url: '/oparl/v1/bodies', headers: { 'if-none-match': etag } })
        assert.equal(again.statusCode, 304)
        assert.equal(again.body, '')
        const other = await o.app.inject({ url: '/oparl/v1/bodies', headers: { 'if-none-match': '"other"' } })
        assert.equal(other.statusCode, 200)
        assert.equal(other.headers.etag, etag)
        assert.equal(other.headers['x-oparl-cache'], 'hit', 'served from the cache')
        const statuses: number[] = []
        for (let i = 0; i < 4; i++) statuses.push((await o.app.inject('/oparl/v1/bodies')).statusCode)
        assert.equal(statuses.at(-1), 429, statuses.join(','))
        // Another address is not affected.
        const elsewhere = await o.app.inject({ url: '/oparl/v1/bodies', remoteAddress: '192.0.2.7' })
        assert.equal(elsewhere.statusCode, 200)
      } finally {
        await o.close()
      }
    })
  })
}

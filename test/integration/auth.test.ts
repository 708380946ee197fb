import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { generate } from 'otplib'
import { auditLog } from '../../src/platform/audit/tables'
import { authFeature } from '../../src/platform/auth/feature'
import { sessions, users } from '../../src/platform/auth/tables'
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app'
import { dbKinds } from '../helpers/db'
import { Client } from '../helpers/http'

/** A code for the time step `offset` steps from now (the server accepts ±1). */
function codeFor(secret: string, offset = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset * 30 })
}

function enrolmentOf(body: string): { secret: string; pending: string } {
  const secret = body.match(/data-totp-secret="([A-Z2-7]+)"/)?.[1]
  const pending = body.match(/name="pending" value="([^"]+)"/)?.[1]
  if (!secret || !pending) throw new Error('no enrolment on the page')
  return { secret, pending }
}

const NEW_PASSWORD = 'a much longer new passphrase'

for (const kind of dbKinds()) {
  describe(`authentication (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    const auditOf = (userId: string, action: string) =>
      t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, userId), eq(auditLog.action, action)))
    const userRow = async (id: string) => (await t.deps.db.select().from(users).where(eq(users.id, id)))[0]!

    /** Signs in, enrols TOTP through the pages, and returns the signed-in client and the secret. */
    async function enrol(email: string): Promise<{ c: Client; secret: string; userId: string }> {
      const userId = await t.createUser(email, [])
      const c = new Client(t.app)
      await c.signIn(email)
      const page = await c.get('/konto/zwei-faktor')
      assert.equal(page.statusCode, 200)
      const { secret, pending } = enrolmentOf(page.body)
      const res = await c.submit('/konto/zwei-faktor', '/konto/zwei-faktor', {
        pending,
        code: await codeFor(secret),
      })
      assert.equal(res.statusCode, 303, res.body)
      return { c, secret, userId }
    }

    it('links the account page to password change and two-factor sign-in, for signed-in users only', async () => {
      for (const path of ['/konto', '/konto/passwort', '/konto/zwei-faktor']) {
        const anon = await t.app.inject(path)
        assert.equal(anon.statusCode, 303, path)
        assert.equal(anon.headers.location, `/anmelden?next=${encodeURIComponent(path)}`)
      }
      await t.createUser('account@example.org', [])
      const c = new Client(t.app)
      await c.signIn('account@example.org')
      const page = await c.get('/konto')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /href="\/konto\/passwort"/)
      assert.match(page.body, /href="\/konto\/zwei-faktor"/)
      assert.match(page.body, /Zwei-Faktor-Anmeldung<\/dt>\s*<dd[^>]*>ausgeschaltet/)
      const en = await c.get('/en/konto')
      assert.match(en.body, /href="\/en\/konto\/passwort"[^>]*>Change password/)
    })

    describe('password change', () => {
      it('explains every mistake next to its field and changes nothing', async () => {
        const id = await t.createUser('pw-errors@example.org', [])
        const before = (await userRow(id)).passwordHash
        const c = new Client(t.app)
        await c.signIn('pw-errors@example.org')
        const empty = await c.submit('/konto/passwort', '/konto/passwort', {})
        assert.equal(empty.statusCode, 400)
        // each message names its field, in the summary and at the field
        for (const message of [
          'Geben Sie Ihr aktuelles Passwort ein.',
          'Geben Sie ein neues Passwort mit mindestens 12 Zeichen ein.',
          'Geben Sie das neue Passwort zur Bestätigung noch einmal ein.',
        ])
          assert.equal(empty.body.split(message).length - 1, 2, message)
        const partial = await c.submit('/konto/passwort', '/konto/passwort', { newPassword: 'short' })
        assert.match(
          partial.body,
          /id="feld-newPassword-error"[^>]*>[\s\S]*?mindestens 12 Zeichen lang/,
          'the length speaks in the same answer as the missing fields',
        )

        const wrong = await c.submit('/konto/passwort', '/konto/passwort', {
          currentPassword: 'not my password',
          newPassword: 'short',
          confirmPassword: 'short',
        })
        assert.equal(wrong.statusCode, 400)
        assert.match(wrong.body, /<title>Fehler: Passwort ändern/)
        assert.match(
          wrong.body,
          /id="feld-currentPassword-error"[^>]*>[\s\S]*?Das aktuelle Passwort ist nicht richtig/,
        )
        assert.match(wrong.body, /id="feld-newPassword-error"[^>]*>[\s\S]*?mindestens 12 Zeichen/)
        assert.match(wrong.body, /href="#feld-currentPassword"/)
        assert.doesNotMatch(wrong.body, /not my password/, 'passwords are never echoed')

        const same = await c.submit('/konto/passwort', '/konto/passwort', {
          currentPassword: TEST_PASSWORD,
          newPassword: TEST_PASSWORD,
          confirmPassword: TEST_PASSWORD,
        })
        assert.equal(same.statusCode, 400)
        assert.match(same.body, /muss sich vom aktuellen Passwort unterscheiden/)

        const mismatch = await c.submit('/en/konto/passwort', '/en/konto/passwort', {
          currentPassword: TEST_PASSWORD,
          newPassword: NEW_PASSWORD,
          confirmPassword: `${NEW_PASSWORD}!`,
        })
        assert.equal(mismatch.statusCode, 400)
        assert.match(mismatch.body, /id="feld-confirmPassword-error"[^>]*>[\s\S]*?do not match/)
        assert.equal((await userRow(id)).passwordHash, before)
        assert.equal((await auditOf(id, 'user.password_change')).length, 0)
      })

      it('changes the password with argon2id, ends the other sessions and keeps this one', async () => {
        const id = await t.createUser('pw-change@example.org', [])
        const here = new Client(t.app)
        const elsewhere = new Client(t.app)
        await here.signIn('pw-change@example.org')
        await elsewhere.signIn('pw-change@example.org')
        assert.equal((await elsewhere.get('/konto')).statusCode, 200)

        const res = await here.submit('/konto/passwort', '/konto/passwort', {
          currentPassword: TEST_PASSWORD,
          newPassword: NEW_PASSWORD,
          confirmPassword: NEW_PASSWORD,
        })
        assert.equal(res.statusCode, 303)
        assert.equal(res.headers.location, '/konto')
        assert.match((await here.get('/konto')).body, /Ihr Passwort wurde geändert/)
        assert.equal((await elsewhere.get('/konto')).statusCode, 303, 'the other session has ended')
        assert.equal((await t.deps.db.select().from(sessions).where(eq(sessions.userId, id))).length, 1)

        const row = await userRow(id)
        assert.ok(row.passwordHash.startsWith('$argon2id$'))
        const [entry] = await auditOf(id, 'user.password_change')
        assert.ok(entry)
        assert.equal(entry.actorLabel, 'pw-change@example.org')
        assert.deepEqual(entry.summary, { otherSessionsEnded: 1 })
        assert.doesNotMatch(JSON.stringify(entry), /passphrase|horse/)

        const old = await new Client(t.app).submit('/anmelden', '/anmelden', {
          email: 'pw-change@example.org',
          password: TEST_PASSWORD,
        })
        assert.equal(old.statusCode, 400, 'the old password no longer works')
        await new Client(t.app).signIn('pw-change@example.org', NEW_PASSWORD)
      })
    })

    describe('two-factor sign-in', () => {
      it('enrols with a QR code and the key in text, confirmed by a current code', async () => {
        const id = await t.createUser('enrol@example.org', [])
        const c = new Client(t.app)
        await c.signIn('enrol@example.org')
        const page = await c.get('/konto/zwei-faktor')
        assert.match(page.body, /<svg role="img" aria-label="QR-Code für die Authenticator-App"/)
        assert.doesNotMatch(page.body, /<script>|style="|data:image/, 'no inline script, style or data: URI')
        const { secret, pending } = enrolmentOf(page.body)
        assert.equal((await userRow(id)).totpSecret, null, 'nothing is stored before the confirmation')

        const wrong = await c.submit('/konto/zwei-faktor', '/konto/zwei-faktor', { pending, code: '000000' })
        assert.equal(wrong.statusCode, 400)
        assert.match(wrong.body, /id="feld-code-error"[^>]*>[\s\S]*?Der Code ist nicht richtig/)
        assert.equal(enrolmentOf(wrong.body).secret, secret, 'the same key is shown again')
        const empty = await c.submit('/konto/zwei-faktor', '/konto/zwei-faktor', { pending })
        assert.equal(empty.statusCode, 400)
        assert.match(empty.body, /id="feld-code-error"/)
        assert.equal(enrolmentOf(empty.body).secret, secret, 'also after an empty code')
        assert.equal((await userRow(id)).totpEnabled, false)

        const forged = await c.submit('/konto/zwei-faktor', '/konto/zwei-faktor', {
          pending: `${pending.slice(0, -2)}AA`,
          code: await codeFor(secret),
        })
        assert.equal(forged.statusCode, 400)
        assert.match(forged.body, /Die Einrichtung ist abgelaufen/)

        const ok = await c.submit('/konto/zwei-faktor', '/konto/zwei-faktor', {
          pending,
          code: await codeFor(secret),
        })
        assert.equal(ok.statusCode, 303)
        assert.match((await c.get('/konto')).body, /Die Zwei-Faktor-Anmeldung ist jetzt eingeschaltet/)
        const row = await userRow(id)
        assert.equal(row.totpEnabled, true)
        assert.match(row.totpSecret ?? '', /^v1\./)
        assert.ok(!row.totpSecret?.includes(secret), 'the secret is encrypted at rest')
        assert.equal((await auditOf(id, 'user.totp_enable')).length, 1)
        assert.match((await c.get('/konto/zwei-faktor')).body, /Zwei-Faktor-Anmeldung ausschalten/)
      })

      it('asks for the code after the password, refuses wrong and reused codes, then signs in', async () => {
        const { secret, userId } = await enrol('twostep@example.org')
        const c = new Client(t.app)
        const first = await c.submit('/anmelden?next=%2Fkonto', '/anmelden', {
          email: 'twostep@example.org',
          password: TEST_PASSWORD,
          next: '/konto',
        })
        assert.equal(first.statusCode, 303)
        assert.equal(first.headers.location, '/anmelden/code?next=%2Fkonto')
        assert.equal((await c.get('/konto')).statusCode, 303, 'not signed in before the code')
        const form = await c.get('/anmelden/code?next=%2Fkonto')
        assert.equal(form.statusCode, 200)
        assert.match(form.body, /autocomplete="one-time-code"/)
        assert.match(form.body, /name="next" value="\/konto"/)

        const wrong = await c.submit('/anmelden/code', '/anmelden/code', { code: '123456', next: '/konto' })
        assert.equal(wrong.statusCode, 400)
        assert.match(wrong.body, /Der Code ist nicht richtig/)
        const reused = await c.submit('/anmelden/code', '/anmelden/code', {
          code: await codeFor(secret, -1),
          next: '/konto',
        })
        assert.equal(reused.statusCode, 400, 'a code from the step used at enrolment, or before, is refused')
        assert.equal((await c.get('/konto')).statusCode, 303)

        const code = await codeFor(secret, 1)
        const halfSignedIn = c.cookies.get('teilhabe_session')
        assert.ok(halfSignedIn)
        const ok = await c.submit('/anmelden/code', '/anmelden/code', { code, next: '/konto' })
        assert.equal(ok.statusCode, 303)
        assert.equal(ok.headers.location, '/konto')
        assert.equal((await c.get('/konto')).statusCode, 200)
        const signedIn = c.cookies.get('teilhabe_session')
        assert.ok(signedIn && signedIn !== halfSignedIn, 'the session id changes after the second factor')
        const fixated = new Client(t.app)
        fixated.cookies.set('teilhabe_session', halfSignedIn)
        const stale = await fixated.get('/konto')
        assert.equal(stale.statusCode, 303, 'the id from before the code signs nobody in')
        assert.equal((await userRow(userId)).failedLogins, 0, 'a right code clears the failures')
        assert.equal((await auditOf(userId, 'user.sign_in_second_factor')).length, 1)

        const replay = new Client(t.app)
        await replay.signIn('twostep@example.org')
        const again = await replay.submit('/anmelden/code', '/anmelden/code', { code })
        assert.equal(again.statusCode, 400, 'the same code does not work twice')
        assert.equal((await replay.get('/konto')).statusCode, 303)
      })

      it('follows only same-site next targets after the code', async () => {
        const { secret } = await enrol('next@example.org')
        const c = new Client(t.app)
        await c.signIn('next@example.org')
        const res = await c.submit('/anmelden/code', '/anmelden/code', {
          code: await codeFor(secret, 1),
          next: '//evil.example/',
        })
        assert.equal(res.statusCode, 303)
        assert.equal(res.headers.location, '/')
      })

      it('counts wrong codes toward the account lock-out and ends the half-signed-in session', async () => {
        const { secret, userId } = await enrol('guess@example.org')
        const c = new Client(t.app)
        await c.signIn('guess@example.org')
        for (let i = 0; i < t.config.loginMaxFailures - 1; i++) {
          const res = await c.submit('/anmelden/code', '/anmelden/code', { code: String(100000 + i) })
          assert.equal(res.statusCode, 400)
        }
        const last = await c.submit('/anmelden/code', '/anmelden/code', { code: '999999' })
        assert.equal(last.statusCode, 400)
        assert.match(last.body, /vorübergehend gesperrt/)
        assert.ok((await userRow(userId)).lockedUntil! > new Date())
        assert.equal((await auditOf(userId, 'user.lock')).length, 1)
        const halfSignedIn = await t.deps.db
          .select()
          .from(sessions)
          .where(and(eq(sessions.userId, userId), eq(sessions.verified, false)))
        assert.equal(halfSignedIn.length, 0, 'the half-signed-in session has ended')
        assert.equal((await c.get('/anmelden/code')).headers.location, '/anmelden', 'back to the password')

        const again = await new Client(t.app).submit('/anmelden', '/anmelden', {
          email: 'guess@example.org',
          password: TEST_PASSWORD,
        })
        assert.equal(again.statusCode, 400, 'locked, even with the right password')
        assert.ok(secret)
      })

      it('sends visitors without a pending sign-in from the code page to the password', async () => {
        assert.equal((await t.app.inject('/anmelden/code')).headers.location, '/anmelden')
        const c = new Client(t.app)
        const res = await c.submit('/anmelden', '/anmelden/code', { code: '123456' })
        assert.equal(res.statusCode, 303)
        assert.equal(res.headers.location, '/anmelden')
      })

      it('turns off with the current password or a code, never with a wrong one', async () => {
        const { c, secret, userId } = await enrol('off@example.org')
        const missing = await c.submit('/konto/zwei-faktor', '/konto/zwei-faktor/ausschalten', {})
        assert.equal(missing.statusCode, 400)
        assert.match(missing.body, /Bitte geben Sie Ihr aktuelles Passwort oder einen Code/)
        const wrongPassword = await c.submit('/konto/zwei-faktor', '/konto/zwei-faktor/ausschalten', {
          password: 'wrong wrong wrong',
        })
        assert.equal(wrongPassword.statusCode, 400)
        assert.match(
          wrongPassword.body,
          /id="feld-password-error"[^>]*>[\s\S]*?Das Passwort ist nicht richtig/,
        )
        const wrongCode = await c.submit('/konto/zwei-faktor', '/konto/zwei-faktor/ausschalten', {
          code: '000000',
        })
        assert.equal(wrongCode.statusCode, 400)
        assert.match(wrongCode.body, /id="feld-code-error"/)
        assert.equal((await userRow(userId)).totpEnabled, true)

        const off = await c.submit('/konto/zwei-faktor', '/konto/zwei-faktor/ausschalten', {
          code: await codeFor(secret, 1),
        })
        assert.equal(off.statusCode, 303)
        const row = await userRow(userId)
        assert.equal(row.totpEnabled, false)
        assert.equal(row.totpSecret, null)
        const [entry] = await auditOf(userId, 'user.totp_disable')
        assert.deepEqual(entry?.summary, { confirmedWith: 'code' })

        // On again, and off with the password; signing in then needs no code.
        const page = await c.get('/konto/zwei-faktor')
        const enrolment = enrolmentOf(page.body)
        assert.notEqual(enrolment.secret, secret, 'a new key every time')
        const on = await c.submit('/konto/zwei-faktor', '/konto/zwei-faktor', {
          pending: enrolment.pending,
          code: await codeFor(enrolment.secret),
        })
        assert.equal(on.statusCode, 303)
        const byPassword = await c.submit('/konto/zwei-faktor', '/konto/zwei-faktor/ausschalten', {
          password: TEST_PASSWORD,
        })
        assert.equal(byPassword.statusCode, 303)
        assert.equal((await auditOf(userId, 'user.totp_disable')).length, 2)
        const plain = await new Client(t.app).signIn('off@example.org')
        assert.equal(plain.headers.location, '/')
      })
    })

    it('lets an administrator turn two-factor off from the command line (lost device)', async () => {
      const { c, userId } = await enrol('lost@example.org')
      const cmd = authFeature.cli!['reset-two-factor']!
      const out: string[] = []
      const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) }
      assert.equal(await cmd.run(t.deps, { flags: {}, positionals: [] }, io), 64)
      assert.equal(
        await cmd.run(t.deps, { flags: { email: ['nobody@example.org'] }, positionals: [] }, io),
        1,
      )
      assert.equal(await cmd.run(t.deps, { flags: { email: ['LOST@example.org'] }, positionals: [] }, io), 0)
      assert.match(out.at(-1)!, /turned off for lost@example.org/)
      const row = await userRow(userId)
      assert.equal(row.totpEnabled, false)
      assert.equal(row.totpSecret, null)
      assert.equal((await c.get('/konto')).statusCode, 303, 'sessions were ended')
      const [entry] = await auditOf(userId, 'user.totp_disable')
      assert.equal(entry?.actorLabel, 'cli')
      assert.equal((await new Client(t.app).signIn('lost@example.org')).headers.location, '/')
      assert.equal(await cmd.run(t.deps, { flags: { email: ['lost@example.org'] }, positionals: [] }, io), 0)
      assert.match(out.at(-1)!, /was not on/)
    })

    it('requires the CSRF token on every account and second-factor form', async () => {
      await t.createUser('csrf@example.org', [])
      const c = new Client(t.app)
      await c.signIn('csrf@example.org')
      for (const path of ['/konto/passwort', '/konto/zwei-faktor', '/konto/zwei-faktor/ausschalten']) {
        const res = await c.post(path, { currentPassword: TEST_PASSWORD, password: TEST_PASSWORD, code: '1' })
        assert.equal(res.statusCode, 403, path)
        assert.match(res.body, /Formular abgelaufen/)
      }
      const { secret } = await enrol('csrf-code@example.org')
      const pending = new Client(t.app)
      await pending.signIn('csrf-code@example.org')
      const res = await pending.post('/anmelden/code', { code: await codeFor(secret, 1) })
      assert.equal(res.statusCode, 403)
      assert.equal((await pending.get('/konto')).statusCode, 303)
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, desc, eq } from 'drizzle-orm'
import { auditLog } from '../../src/platform/audit/tables'
import { authMessages } from '../../src/platform/auth/messages'
import { passwordLinks, sessions, users } from '../../src/platform/auth/tables'
import { findUserByEmail } from '../../src/platform/auth/users'
import { mailOutbox } from '../../src/platform/mail/tables'
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app'
import { dbKinds } from '../helpers/db'
import { Client } from '../helpers/http'

const NEW_PASSWORD = 'a freshly chosen passphrase'
const BASE = '/verwaltung/konten'

for (const kind of dbKinds()) {
  describe(`account administration and password links (${kind})`, () => {
    let t: TestApp
    let admin: Client
    let adminId: string
    before(async () => {
      t = await createTestApp(kind)
      adminId = await t.createUser('root@example.org', ['admin'])
      admin = new Client(t.app)
      await admin.signIn('root@example.org')
    })
    after(() => t.close())

    const userRow = async (email: string) => {
      const row = await findUserByEmail(t.deps.db, email)
      assert.ok(row, `no account ${email}`)
      return row
    }
    const auditOf = (entityId: string, action: string) =>
      t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, entityId), eq(auditLog.action, action)))
    /** The link in the newest mail to this address. */
    async function linkFor(email: string): Promise<string> {
      // "Forgot password" only queues a job (the same for every address); run it.
      await t.deps.jobs.runDue()
      const [mail] = await t.deps.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.to, email))
        .orderBy(desc(mailOutbox.createdAt))
        .limit(1)
      assert.ok(mail, `no mail to ${email}`)
      const m = mail.text.match(/https?:\/\/[^/\s]+(\/konto\/passwort-festlegen\?token=[A-Za-z0-9_-]+)/)
      assert.ok(m?.[1], 'the mail carries the link')
      return m[1]
    }
    async function setPassword(link: string, password = NEW_PASSWORD, confirm = password) {
      const c = new Client(t.app)
      const token = new URL(link, 'http://x').searchParams.get('token') ?? ''
      return {
        c,
        res: await c.submit('/anmelden/passwort-vergessen', '/konto/passwort-festlegen', {
          token,
          newPassword: password,
          confirmPassword: confirm,
        }),
      }
    }

    it('is for administrators only, checked before anything is read', async () => {
      for (const path of [BASE, `${BASE}/neu`, `${BASE}/${adminId}`]) {
        const anon = await t.app.inject(path)
        assert.equal(anon.statusCode, 303, path)
        assert.match(String(anon.headers.location), /^\/anmelden\?next=/)
      }
      await t.createUser('press-only@example.org', ['press'])
      const press = new Client(t.app)
      await press.signIn('press-only@example.org')
      assert.equal((await press.get(BASE)).statusCode, 403)
      assert.equal((await press.get(`${BASE}/${adminId}`)).statusCode, 403)
      const token = await press.csrfToken('/konto/passwort')
      const forged = await press.post(`${BASE}/neu`, {
        _csrf: token,
        email: 'sneaky@example.org',
        displayName: 'Sneaky',
        roles: 'admin',
      })
      assert.equal(forged.statusCode, 403)
      assert.equal(await findUserByEmail(t.deps.db, 'sneaky@example.org'), null)
      const index = await admin.get('/verwaltung')
      assert.match(index.body, /href="\/verwaltung\/konten"/)
      assert.doesNotMatch((await press.get('/verwaltung')).body, /href="\/verwaltung\/konten"/)
    })

    it('invites a new account: the person chooses a password through the mailed link, once', async () => {
      const bad = await admin.submit(`${BASE}/neu`, `${BASE}/neu`, {
        email: 'not an address',
        displayName: 'Nadia Haddad',
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /id="feld-email-error"/)
      assert.match(bad.body, /value="Nadia Haddad"/, 'typed values are kept')
      const noRole = await admin.submit(`${BASE}/neu`, `${BASE}/neu`, {
        email: 'nadia@example.org',
        displayName: 'Nadia Haddad',
      })
      assert.equal(noRole.statusCode, 400)
      assert.match(noRole.body, /Bitte wählen Sie mindestens eine Rolle/)
      assert.equal(await findUserByEmail(t.deps.db, 'nadia@example.org'), null, 'nothing half-written')

      const ok = await admin.submit(`${BASE}/neu`, `${BASE}/neu`, {
        email: 'nadia@example.org',
        displayName: 'Nadia Haddad',
        roles: ['agah_office', 'press'],
      })
      assert.equal(ok.statusCode, 303, ok.body)
      const user = await userRow('nadia@example.org')
      assert.equal(ok.headers.location, `${BASE}/${user.id}`)
      assert.deepEqual([...user.roles].sort(), ['agah_office', 'press'])
      assert.equal((await auditOf(user.id, 'user.create')).length, 1)
      const taken = await admin.submit(`${BASE}/neu`, `${BASE}/neu`, {
        email: 'NADIA@example.org',
        displayName: 'Twice',
        roles: 'press',
      })
      assert.equal(taken.statusCode, 400)
      assert.match(taken.body, /Zu dieser E-Mail-Adresse gibt es schon ein Konto/)

      const link = await linkFor('nadia@example.org')
      const page = await new Client(t.app).get(link)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Willkommen: Passwort festlegen/)
      assert.equal(page.headers['referrer-policy'], 'same-origin')

      const short = await setPassword(link, 'short')
      assert.equal(short.res.statusCode, 400)
      assert.match(short.res.body, /id="feld-newPassword-error"/)
      const mismatch = await setPassword(link, NEW_PASSWORD, 'something else entirely')
      assert.equal(mismatch.res.statusCode, 400)
      assert.match(mismatch.res.body, /id="feld-confirmPassword-error"/)

      const done = await setPassword(link)
      assert.equal(done.res.statusCode, 303)
      assert.equal(done.res.headers.location, '/anmelden')
      const person = new Client(t.app)
      await person.signIn('nadia@example.org', NEW_PASSWORD)
      assert.equal((await person.get('/konto')).statusCode, 200)
      assert.equal((await auditOf(user.id, 'user.password_set')).length, 1)

      assert.equal((await new Client(t.app).get(link)).statusCode, 404, 'a link works once')
      const again = await setPassword(link, 'yet another passphrase')
      assert.equal(again.res.statusCode, 400)
      assert.match(again.res.body, /Dieser Link gilt nicht mehr/)
    })

    it('writes the link mail in the language of the invitation, and a reset in the language of the account', async () => {
      const mailsTo = (email: string) =>
        t.deps.db
          .select()
          .from(mailOutbox)
          .where(eq(mailOutbox.to, email))
          .orderBy(desc(mailOutbox.createdAt))
      const english = await admin.submit(`/en${BASE}/neu`, `/en${BASE}/neu`, {
        email: 'english-invite@example.org',
        displayName: 'Grace Hopper',
        roles: 'admin',
      })
      assert.equal(english.statusCode, 303)
      const [invite] = await mailsTo('english-invite@example.org')
      assert.equal(invite!.subject, 'Your Teilhabe account')
      assert.match(invite!.text, /^Hello Grace Hopper,\n\nAn account on Teilhabe was created for you\./)
      assert.doesNotMatch(invite!.text, /Guten Tag/)
      assert.equal((await userRow('english-invite@example.org')).locale, 'en')
      const reset = await new Client(t.app).submit(
        '/anmelden/passwort-vergessen',
        '/anmelden/passwort-vergessen',
        {
          email: 'english-invite@example.org',
        },
      )
      assert.equal(reset.statusCode, 200)
      // The forgot-password request is a job (the same for every address); it writes the mail.
      await t.deps.jobs.runDue()
      const [resetMail] = await mailsTo('english-invite@example.org')
      assert.equal(resetMail!.subject, 'Reset your password')
      assert.match(
        resetMail!.text,
        /^Hello Grace Hopper,\n\nYou \(or someone else\) asked for a new password/,
      )
      // German stays the default: an invitation from the German pages is written in German.
      await admin.submit(`${BASE}/neu`, `${BASE}/neu`, {
        email: 'deutsch-invite@example.org',
        displayName: 'Nadia Haddad',
        roles: 'admin',
      })
      const [german] = await mailsTo('deutsch-invite@example.org')
      assert.equal(german!.subject, 'Ihr Zugang zu Teilhabe')
      assert.match(
        german!.text,
        /^Guten Tag Nadia Haddad,\n\nfür Sie wurde ein Konto bei Teilhabe eingerichtet\./,
      )
    })

    it('tells the owner of a locked account in the language of the account', async () => {
      const id = await t.createUser('locked-en@example.org', ['press'])
      await t.deps.db.update(users).set({ locale: 'en' }).where(eq(users.id, id))
      const c = new Client(t.app)
      for (let i = 0; i < t.config.loginMaxFailures; i++) {
        await c.submit('/anmelden', '/anmelden', { email: 'locked-en@example.org', password: `wrong-${i}` })
      }
      const mails = await t.deps.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.to, 'locked-en@example.org'))
      assert.equal(mails.length, 1)
      assert.equal(mails[0]!.subject, 'Your account was locked for a while')
      const minutes = Math.round(t.config.loginLockMs / 60_000)
      assert.match(
        mails[0]!.text,
        new RegExp(
          `^Hello [^\\n]+,\\n\\nafter several failed sign-ins your Teilhabe account is locked for ${minutes} minutes\\.`,
        ),
      )
      assert.match(
        mails[0]!.text,
        /choosing a new password lifts the lock at once: http\S+\/anmelden\/passwort-vergessen\n$/,
      )
      assert.doesNotMatch(mails[0]!.text, /Guten Tag|gesperrt/)
    })

    it('changes name, roles and status; a deactivated account is signed out at once', async () => {
      const id = await t.createUser('editor@example.org', ['press'])
      const person = new Client(t.app)
      await person.signIn('editor@example.org')
      const edit = `${BASE}/${id}`
      const page = await admin.get(edit)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /value="press" checked/)

      const ok = await admin.submit(edit, edit, {
        displayName: 'Erika Editor',
        roles: ['press', 'funding_officer'],
        active: 'on',
      })
      assert.equal(ok.statusCode, 303)
      const row = await userRow('editor@example.org')
      assert.equal(row.displayName, 'Erika Editor')
      assert.deepEqual([...row.roles].sort(), ['funding_officer', 'press'])
      const [entry] = await auditOf(id, 'user.update')
      assert.deepEqual((entry?.summary as { roles?: unknown } | undefined)?.roles, {
        from: ['press'],
        to: ['press', 'funding_officer'],
      })

      const unknown = await admin.submit(edit, edit, { displayName: 'X', roles: 'emperor', active: 'on' })
      assert.equal(unknown.statusCode, 400)
      assert.equal((await userRow('editor@example.org')).displayName, 'Erika Editor')

      const off = await admin.submit(edit, edit, { displayName: 'Erika Editor', roles: 'press' })
      assert.equal(off.statusCode, 303)
      assert.equal((await userRow('editor@example.org')).active, false)
      assert.equal((await t.deps.db.select().from(sessions).where(eq(sessions.userId, id))).length, 0)
      assert.equal((await person.get('/konto')).statusCode, 303, 'signed out')
      const link = await admin.submit(edit, `${edit}/passwort-link`, {})
      assert.equal(link.statusCode, 400, 'no links for deactivated accounts')
    })

    it('does not let administrators lock themselves out', async () => {
      const edit = `${BASE}/${adminId}`
      const noAdmin = await admin.submit(edit, edit, { displayName: 'Root', roles: 'press', active: 'on' })
      assert.equal(noAdmin.statusCode, 400)
      assert.match(noAdmin.body, /Rolle Administration nicht selbst entziehen/)
      const inactive = await admin.submit(edit, edit, { displayName: 'Root', roles: 'admin' })
      assert.equal(inactive.statusCode, 400)
      assert.match(inactive.body, /eigenes Konto nicht deaktivieren/)
      const row = await userRow('root@example.org')
      assert.deepEqual(row.roles, ['admin'])
      assert.equal(row.active, true)
    })

    it('answers "forgot password" the same for unknown addresses and sends a one-hour link to known ones', async () => {
      await t.createUser('forgetful@example.org', [])
      const c = new Client(t.app)
      const page = await c.get('/anmelden')
      assert.match(page.body, /href="\/anmelden\/passwort-vergessen"/)
      const unknown = await c.submit('/anmelden/passwort-vergessen', '/anmelden/passwort-vergessen', {
        email: 'nobody@example.org',
      })
      const known = await c.submit('/anmelden/passwort-vergessen', '/anmelden/passwort-vergessen', {
        email: 'forgetful@example.org',
      })
      assert.equal(unknown.statusCode, 200)
      assert.equal(known.statusCode, 200)
      const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '')
      assert.equal(strip(unknown.body), strip(known.body), 'the answer does not reveal accounts')
      assert.equal(
        (await t.deps.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'nobody@example.org'))).length,
        0,
      )
      const first = await linkFor('forgetful@example.org')
      const bad = await c.submit('/anmelden/passwort-vergessen', '/anmelden/passwort-vergessen', {
        email: '',
      })
      assert.equal(bad.statusCode, 400)

      // A second request replaces the first link.
      await c.submit('/anmelden/passwort-vergessen', '/anmelden/passwort-vergessen', {
        email: 'forgetful@example.org',
      })
      const second = await linkFor('forgetful@example.org')
      assert.notEqual(first, second)
      assert.equal((await c.get(first)).statusCode, 404)

      // An expired link is refused.
      const user = await userRow('forgetful@example.org')
      await t.deps.db
        .update(passwordLinks)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(passwordLinks.userId, user.id))
      assert.equal((await c.get(second)).statusCode, 404)
      const late = await setPassword(second)
      assert.equal(late.res.statusCode, 400)
      assert.equal((await userRow('forgetful@example.org')).passwordHash, user.passwordHash)
    })

    it('a reset link ends all sessions, lifts a lock-out, and the administrator can send one', async () => {
      const id = await t.createUser('locked@example.org', [])
      const other = new Client(t.app)
      await other.signIn('locked@example.org')
      await t.deps.db
        .update(users)
        .set({ failedLogins: 9, lockedUntil: new Date(Date.now() + 3600_000) })
        .where(eq(users.id, id))
      const edit = `${BASE}/${id}`
      const page = await admin.get(edit)
      assert.match(page.body, /vorübergehend gesperrt/)
      const sent = await admin.submit(edit, `${edit}/passwort-link`, {})
      assert.equal(sent.statusCode, 303)
      assert.equal((await auditOf(id, 'user.password_link')).length, 1)
      const { res } = await setPassword(await linkFor('locked@example.org'))
      assert.equal(res.statusCode, 303)
      assert.equal((await other.get('/konto')).statusCode, 303, 'the old session has ended')
      const row = await userRow('locked@example.org')
      assert.equal(row.lockedUntil, null)
      const c = new Client(t.app)
      await c.signIn('locked@example.org', NEW_PASSWORD)
      await assert.rejects(
        new Client(t.app).signIn('locked@example.org', TEST_PASSWORD),
        /sign-in failed for locked@example\.org: 4\d\d/,
        'the old password no longer signs in',
      )
    })

    it('unlocks an account and resets its two-factor sign-in', async () => {
      const id = await t.createUser('device-lost@example.org', [])
      await t.deps.db
        .update(users)
        .set({
          lockedUntil: new Date(Date.now() + 3600_000),
          failedLogins: 5,
          totpEnabled: true,
          totpSecret: 'v1.x',
        })
        .where(eq(users.id, id))
      const edit = `${BASE}/${id}`
      assert.equal((await admin.submit(edit, `${edit}/entsperren`, {})).statusCode, 303)
      assert.equal((await admin.submit(edit, `${edit}/zwei-faktor`, {})).statusCode, 303)
      const row = await userRow('device-lost@example.org')
      assert.equal(row.lockedUntil, null)
      assert.equal(row.failedLogins, 0)
      assert.equal(row.totpEnabled, false)
      assert.equal(row.totpSecret, null)
      assert.equal((await auditOf(id, 'user.unlock')).length, 1)
      assert.equal((await auditOf(id, 'user.totp_disable')).length, 1)
      assert.equal((await admin.get(`${BASE}/00000000-0000-4000-8000-000000000000`)).statusCode, 404)
      assert.equal((await admin.get(`${BASE}/not-a-uuid`)).statusCode, 404)
      // The id is a declared uuid parameter on every account route, the forms included.
      assert.equal((await admin.submit(edit, `${BASE}/not-a-uuid/entsperren`, {})).statusCode, 404)
      assert.equal((await admin.submit(edit, `${BASE}/not-a-uuid`, { displayName: 'X' })).statusCode, 404)
    })

    it('lists, filters and pages the accounts', async () => {
      for (let i = 0; i < 52; i++)
        await t.createUser(`bulk${String(i).padStart(2, '0')}@example.org`, ['delegate'])
      const first = await admin.get(`${BASE}?role=delegate`)
      assert.equal(first.statusCode, 200)
      assert.equal((first.body.match(/bulk\d\d@example\.org/g) ?? []).length, 50)
      assert.match(first.body, /href="\/verwaltung\/konten\?role=delegate&amp;page=2"/)
      const second = await admin.get(`${BASE}?role=delegate&page=2`)
      assert.equal((second.body.match(/bulk\d\d@example\.org/g) ?? []).length, 2)
      const search = await admin.get(`${BASE}?q=BULK07`)
      assert.equal((search.body.match(/bulk\d\d@example\.org/g) ?? []).length, 1)
      const wild = await admin.get(`${BASE}?q=%25`)
      assert.equal((wild.body.match(/bulk\d\d@example\.org/g) ?? []).length, 0, 'a % is searched literally')
      assert.equal((await admin.get(`${BASE}?page=0`)).statusCode, 400)
      // A filter problem shows next to the filter field (declared querystring, checked by the form).
      const repeated = await admin.get(`${BASE}?q=a&q=b`)
      assert.equal(repeated.statusCode, 400)
      assert.match(repeated.body, /id="feld-q-error"/)
    })

    it('has a label for every role in both languages', () => {
      for (const role of t.deps.permissions.roles) {
        for (const locale of ['de', 'en'] as const) {
          const catalogue: Readonly<Record<string, string>> = authMessages[locale]
          assert.ok(catalogue[`auth.role.${role}`], `auth.role.${role} (${locale})`)
        }
      }
    })
  })
}

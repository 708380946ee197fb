import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { Client } from '../../../test/helpers/http'
import { TestSmtpServer } from '../../../test/helpers/smtp'
import { type Db, inTransaction } from '../db'
import { JobQueue } from '../jobs'
import { jobs } from '../jobs/tables'
import { MAIL_MAX_ATTEMPTS, MAIL_SEND_JOB, Mailer } from '.'
import { mailOutbox } from './tables'

const silent = { info() {}, error() {} }

async function outboxRow(db: Db, id: string) {
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id))
  assert.ok(row)
  return row
}

async function mailJob(db: Db, id: string) {
  const all = await db.select().from(jobs).where(eq(jobs.kind, MAIL_SEND_JOB))
  const job = all.find((j) => (j.payload as { id?: string }).id === id)
  assert.ok(job, 'a send job exists')
  return job
}

for (const kind of dbKinds()) {
  describe(`mail without SMTP (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
      await t.createUser('admin@example.org', ['admin'])
      await t.createUser('staff@example.org', [])
    })
    after(() => t.close())

    it('never sends a mail enqueued in a transaction that is rolled back', async () => {
      await assert.rejects(
        inTransaction(t.deps.db, async (tx) => {
          await t.deps.mail.enqueue(tx, t.deps.jobs, {
            to: 'a@example.org',
            subject: 'Rolled back',
            text: 'x',
          })
          throw new Error('the change failed')
        }),
        /the change failed/,
      )
      const rows = await t.deps.db.select().from(mailOutbox).where(eq(mailOutbox.subject, 'Rolled back'))
      assert.equal(rows.length, 0)
    })

    it('keeps mail in the outbox and shows it to admins only', async () => {
      const id = await inTransaction(t.deps.db, (tx) =>
        t.deps.mail.enqueue(tx, t.deps.jobs, {
          to: 'person@example.org',
          subject: 'Ihr Antrag ist eingegangen',
          text: 'Guten Tag,\nwir haben Ihren Antrag erhalten.',
        }),
      )
      const row = await outboxRow(t.deps.db, id)
      assert.equal(row.status, 'kept')
      assert.equal((await t.deps.db.select().from(jobs).where(eq(jobs.kind, MAIL_SEND_JOB))).length, 0)

      const admin = new Client(t.app)
      await admin.signIn('admin@example.org')
      const page = await admin.get('/verwaltung/postausgang')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Ihr Antrag ist eingegangen/)
      assert.match(page.body, /person@example.org/)
      assert.match(page.body, /wir haben Ihren Antrag erhalten/)
      assert.match(page.body, /aufbewahrt \(nicht versendet\)/)
      assert.match(page.body, /kein SMTP-Server eingerichtet/)

      const staff = new Client(t.app)
      await staff.signIn('staff@example.org')
      const denied = await staff.get('/verwaltung/postausgang')
      assert.equal(denied.statusCode, 403)
      assert.doesNotMatch(denied.body, /Ihr Antrag ist eingegangen/)

      const anonymous = await new Client(t.app).get('/verwaltung/postausgang')
      assert.equal(anonymous.statusCode, 303)
      assert.match(anonymous.headers.location as string, /^\/anmelden\?next=/)
    })

    it('keeps a mail that was queued for SMTP when the process now runs without it', async () => {
      const [row] = await t.deps.db
        .insert(mailOutbox)
        .values({ to: 'x@example.org', subject: 'Queued earlier', text: 'x', status: 'queued' })
        .returning()
      await t.deps.jobs.enqueue(t.deps.db, MAIL_SEND_JOB, { id: row!.id })
      await t.deps.jobs.runDue()
      assert.equal((await outboxRow(t.deps.db, row!.id)).status, 'kept')
    })
  })

  describe(`mail through SMTP (${kind})`, () => {
    let t: TestApp
    let smtp: TestSmtpServer
    before(async () => {
      smtp = new TestSmtpServer()
      const url = await smtp.listen()
      t = await createTestApp(kind, { SMTP_URL: url, MAIL_FROM: 'Teilhabe <noreply@teilhabe.test>' })
      await t.createUser('admin@example.org', ['admin'])
    })
    after(async () => {
      await t.close()
      await smtp.close()
    })

    it('sends queued mail with the job and marks it sent', async () => {
      smtp.failWith = undefined
      const id = await inTransaction(t.deps.db, (tx) =>
        t.deps.mail.enqueue(tx, t.deps.jobs, {
          to: 'empfaenger@example.org',
          subject: 'Bescheid über Ihre Förderung',
          text: 'Hallo,\n.\nein Punkt allein.',
        }),
      )
      assert.equal((await outboxRow(t.deps.db, id)).status, 'queued')
      assert.equal(smtp.received.length, 0, 'nothing is sent inside the transaction')
      assert.equal(await t.deps.jobs.runDue(), 1)
      const row = await outboxRow(t.deps.db, id)
      assert.equal(row.status, 'sent')
      assert.equal(row.attempts, 1)
      assert.ok(row.sentAt)
      const mail = smtp.received.at(-1)!
      assert.equal(mail.from, '<noreply@teilhabe.test>')
      assert.deepEqual(mail.to, ['<empfaenger@example.org>'])
      assert.match(mail.data, /^Subject: =\?UTF-8\?/m)
      assert.equal((await mailJob(t.deps.db, id)).status, 'done')
    })

    it('marks a mail failed instead of sending it twice when an earlier attempt died while sending', async () => {
      smtp.failWith = undefined
      const id = await inTransaction(t.deps.db, (tx) =>
        t.deps.mail.enqueue(tx, t.deps.jobs, {
          to: 'zweimal@example.org',
          subject: 'Einmal',
          text: 'Nur einmal.',
        }),
      )
      // The SMTP server took it, then the process died before recording that: the row still says sending.
      const sends = () => smtp.received.filter((m) => m.to.includes('<zweimal@example.org>')).length
      await t.deps.db.update(mailOutbox).set({ status: 'sending' }).where(eq(mailOutbox.id, id))
      assert.equal(await t.deps.jobs.runDue(), 1)
      const row = await outboxRow(t.deps.db, id)
      assert.equal(row.status, 'failed')
      assert.match(row.lastError ?? '', /interrupted while being sent/)
      assert.equal(sends(), 0, 'not handed to the server again')
      assert.equal((await mailJob(t.deps.db, id)).status, 'done')
    })

    it('retries with back-off when the server refuses, and marks the mail failed after the last attempt', async () => {
      smtp.failWith = '451 4.3.0 try again later'
      const id = await inTransaction(t.deps.db, (tx) =>
        t.deps.mail.enqueue(tx, t.deps.jobs, { to: 'b@example.org', subject: 'Wird scheitern', text: 'x' }),
      )
      for (let attempt = 1; attempt <= MAIL_MAX_ATTEMPTS; attempt++) {
        assert.equal(await t.deps.jobs.runDue(), 1, `attempt ${attempt} runs`)
        const row = await outboxRow(t.deps.db, id)
        assert.equal(row.attempts, attempt)
        assert.match(row.lastError ?? '', /451/)
        const job = await mailJob(t.deps.db, id)
        if (attempt < MAIL_MAX_ATTEMPTS) {
          assert.equal(row.status, 'queued')
          assert.equal(job.status, 'pending')
          assert.ok(job.runAt.getTime() > Date.now() + 20_000, 'retried later, not at once')
          assert.equal(await t.deps.jobs.runDue(), 0)
          await t.deps.db.update(jobs).set({ runAt: new Date() }).where(eq(jobs.id, job.id))
        } else {
          assert.equal(row.status, 'failed')
          assert.equal(job.status, 'failed')
        }
      }
      const admin = new Client(t.app)
      await admin.signIn('admin@example.org')
      const page = await admin.get('/verwaltung/postausgang')
      assert.match(page.body, /Wird scheitern/)
      assert.match(page.body, /Versand gescheitert/)
      assert.match(page.body, /451 4\.3\.0 try again later/)
      assert.doesNotMatch(page.body, /kein SMTP-Server eingerichtet/)
    })

    it('masks one-time link tokens of mail that left the outbox, on the admin page', async () => {
      smtp.failWith = undefined
      const token = 'Zq3xV8nB2mK9pL4wR7tY1uI6oP0aS5dF3gH8jJ2kL9z'
      const id = await inTransaction(t.deps.db, (tx) =>
        t.deps.mail.enqueue(tx, t.deps.jobs, {
          to: 'link@example.org',
          subject: 'Passwort festlegen',
          text: `Bitte hier: https://teilhabe.test/konto/passwort-festlegen?token=${token}`,
        }),
      )
      const admin = new Client(t.app)
      await admin.signIn('admin@example.org')
      const queued = await admin.get('/verwaltung/postausgang')
      assert.match(queued.body, /passwort-festlegen\?token=…/)
      assert.doesNotMatch(queued.body, new RegExp(token))
      await t.deps.jobs.runDue()
      assert.equal((await outboxRow(t.deps.db, id)).status, 'sent')
      assert.match(smtp.received.at(-1)?.data ?? '', new RegExp(token), 'the recipient gets the whole link')
      const sent = await admin.get('/verwaltung/postausgang')
      assert.match(sent.body, /passwort-festlegen\?token=…/)
      assert.doesNotMatch(sent.body, new RegExp(token))
    })

    it('loses nothing across a restart: another process on the same database sends it', async () => {
      smtp.failWith = undefined
      const id = await inTransaction(t.deps.db, (tx) =>
        t.deps.mail.enqueue(tx, t.deps.jobs, {
          to: 'c@example.org',
          subject: 'Nach dem Neustart',
          text: 'x',
        }),
      )
      await t.deps.jobs.stop()
      // The "next process": a new mailer and job queue, nothing shared but the database.
      const mailer = new Mailer(t.config.smtpUrl, t.config.mailFrom)
      const queue = new JobQueue(t.deps.db, silent)
      queue.register(MAIL_SEND_JOB, ({ db, payload, attempt, maxAttempts }) =>
        mailer.send(db, String(payload.id), attempt, maxAttempts),
      )
      assert.equal(await queue.runDue(), 1)
      assert.equal((await outboxRow(t.deps.db, id)).status, 'sent')
      assert.ok(smtp.received.some((m) => /Nach dem Neustart/.test(m.data)))
    })
  })
}

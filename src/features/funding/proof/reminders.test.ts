import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { seedProgramme } from '../../../../test/helpers/funding'
import { grantThisYear, THIS_YEAR } from '../../../../test/helpers/payments'
import type { Actor } from '../../../platform/audit'
import { users } from '../../../platform/auth/tables'
import { recurringKey } from '../../../platform/jobs'
import { jobs } from '../../../platform/jobs/tables'
import { mailOutbox } from '../../../platform/mail/tables'
import { addDays } from '../payments/payment-rules'
import { PROOF_REMINDER_JOB, reminderKind, remindProofs } from './reminders'

for (const kind of dbKinds()) {
  describe(`proof-of-use reminders (${kind})`, () => {
    let t: TestApp
    let officer: Actor
    let approver: Actor
    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      officer = { id: await t.createUser('officer@remind.example', ['funding_officer']), label: 'officer' }
      approver = {
        id: await t.createUser('approver@remind.example', ['funding_approver']),
        label: 'approver',
      }
    })
    after(() => t.close())
    /** The reminders an address got (not the e-mail confirmation of the registration). */
    const mailsTo = async (email: string) =>
      (await t.deps.db.select().from(mailOutbox).where(eq(mailOutbox.to, email))).filter((m) =>
        /Verwendungsnachweis|Proof of use/.test(m.subject),
      )

    it('knows when to remind: four weeks ahead, then once overdue', () => {
      assert.equal(reminderKind('2027-06-30', '2027-06-01'), null)
      assert.equal(reminderKind('2027-06-30', '2027-06-02'), 'before')
      assert.equal(reminderKind('2027-06-30', '2027-06-30'), 'before')
      assert.equal(reminderKind('2027-06-30', '2027-07-01'), 'after')
    })

    it('writes before and after the deadline, once each, in the account language', async () => {
      await grantThisYear(t.deps, { officer, approver }, { email: 'remind@proof.example' })
      const g2 = await grantThisYear(
        t.deps,
        { officer, approver },
        {
          email: 'remind-en@proof.example',
          organisationName: 'English e. V.',
          registerNumber: 'VR 8802',
        },
      )
      await t.deps.db.update(users).set({ locale: 'en' }).where(eq(users.email, 'remind-en@proof.example'))
      // the MSO line: final proof 6 months after the end of the year
      const due = `${THIS_YEAR + 1}-06-30`
      assert.deepEqual(await remindProofs(t.deps, addDays(due, -40)), { proofs: 0, mails: 0 })
      const first = await remindProofs(t.deps, addDays(due, -20))
      assert.deepEqual(first, { proofs: 2, mails: 2 })
      const [de] = await mailsTo('remind@proof.example')
      assert.match(de!.subject, /Verwendungsnachweis fällig am 30\. Juni/)
      assert.match(de!.text, /ist der Schlussnachweis am 30\. Juni \d{4} fällig/)
      assert.match(de!.text, /\/foerderung\/antraege\/[0-9a-f-]+\/verwendungsnachweis/)
      const [en] = await mailsTo('remind-en@proof.example')
      assert.match(en!.subject, /Proof of use due on/)
      assert.match(en!.text, new RegExp(`/en/foerderung/antraege/${g2.id}/verwendungsnachweis`))
      assert.deepEqual(await remindProofs(t.deps, addDays(due, -10)), { proofs: 0, mails: 0 }, 'once')
      const late = await remindProofs(t.deps, addDays(due, 1))
      assert.deepEqual(late, { proofs: 2, mails: 2 })
      assert.match(
        (await mailsTo('remind@proof.example')).at(-1)!.text,
        /war der Schlussnachweis am 30\. Juni \d{4} fällig/,
      )
      assert.deepEqual(await remindProofs(t.deps, addDays(due, 30)), { proofs: 0, mails: 0 }, 'once overdue')
    })

    it('runs every day as a recurring job of the platform queue', async () => {
      await t.deps.jobs.ensureRecurring()
      const [job] = await t.deps.db.select().from(jobs).where(eq(jobs.kind, PROOF_REMINDER_JOB))
      assert.ok(job, 'the recurring run is scheduled')
      assert.equal(job.uniqueKey, recurringKey(PROOF_REMINDER_JOB))
      await t.deps.jobs.runDue()
      const [ran] = await t.deps.db.select().from(jobs).where(eq(jobs.id, job.id))
      assert.equal(ran?.status, 'done', ran?.lastError ?? '')
    })
  })
}

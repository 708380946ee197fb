import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { CLI_ACTOR } from '../../platform/audit'
import { auditLog } from '../../platform/audit/tables'
import { users } from '../../platform/auth/tables'
import { recurringKey } from '../../platform/jobs'
import { jobs } from '../../platform/jobs/tables'
import { mailOutbox } from '../../platform/mail/tables'
import { problemKey } from '../../platform/outcome'
import { createOrganisation } from '../directory/public'
import { linkOrganisationAccount } from '../funding/public'
import { demoContractPdf } from './demo-pdf'
import { addMilestone, attachDocument, changeStatus, createContract, submitReport } from './manage-contracts'
import type { ContractsWho } from './policies'
import { REMINDER_JOB, remindMilestones } from './reminders'

const MINISTRY: ContractsWho = {
  id: 'u-ministry',
  can: (p) => p === 'contracts.manage',
  organisationId: null,
}
const NOW = new Date('2026-06-01T08:00:00Z')
const DAY = 86_400_000

for (const kind of dbKinds()) {
  describe(`integration contract reminders (${kind})`, () => {
    let t: TestApp
    let org: string
    let contractId: string
    const milestones: Record<string, string> = {}

    const mails = () => t.deps.db.select().from(mailOutbox)

    before(async () => {
      t = await createTestApp(kind)
      org = await createOrganisation(t.deps.db, CLI_ACTOR, {
        kind: 'association',
        name: 'Väter im Dialog e. V.',
      })
      const c = await createContract(t.deps.db, CLI_ACTOR, MINISTRY, {
        organisationId: org,
        topic: 'Väterarbeit',
        summary: '',
        startsOn: '2025-01-01',
        endsOn: '2027-12-31',
      })
      assert.ok(c.ok)
      contractId = c.value
      const add = async (title: string, dueOn: string) => {
        const m = await addMilestone(t.deps.db, CLI_ACTOR, MINISTRY, contractId, {
          title,
          dueOn,
          evidence: '',
        })
        assert.ok(m.ok, problemKey(m) ?? '')
        milestones[title] = m.value
      }
      await add('Bald fällig', '2026-06-10')
      await add('Überfällig', '2026-05-20')
      await add('Schon berichtet', '2026-05-25')
      await add('Später', '2026-09-30')
      assert.ok(
        (
          await changeStatus(
            t.deps.db,
            CLI_ACTOR,
            MINISTRY,
            contractId,
            { to: 'signed', signedOn: '2024-12-01' },
            '2026-06-01',
          )
        ).ok,
      )
      assert.ok(
        (
          await attachDocument(t.deps.db, t.deps.files, CLI_ACTOR, MINISTRY, contractId, {
            fileName: 'v.pdf',
            bytes: demoContractPdf(['Vertrag']),
            truncated: false,
          })
        ).ok,
      )
      assert.ok(
        (await changeStatus(t.deps.db, CLI_ACTOR, MINISTRY, contractId, { to: 'running' }, '2026-06-01')).ok,
      )
      assert.ok(
        (
          await submitReport(t.deps.db, CLI_ACTOR, MINISTRY, contractId, {
            milestoneId: milestones['Schon berichtet']!,
            text: 'Erledigt.',
          })
        ).ok,
      )
      const de = await t.createUser('ali@vaeter.example', ['contract_partner'])
      const tr = await t.createUser('emre@vaeter.example', ['contract_partner'])
      // An account of the organisation without the partner role (a funding applicant) gets no reminder.
      const applicant = await t.createUser('antrag@vaeter.example', ['applicant'])
      await t.deps.db.update(users).set({ locale: 'tr' }).where(eq(users.id, tr))
      for (const u of [de, tr, applicant]) await linkOrganisationAccount(t.deps.db, CLI_ACTOR, u, org)
    })
    after(() => t.close())

    it('writes to every partner account in its language: what is due soon, and what lacks its report', async () => {
      const report = await remindMilestones(t.deps, NOW)
      assert.deepEqual(report, { dueSoon: 1, overdue: 1, mails: 4 })
      const sent = await mails()
      assert.equal(sent.filter((m) => m.to === 'antrag@vaeter.example').length, 0)
      const de = sent.filter((m) => m.to === 'ali@vaeter.example')
      const tr = sent.filter((m) => m.to === 'emre@vaeter.example')
      const due = de.find((m) => m.subject === 'Meilensteine Ihres Integrationsvertrags werden fällig')
      const late = de.find((m) => m.subject === 'Bericht zu Ihrem Integrationsvertrag fehlt')
      assert.ok(due && late)
      assert.match(due.text, /^Guten Tag ali,/)
      assert.match(due.text, /- Bald fällig \(10\. Juni 2026\)/)
      assert.doesNotMatch(due.text, /Überfällig|Später|Schon berichtet/)
      assert.match(late.text, /- Überfällig \(20\. Mai 2026\)/)
      assert.doesNotMatch(late.text, /Bald fällig|Schon berichtet/)
      assert.match(due.text, new RegExp(`/integrationsvertraege/berichte/${contractId}`))
      assert.ok(tr.some((m) => m.subject === 'Uyum sözleşmenizin ara hedeflerinin vadesi yaklaşıyor'))
      assert.ok(tr.every((m) => m.text.includes(`/tr/integrationsvertraege/berichte/${contractId}`)))
      const [audit] = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'contracts.milestone.remind'), eq(auditLog.entityId, contractId)))
      assert.ok(audit)
    })

    it('does not write again the next day', async () => {
      const report = await remindMilestones(t.deps, new Date(NOW.getTime() + DAY))
      assert.deepEqual(report, { dueSoon: 0, overdue: 0, mails: 0 })
      assert.equal((await mails()).length, 4)
    })

    it('writes once more when a milestone announced as due has passed without a report', async () => {
      const report = await remindMilestones(t.deps, new Date('2026-06-11T08:00:00Z'))
      assert.deepEqual(report, { dueSoon: 0, overdue: 1, mails: 2 })
      assert.match((await mails()).at(-1)!.text, /Bald fällig/)
    })

    it('says nothing about a milestone once its report is in', async () => {
      assert.ok(
        (
          await submitReport(t.deps.db, CLI_ACTOR, MINISTRY, contractId, {
            milestoneId: milestones.Später!,
            text: 'Vorzeitig erreicht.',
          })
        ).ok,
      )
      const report = await remindMilestones(t.deps, new Date('2026-09-20T08:00:00Z'))
      assert.deepEqual(report, { dueSoon: 0, overdue: 0, mails: 0 })
    })

    it('runs every day as a recurring job of the platform queue', async () => {
      await t.deps.jobs.ensureRecurring()
      const [job] = await t.deps.db.select().from(jobs).where(eq(jobs.kind, REMINDER_JOB))
      assert.ok(job, 'the recurring run is scheduled')
      assert.equal(job.uniqueKey, recurringKey(REMINDER_JOB))
      await t.deps.jobs.runDue()
      const [ran] = await t.deps.db.select().from(jobs).where(eq(jobs.id, job.id))
      assert.equal(ran?.status, 'done', ran?.lastError ?? '')
    })
  })
}

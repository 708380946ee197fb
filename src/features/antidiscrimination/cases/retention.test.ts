import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { Client } from '../../../../test/helpers/http'
import { CLI_ACTOR } from '../../../platform/audit'
import { auditLog } from '../../../platform/audit/tables'
import { loadConfig } from '../../../platform/config'
import { mailOutbox } from '../../../platform/mail/tables'
import { placeByKey } from '../../directory/public'
import { listCentres } from '../network/find-network'
import { assignCounsellor } from '../network/manage-network'
import { seedAntidiscDemo } from '../network/seed-demo'
import { threadByCode } from '../reporting/reporter-thread'
import { submitReport } from '../reporting/submit-report'
import {
  antidiscAttachments,
  antidiscCaseFiles,
  antidiscInterventions,
  antidiscMessages,
  antidiscReports,
} from '../tables'
import { addReporterAttachment } from './attachments'
import { addIntervention, saveCaseFile } from './case-file'
import { answerReport } from './read-report'
import { runRetention } from './retention'

const DAY = 86_400_000

test('retention periods are settings: 3 years, 90 days, a reminder 14 days before by default', () => {
  assert.deepEqual(loadConfig({ DATA_DIR: '/tmp/x' }).antidiscRetention, {
    closedCaseYears: 3,
    unansweredReportDays: 90,
    reminderDays: 14,
  })
  const set = loadConfig({
    DATA_DIR: '/tmp/x',
    CASE_RETENTION_YEARS: '5',
    REPORT_EXPIRY_DAYS: '30',
    REPORT_REMINDER_DAYS: '7',
  })
  assert.deepEqual(set.antidiscRetention, { closedCaseYears: 5, unansweredReportDays: 30, reminderDays: 7 })
})

for (const kind of dbKinds()) {
  describe(`retention of reports and case files (${kind})`, () => {
    let t: TestApp
    let base: number
    let counsellor: Client
    const who = { id: '', can: (p: string) => p === 'antidisc.counsel' }
    const actor = () => ({ id: who.id, label: 'counsellor' })
    const ids: Record<string, string> = {}
    let code = ''

    const row = async (id: string) =>
      (await t.deps.db.select().from(antidiscReports).where(eq(antidiscReports.id, id)))[0]!
    const at = (days: number) => new Date(base + days * DAY)

    before(async () => {
      t = await createTestApp(kind)
      await seedAntidiscDemo(t.deps, () => {})
      const frankfurt = (await placeByKey(t.deps.db, '06412'))!.id
      const wiesbaden = (await placeByKey(t.deps.db, '06414'))!.id
      const centre = (await listCentres(t.deps.db)).find((c) => c.name.includes('Frankfurt'))!
      who.id = await t.createUser('frist@test.de', ['counsellor'])
      assert.ok((await assignCounsellor(t.deps.db, CLI_ACTOR, { userId: who.id, centreId: centre.id })).ok)
      await t.createUser('buero@test.de', ['network_office'])
      counsellor = new Client(t.app)
      await counsellor.signIn('frist@test.de')
      const report = async (name: string, over: Partial<Parameters<typeof submitReport>[1]> = {}) => {
        const r = await submitReport(t.deps, {
          narrative: `Retention-Probe ${name}`,
          occurredOn: '2026-01-10',
          districtId: frankfurt,
          grounds: ['religion'],
          centre: centre.id,
          contactWish: 'anonymous',
          language: 'de',
          ...over,
        })
        assert.ok(r.ok)
        ids[name] = r.value.reportId
        return r.value.code
      }
      code = await report('unanswered')
      await report('answered')
      await report('withContact', { contactWish: 'email', contactEmail: 'kontakt@beispiel.de' })
      await report('unrouted', { centre: 'network', districtId: wiesbaden })
      await report('withCaseFile')
      await report('closed')
      base = (await row(ids.closed!)).createdAt.getTime()
      const answered = await answerReport(t.deps, who, actor(), ids.answered!, 'Wir melden uns.')
      assert.ok(answered?.ok)
      const file = (status: 'open' | 'closed') => ({
        status,
        grounds: ['religion' as const],
        intersectional: false,
        forms: [],
        deadlineFrom: '2026-01-10',
        facts: 'Sachverhalt-Probe',
        outcome: status === 'closed' ? ('resolved' as const) : undefined,
      })
      assert.ok((await saveCaseFile(t.deps, who, actor(), ids.withCaseFile!, file('open')))?.ok)
      assert.ok((await saveCaseFile(t.deps, who, actor(), ids.closed!, file('closed'), at(10)))?.ok)
      const iv = await addIntervention(t.deps, who, actor(), ids.closed!, {
        kind: 'mediation',
        on: '2026-01-20',
        note: 'Vermittlungs-Probe',
      })
      assert.ok(iv?.ok)
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
      const added = await addReporterAttachment(t.deps, ids.closed!, {
        fileName: 'beleg.pdf',
        bytes: pdf,
        truncated: false,
      })
      assert.ok(added.ok)
    })
    after(() => t.close())

    test('14 days before the 90: the centre, or the network office, is reminded once; nothing expires yet', async () => {
      assert.deepEqual(await runRetention(t.deps, at(75)), { closedAnonymised: 0, expired: 0, reminded: 0 })
      assert.deepEqual(await runRetention(t.deps, at(77)), { closedAnonymised: 0, expired: 0, reminded: 2 })
      const mails = await t.deps.db.select().from(mailOutbox)
      const to = mails.filter((m) => m.subject.startsWith('Eine anonyme Meldung läuft am')).map((m) => m.to)
      assert.deepEqual(to.sort(), ['buero@test.de', 'frist@test.de'])
      const forCentre = mails.find((m) => m.to === 'frist@test.de')!
      assert.ok(forCentre.text.includes(`/beratung/meldungen/${ids.unanswered}`))
      assert.ok(!forCentre.text.includes('Retention-Probe'), 'the mail tells nothing of the report')
      assert.deepEqual(await runRetention(t.deps, at(78)), { closedAnonymised: 0, expired: 0, reminded: 0 })
      assert.ok((await threadByCode(t.deps, code))?.narrative.includes('Retention-Probe'))
    })

    test('after 90 days an unanswered anonymous report is anonymised: no key, no text, no code; the facts stay', async () => {
      assert.deepEqual(await runRetention(t.deps, at(91)), { closedAnonymised: 0, expired: 2, reminded: 0 })
      for (const name of ['unanswered', 'unrouted']) {
        const r = await row(ids[name]!)
        assert.ok(r.anonymisedAt, name)
        assert.equal(r.dataKey, null)
        assert.equal(r.keyId, null)
        assert.equal(r.narrativeSealed, null)
        assert.equal(r.receiptHash, null)
        assert.deepEqual(r.grounds, ['religion'])
        assert.equal(r.occurredOn, '2026-01-10')
      }
      // Answered, with a way to reach the person, or with a case file: kept.
      for (const name of ['answered', 'withContact', 'withCaseFile', 'closed'])
        assert.equal((await row(ids[name]!)).anonymisedAt, null, name)
      assert.equal(await threadByCode(t.deps, code), null, 'the receipt code opens nothing any more')
      assert.equal((await counsellor.get(`/beratung/meldungen/${ids.unanswered}`)).statusCode, 404)
      assert.ok(!(await counsellor.get('/beratung')).body.includes(ids.unanswered!))
      const [entry] = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, ids.unanswered!), eq(auditLog.action, 'antidisc.report.anonymise')))
      assert.deepEqual(entry!.summary, { reason: 'expired' })
    })

    test('a closed case is anonymised three years after closing: texts, messages and notes gone, categories kept', async () => {
      const closedAt = at(10)
      const threeYears = new Date(closedAt)
      threeYears.setUTCFullYear(threeYears.getUTCFullYear() + 3)
      const justBefore = new Date(threeYears.getTime() - DAY)
      assert.equal((await runRetention(t.deps, justBefore)).closedAnonymised, 0)
      assert.equal((await runRetention(t.deps, new Date(threeYears.getTime() + DAY))).closedAnonymised, 1)
      const r = await row(ids.closed!)
      assert.ok(r.anonymisedAt)
      assert.equal(r.dataKey, null)
      const [file] = await t.deps.db
        .select()
        .from(antidiscCaseFiles)
        .where(eq(antidiscCaseFiles.reportId, ids.closed!))
      assert.equal(file!.factsSealed, null)
      assert.equal(file!.outcome, 'resolved')
      assert.deepEqual(file!.grounds, ['religion'])
      const [iv] = await t.deps.db
        .select()
        .from(antidiscInterventions)
        .where(eq(antidiscInterventions.reportId, ids.closed!))
      assert.equal(iv!.kind, 'mediation')
      assert.equal(iv!.noteSealed, null)
      const files = await t.deps.db
        .select()
        .from(antidiscAttachments)
        .where(eq(antidiscAttachments.reportId, ids.closed!))
      assert.equal(files.length, 0, 'the attachments are deleted')
      // The answered report is long past 90 days but was answered: it stays, with its message.
      assert.equal((await row(ids.answered!)).anonymisedAt, null)
      const messages = await t.deps.db
        .select()
        .from(antidiscMessages)
        .where(eq(antidiscMessages.reportId, ids.answered!))
      assert.equal(messages.length, 1)
      // An anonymised case is no one's to edit any more.
      const edit = await saveCaseFile(t.deps, who, actor(), ids.closed!, {
        status: 'open',
        grounds: ['religion'],
        intersectional: false,
        forms: [],
        deadlineFrom: '2026-01-10',
      })
      assert.equal(edit, null)
    })
  })
}

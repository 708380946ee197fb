import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { Client } from '../../../../test/helpers/http'
import { CLI_ACTOR } from '../../../platform/audit'
import { auditLog } from '../../../platform/audit/tables'
import { placeByKey } from '../../directory/public'
import { listCentres } from '../network/find-network'
import { assignCounsellor } from '../network/manage-network'
import { seedAntidiscDemo } from '../network/seed-demo'
import { formatReceiptCode } from '../reporting/receipt'
import { RECEIPT_ANSWER_MS } from '../reporting/routes'
import { submitReport } from '../reporting/submit-report'
import { antidiscAttachments, antidiscCaseFiles, antidiscMessages, antidiscReports } from '../tables'
import { addReporterAttachment } from './attachments'
import { EXPORT_FORMAT } from './data-subject'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

for (const kind of dbKinds()) {
  describe(`the data subject's export and deletion on request (${kind})`, () => {
    let t: TestApp
    let district: string
    let centreA: string
    let counsellorA: Client
    let counsellorB: Client

    /** A report of centre A with a counsellor's answer and a file; answers its id and code. */
    const fresh = async (narrative: string) => {
      const r = await submitReport(t.deps, {
        narrative,
        occurredOn: '2026-04-02',
        districtId: district,
        grounds: ['racism', 'religion'],
        centre: centreA,
        contactWish: 'email',
        contactEmail: 'person.betroffen@beispiel.de',
        language: 'de',
      })
      assert.ok(r.ok)
      const url = `/beratung/meldungen/${r.value.reportId}`
      assert.equal(
        (await counsellorA.submit(url, `${url}/antwort`, { body: 'Antwort der Beratung' })).statusCode,
        303,
      )
      assert.ok(
        (
          await addReporterAttachment(t.deps, r.value.reportId, {
            fileName: 'beleg.pdf',
            bytes: PDF,
            truncated: false,
          })
        ).ok,
      )
      return { id: r.value.reportId, code: r.value.code, url }
    }
    const audits = (action: string, id: string) =>
      t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.entityId, id)))

    before(async () => {
      t = await createTestApp(kind)
      await seedAntidiscDemo(t.deps, () => {})
      district = (await placeByKey(t.deps.db, '06412'))!.id
      const centres = await listCentres(t.deps.db)
      centreA = centres.find((c) => c.name.includes('Frankfurt'))!.id
      const centreB = centres.find((c) => c.name.includes('Nordhessen'))!.id
      const a = await t.createUser('beraterin-a@test.de', ['counsellor'])
      const b = await t.createUser('berater-b@test.de', ['counsellor'])
      assert.ok((await assignCounsellor(t.deps.db, CLI_ACTOR, { userId: a, centreId: centreA })).ok)
      assert.ok((await assignCounsellor(t.deps.db, CLI_ACTOR, { userId: b, centreId: centreB })).ok)
      counsellorA = new Client(t.app)
      await counsellorA.signIn('beraterin-a@test.de')
      counsellorB = new Client(t.app)
      await counsellorB.signIn('berater-b@test.de')
    })
    after(() => t.close())

    test('the reporter downloads everything with the code (typed with spaces): one JSON file, not cached, audited', async () => {
      const r = await fresh('Export-Probe: Der Hausmeister beschimpfte mich.')
      const c = new Client(t.app)
      const thread = await c.submit('/melden/antwort', '/melden/antwort', { code: r.code })
      assert.ok(thread.body.includes('Meine Meldung herunterladen'))
      const started = performance.now()
      const res = await c.submit('/melden/antwort', '/melden/antwort/export', {
        code: formatReceiptCode(r.code),
      })
      assert.ok(performance.now() - started >= RECEIPT_ANSWER_MS)
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
      assert.match(
        String(res.headers['content-disposition']),
        /^attachment; filename="meldung-\d{4}-\d{2}-\d{2}\.json"/,
      )
      assert.equal(res.headers['cache-control'], 'no-store')
      const doc = JSON.parse(res.body)
      assert.equal(doc.format, EXPORT_FORMAT)
      assert.equal(doc.report.narrative, 'Export-Probe: Der Hausmeister beschimpfte mich.')
      assert.deepEqual(doc.report.contact, { email: 'person.betroffen@beispiel.de' })
      assert.deepEqual(doc.report.grounds, ['racism', 'religion'])
      assert.equal(doc.report.district, 'Frankfurt am Main')
      assert.deepEqual(
        doc.messages.map((m: { from: string; text: string }) => [m.from, m.text]),
        [['counsellor', 'Antwort der Beratung']],
      )
      assert.equal(doc.files.length, 1)
      assert.equal(doc.files[0].name, 'beleg.pdf')
      assert.deepEqual(Buffer.from(doc.files[0].base64, 'base64'), PDF)
      assert.equal(doc.caseFile, undefined, 'the counsellors’ case file is not in the reporter’s export')
      const [entry, ...more] = await audits('antidisc.report.export', r.id)
      assert.equal(more.length, 0)
      assert.deepEqual(entry!.summary, { by: 'reporter', files: 1 })
      assert.equal(entry!.actorId, null)
      // A wrong code: the code form with its message, no file.
      const wrongCode = r.code.endsWith('0') ? `${r.code.slice(0, -1)}1` : `${r.code.slice(0, -1)}0`
      const wrong = await c.submit('/melden/antwort', '/melden/antwort/export', { code: wrongCode })
      assert.equal(wrong.statusCode, 400)
      assert.ok(wrong.body.includes('Zu dieser Eingangsnummer gibt es keine Meldung.'))
      assert.equal(wrong.headers['content-disposition'], undefined)
    })

    test('the reporter deletes the report: the box must be ticked; then everything personal is gone and the code opens nothing', async () => {
      const r = await fresh('Widerruf-Probe: bitte löschen.')
      const c = new Client(t.app)
      const unticked = await c.submit('/melden/antwort', '/melden/antwort/loeschen', { code: r.code })
      assert.equal(unticked.statusCode, 400)
      assert.ok(unticked.body.includes('Kreuzen Sie an, dass Ihre Meldung gelöscht werden soll.'))
      assert.ok(unticked.body.includes('href="#feld-confirm"'), 'the summary links to the box')
      assert.ok(unticked.body.includes('Widerruf-Probe'), 'the thread is shown again')
      assert.equal(
        (await t.deps.db.select().from(antidiscReports).where(eq(antidiscReports.id, r.id)))[0]!.anonymisedAt,
        null,
      )

      const done = await c.submit('/melden/antwort', '/melden/antwort/loeschen', {
        code: r.code,
        confirm: 'on',
      })
      assert.equal(done.statusCode, 200)
      assert.ok(done.body.includes('Ihre Meldung ist gelöscht'))
      assert.equal(done.headers['cache-control'], 'no-store')
      const [row] = await t.deps.db.select().from(antidiscReports).where(eq(antidiscReports.id, r.id))
      assert.ok(row!.anonymisedAt)
      assert.equal(row!.dataKey, null)
      assert.equal(row!.narrativeSealed, null)
      assert.equal(row!.contactSealed, null)
      assert.equal(row!.receiptHash, null)
      assert.deepEqual(row!.grounds, ['racism', 'religion'], 'the facts stay for the statistics')
      assert.equal(
        (await t.deps.db.select().from(antidiscMessages).where(eq(antidiscMessages.reportId, r.id))).length,
        0,
      )
      assert.equal(
        (await t.deps.db.select().from(antidiscAttachments).where(eq(antidiscAttachments.reportId, r.id)))
          .length,
        0,
      )
      const [entry] = await audits('antidisc.report.anonymise', r.id)
      assert.deepEqual(entry!.summary, { reason: 'withdrawn' })
      const again = await c.submit('/melden/antwort', '/melden/antwort', { code: r.code })
      assert.equal(again.statusCode, 400)
      assert.equal((await counsellorA.get(r.url)).statusCode, 404, 'the centre sees it no more')
    })

    test('for a client the centre knows: the counsellor exports (with the case file) and deletes; another centre gets 404 and changes nothing', async () => {
      const r = await fresh('Klient-Probe: Kündigung nach Kopftuch.')
      const file = await counsellorA.submit(r.url, `${r.url}/akte`, {
        status: 'open',
        grounds: ['religion'],
        domain: 'work',
        aggCovered: 'yes',
        forms: ['direct'],
        level: 'individual',
        actorKind: 'employer',
        deadlineFrom: '2026-04-02',
        facts: 'Akte-Probe: Gespräch am 3. April.',
      })
      assert.equal(file.statusCode, 303, file.body.slice(0, 200))
      assert.equal((await counsellorB.post(`${r.url}/export`, {})).statusCode, 403, 'no CSRF token: refused')
      const foreign = await counsellorB.submit('/beratung', `${r.url}/export`, {})
      assert.equal(foreign.statusCode, 404)
      assert.ok(!foreign.body.includes('Klient-Probe'))
      const res = await counsellorA.submit(r.url, `${r.url}/export`, {})
      assert.equal(res.statusCode, 200)
      assert.match(String(res.headers['content-disposition']), /^attachment;/)
      const doc = JSON.parse(res.body)
      assert.equal(doc.report.narrative, 'Klient-Probe: Kündigung nach Kopftuch.')
      assert.equal(doc.caseFile.facts, 'Akte-Probe: Gespräch am 3. April.')
      assert.deepEqual(doc.interventions, [])
      const [entry] = await audits('antidisc.report.export', r.id)
      assert.equal((entry!.summary as { by: string }).by, 'counsellor')
      assert.ok(entry!.actorId, 'the counsellor is named')

      const unticked = await counsellorA.submit(r.url, `${r.url}/loeschen`, {})
      assert.equal(unticked.statusCode, 400)
      assert.ok(unticked.body.includes('Bestätigen Sie, dass die Person ihre Einwilligung widerrufen hat.'))
      assert.equal(
        (await counsellorB.submit('/beratung', `${r.url}/loeschen`, { confirm: 'on' })).statusCode,
        404,
      )
      assert.equal(
        (await t.deps.db.select().from(antidiscReports).where(eq(antidiscReports.id, r.id)))[0]!.anonymisedAt,
        null,
      )
      const gone = await counsellorA.submit(r.url, `${r.url}/loeschen`, { confirm: 'on' })
      assert.equal(gone.statusCode, 303)
      assert.equal(gone.headers.location, '/beratung')
      const [cf] = await t.deps.db
        .select()
        .from(antidiscCaseFiles)
        .where(eq(antidiscCaseFiles.reportId, r.id))
      assert.equal(cf!.factsSealed, null)
      assert.deepEqual(cf!.grounds, ['religion'], 'the categories stay, anonymised')
      const [del] = await audits('antidisc.report.anonymise', r.id)
      assert.deepEqual(del!.summary, { reason: 'withdrawn' })
      assert.ok(del!.actorId)
      assert.equal((await counsellorA.submit('/beratung', `${r.url}/export`, {})).statusCode, 404)
    })
  })
}

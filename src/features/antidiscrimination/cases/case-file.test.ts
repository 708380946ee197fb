import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { after, before, describe, test } from 'node:test'
import { promisify } from 'node:util'
import { and, eq, sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { Client } from '../../../../test/helpers/http'
import { CLI_ACTOR } from '../../../platform/audit'
import { auditLog } from '../../../platform/audit/tables'
import { berlinDay } from '../../../platform/days'
import { placeByKey } from '../../directory/public'
import { listCentres } from '../network/find-network'
import { assignCounsellor } from '../network/manage-network'
import { seedAntidiscDemo } from '../network/seed-demo'
import { submitReport } from '../reporting/submit-report'
import { antidiscCaseFiles, antidiscInterventions, antidiscReferrals } from '../tables'
import {
  ACTOR_KINDS,
  AGG_COVERAGE,
  aggDeadline,
  CASE_GROUNDS,
  CASE_STATUSES,
  CLIENT_ASSESSMENTS,
  DISCRIMINATION_FORMS,
  deadlineState,
  INTERVENTIONS,
  LEVELS,
  LIFE_DOMAIN_IDS,
  OUTCOMES,
} from './case-vocabulary'
import { caseFileMessages } from './messages-file'

const daysAgo = (n: number) => {
  const d = new Date(`${berlinDay()}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() - n)
  return d.toISOString().slice(0, 10)
}

describe('the AGG deadline', () => {
  test('two months later, or the last day of that month (§ 188 BGB)', () => {
    const table: [string, string][] = [
      ['2026-03-15', '2026-05-15'],
      ['2026-12-31', '2027-02-28'],
      ['2027-12-31', '2028-02-29'],
      ['2026-11-30', '2027-01-30'],
      ['2026-07-31', '2026-09-30'],
      ['2026-01-01', '2026-03-01'],
    ]
    for (const [from, end] of table) assert.equal(aggDeadline(from), end, from)
  })

  test('warns from 14 days before the end, says when it has passed, and not for closed or non-AGG cases', () => {
    const open = (deadline: string) => ({ deadline, status: 'open' as const, aggCovered: null })
    assert.equal(deadlineState(open('2026-05-15'), '2026-04-30'), 'running')
    assert.equal(deadlineState(open('2026-05-15'), '2026-05-01'), 'soon')
    assert.equal(deadlineState(open('2026-05-15'), '2026-05-15'), 'soon')
    assert.equal(deadlineState(open('2026-05-15'), '2026-05-16'), 'passed')
    assert.equal(deadlineState({ ...open('2026-05-15'), status: 'closed' }, '2026-05-16'), null)
    assert.equal(deadlineState({ ...open('2026-05-15'), aggCovered: 'no' }, '2026-05-10'), null)
    assert.equal(deadlineState({ ...open('2026-05-15'), aggCovered: 'yes' }, '2026-05-10'), 'soon')
  })

  test('every value of every list has a label in German and English', () => {
    const lists: [string, readonly string[]][] = [
      ['status', CASE_STATUSES],
      ['domain', LIFE_DOMAIN_IDS],
      ['agg', AGG_COVERAGE],
      ['form', DISCRIMINATION_FORMS],
      ['level', LEVELS],
      ['actor', ACTOR_KINDS],
      ['intervention', INTERVENTIONS],
      ['outcome', OUTCOMES],
      ['assessment', CLIENT_ASSESSMENTS],
    ]
    const de = caseFileMessages.de as Record<string, string>
    const en = caseFileMessages.en as Record<string, string>
    for (const [prefix, values] of lists)
      for (const v of values) {
        const key = `antidisc.staff.${prefix}.${v}`
        assert.ok(de[key] && en[key], key)
      }
    for (const g of ['weight', 'care_responsibilities'])
      assert.ok(CASE_GROUNDS.includes(g as never) && de[`antidisc.staff.ground.${g}`], g)
  })
})

for (const kind of dbKinds()) {
  describe(`case files of the counselling centres (${kind})`, () => {
    let t: TestApp
    let centreA: string
    let frankfurt: string
    let counsellorA: Client
    let counsellorB: Client
    let reportId: string
    let url: string
    let centreB: string

    const newReport = async (occurredOn: string, narrative = 'Die Wohnung sei schon weg, hieß es.') => {
      const r = await submitReport(t.deps, {
        narrative,
        occurredOn,
        districtId: frankfurt,
        grounds: ['racism'],
        centre: centreA,
        contactWish: 'anonymous',
        language: 'de',
      })
      assert.ok(r.ok)
      return r.value.reportId
    }
    const audits = async (id: string, action: string) =>
      await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, id), eq(auditLog.action, action)))
    const valid = (over: Record<string, string | string[]> = {}) => ({
      status: 'open',
      grounds: ['racism', 'weight'],
      intersectional: 'on',
      domain: 'housing',
      aggCovered: 'yes',
      forms: ['direct', 'harassment'],
      level: 'individual',
      actorKind: 'landlord',
      deadlineFrom: daysAgo(10),
      facts: 'Akten-Probe-1701: Besichtigung abgesagt, nachdem der Name genannt wurde.',
      consequences: 'Folgen-Probe-1702',
      goal: 'Ziel-Probe-1703',
      notes: 'Notiz-Probe-1704',
      ...over,
    })

    before(async () => {
      t = await createTestApp(kind)
      await seedAntidiscDemo(t.deps, () => {})
      frankfurt = (await placeByKey(t.deps.db, '06412'))!.id
      const centres = await listCentres(t.deps.db)
      centreA = centres.find((c) => c.name.includes('Frankfurt'))!.id
      centreB = centres.find((c) => c.name.includes('Nordhessen'))!.id
      const a = await t.createUser('akte-a@test.de', ['counsellor'])
      const b = await t.createUser('akte-b@test.de', ['counsellor'])
      assert.ok((await assignCounsellor(t.deps.db, CLI_ACTOR, { userId: a, centreId: centreA })).ok)
      assert.ok((await assignCounsellor(t.deps.db, CLI_ACTOR, { userId: b, centreId: centreB })).ok)
      counsellorA = new Client(t.app)
      await counsellorA.signIn('akte-a@test.de')
      counsellorB = new Client(t.app)
      await counsellorB.signIn('akte-b@test.de')
      reportId = await newReport(daysAgo(10))
      url = `/beratung/meldungen/${reportId}`
    })
    after(() => t.close())

    test('the form starts from the report; an empty one names every field, nothing stored', async () => {
      const form = await counsellorA.get(`${url}/akte`)
      assert.equal(form.statusCode, 200)
      assert.match(form.body, /name="grounds" value="racism" checked/)
      assert.ok(form.body.includes(`value="${daysAgo(10)}"`), 'the period runs from the incident')
      assert.equal((await audits(reportId, 'antidisc.report.read')).length, 1, 'opening the form is a read')
      const empty = await counsellorA.submit(`${url}/akte`, `${url}/akte`, {})
      assert.equal(empty.statusCode, 400)
      for (const m of [
        'Wählen Sie den Stand des Falls aus.',
        'Wählen Sie bei „Gründe“ mindestens einen Grund aus.',
        'Geben Sie bei „AGG-Frist läuft ab“ ein Datum ein',
      ])
        assert.ok(empty.body.includes(m), m)
      assert.equal((await t.deps.db.select().from(antidiscCaseFiles)).length, 0)
    })

    test('closing without an outcome, or a period from the future, is refused with the text kept', async () => {
      const closing = await counsellorA.submit(`${url}/akte`, `${url}/akte`, valid({ status: 'closed' }))
      assert.equal(closing.statusCode, 400)
      assert.ok(closing.body.includes('Wählen Sie ein „Ergebnis“ aus, bevor Sie den Fall abschließen.'))
      assert.ok(closing.body.includes('Akten-Probe-1701'), 'what was typed stays')
      const future = await counsellorA.submit(
        `${url}/akte`,
        `${url}/akte`,
        valid({ deadlineFrom: '2099-01-01' }),
      )
      assert.equal(future.statusCode, 400)
      assert.ok(future.body.includes('„AGG-Frist läuft ab“ darf nicht in der Zukunft liegen.'))
      const unknown = await counsellorA.submit(`${url}/akte`, `${url}/akte`, valid({ domain: 'moon' }))
      assert.equal(unknown.statusCode, 400)
      assert.ok(unknown.body.includes('Wählen Sie bei „Lebensbereich“ einen Eintrag der Liste aus.'))
      assert.equal((await t.deps.db.select().from(antidiscCaseFiles)).length, 0)
    })

    test('saved: shown on the case page, sealed in the table, audited by field names only', async () => {
      const saved = await counsellorA.submit(`${url}/akte`, `${url}/akte`, valid())
      assert.equal(saved.statusCode, 303)
      const page = await counsellorA.get(url)
      for (const s of [
        'Akten-Probe-1701',
        'Folgen-Probe-1702',
        'Ziel-Probe-1703',
        'Notiz-Probe-1704',
        'Gewicht',
      ])
        assert.ok(page.body.includes(s), s)
      assert.ok(
        page.body.includes('Unmittelbare Benachteiligung (§ 3 Abs. 1 AGG), Belästigung (§ 3 Abs. 3 AGG)'),
      )
      const [row] = await t.deps.db
        .select()
        .from(antidiscCaseFiles)
        .where(eq(antidiscCaseFiles.reportId, reportId))
      assert.deepEqual(row!.grounds, ['racism', 'weight'])
      assert.equal(row!.domain, 'housing')
      assert.ok(row!.factsSealed && !row!.factsSealed.includes('Akten-Probe'))
      const [created] = await audits(reportId, 'antidisc.case.save')
      assert.deepEqual((created!.summary as { changed: string[] }).changed, ['created'])
      assert.ok(!JSON.stringify(created).includes('Probe'))

      const again = await counsellorA.submit(
        `${url}/akte`,
        `${url}/akte`,
        valid({
          status: 'closed',
          outcome: 'partly_resolved',
          clientAssessment: 'satisfied',
          notes: 'Neu-Probe',
        }),
      )
      assert.equal(again.statusCode, 303)
      const saves = await audits(reportId, 'antidisc.case.save')
      const changed = saves.map((a) => (a.summary as { changed: string[] }).changed)
      assert.ok(
        changed.some((c) => JSON.stringify(c) === '["status","outcome","clientAssessment","notes"]'),
        JSON.stringify(changed),
      )
      const [closed] = await t.deps.db
        .select()
        .from(antidiscCaseFiles)
        .where(eq(antidiscCaseFiles.reportId, reportId))
      assert.equal(closed!.status, 'closed')
      assert.ok(closed!.closedAt instanceof Date)
    })

    test('interventions over time: refused without a kind, recorded with a sealed note', async () => {
      const none = await counsellorA.submit(url, `${url}/interventionen`, { on: daysAgo(1) })
      assert.equal(none.statusCode, 400)
      assert.ok(none.body.includes('Wählen Sie die Art der Intervention aus.'))
      const added = await counsellorA.submit(url, `${url}/interventionen`, {
        kind: 'complaint_letter',
        on: daysAgo(2),
        note: 'Brief-Probe-1705 an die Hausverwaltung',
      })
      assert.equal(added.statusCode, 303)
      const page = await counsellorA.get(url)
      assert.ok(page.body.includes('Beschwerdebrief'))
      assert.ok(page.body.includes('Brief-Probe-1705'))
      const [row] = await t.deps.db
        .select()
        .from(antidiscInterventions)
        .where(eq(antidiscInterventions.reportId, reportId))
      assert.ok(row!.noteSealed && !row!.noteSealed.includes('Brief-Probe'))
      assert.equal((await audits(reportId, 'antidisc.case.intervention')).length, 1)
    })

    test('a counsellor of another centre: 404 for the form, the save and the intervention, nothing changed or read', async () => {
      const reads = (await audits(reportId, 'antidisc.report.read')).length
      assert.equal((await counsellorB.get(`${url}/akte`)).statusCode, 404)
      const save = await counsellorB.submit('/beratung', `${url}/akte`, valid({ notes: 'Fremd-Probe' }))
      assert.equal(save.statusCode, 404)
      assert.ok(!save.body.includes('Akten-Probe'))
      const empty = await counsellorB.submit('/beratung', `${url}/akte`, {})
      assert.equal(empty.statusCode, 404)
      assert.ok(!empty.body.includes('Akten-Probe'))
      const iv = await counsellorB.submit('/beratung', `${url}/interventionen`, {
        kind: 'mediation',
        on: daysAgo(1),
      })
      assert.equal(iv.statusCode, 404)
      assert.equal((await audits(reportId, 'antidisc.report.read')).length, reads)
      assert.equal((await t.deps.db.select().from(antidiscInterventions)).length, 1)
      const [row] = await t.deps.db
        .select()
        .from(antidiscCaseFiles)
        .where(eq(antidiscCaseFiles.reportId, reportId))
      assert.equal(row!.status, 'closed')
    })

    test('the case list warns of AGG periods ending soon or ended, not for closed cases or those outside the AGG', async () => {
      const ended = await newReport(daysAgo(70))
      const soon = await newReport(daysAgo(55))
      const outside = await newReport(daysAgo(70))
      await counsellorA.submit(
        `/beratung/meldungen/${outside}/akte`,
        `/beratung/meldungen/${outside}/akte`,
        valid({ aggCovered: 'no', domain: 'authorities', deadlineFrom: daysAgo(70) }),
      )
      const inbox = await counsellorA.get('/beratung')
      assert.equal(inbox.statusCode, 200)
      assert.ok(
        inbox.body.includes('Bei 2 Fällen endet die AGG-Frist bald oder ist abgelaufen.'),
        'two cases',
      )
      const cell = (id: string) => {
        const row = inbox.body.split('<tr').find((r) => r.includes(`/beratung/meldungen/${id}"`)) ?? ''
        return row.match(/data-deadline="(\w+)"/)?.[1] ?? null
      }
      assert.equal(cell(ended), 'passed')
      assert.equal(cell(soon), 'soon')
      assert.equal(cell(outside), null)
      assert.equal(cell(reportId), null, 'the closed case')
      const page = await counsellorA.get(`/beratung/meldungen/${ended}`)
      assert.match(page.body, /AGG-Frist: abgelaufen am/)
    })

    test('referral to another centre: only with consent; then the other centre reads it and this one gets 404', async () => {
      const id = await newReport(daysAgo(5), 'Weitergabe-Probe')
      const at = `/beratung/meldungen/${id}`
      await counsellorA.submit(at, `${at}/interventionen`, { kind: 'first_advice', on: daysAgo(4) })
      const form = await counsellorA.get(at)
      assert.ok(form.body.includes('An eine andere Beratungsstelle weitergeben'))
      assert.ok(!form.body.includes(`<option value="${centreA}"`), 'its own centre is not offered')
      const noConsent = await counsellorA.submit(at, `${at}/weiterleiten`, {
        toCentreId: centreB,
        consent: 'message',
        consentOn: daysAgo(1),
      })
      assert.equal(noConsent.statusCode, 400)
      assert.ok(noConsent.body.includes('Ohne Einwilligung wird nicht weitergegeben.'))
      const own = await counsellorA.submit(at, `${at}/weiterleiten`, {
        toCentreId: centreA,
        consent: 'message',
        consentOn: daysAgo(1),
        confirmed: 'on',
      })
      assert.equal(own.statusCode, 400)
      assert.ok(own.body.includes('Die Meldung ist schon bei dieser Beratungsstelle.'))
      // Another centre cannot hand over what is not theirs.
      const foreign = await counsellorB.submit('/beratung', `${at}/weiterleiten`, {
        toCentreId: centreB,
        consent: 'written',
        consentOn: daysAgo(1),
        confirmed: 'on',
      })
      assert.equal(foreign.statusCode, 404)
      assert.equal((await t.deps.db.select().from(antidiscReferrals)).length, 0)

      const done = await counsellorA.submit(at, `${at}/weiterleiten`, {
        toCentreId: centreB,
        consent: 'message',
        consentOn: daysAgo(1),
        confirmed: 'on',
      })
      assert.equal(done.statusCode, 303)
      assert.equal(done.headers.location, '/beratung')
      assert.equal((await counsellorA.get(at)).statusCode, 404)
      const there = await counsellorB.get(at)
      assert.equal(there.statusCode, 200)
      assert.ok(there.body.includes('Weitergabe-Probe'))
      assert.ok(there.body.includes('Erstberatung'), 'the case file travels with the report')
      const [ref] = await t.deps.db.select().from(antidiscReferrals).where(eq(antidiscReferrals.reportId, id))
      assert.equal(ref!.fromCentreId, centreA)
      assert.equal(ref!.toCentreId, centreB)
      assert.equal(ref!.consent, 'message')
      const [entry] = await audits(id, 'antidisc.report.refer')
      assert.deepEqual(entry!.summary, { fromCentreId: centreA, toCentreId: centreB, consent: 'message' })
    })

    test('no plaintext of a case file in the database: every table as text, and pg_dump on PostgreSQL', async () => {
      const secrets = [
        'Akten-Probe-1701',
        'Folgen-Probe-1702',
        'Ziel-Probe-1703',
        'Neu-Probe',
        'Brief-Probe-1705',
      ]
      const tables = (await t.deps.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      )) as { rows: { table_name: string }[] }
      let everything = ''
      for (const { table_name } of tables.rows) {
        const rows = (await t.deps.db.execute(
          sql`select t::text as line from ${sql.identifier(table_name)} t`,
        )) as { rows: { line: string }[] }
        everything += rows.rows.map((r) => r.line).join('\n')
      }
      assert.ok(everything.includes(reportId), 'the scan sees the case rows')
      for (const s of secrets) assert.ok(!everything.includes(s), s)
      if (t.testDb.url) {
        const { stdout } = await promisify(execFile)('pg_dump', ['--data-only', t.testDb.url], {
          maxBuffer: 256 * 1024 * 1024,
        })
        assert.ok(
          stdout.includes('antidisc_case_files') && stdout.includes(reportId),
          'the dump has the case',
        )
        for (const s of secrets) assert.ok(!stdout.includes(s), s)
      }
    })
  })
}

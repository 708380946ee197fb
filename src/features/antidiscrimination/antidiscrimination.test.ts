import assert from 'node:assert/strict'
import { readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, test } from 'node:test'
import { gunzipSync } from 'node:zlib'
import { and, eq, sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { Client } from '../../../test/helpers/http'
import { CLI_ACTOR } from '../../platform/audit'
import { auditLog } from '../../platform/audit/tables'
import { backupDatabase } from '../../platform/backup'
import { KeyFileError, newKeyFileContent, parseKeyFile } from '../../platform/crypto'
import { loadKeyRing } from '../../platform/runtime'
import { placeByKey } from '../directory/public'
import { assertCaseKeysPresent } from './cases/key-check'
import { listCentres } from './network/find-network'
import { assignCounsellor } from './network/manage-network'
import { seedAntidiscDemo } from './network/seed-demo'
import { RECEIPT_ANSWER_MS } from './reporting/routes'
import { antidiscMessages, antidiscReports } from './tables'

const NARRATIVE =
  'Der Vermieter sagte am Telefon, an Leute mit meinem Namen vermiete er nicht. Zeugin: meine Nachbarin.'
const EMAIL = 'zeynep.vertraulich@beispiel.de'

/** The receipt code shown on the receipt page (digits only). */
function codeOf(body: string): string {
  const m = body.match(/data-receipt-code="?[^>]*>([\d ]+)</)
  assert.ok(m?.[1], 'the receipt page shows a code')
  return m[1].replace(/ /g, '')
}

for (const kind of dbKinds()) {
  describe(`anti-discrimination reporting and case files (${kind})`, () => {
    let t: TestApp
    let frankfurt: string // district
    let wiesbaden: string // district nobody serves
    let centreA: string // Frankfurt, de/en/ar/tr
    let centreB: string // Nordhessen
    let counsellorA: Client
    let counsellorB: Client
    let office: Client

    const reportCount = async () => (await t.deps.db.select().from(antidiscReports)).length
    /** Posts a report with the form's proof-of-work challenge (counted as proven: no wait in tests). */
    const report = async (c: Client, fields: Record<string, string | string[]>, url = '/melden') => {
      const pow = (await c.get(url)).body.match(/name="pow" value="([^"]+)"/)?.[1] ?? ''
      return c.submit(url, url, { pow, ...fields })
    }
    const valid = (over: Record<string, string | string[]> = {}) => ({
      narrative: NARRATIVE,
      occurredOn: '2026-03-15',
      districtId: frankfurt,
      grounds: ['racism', 'language'],
      centre: centreA,
      contactWish: 'email',
      contactEmail: EMAIL,
      consent: 'on',
      ...over,
    })

    before(async () => {
      t = await createTestApp(kind)
      await seedAntidiscDemo(t.deps, () => {})
      frankfurt = (await placeByKey(t.deps.db, '06412'))!.id
      wiesbaden = (await placeByKey(t.deps.db, '06414'))!.id
      const centres = await listCentres(t.deps.db)
      centreA = centres.find((c) => c.name.includes('Frankfurt'))!.id
      centreB = centres.find((c) => c.name.includes('Nordhessen'))!.id
      const a = await t.createUser('beraterin-a@test.de', ['counsellor'])
      const b = await t.createUser('berater-b@test.de', ['counsellor'])
      await t.createUser('netzwerkbuero@test.de', ['network_office'])
      for (const [userId, centreId] of [
        [a, centreA],
        [b, centreB],
      ] as const)
        assert.ok((await assignCounsellor(t.deps.db, CLI_ACTOR, { userId, centreId })).ok)
      counsellorA = new Client(t.app)
      await counsellorA.signIn('beraterin-a@test.de')
      counsellorB = new Client(t.app)
      await counsellorB.signIn('berater-b@test.de')
      office = new Client(t.app)
      await office.signIn('netzwerkbuero@test.de')
    })
    after(() => t.close())

    test('the form: every field, no-store, on the home page and in Leichte Sprache', async () => {
      const c = new Client(t.app)
      const page = await c.get('/melden')
      assert.equal(page.statusCode, 200)
      assert.equal(page.headers['cache-control'], 'no-store')
      for (const name of [
        'narrative',
        'occurredOn',
        'districtId',
        'grounds',
        'centre',
        'contactWish',
        'consent',
      ])
        assert.match(page.body, new RegExp(`name="${name}"`), name)
      assert.match(page.body, /Antidiskriminierungsberatung Frankfurt \(Demo\)/)
      // Kassel and Offenbach are each a city and a Landkreis: the list tells them apart.
      assert.match(page.body, /Kassel \(Landkreis\)/)
      const home = await c.get('/')
      assert.match(home.body, /href="\/melden"/)
      assert.match(home.body, /Diskriminierung melden/)
    })

    test('an empty report: a message next to every field, nothing stored', async () => {
      const before = await reportCount()
      const res = await report(new Client(t.app), {})
      assert.equal(res.statusCode, 400)
      assert.equal(res.headers['cache-control'], 'no-store')
      for (const message of [
        'Beschreiben Sie, was passiert ist.',
        'Wählen Sie mindestens einen Grund aus.',
        'Wählen Sie den Landkreis oder die kreisfreie Stadt aus.',
        'Bestätigen Sie, dass die Beratungsstelle Ihre Angaben lesen darf.',
      ])
        assert.ok(res.body.includes(message), message)
      assert.equal(await reportCount(), before)
    })

    test('a date in the future and a missing e-mail address are refused, the text typed is kept', async () => {
      const before = await reportCount()
      const res = await report(new Client(t.app), valid({ occurredOn: '2099-01-01', contactEmail: '' }))
      assert.equal(res.statusCode, 400)
      assert.ok(res.body.includes('Das Datum darf nicht in der Zukunft liegen.'))
      assert.ok(res.body.includes('Geben Sie eine E-Mail-Adresse ein'))
      assert.ok(res.body.includes('Der Vermieter sagte am Telefon'))
      assert.equal(await reportCount(), before)
    })

    test('a district that is no district, or a centre not in the network, is refused', async () => {
      const before = await reportCount()
      const town = (await placeByKey(t.deps.db, '06412000'))!.id // the municipality Frankfurt, not the district
      const a = await report(new Client(t.app), valid({ districtId: town }))
      assert.equal(a.statusCode, 400)
      assert.ok(a.body.includes('Wählen Sie den Landkreis oder die kreisfreie Stadt aus.'))
      const b = await report(new Client(t.app), valid({ centre: '00000000-0000-4000-8000-000000000000' }))
      assert.equal(b.statusCode, 400)
      assert.ok(b.body.includes('Wählen Sie eine Beratungsstelle oder das Netzwerk aus.'))
      assert.equal(await reportCount(), before)
    })

    test('receipt flow: report, code shown once, counsellor reads (audited) and answers, reporter reads with a dashed code and writes again', async () => {
      const reporter = new Client(t.app)
      const res = await report(reporter, valid())
      assert.equal(res.statusCode, 201)
      assert.equal(res.headers['cache-control'], 'no-store')
      const code = codeOf(res.body)
      assert.match(code, /^\d{16}$/)
      const [row] = await t.deps.db.select().from(antidiscReports).orderBy(sql`created_at desc`).limit(1)
      assert.equal(row!.centreId, centreA)
      assert.equal(row!.routedBy, 'reporter')
      assert.deepEqual(row!.grounds, ['racism', 'language'])
      assert.equal(row!.language, 'de')
      // Only the argon2 hash is stored, never the code.
      assert.ok(!JSON.stringify(row).includes(code))
      // The audit entry of the report names no one and no address.
      const [created] = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, row!.id), eq(auditLog.action, 'antidisc.report.create')))
      assert.equal(created!.ip, null)
      assert.equal(created!.actorId, null)
      assert.ok(!JSON.stringify(created).includes(NARRATIVE.slice(0, 20)))

      // The counsellor of A sees it in the inbox (no narrative there) and opens it: audited each time.
      const inbox = await counsellorA.get('/beratung')
      assert.equal(inbox.statusCode, 200)
      assert.match(inbox.body, new RegExp(`/beratung/meldungen/${row!.id}`))
      assert.ok(!inbox.body.includes('Vermieter'))
      const reads = async () =>
        (
          await t.deps.db
            .select()
            .from(auditLog)
            .where(and(eq(auditLog.entityId, row!.id), eq(auditLog.action, 'antidisc.report.read')))
        ).length
      const caseUrl = `/beratung/meldungen/${row!.id}`
      const opened = await counsellorA.get(caseUrl)
      assert.equal(opened.statusCode, 200)
      assert.ok(opened.body.includes('Der Vermieter sagte am Telefon'))
      assert.ok(opened.body.includes(EMAIL))
      assert.match(String(opened.headers['cache-control']), /no-store/)
      assert.equal(await reads(), 1)
      await counsellorA.get(caseUrl)
      assert.equal(await reads(), 2)

      // A counsellor of another centre: 404, nothing of it shown, no read recorded.
      const other = await counsellorB.get(caseUrl)
      assert.equal(other.statusCode, 404)
      assert.ok(!other.body.includes('Vermieter'))
      assert.ok(!(await counsellorB.get('/beratung')).body.includes(row!.id))
      const otherAnswer = await counsellorB.submit('/beratung', `${caseUrl}/antwort`, { body: 'Fremd' })
      assert.equal(otherAnswer.statusCode, 404)
      assert.equal(await reads(), 2)

      // The counsellor answers; an empty answer is refused next to the field.
      const empty = await counsellorA.submit(caseUrl, `${caseUrl}/antwort`, { body: '' })
      assert.equal(empty.statusCode, 400)
      assert.ok(empty.body.includes('Schreiben Sie eine Antwort.'))
      const answered = await counsellorA.submit(caseUrl, `${caseUrl}/antwort`, {
        body: 'Danke für Ihre Meldung. Wir rufen Sie gern an.',
      })
      assert.equal(answered.statusCode, 303)

      // The reporter comes back with the code typed in groups with dashes.
      const dashed = code.replace(/(\d{4})(?=\d)/g, '$1-')
      const thread = await reporter.submit('/melden/antwort', '/melden/antwort', { code: dashed })
      assert.equal(thread.statusCode, 200)
      assert.equal(thread.headers['cache-control'], 'no-store')
      assert.ok(thread.body.includes('Danke für Ihre Meldung. Wir rufen Sie gern an.'))
      assert.ok(thread.body.includes('Der Vermieter sagte am Telefon'))
      const wrote = await reporter.submit('/melden/antwort', '/melden/antwort/nachricht', {
        code: dashed,
        body: 'Ich bin dienstags erreichbar.',
      })
      assert.equal(wrote.statusCode, 200)
      assert.ok(wrote.body.includes('Ihre Nachricht ist angekommen.'))
      assert.ok((await counsellorA.get(caseUrl)).body.includes('Ich bin dienstags erreichbar.'))
      const noBody = await reporter.submit('/melden/antwort', '/melden/antwort/nachricht', { code, body: '' })
      assert.equal(noBody.statusCode, 400)
      assert.ok(noBody.body.includes('Schreiben Sie eine Nachricht.'))
    })

    test('no plaintext in the database: raw columns and a backup hold neither narrative, contact nor messages', async () => {
      const res = await report(new Client(t.app), valid({ narrative: `${NARRATIVE} Dump-Probe-4711` }))
      assert.equal(res.statusCode, 201)
      const [row] = await t.deps.db
        .select()
        .from(antidiscReports)
        .where(sql`created_at = (select max(created_at) from antidisc_reports)`)
      const caseUrl = `/beratung/meldungen/${row!.id}`
      await counsellorA.get(caseUrl)
      await counsellorA.submit(caseUrl, `${caseUrl}/antwort`, { body: 'Antwort-Probe-0815' })
      const raw = (await t.deps.db.execute(
        sql`select r::text as line from antidisc_reports r union all select m::text from antidisc_messages m`,
      )) as { rows: { line: string }[] }
      const everything = raw.rows.map((r) => r.line).join('\n')
      assert.ok(everything.includes(row!.id), 'the query sees the rows')
      for (const secret of ['Dump-Probe-4711', 'Vermieter', EMAIL, 'Antwort-Probe-0815'])
        assert.ok(!everything.includes(secret), secret)
      const file = path.join(t.config.dataDir, 'backup.json.gz')
      await backupDatabase(t.deps.db, file, path.join(t.config.dataDir, 'files'), CLI_ACTOR)
      const dump = gunzipSync(await readFile(file)).toString('utf8')
      assert.ok(dump.includes('antidisc_reports') && dump.includes(row!.id), 'the backup has the reports')
      for (const secret of ['Dump-Probe-4711', 'Vermieter', EMAIL, 'Antwort-Probe-0815'])
        assert.ok(!dump.includes(secret), secret)
      const messages = await t.deps.db
        .select()
        .from(antidiscMessages)
        .where(eq(antidiscMessages.reportId, row!.id))
      assert.equal(messages.length, 1)
    })

    test('a wrong code answers as slowly as a right one, says so next to the field, and is throttled', async () => {
      const ok = await report(new Client(t.app), valid({ contactWish: 'anonymous', contactEmail: '' }))
      const code = codeOf(ok.body)
      const c = new Client(t.app)
      const timed = async (typed: string) => {
        const started = performance.now()
        const res = await c.submit('/melden/antwort', '/melden/antwort', { code: typed })
        return { res, ms: performance.now() - started }
      }
      const right = await timed(code)
      assert.equal(right.res.statusCode, 200)
      assert.ok(right.ms >= RECEIPT_ANSWER_MS, `right code after ${right.ms} ms`)
      const wrongCode = code.endsWith('0') ? `${code.slice(0, -1)}1` : `${code.slice(0, -1)}0`
      const wrong = await timed(wrongCode)
      assert.equal(wrong.res.statusCode, 400)
      assert.ok(wrong.ms >= RECEIPT_ANSWER_MS, `wrong code after ${wrong.ms} ms`)
      assert.ok(wrong.res.body.includes('Zu dieser Eingangsnummer gibt es keine Meldung.'))
      assert.equal(wrong.res.headers['cache-control'], 'no-store')
      // Five wrong codes from one address: the sixth attempt is refused, even with the right code.
      for (let i = 0; i < 4; i++) assert.equal((await timed('1111 2222 3333 4444')).res.statusCode, 400)
      const blocked = await timed(code)
      assert.equal(blocked.res.statusCode, 429)
      assert.ok(blocked.res.body.includes('Zu viele falsche Eingangsnummern.'))
      assert.ok(!blocked.res.body.includes('Der Vermieter'))
    })

    test('routing: by region and language when the network chooses; else the office routes, seeing no narrative', async () => {
      const english = await report(new Client(t.app), valid({ centre: 'network' }), '/en/melden')
      assert.equal(english.statusCode, 201)
      const last = async () =>
        (
          await t.deps.db
            .select()
            .from(antidiscReports)
            .where(sql`created_at = (select max(created_at) from antidisc_reports)`)
        )[0]!
      const routed = await last()
      assert.equal(routed.language, 'en')
      assert.equal(routed.centreId, centreA)
      assert.equal(routed.routedBy, 'rule')

      const res = await report(
        new Client(t.app),
        valid({ centre: 'network', districtId: wiesbaden, narrative: 'Wiesbaden-Probe' }),
      )
      assert.equal(res.statusCode, 201)
      const open = await last()
      assert.equal(open.centreId, null)
      const list = await office.get('/beratung/verteilen')
      assert.equal(list.statusCode, 200)
      assert.match(list.body, new RegExp(`/beratung/verteilen/${open.id}`))
      assert.ok(!list.body.includes('Wiesbaden-Probe'))
      // Nobody reads an unrouted report: not even a counsellor.
      assert.equal((await counsellorA.get(`/beratung/meldungen/${open.id}`)).statusCode, 404)
      // The office is no counsellor.
      assert.equal((await office.get(`/beratung/meldungen/${open.id}`)).statusCode, 403)
      const none = await office.submit('/beratung/verteilen', `/beratung/verteilen/${open.id}`, {})
      assert.equal(none.statusCode, 400)
      assert.ok(none.body.includes('Wählen Sie eine Beratungsstelle des Netzwerks aus.'))
      const done = await office.submit('/beratung/verteilen', `/beratung/verteilen/${open.id}`, {
        centreId: centreB,
      })
      assert.equal(done.statusCode, 303)
      assert.equal((await last()).centreId, centreB)
      assert.ok((await counsellorB.get(`/beratung/meldungen/${open.id}`)).body.includes('Wiesbaden-Probe'))
      const again = await office.submit('/beratung/verteilen', `/beratung/verteilen/${open.id}`, {
        centreId: centreA,
      })
      assert.equal(again.statusCode, 404)
      assert.equal((await last()).centreId, centreB)
    })

    test('stored reports and a key file without their key: the platform refuses to start, naming the file', async () => {
      assert.ok((await reportCount()) > 0)
      await assertCaseKeysPresent(t.deps)
      const foreign = parseKeyFile('/srv/keys/case-keys.json', newKeyFileContent())
      await assert.rejects(
        assertCaseKeysPresent({ ...t.deps, keyRing: foreign }),
        (err: unknown) =>
          err instanceof KeyFileError &&
          err.message.includes('/srv/keys/case-keys.json') &&
          err.message.includes(t.deps.keyRing.currentId),
      )
    })
  })
}

describe('the key file', () => {
  test('the default file is created on first start (owner only) and read again after', async () => {
    const dir = await (await import('node:fs/promises')).mkdtemp(
      path.join((await import('node:os')).tmpdir(), 'keys-'),
    )
    const file = path.join(dir, 'case-keys.json')
    const first = await loadKeyRing({ path: file, configured: false })
    assert.equal((await stat(file)).mode & 0o777, 0o600)
    const second = await loadKeyRing({ path: file, configured: false })
    assert.equal(second.currentId, first.currentId)
    const sealed = first.wrap(Buffer.alloc(32, 3), 'x')
    assert.deepEqual(second.unwrap(sealed.keyId, sealed.wrapped, 'x'), Buffer.alloc(32, 3))
  })

  test('a configured file that is missing or broken is refused with its name', async () => {
    const dir = await (await import('node:fs/promises')).mkdtemp(
      path.join((await import('node:os')).tmpdir(), 'keys-'),
    )
    const missing = path.join(dir, 'nicht-da.json')
    await assert.rejects(
      loadKeyRing({ path: missing, configured: true }),
      (err: unknown) =>
        err instanceof KeyFileError && err.message.includes(missing) && /missing/.test(err.message),
    )
    const broken = path.join(dir, 'kaputt.json')
    await writeFile(broken, '{"current":"k1"}')
    await assert.rejects(
      loadKeyRing({ path: broken, configured: true }),
      (err: unknown) => err instanceof KeyFileError && err.message.includes(broken),
    )
  })
})

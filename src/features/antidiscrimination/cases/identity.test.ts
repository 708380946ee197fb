import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq, sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { Client } from '../../../../test/helpers/http'
import { CLI_ACTOR } from '../../../platform/audit'
import { auditLog } from '../../../platform/audit/tables'
import { placeByKey } from '../../directory/public'
import { listCentres } from '../network/find-network'
import { assignCounsellor } from '../network/manage-network'
import { seedAntidiscDemo } from '../network/seed-demo'
import { submitReport } from '../reporting/submit-report'

const WHO = 'Amira Beispiel-Kaya, Telefon 0151 2345678'

for (const kind of dbKinds()) {
  describe(`the custodian step before an anonymous reporter's identity is seen (${kind})`, () => {
    let t: TestApp
    let district: string
    let centreA: string
    let counsellorA: Client
    let counsellorB: Client
    let office: Client
    /** Counsellor of centre A who is also in the network office: may never approve their own request. */
    let both: Client

    const anonymous = async (narrative: string) => {
      const r = await submitReport(t.deps, {
        narrative,
        occurredOn: '2026-05-04',
        districtId: district,
        grounds: ['racism'],
        centre: centreA,
        contactWish: 'anonymous',
        language: 'de',
      })
      assert.ok(r.ok)
      return { ...r.value, url: `/beratung/meldungen/${r.value.reportId}` }
    }
    const audits = async (action: string, id: string) =>
      (
        await t.deps.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, action), eq(auditLog.entityId, id)))
      ).length

    before(async () => {
      t = await createTestApp(kind)
      await seedAntidiscDemo(t.deps, () => {})
      district = (await placeByKey(t.deps.db, '06412'))!.id
      const centres = await listCentres(t.deps.db)
      centreA = centres.find((c) => c.name.includes('Frankfurt'))!.id
      const centreB = centres.find((c) => c.name.includes('Nordhessen'))!.id
      const a = await t.createUser('beraterin-a@test.de', ['counsellor'])
      const b = await t.createUser('berater-b@test.de', ['counsellor'])
      const ab = await t.createUser('beide@test.de', ['counsellor', 'network_office'])
      await t.createUser('netzwerkbuero@test.de', ['network_office'])
      for (const [userId, centreId] of [
        [a, centreA],
        [b, centreB],
        [ab, centreA],
      ] as const)
        assert.ok((await assignCounsellor(t.deps.db, CLI_ACTOR, { userId, centreId })).ok)
      counsellorA = new Client(t.app)
      await counsellorA.signIn('beraterin-a@test.de')
      counsellorB = new Client(t.app)
      await counsellorB.signIn('berater-b@test.de')
      office = new Client(t.app)
      await office.signIn('netzwerkbuero@test.de')
      both = new Client(t.app)
      await both.signIn('beide@test.de')
    })
    after(() => t.close())

    test('disclosed, asked for with a reason, approved by a second person, then seen, each view audited', async () => {
      const r = await anonymous('Identitäts-Probe: Absage nach dem Vorstellungsgespräch.')
      assert.ok(!(await counsellorA.get(r.url)).body.includes('Identität der meldenden Person'))

      const reporter = new Client(t.app)
      const thread = await reporter.submit('/melden/antwort', '/melden/antwort', { code: r.code })
      assert.ok(thread.body.includes('Mitteilen, wer Sie sind (freiwillig)'))
      const empty = await reporter.submit('/melden/antwort', '/melden/antwort/identitaet', {
        code: r.code,
        identity: '',
      })
      assert.equal(empty.statusCode, 400)
      assert.ok(empty.body.includes('Schreiben Sie, wer Sie sind und wie man Sie erreicht.'))
      const sent = await reporter.submit('/melden/antwort', '/melden/antwort/identitaet', {
        code: r.code,
        identity: WHO,
      })
      assert.equal(sent.statusCode, 200)
      assert.ok(sent.body.includes('Ihre Angaben sind verschlüsselt gespeichert.'))
      assert.equal(sent.headers['cache-control'], 'no-store')
      const raw = (await t.deps.db.execute(sql`select i::text as line from antidisc_identities i`)) as {
        rows: { line: string }[]
      }
      assert.equal(raw.rows.length, 1)
      assert.ok(!raw.rows[0]!.line.includes('Amira') && !raw.rows[0]!.line.includes('0151'), 'sealed')

      // The centre knows there is something, not what.
      const disclosed = await counsellorA.get(r.url)
      assert.ok(disclosed.body.includes('Die Person hat nachträglich mitgeteilt, wer sie ist.'))
      assert.ok(!disclosed.body.includes('Amira'))
      assert.equal(
        (await counsellorB.submit('/beratung', `${r.url}/identitaet`, { reason: 'Neugier' })).statusCode,
        404,
      )
      const noReason = await counsellorA.submit(r.url, `${r.url}/identitaet`, { reason: '' })
      assert.equal(noReason.statusCode, 400)
      assert.ok(noReason.body.includes('Begründen Sie, weshalb Sie die Angaben brauchen.'))
      const asked = await counsellorA.submit(r.url, `${r.url}/identitaet`, {
        reason: 'Die Person bittet um einen Rückruf zur Klage.',
      })
      assert.equal(asked.statusCode, 303)
      const waiting = await counsellorA.get(r.url)
      assert.ok(waiting.body.includes('angefragt; das Netzwerkbüro hat noch nicht zugestimmt.'))
      assert.ok(!waiting.body.includes('Amira'))
      const again = await counsellorA.submit(r.url, `${r.url}/identitaet`, { reason: 'Nochmal' })
      assert.equal(again.statusCode, 400)
      assert.ok(again.body.includes('keine Angaben, die angefragt werden können'))

      // The custodian sees the reason, never the identity; the counsellor may not approve.
      assert.equal((await counsellorA.get('/beratung/freigaben')).statusCode, 403)
      const list = await office.get('/beratung/freigaben')
      assert.equal(list.statusCode, 200)
      assert.ok(list.body.includes('Die Person bittet um einen Rückruf zur Klage.'))
      assert.ok(!list.body.includes('Amira'))
      assert.equal(await audits('antidisc.identity.reason.read', r.reportId), 1)
      assert.equal(await audits('antidisc.identity.reveal', r.reportId), 0)
      const approved = await office.submit('/beratung/freigaben', `/beratung/freigaben/${r.reportId}`, {})
      assert.equal(approved.statusCode, 303)
      assert.equal(await audits('antidisc.identity.approve', r.reportId), 1)
      assert.equal(
        (await office.submit('/beratung/freigaben', `/beratung/freigaben/${r.reportId}`, {})).statusCode,
        404,
        'approved once only',
      )

      for (let i = 1; i <= 2; i++) {
        const seen = await counsellorA.get(r.url)
        assert.ok(seen.body.includes(WHO))
        assert.equal(await audits('antidisc.identity.reveal', r.reportId), i)
      }
      assert.ok(!(await counsellorB.get(r.url)).body.includes('Amira'))

      // Told anew: hidden again until a new approval.
      await reporter.submit('/melden/antwort', '/melden/antwort/identitaet', {
        code: r.code,
        identity: 'Neue Nummer 0160 999',
      })
      const hidden = await counsellorA.get(r.url)
      assert.ok(!hidden.body.includes('0160 999') && !hidden.body.includes('Amira'))
      assert.ok(hidden.body.includes('Die Person hat nachträglich mitgeteilt, wer sie ist.'))
    })

    test('who asked cannot approve, even holding the custodian role; nothing to approve is a 404', async () => {
      const r = await anonymous('Selbstfreigabe-Probe')
      assert.equal(
        (await office.submit('/beratung/freigaben', `/beratung/freigaben/${r.reportId}`, {})).statusCode,
        404,
      )
      const reporter = new Client(t.app)
      await reporter.submit('/melden/antwort', '/melden/antwort/identitaet', { code: r.code, identity: WHO })
      assert.equal((await both.submit(r.url, `${r.url}/identitaet`, { reason: 'Rückruf' })).statusCode, 303)
      const self = await both.submit('/beratung/freigaben', `/beratung/freigaben/${r.reportId}`, {})
      assert.equal(self.statusCode, 400)
      assert.ok(self.body.includes('Wer die Freigabe angefragt hat, kann sie nicht selbst erteilen.'))
      assert.ok(!(await both.get(r.url)).body.includes('Amira'))
      assert.equal(await audits('antidisc.identity.approve', r.reportId), 0)
    })
  })
}

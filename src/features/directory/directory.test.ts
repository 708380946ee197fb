import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { CLI_ACTOR } from '../../platform/audit'
import { auditLog } from '../../platform/audit/tables'
import { createOrganisation } from './create-organisation'
import { createPerson } from './create-person'
import { placeByKey, placesValidOn } from './find-places'
import { importPlacesFromFiles } from './import-places'
import { places } from './tables'

for (const kind of dbKinds()) {
  describe(`directory (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    it('finds the place valid on a day when a key changes over time', async () => {
      const db = t.deps.db
      const [mkk] = await db
        .insert(places)
        .values({ kind: 'district', officialKey: '06435', name: 'Main-Kinzig-Kreis' })
        .returning()
      const [newHanau] = await db
        .insert(places)
        .values({ kind: 'municipality', officialKey: '06415000', name: 'Hanau', validFrom: '2026-01-01' })
        .returning()
      await db.insert(places).values({
        kind: 'municipality',
        officialKey: '06435014',
        name: 'Hanau',
        parentId: mkk!.id,
        validUntil: '2025-12-31',
        successorId: newHanau!.id,
      })
      assert.equal((await placeByKey(db, '06435014', '2025-06-01'))?.name, 'Hanau')
      assert.equal(await placeByKey(db, '06435014', '2026-01-01'), null)
      assert.equal((await placeByKey(db, '06415000', '2026-01-01'))?.id, newHanau!.id)
      const in2025 = (await placesValidOn(db, '2025-06-01', 'municipality')).map((p) => p.officialKey)
      const in2026 = (await placesValidOn(db, '2026-06-01', 'municipality')).map((p) => p.officialKey)
      assert.deepEqual(in2025, ['06435014'])
      assert.deepEqual(in2026, ['06415000'])
    })

    it('imports each place with the centroid of its area, Hanau under its new key too', async () => {
      await importPlacesFromFiles(t.deps.db, CLI_ACTOR)
      const kassel = await placeByKey(t.deps.db, '06611000')
      assert.ok(kassel?.latitude && kassel.longitude)
      assert.ok(Math.abs(kassel.latitude - 51.31) < 0.05 && Math.abs(kassel.longitude - 9.47) < 0.05)
      const hanau = await placeByKey(t.deps.db, '06415000', '2026-06-01')
      assert.ok(hanau?.latitude && Math.abs(hanau.latitude - 50.13) < 0.05)
      const district = await placeByKey(t.deps.db, '06433')
      assert.ok(district?.latitude && Math.abs(district.latitude - 49.85) < 0.2)
    })

    it('creates organisations and people with an audit entry each', async () => {
      const orgId = await createOrganisation(t.deps.db, CLI_ACTOR, {
        kind: 'migrant_organisation',
        name: 'Beispielverein e. V.',
        nonProfit: true,
      })
      const personId = await createPerson(t.deps.db, CLI_ACTOR, {
        givenName: 'Ayşe',
        familyName: 'Beispiel',
        email: 'ayse@example.org',
        organisationId: orgId,
      })
      const entries = await t.deps.db.select().from(auditLog).where(eq(auditLog.actorLabel, 'cli'))
      assert.ok(entries.some((e) => e.action === 'organisation.create' && e.entityId === orgId))
      const personEntry = entries.find((e) => e.action === 'person.create' && e.entityId === personId)
      assert.ok(personEntry)
      assert.doesNotMatch(
        JSON.stringify(personEntry.summary),
        /ayse@example.org/,
        'no contact details in the audit log',
      )
    })
  })
}

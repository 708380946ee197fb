import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { CLI_ACTOR, listAudit } from '../../platform/audit'
import { registerCentre } from '../antidiscrimination/network/manage-network'
import { createOrganisation, importPlacesFromFiles, placeByKey } from '../directory/public'
import { searchOffers } from './find-offers'
import { CENTRE_OFFER_PREFIX, syncCentreOffers } from './linked-offers'
import { offers } from './tables'

const DAY = 86_400_000

for (const kind of dbKinds()) {
  describe(`counselling centres of the anti-discrimination network as offers (${kind})`, () => {
    let t: TestApp
    let centre = ''
    let district = ''
    before(async () => {
      t = await createTestApp(kind)
      await importPlacesFromFiles(t.deps.db, CLI_ACTOR)
      const fulda = (await placeByKey(t.deps.db, '06631009'))!
      district = (await placeByKey(t.deps.db, '06631'))!.id
      centre = await createOrganisation(t.deps.db, CLI_ACTOR, {
        kind: 'counselling_centre',
        name: 'Antidiskriminierungsberatung Osthessen',
        placeId: fulda.id,
        street: 'Bahnhofstraße 1',
        postcode: '36037',
        city: 'Fulda',
        email: 'beratung@example.org',
        phone: '0661 123456',
      })
      const r = await registerCentre(t.deps.db, CLI_ACTOR, {
        organisationId: centre,
        languages: ['de', 'ar'],
        districtIds: [district],
      })
      assert.ok(r.ok)
    })
    after(() => t.close())

    it('lists each centre as an offer from its directory organisation, found by topic and language', async () => {
      assert.deepEqual(await syncCentreOffers(t.deps.db, CLI_ACTOR), { created: 1, updated: 0 })
      const { hits } = await searchOffers(t.deps.db, { topic: 'anti_discrimination', language: 'ar' })
      assert.deepEqual(
        hits.map((h) => [h.title, h.providerName, h.placeName, h.languages]),
        [
          [
            'Antidiskriminierungsberatung Osthessen',
            'Antidiskriminierungsberatung Osthessen',
            'Fulda',
            ['de', 'ar'],
          ],
        ],
      )
      const [row] = await t.deps.db
        .select()
        .from(offers)
        .where(eq(offers.externalId, `${CENTRE_OFFER_PREFIX}${centre}`))
      assert.equal(row?.contactEmail, 'beratung@example.org')
      assert.equal(row?.street, 'Bahnhofstraße 1')
      assert.deepEqual(row?.topics, ['anti_discrimination', 'counselling'])
      const audit = await listAudit(t.deps.db, {
        entityType: 'offers',
        entityId: 'antidiscrimination-network',
        limit: 10,
        offset: 0,
      })
      assert.deepEqual(
        audit.map((a) => a.action),
        ['offers.centres.sync'],
      )
    })

    it('updates instead of duplicating, follows the network’s changes and keeps the offer confirmed', async () => {
      await registerCentre(t.deps.db, CLI_ACTOR, {
        organisationId: centre,
        languages: ['de', 'tr'],
        districtIds: [district],
      })
      const later = new Date(Date.now() + 400 * DAY)
      assert.deepEqual(await syncCentreOffers(t.deps.db, CLI_ACTOR, later), { created: 0, updated: 1 })
      const rows = await t.deps.db.select().from(offers).where(eq(offers.organisationId, centre))
      assert.equal(rows.length, 1)
      assert.deepEqual(rows[0]?.languages, ['de', 'tr'])
      assert.equal(rows[0]?.confirmedAt.getTime(), later.getTime())
      // Confirmed by the run, so still public 400 days on (an offer typed in would be hidden by then).
      const { total } = await searchOffers(t.deps.db, {
        topic: 'anti_discrimination',
        now: new Date(later.getTime() + DAY),
      })
      assert.equal(total, 1)
    })
  })
}

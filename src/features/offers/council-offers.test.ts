import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { CLI_ACTOR, listAudit } from '../../platform/audit'
import { createCouncil } from '../councils/bodies-and-members/manage-councils'
import { createMeeting } from '../councils/meetings/manage-meetings'
import { linkCouncilOrganisations } from '../councils/public'
import { councils } from '../councils/tables'
import { importPlacesFromFiles, organisationsByIds, placeByKey } from '../directory/public'
import { searchOffers } from './find-offers'
import { COUNCIL_OFFER_PREFIX, syncCouncilOffers } from './linked-offers'
import { offers } from './tables'

const DAY = 86_400_000
const URL = 'https://teilhabe.example'

for (const kind of dbKinds()) {
  describe(`the councils as offers (${kind})`, () => {
    let t: TestApp
    let fuldaCouncil = ''
    let legacy = ''
    before(async () => {
      t = await createTestApp(kind)
      await importPlacesFromFiles(t.deps.db, CLI_ACTOR)
      const fulda = (await placeByKey(t.deps.db, '06631009'))!
      const kassel = (await placeByKey(t.deps.db, '06611000'))!
      fuldaCouncil = await createCouncil(t.deps.db, CLI_ACTOR, {
        kind: 'auslaenderbeirat',
        name: 'Ausländerbeirat der Stadt Fulda',
        placeId: fulda.id,
        email: 'auslaenderbeirat@fulda.example',
      })
      const m = await createMeeting(t.deps.db, CLI_ACTOR, {
        councilId: fuldaCouncil,
        title: '3. Sitzung',
        startsAt: new Date('2099-03-02T17:00:00Z'),
        locationName: 'Stadtschloss',
        locationAddress: 'Schlossstraße 1, 36037 Fulda',
      })
      assert.ok(m.ok)
      // A council from before councils had a directory organisation (and the agah, which has none).
      const [row] = await t.deps.db
        .insert(councils)
        .values({ kind: 'integrationskommission', name: 'Integrationskommission Kassel', placeId: kassel.id })
        .returning({ id: councils.id })
      legacy = row!.id
      await createCouncil(t.deps.db, CLI_ACTOR, { kind: 'agah', name: 'agah' })
    })
    after(() => t.close())

    it('gives a new municipal council its own directory organisation, and older ones by the link job', async () => {
      const [c] = await t.deps.db.select().from(councils).where(eq(councils.id, fuldaCouncil))
      assert.ok(c?.organisationId)
      const [org] = await organisationsByIds(t.deps.db, [c.organisationId])
      assert.equal(org?.kind, 'council_body')
      assert.equal(org?.name, 'Ausländerbeirat der Stadt Fulda')
      assert.equal(org?.placeId, c.placeId)
      assert.equal(await linkCouncilOrganisations(t.deps.db, CLI_ACTOR), 1)
      assert.equal(await linkCouncilOrganisations(t.deps.db, CLI_ACTOR), 0)
      const [l] = await t.deps.db.select().from(councils).where(eq(councils.id, legacy))
      assert.ok(l?.organisationId)
      const [agah] = await t.deps.db.select().from(councils).where(eq(councils.kind, 'agah'))
      assert.equal(agah?.organisationId, null)
    })

    it('lists each council as an offer with its organisation as provider, found by the participation topic', async () => {
      assert.deepEqual(await syncCouncilOffers(t.deps.db, CLI_ACTOR, { publicUrl: URL }), {
        created: 2,
        updated: 0,
      })
      const { hits } = await searchOffers(t.deps.db, { topic: 'participation' })
      assert.deepEqual(hits.map((h) => [h.title, h.providerName, h.placeName]).sort(), [
        ['Ausländerbeirat der Stadt Fulda', 'Ausländerbeirat der Stadt Fulda', 'Fulda'],
        ['Integrationskommission Kassel', 'Integrationskommission Kassel', 'Kassel'],
      ])
      const [fulda] = await t.deps.db
        .select()
        .from(offers)
        .where(eq(offers.externalId, `${COUNCIL_OFFER_PREFIX}${fuldaCouncil}`))
      assert.equal(fulda?.contactEmail, 'auslaenderbeirat@fulda.example')
      assert.equal(fulda?.website, `${URL}/beiraete/${fuldaCouncil}`)
      assert.match(
        fulda?.times ?? '',
        /^Nächste öffentliche Sitzung: 2\. März 2099 um 18:00, Stadtschloss, Schlossstraße 1, 36037 Fulda$/,
      )
      assert.equal(fulda?.lang, 'de')
      assert.equal(fulda?.demo, false, 'made by the hourly job, not demo data')
      const page = await t.app.inject({ url: '/angebote?thema=participation' })
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Ausländerbeirat der Stadt Fulda/)
      assert.match(page.body, /Mitbestimmung und Beiräte/)
      const offerPage = await t.app.inject({ url: `/angebote/${fulda!.id}` })
      assert.equal(offerPage.statusCode, 200)
      assert.match(offerPage.body, /Nächste öffentliche Sitzung/)
      const audit = await listAudit(t.deps.db, {
        entityType: 'offers',
        entityId: 'councils',
        limit: 5,
        offset: 0,
      })
      assert.deepEqual(
        audit.map((a) => a.action),
        ['offers.councils.sync'],
      )
    })

    it('updates instead of duplicating and stops confirming a deleted council', async () => {
      await t.deps.db.update(councils).set({ deletedAt: new Date() }).where(eq(councils.id, legacy))
      const later = new Date(Date.now() + 16 * 31 * DAY)
      assert.deepEqual(
        await syncCouncilOffers(t.deps.db, CLI_ACTOR, { publicUrl: URL, now: later, demo: true }),
        { created: 0, updated: 1 },
      )
      const flags = await t.deps.db
        .select({ demo: offers.demo })
        .from(offers)
        .where(eq(offers.externalId, `${COUNCIL_OFFER_PREFIX}${fuldaCouncil}`))
      assert.deepEqual(flags, [{ demo: false }], 'a later run never changes the demo flag')
      const { hits } = await searchOffers(t.deps.db, {
        topic: 'participation',
        now: new Date(later.getTime() + DAY),
      })
      assert.deepEqual(
        hits.map((h) => h.title),
        ['Ausländerbeirat der Stadt Fulda'],
      )
    })
  })
}

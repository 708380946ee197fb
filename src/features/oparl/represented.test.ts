import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { CLI_ACTOR } from '../../platform/audit'
import {
  addMembership,
  createCouncil,
  removeMembership,
} from '../councils/bodies-and-members/manage-councils'
import { createOrganisation } from '../directory/create-organisation'
import { createPerson } from '../directory/create-person'
import { organisations } from '../directory/tables'

/**
 * A conference member's Membership says onBehalfOf the directory organisation they represent
 * (OParl 1.1 Membership.onBehalfOf: "Vertreter … einer externen Organisation"); that organisation is
 * an Organization of the conference's body with its own URL, and follows changes in the directory.
 */
for (const kind of dbKinds()) {
  describe(`OParl: the organisation a conference member represents (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    it('links the membership onBehalfOf the represented organisation, shown as an Organization of the body', async () => {
      const db = t.deps.db
      const get = async (url: string) => {
        const res = await t.app.inject({ method: 'GET', url: url.replace(t.config.publicUrl, '') })
        assert.equal(res.statusCode, 200, url)
        return res.json() as Record<string, unknown>
      }
      const conference = await createCouncil(db, CLI_ACTOR, {
        kind: 'integrationskonferenz',
        name: 'Integrationskonferenz Probe',
      })
      const liga = await createOrganisation(db, CLI_ACTOR, { kind: 'association', name: 'Liga Probe' })
      const person = await createPerson(db, CLI_ACTOR, { givenName: 'Aylin', familyName: 'Probe' })
      const m = await addMembership(db, CLI_ACTOR, {
        councilId: conference,
        personId: person,
        role: 'member',
        startsOn: '2020-01-01',
        organisationId: liga,
      })
      assert.ok(m.ok)
      const base = `${t.config.publicUrl}/oparl/v1`
      const membership = await get(`${base}/membership/${m.value}`)
      assert.equal(membership.organization, `${base}/organization/${conference}`)
      assert.equal(membership.onBehalfOf, `${base}/organization/${liga}`)
      const org = await get(String(membership.onBehalfOf))
      assert.equal(org.type, 'https://schema.oparl.org/1.1/Organization')
      assert.equal(org.name, 'Liga Probe')
      assert.equal(org.body, `${base}/body/${conference}`)
      assert.equal(org.organizationType, 'Institution')
      assert.equal(org.deleted, undefined)
      const list = (await get(`${base}/body/${conference}/organizations`)).data as Record<string, unknown>[]
      assert.deepEqual(list.map((o) => o.name).sort(), ['Integrationskonferenz Probe', 'Liga Probe'])

      // A change in the directory shows in the API (the organisations table raises the OParl version).
      await db
        .update(organisations)
        .set({ name: 'Liga Probe e. V.', updatedAt: new Date() })
        .where(eq(organisations.id, liga))
      assert.equal((await get(String(membership.onBehalfOf))).name, 'Liga Probe e. V.')

      // Once no membership represents it, the organisation answers as deleted (OParl 2.8).
      assert.ok((await removeMembership(db, CLI_ACTOR, m.value)).ok)
      const gone = await get(String(membership.onBehalfOf))
      assert.equal(gone.deleted, true)
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { Client } from '../../../../test/helpers/http'
import { CLI_ACTOR } from '../../../platform/audit'
import { auditLog } from '../../../platform/audit/tables'
import { createOrganisation, placeByKey } from '../../directory/public'
import { antidiscCentres, antidiscCounsellors } from '../tables'
import { listCentres } from './find-network'
import { seedAntidiscDemo } from './seed-demo'

for (const kind of dbKinds()) {
  describe(`the network office keeps the network (${kind})`, () => {
    let t: TestApp
    let office: Client
    let counsellor: Client
    let newOrg: string
    let counsellorId: string
    let kassel: string
    let marburg: string

    before(async () => {
      t = await createTestApp(kind)
      await seedAntidiscDemo(t.deps, () => {})
      newOrg = await createOrganisation(t.deps.db, CLI_ACTOR, {
        kind: 'counselling_centre',
        name: 'Beratungsnetz Mittelhessen e. V.',
        city: 'Gießen',
        email: 'kontakt@beratungsnetz.example',
        phone: '0641 123456',
      })
      kassel = (await placeByKey(t.deps.db, '06611'))!.id
      marburg = (await placeByKey(t.deps.db, '06534'))!.id
      await t.createUser('netzwerkbuero@test.de', ['network_office'])
      counsellorId = await t.createUser('neu-beratung@test.de', ['counsellor'])
      office = new Client(t.app)
      await office.signIn('netzwerkbuero@test.de')
      counsellor = new Client(t.app)
      await counsellor.signIn('neu-beratung@test.de')
    })
    after(() => t.close())

    test('the page: centres with the directory’s contact, services, languages and districts; only for the office', async () => {
      assert.equal((await counsellor.get('/beratung/netzwerk')).statusCode, 403)
      const page = await office.get('/beratung/netzwerk')
      assert.equal(page.statusCode, 200)
      for (const c of await listCentres(t.deps.db)) assert.ok(page.body.includes(c.name), c.name)
      assert.ok(page.body.includes('Beratungsnetz Mittelhessen e. V.'), 'a directory organisation to take in')
      assert.ok(page.body.includes('neu-beratung@test.de'))
      assert.ok(page.body.includes('keiner Stelle zugeordnet'))
    })

    test('taking a directory organisation in: bad input named next to the field, nothing saved; then saved and audited', async () => {
      const empty = await office.submit('/beratung/netzwerk', '/beratung/netzwerk/stellen', {})
      assert.equal(empty.statusCode, 400)
      assert.ok(empty.body.includes('Wählen Sie eine Organisation aus dem Verzeichnis.'))
      const noLanguage = await office.submit('/beratung/netzwerk', '/beratung/netzwerk/stellen', {
        organisationId: newOrg,
        services: ['first_advice'],
        districtIds: [kassel],
      })
      assert.equal(noLanguage.statusCode, 400)
      assert.ok(noLanguage.body.includes('href="#feld-languages"'))
      const badService = await office.submit('/beratung/netzwerk', '/beratung/netzwerk/stellen', {
        organisationId: newOrg,
        services: ['zauberei'],
        languages: ['de'],
        districtIds: [kassel],
      })
      assert.equal(badService.statusCode, 400)
      assert.ok(badService.body.includes('Wählen Sie bei „Angebote“ nur Angebote aus der Liste.'))
      assert.equal(
        (await t.deps.db.select().from(antidiscCentres).where(eq(antidiscCentres.organisationId, newOrg)))
          .length,
        0,
      )

      const saved = await office.submit('/beratung/netzwerk', '/beratung/netzwerk/stellen', {
        organisationId: newOrg,
        services: ['first_advice', 'mediation'],
        languages: ['de', 'ar'],
        districtIds: [kassel, marburg],
      })
      assert.equal(saved.statusCode, 303)
      const [row] = await t.deps.db
        .select()
        .from(antidiscCentres)
        .where(eq(antidiscCentres.organisationId, newOrg))
      assert.deepEqual(row!.services, ['first_advice', 'mediation'])
      assert.deepEqual(row!.languages, ['de', 'ar'])
      const centre = (await listCentres(t.deps.db)).find((c) => c.id === newOrg)!
      assert.deepEqual([...centre.districtIds].sort(), [kassel, marburg].sort())
      const page = await office.get('/beratung/netzwerk')
      assert.ok(page.body.includes('kontakt@beratungsnetz.example'), 'the contact comes from the directory')
      assert.ok(page.body.includes('Erstberatung, Vermittlung'))
      const audits = await t.deps.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'antidisc.centre.register'))
      assert.ok(audits.some((a) => a.entityId === newOrg && a.actorId))
    })

    test('binding a counsellor to one centre (moving them keeps one binding); bad input refused', async () => {
      const empty = await office.submit('/beratung/netzwerk', '/beratung/netzwerk/beratende', {})
      assert.equal(empty.statusCode, 400)
      assert.ok(empty.body.includes('Wählen Sie eine beratende Person.'))
      assert.ok(empty.body.includes('Wählen Sie eine Beratungsstelle.'))
      const [first, second] = await listCentres(t.deps.db)
      for (const centre of [first!, second!]) {
        const res = await office.submit('/beratung/netzwerk', '/beratung/netzwerk/beratende', {
          userId: counsellorId,
          centreId: centre.id,
        })
        assert.equal(res.statusCode, 303)
      }
      const bindings = await t.deps.db
        .select()
        .from(antidiscCounsellors)
        .where(eq(antidiscCounsellors.userId, counsellorId))
      assert.deepEqual(
        bindings.map((b) => b.centreId),
        [second!.id],
      )
      const notCentre = await office.submit('/beratung/netzwerk', '/beratung/netzwerk/beratende', {
        userId: counsellorId,
        centreId: '00000000-0000-4000-8000-000000000000',
      })
      assert.equal(notCentre.statusCode, 400)
      assert.equal(
        (
          await t.deps.db
            .select()
            .from(antidiscCounsellors)
            .where(eq(antidiscCounsellors.userId, counsellorId))
        )[0]!.centreId,
        second!.id,
      )
    })
  })
}

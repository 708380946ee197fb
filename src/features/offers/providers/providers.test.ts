import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { Client } from '../../../../test/helpers/http'
import { type Actor, CLI_ACTOR } from '../../../platform/audit'
import { auditLog } from '../../../platform/audit/tables'
import { problemKey } from '../../../platform/outcome'
import { createOrganisation, importPlacesFromFiles, placeByKey } from '../../directory/public'
import { linkOrganisationAccount } from '../../funding/public'
import type { OffersWho } from '../policies'
import { confirmOffer, saveOffer } from '../save-offer'
import { offers } from '../tables'

const STAFF: OffersWho = { id: 'u-staff', can: (p) => p === 'offers.manage', organisationId: null }
const STAFF_ACTOR: Actor = { id: null, label: 'test-staff' }
const DAY = 86_400_000

/** The fields of a complete offer as the editing form sends them. */
const FORM = {
  title: 'Elterncafé am Mittwoch',
  description: 'Eltern treffen sich und sprechen über Schule und Kita.',
  lang: 'de',
  languages: ['de', 'tr'],
  topics: ['family'],
  targetGroups: ['families'],
  ort: 'Fulda',
  street: 'Bahnhofstraße 1',
  postcode: '36037',
  times: 'mittwochs 15 bis 17 Uhr',
  cost: '2,50',
  wheelchair: 'yes',
  contactEmail: 'eltern@example.org',
}

for (const kind of dbKinds()) {
  describe(`organisations keep their own offers (${kind})`, () => {
    let t: TestApp
    let ownOrg: string
    let otherOrg: string
    let ownOffer: string
    let otherOffer: string
    let provider: Client
    let staff: Client
    let unlinked: Client

    const stored = async (id: string) => (await t.deps.db.select().from(offers).where(eq(offers.id, id)))[0]!
    const audits = async (action: string, id: string) =>
      t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.entityId, id)))

    before(async () => {
      t = await createTestApp(kind)
      provider = new Client(t.app)
      staff = new Client(t.app)
      unlinked = new Client(t.app)
      await importPlacesFromFiles(t.deps.db, CLI_ACTOR)
      ownOrg = await createOrganisation(t.deps.db, CLI_ACTOR, {
        kind: 'association',
        name: 'Brücke Fulda e. V.',
      })
      otherOrg = await createOrganisation(t.deps.db, CLI_ACTOR, {
        kind: 'association',
        name: 'Anderer Verein',
      })
      const fulda = (await placeByKey(t.deps.db, '06631009'))!.id
      const base = {
        placeId: fulda,
        online: false,
        description: '',
        lang: 'de',
        languages: ['de'],
        topics: ['counselling'],
        targetGroups: [],
        contactEmail: 'info@example.org',
      }
      const a = await saveOffer(t.deps.db, STAFF_ACTOR, STAFF, {
        ...base,
        organisationId: ownOrg,
        title: 'Beratung der Brücke',
        externalId: 'import-17',
        demo: true,
        confirmedAt: new Date(Date.now() - 13 * 31 * DAY),
      })
      const b = await saveOffer(t.deps.db, STAFF_ACTOR, STAFF, {
        ...base,
        organisationId: otherOrg,
        title: 'Fremdes Angebot',
      })
      assert.ok(a.ok && b.ok, `${problemKey(a)} ${problemKey(b)}`)
      ownOffer = a.value
      otherOffer = b.value
      const providerId = await t.createUser('anbieter@bruecke.example', ['applicant'])
      await linkOrganisationAccount(t.deps.db, CLI_ACTOR, providerId, ownOrg)
      await t.createUser('redaktion@angebote.example', ['offers_editor'])
      await t.createUser('ohne-organisation@example.org', ['applicant'])
      await provider.signIn('anbieter@bruecke.example')
      await staff.signIn('redaktion@angebote.example')
      await unlinked.signIn('ohne-organisation@example.org')
    })
    after(() => t.close())

    it('lists only the organisation’s own offers, the one due for confirmation marked', async () => {
      const res = await provider.get('/angebote/verwalten')
      assert.equal(res.statusCode, 200)
      assert.match(res.body, /Angebote Ihrer Organisation/)
      assert.match(res.body, /Hier pflegen Sie die Angebote von Brücke Fulda e\. V\./)
      assert.match(res.body, /Beratung der Brücke/)
      assert.match(res.body, /Bitte bestätigen: zuletzt bestätigt am/)
      assert.doesNotMatch(res.body, /Fremdes Angebot/)
    })

    it('refuses an account of the role that is linked to no organisation (403)', async () => {
      assert.equal((await unlinked.get('/angebote/verwalten')).statusCode, 403)
      assert.equal((await unlinked.get(`/angebote/verwalten/${ownOffer}`)).statusCode, 403)
    })

    it('answers 404 for another organisation’s offer and changes nothing', async () => {
      assert.equal((await provider.get(`/angebote/verwalten/${otherOffer}`)).statusCode, 404)
      const token = await provider.csrfToken('/angebote/verwalten')
      const res = await provider.post(`/angebote/verwalten/${otherOffer}`, { _csrf: token, ...FORM })
      assert.equal(res.statusCode, 404)
      const confirm = await provider.post(`/angebote/verwalten/${otherOffer}/bestaetigen`, { _csrf: token })
      assert.equal(confirm.statusCode, 404)
      assert.equal((await stored(otherOffer)).title, 'Fremdes Angebot')
      assert.equal((await audits('offers.offer.confirm', otherOffer)).length, 0)
    })

    it('creates an offer for the own organisation only, with its audit entry', async () => {
      const res = await provider.submit('/angebote/verwalten/neu', '/angebote/verwalten/neu', {
        ...FORM,
        // A provider cannot name another organisation: the field is not read for it.
        organisation: 'Anderer Verein',
      })
      assert.equal(res.statusCode, 303, res.body.slice(0, 300))
      const [row] = await t.deps.db.select().from(offers).where(eq(offers.title, FORM.title))
      assert.ok(row)
      assert.equal(row.organisationId, ownOrg)
      assert.equal(row.costCents, 250)
      assert.equal(row.wheelchairAccessible, true)
      assert.deepEqual(row.languages, ['de', 'tr'])
      assert.equal(row.placeId, (await placeByKey(t.deps.db, '06631009'))!.id)
      assert.equal((await audits('offers.offer.create', row.id)).length, 1)
      const list = await provider.get('/angebote/verwalten')
      assert.match(list.body, /Elterncafé am Mittwoch/)
    })

    it('answers bad input next to each field, in one answer, keeping what was typed', async () => {
      const res = await provider.submit('/angebote/verwalten/neu', '/angebote/verwalten/neu', {
        ...FORM,
        title: 'Sprachtreff',
        ort: 'Fuldda',
        topics: [],
        cost: 'zwei Euro',
        contactEmail: 'kein-at-zeichen',
      })
      assert.equal(res.statusCode, 400)
      assert.match(res.body, /Meinten Sie „Fulda“\? Geben Sie den Namen des Orts genau ein\./)
      assert.match(res.body, /Wählen Sie mindestens ein Thema\./)
      assert.match(res.body, /Geben Sie die Kosten als Betrag in Euro ein/)
      assert.match(res.body, /Geben Sie eine E-Mail-Adresse im Format name@beispiel\.de ein\./)
      assert.match(res.body, /value="Sprachtreff"/)
      assert.match(res.body, /value="Fuldda"/)
      assert.match(res.body, /<title>Fehler:/)
      assert.equal((await t.deps.db.select().from(offers).where(eq(offers.title, 'Sprachtreff'))).length, 0)
    })

    it('translates the form’s messages (Arabic)', async () => {
      const res = await provider.submit('/ar/angebote/verwalten/neu', '/ar/angebote/verwalten/neu', {
        ...FORM,
        title: 'x',
        ort: 'Nirgendwo-am-See',
      })
      assert.equal(res.statusCode, 400)
      assert.match(res.body, /dir="rtl"/)
      assert.match(res.body, /لا نعرف بلدية أو دائرة في ولاية هسن باسم „Nirgendwo-am-See“/)
    })

    it('edits its own offer: the import id and the demo mark stay, saving confirms it', async () => {
      const page = await provider.get(`/angebote/verwalten/${ownOffer}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /value="Beratung der Brücke"/)
      assert.match(page.body, /value="Fulda"/)
      const before = Date.now()
      const res = await provider.submit(
        `/angebote/verwalten/${ownOffer}`,
        `/angebote/verwalten/${ownOffer}`,
        {
          ...FORM,
          title: 'Beratung der Brücke (neu)',
        },
      )
      assert.equal(res.statusCode, 303)
      const row = await stored(ownOffer)
      assert.equal(row.title, 'Beratung der Brücke (neu)')
      assert.equal(row.externalId, 'import-17')
      assert.equal(row.demo, true)
      assert.equal(row.organisationId, ownOrg)
      assert.ok(row.confirmedAt.getTime() >= before - 1000)
      assert.equal((await audits('offers.offer.update', ownOffer)).length, 1)
    })

    it('confirms an offer as still current (use case with a controlled clock, and the button)', async () => {
      const who: OffersWho = { id: 'u-p', can: (p) => p === 'offers.provide', organisationId: ownOrg }
      const then = new Date(Date.now() - 400 * DAY)
      assert.ok((await confirmOffer(t.deps.db, STAFF_ACTOR, who, ownOffer, then)).ok)
      assert.equal((await stored(ownOffer)).confirmedAt.getTime(), then.getTime())
      const notYours = await confirmOffer(t.deps.db, STAFF_ACTOR, who, otherOffer)
      assert.equal(problemKey(notYours), 'offers.error.notFound')
      const token = await provider.csrfToken('/angebote/verwalten')
      const res = await provider.post(`/angebote/verwalten/${ownOffer}/bestaetigen`, { _csrf: token })
      assert.equal(res.statusCode, 303)
      assert.ok((await stored(ownOffer)).confirmedAt.getTime() > Date.now() - 60_000)
      assert.equal((await audits('offers.offer.confirm', ownOffer)).length, 2)
      const list = await provider.get('/angebote/verwalten')
      assert.match(list.body, /Danke\. Das Angebot ist als aktuell bestätigt\./)
      assert.match(list.body, /aktuell, bestätigt am/)
    })

    it('lets staff edit any offer and move it to an organisation named as in the directory', async () => {
      const list = await staff.get('/angebote/verwalten?q=Fremdes')
      assert.equal(list.statusCode, 200)
      assert.match(list.body, /Fremdes Angebot/)
      assert.doesNotMatch(list.body, /Beratung der Brücke/)
      const unknown = await staff.submit(
        `/angebote/verwalten/${otherOffer}`,
        `/angebote/verwalten/${otherOffer}`,
        {
          ...FORM,
          organisation: 'Gibt es nicht e. V.',
        },
      )
      assert.equal(unknown.statusCode, 400)
      assert.match(unknown.body, /keine Organisation mit dem Namen „Gibt es nicht e\. V\.“/)
      const res = await staff.submit(
        `/angebote/verwalten/${otherOffer}`,
        `/angebote/verwalten/${otherOffer}`,
        {
          ...FORM,
          title: 'Fremdes Angebot, von der Redaktion',
          organisation: 'brücke fulda e. v.',
        },
      )
      assert.equal(res.statusCode, 303)
      const row = await stored(otherOffer)
      assert.equal(row.title, 'Fremdes Angebot, von der Redaktion')
      assert.equal(row.organisationId, ownOrg)
    })

    it('keeps an online-only offer without a place and refuses one with neither', async () => {
      const none = await provider.submit('/angebote/verwalten/neu', '/angebote/verwalten/neu', {
        ...FORM,
        title: 'Ohne Ort',
        ort: '',
      })
      assert.equal(none.statusCode, 400)
      assert.match(
        none.body,
        /Wählen Sie den Ort des Angebots oder geben Sie an, dass es online stattfindet\./,
      )
      const online = await provider.submit('/angebote/verwalten/neu', '/angebote/verwalten/neu', {
        ...FORM,
        title: 'Nur im Netz',
        ort: '',
        online: 'on',
      })
      assert.equal(online.statusCode, 303)
      const [row] = await t.deps.db.select().from(offers).where(eq(offers.title, 'Nur im Netz'))
      assert.equal(row?.placeId, null)
      assert.equal(row?.online, true)
    })
  })
}

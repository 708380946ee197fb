import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { Client } from '../../../test/helpers/http'
import { type Actor, CLI_ACTOR, listAudit } from '../../platform/audit'
import { problemKey } from '../../platform/outcome'
import { createOrganisation, importPlacesFromFiles, placeByKey } from '../directory/public'
import { linkOrganisationAccount } from '../funding/public'
import type { OffersWho } from './policies'
import { saveOffer } from './save-offer'
import { saveOfferTranslation, translationsOf } from './translations'

const STAFF: OffersWho = { id: 'u-staff', can: (p) => p === 'offers.manage', organisationId: null }
const ACTOR: Actor = { id: null, label: 'test' }
const AR_DESCRIPTION = 'يلتقي الآباء والأمهات ويتحدثون عن المدرسة والروضة.'

for (const kind of dbKinds()) {
  describe(`provider translations of an offer's description (${kind})`, () => {
    let t: TestApp
    let offer = ''
    let org = ''
    let provider: Client
    before(async () => {
      t = await createTestApp(kind)
      await importPlacesFromFiles(t.deps.db, CLI_ACTOR)
      org = await createOrganisation(t.deps.db, CLI_ACTOR, {
        kind: 'association',
        name: 'Brücke Fulda e. V.',
      })
      const r = await saveOffer(t.deps.db, ACTOR, STAFF, {
        organisationId: org,
        placeId: (await placeByKey(t.deps.db, '06631009'))!.id,
        online: false,
        title: 'Elterncafé am Mittwoch',
        description: 'Eltern treffen sich und sprechen über Schule und Kita.',
        lang: 'de',
        languages: ['de', 'ar'],
        topics: ['family'],
        targetGroups: [],
        contactEmail: 'info@example.org',
      })
      assert.ok(r.ok, problemKey(r) ?? '')
      offer = r.value
      const providerId = await t.createUser('anbieter@bruecke.example', ['applicant'])
      await linkOrganisationAccount(t.deps.db, CLI_ACTOR, providerId, org)
      provider = new Client(t.app)
      await provider.signIn('anbieter@bruecke.example')
    })
    after(() => t.close())

    it('refuses a translation into the original language, an unknown language, an empty text, and another organisation', async () => {
      const same = await saveOfferTranslation(t.deps.db, ACTOR, STAFF, offer, {
        lang: 'de',
        title: '',
        description: 'x',
      })
      assert.equal(problemKey(same), 'offers.translation.error.sameLang')
      const bad = await saveOfferTranslation(t.deps.db, ACTOR, STAFF, offer, {
        lang: 'xx',
        title: 'y'.repeat(201),
        description: '  ',
      })
      assert.ok(!bad.ok)
      assert.deepEqual(
        bad.problems.map((p) => [p.field, p.key]),
        [
          ['lang', 'offers.translation.error.lang'],
          ['description', 'offers.translation.error.description'],
          ['title', 'offers.translation.error.title'],
        ],
      )
      const stranger: OffersWho = { id: 'u-x', can: (p) => p === 'offers.provide', organisationId: 'other' }
      const other = await saveOfferTranslation(t.deps.db, ACTOR, stranger, offer, {
        lang: 'ar',
        title: '',
        description: AR_DESCRIPTION,
      })
      assert.equal(problemKey(other), 'offers.error.notYours')
      assert.deepEqual(await translationsOf(t.deps.db, offer), [])
    })

    it('lets the provider add one through the form, with messages next to the fields, audited', async () => {
      const url = `/angebote/verwalten/${offer}/uebersetzungen`
      const token = await provider.csrfToken(url)
      const empty = await provider.post(url, { _csrf: token, lang: 'ar', title: '', description: '' })
      assert.equal(empty.statusCode, 400)
      assert.match(empty.body, /Geben Sie die übersetzte Beschreibung ein/)
      const res = await provider.post(url, {
        _csrf: token,
        lang: 'ar',
        title: 'مقهى الآباء يوم الأربعاء',
        description: AR_DESCRIPTION,
      })
      assert.equal(res.statusCode, 303)
      const page = await provider.get(url)
      assert.match(page.body, /lang="ar" dir="rtl"/)
      const audit = await listAudit(t.deps.db, { entityType: 'offer', entityId: offer, limit: 10, offset: 0 })
      assert.ok(audit.some((a) => a.action === 'offer.translation.save'))
    })

    it('shows the visitor the translation in their language, otherwise the original with its language', async () => {
      const ar = await t.app.inject({ url: `/ar/angebote/${offer}` })
      assert.equal(ar.statusCode, 200)
      assert.match(
        ar.body,
        /<div class="offer-heading" lang="ar" dir="rtl"><div[^>]*><h1[^>]*>مقهى الآباء يوم الأربعاء</,
      )
      assert.match(ar.body, new RegExp(`lang="ar" dir="rtl">${AR_DESCRIPTION}<`))
      // The original is kept, with its language, under the translation.
      assert.match(ar.body, /lang="de" dir="ltr">Eltern treffen sich/)
      // JSON-LD carries both, each tagged with its language.
      const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(ar.body)![1]!)
      assert.deepEqual(
        ld.description.map((d: { '@language': string }) => d['@language']),
        ['de', 'ar'],
      )
      const tr = await t.app.inject({ url: `/tr/angebote/${offer}` })
      assert.match(tr.body, /lang="de" dir="ltr">Eltern treffen sich/)
      assert.doesNotMatch(tr.body, /مقهى/)
      const de = await t.app.inject({ url: `/angebote/${offer}` })
      assert.doesNotMatch(de.body, /مقهى/)
      // The result list: the translated title in Arabic, the original elsewhere.
      const results = await t.app.inject({ url: '/ar/angebote?ort=Fulda' })
      assert.match(results.body, /lang="ar" dir="rtl">مقهى الآباء يوم الأربعاء</)
      const resultsDe = await t.app.inject({ url: '/angebote?ort=Fulda' })
      assert.match(resultsDe.body, /lang="de" dir="ltr">Elterncafé am Mittwoch</)
    })
  })
}

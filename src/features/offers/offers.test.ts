import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq, sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { type Actor, CLI_ACTOR } from '../../platform/audit'
import { auditLog } from '../../platform/audit/tables'
import { problemKey } from '../../platform/outcome'
import { createOrganisation, importPlacesFromFiles, placeByKey } from '../directory/public'
import { searchOffers } from './find-offers'
import { finderRequest, findOffers } from './finder'
import type { OfferInput } from './offer-input'
import type { OffersWho } from './policies'
import { saveOffer } from './save-offer'
import { offers } from './tables'

const STAFF: OffersWho = { id: 'u-staff', can: (p) => p === 'offers.manage', organisationId: null }
const STAFF_ACTOR: Actor = { id: null, label: 'test-staff' }
const DAY = 86_400_000

for (const kind of dbKinds()) {
  describe(`offers finder (${kind})`, () => {
    let t: TestApp
    let kasselOrg: string
    let fuldaOrg: string
    const ids: Record<string, string> = {}
    const place = async (key: string) => (await placeByKey(t.deps.db, key))!.id
    const base = (over: Partial<OfferInput>): OfferInput => ({
      organisationId: kasselOrg,
      placeId: null,
      online: false,
      title: 'Angebot',
      description: 'Beschreibung',
      lang: 'de',
      languages: ['de'],
      topics: ['counselling'],
      targetGroups: [],
      contactEmail: 'kontakt@example.org',
      ...over,
    })
    const add = async (name: string, over: Partial<OfferInput>) => {
      const r = await saveOffer(t.deps.db, STAFF_ACTOR, STAFF, base({ title: name, ...over }))
      assert.ok(r.ok, `could not save ${name}: ${problemKey(r)}`)
      ids[name] = r.value
    }

    before(async () => {
      t = await createTestApp(kind)
      await importPlacesFromFiles(t.deps.db, CLI_ACTOR)
      kasselOrg = await createOrganisation(t.deps.db, CLI_ACTOR, {
        kind: 'association',
        name: 'Verein Kassel e. V.',
      })
      fuldaOrg = await createOrganisation(t.deps.db, CLI_ACTOR, {
        kind: 'association',
        name: 'Verein Fulda e. V.',
      })
      await add('Kassel Sprachcafé', {
        placeId: await place('06611000'),
        languages: ['de', 'ar'],
        topics: ['language_course'],
        targetGroups: ['everyone'],
      })
      await add('Baunatal Beratung', { placeId: await place('06633003'), languages: ['tr', 'de'] })
      await add('Fulda Frauentreff', {
        organisationId: fuldaOrg,
        placeId: await place('06631009'),
        languages: ['ar'],
        topics: ['womens_group'],
        targetGroups: ['women'],
      })
      await add('Darmstadt Beratung online', {
        placeId: await place('06411000'),
        online: true,
        languages: ['ar'],
      })
      await add('Nur online', { placeId: null, online: true, languages: ['uk'] })
      await add('Kassel veraltet', {
        placeId: await place('06611000'),
        confirmedAt: new Date(Date.now() - 16 * 31 * DAY),
      })
    })
    after(() => t.close())

    it('ranks nearest first from the chosen municipality, with distances in km; online-only last', async () => {
      const r = await findOffers(t.deps.db, finderRequest({ ort: 'Kassel' }))
      assert.equal(r.chosen?.officialKey, '06611000')
      const titles = r.hits.map((h) => h.title)
      assert.deepEqual(titles, [
        'Kassel Sprachcafé',
        'Baunatal Beratung',
        'Fulda Frauentreff',
        'Darmstadt Beratung online',
        'Nur online',
      ])
      const km = Object.fromEntries(r.hits.map((h) => [h.title, h.distanceKm]))
      assert.ok(km['Kassel Sprachcafé']! < 1, `same municipality: ${km['Kassel Sprachcafé']}`)
      assert.ok(
        km['Baunatal Beratung']! > 5 && km['Baunatal Beratung']! < 15,
        String(km['Baunatal Beratung']),
      )
      // Kassel–Fulda about 85 km, Kassel–Darmstadt about 165 km as the crow flies.
      assert.ok(
        km['Fulda Frauentreff']! > 75 && km['Fulda Frauentreff']! < 95,
        String(km['Fulda Frauentreff']),
      )
      assert.ok(km['Darmstadt Beratung online']! > 150 && km['Darmstadt Beratung online']! < 180)
      assert.equal(km['Nur online'], null)
      assert.equal(r.total, 5)
    })

    it('measures from another place when it is chosen (Darmstadt first from Darmstadt)', async () => {
      const r = await findOffers(t.deps.db, finderRequest({ ort: 'Darmstadt' }))
      assert.equal(r.hits[0]?.title, 'Darmstadt Beratung online')
      assert.equal(r.hits.at(-2)?.title, 'Kassel Sprachcafé')
    })

    it('corrects a typo in the place and says so; unknown words find no place but still list offers', async () => {
      const typo = await findOffers(t.deps.db, finderRequest({ ort: 'Kasel' }))
      assert.equal(typo.chosen?.name, 'Kassel')
      assert.equal(typo.chosen?.kind, 'municipality')
      assert.equal(typo.corrected, true)
      assert.ok(typo.suggestions.some((s) => s.kind === 'district' && s.name === 'Kassel'))
      assert.equal(typo.hits[0]?.title, 'Kassel Sprachcafé')
      const none = await findOffers(t.deps.db, finderRequest({ ort: 'Qwertzuiop' }))
      assert.equal(none.chosen, null)
      assert.equal(none.unknownPlace, true)
      assert.equal(none.total, 5)
      assert.ok(none.hits.every((h) => h.distanceKm === null))
    })

    it('a district is found by name and distances start from its centre', async () => {
      const r = await findOffers(t.deps.db, finderRequest({ ort: 'Fulda', gebiet: '06631' }))
      assert.equal(r.chosen?.kind, 'district')
      assert.equal(r.hits[0]?.title, 'Fulda Frauentreff')
      const mkk = await findOffers(t.deps.db, finderRequest({ ort: 'Main-Kinzig-Kreis' }))
      assert.equal(mkk.chosen?.officialKey, '06435')
    })

    it('filters by language, topic, target group and online, combined', async () => {
      const arabic = await findOffers(t.deps.db, finderRequest({ ort: 'Kassel', sprache: 'ar' }))
      assert.deepEqual(
        arabic.hits.map((h) => h.title),
        ['Kassel Sprachcafé', 'Fulda Frauentreff', 'Darmstadt Beratung online'],
      )
      const women = await findOffers(t.deps.db, finderRequest({ sprache: 'ar', fuer: 'women' }))
      assert.deepEqual(
        women.hits.map((h) => h.title),
        ['Fulda Frauentreff'],
      )
      const topic = await findOffers(t.deps.db, finderRequest({ thema: 'language_course' }))
      assert.deepEqual(
        topic.hits.map((h) => h.title),
        ['Kassel Sprachcafé'],
      )
      const online = await findOffers(t.deps.db, finderRequest({ ort: 'Kassel', online: 'on' }))
      assert.deepEqual(
        online.hits.map((h) => h.title),
        ['Darmstadt Beratung online', 'Nur online'],
      )
      const both = await findOffers(t.deps.db, finderRequest({ online: 'on', sprache: 'uk' }))
      assert.deepEqual(
        both.hits.map((h) => h.title),
        ['Nur online'],
      )
      // Unknown filter values are ignored rather than matching nothing.
      const unknown = await findOffers(t.deps.db, finderRequest({ sprache: 'xx', thema: '<b>' }))
      assert.equal(unknown.total, 5)
    })

    it('hides offers not confirmed for 15 months (kept in the table) and shows them again once confirmed', async () => {
      const r = await searchOffers(t.deps.db, {})
      assert.ok(!r.hits.some((h) => h.title === 'Kassel veraltet'))
      const [row] = await t.deps.db.select().from(offers).where(eq(offers.id, ids['Kassel veraltet']!))
      assert.ok(row, 'the stale offer is still stored')
      const page = await t.app.inject({ url: `/angebote/${ids['Kassel veraltet']}` })
      assert.equal(page.statusCode, 404)
      // Fourteen months ago it was still public.
      const earlier = await searchOffers(t.deps.db, { now: new Date(Date.now() - 2 * 31 * DAY) })
      assert.ok(earlier.hits.some((h) => h.title === 'Kassel veraltet'))
    })

    it('pages by 20, with the count of all results', async () => {
      for (let i = 0; i < 21; i++)
        await add(`Reihe ${String(i).padStart(2, '0')}`, { placeId: null, online: true, languages: ['ps'] })
      const one = await findOffers(t.deps.db, finderRequest({ sprache: 'ps' }))
      const two = await findOffers(t.deps.db, finderRequest({ sprache: 'ps', seite: '2' }))
      assert.equal(one.total, 21)
      assert.equal(one.hits.length, 20)
      assert.equal(one.pageCount, 2)
      assert.deepEqual(
        two.hits.map((h) => h.title),
        ['Reihe 20'],
      )
      assert.equal(two.total, 21)
    })

    it('a provider saves offers of its own organisation only; staff any; each save is audited', async () => {
      const provider: OffersWho = { id: 'u-p', can: (p) => p === 'offers.provide', organisationId: kasselOrg }
      const actor: Actor = { id: null, label: 'provider-test' }
      const own = await saveOffer(
        t.deps.db,
        actor,
        provider,
        base({ title: 'Eigenes', placeId: await place('06611000') }),
      )
      assert.ok(own.ok)
      const foreign = await saveOffer(
        t.deps.db,
        actor,
        provider,
        base({ title: 'Übernommen', organisationId: kasselOrg, placeId: await place('06611000') }),
        ids['Fulda Frauentreff'],
      )
      assert.equal(problemKey(foreign), 'offers.error.notFound')
      const moveAway = await saveOffer(
        t.deps.db,
        actor,
        provider,
        base({ title: 'Eigenes', organisationId: fuldaOrg, placeId: await place('06611000') }),
        own.ok ? own.value : undefined,
      )
      assert.equal(problemKey(moveAway), 'offers.error.notYours')
      const [fulda] = await t.deps.db.select().from(offers).where(eq(offers.id, ids['Fulda Frauentreff']!))
      assert.equal(fulda?.title, 'Fulda Frauentreff')
      const entries = await t.deps.db.select().from(auditLog).where(eq(auditLog.actorLabel, 'provider-test'))
      assert.deepEqual(
        entries.map((e) => e.action),
        ['offers.offer.create'],
      )
    })

    it('refuses an offer that breaks the rules, naming each field, and writes nothing', async () => {
      const before = await t.deps.db.select({ n: sql<number>`count(*)::int` }).from(offers)
      const r = await saveOffer(
        t.deps.db,
        STAFF_ACTOR,
        STAFF,
        base({
          title: ' ',
          placeId: null,
          online: false,
          languages: ['xx'],
          topics: [],
          costCents: -5,
          contactEmail: 'nicht-email',
          endsAt: new Date(),
        }),
      )
      assert.equal(r.ok, false)
      if (r.ok) return
      assert.deepEqual(
        r.problems.map((p) => [p.field, p.key]),
        [
          ['title', 'offers.error.title'],
          ['place', 'offers.error.place'],
          ['languages', 'offers.error.language'],
          ['topics', 'offers.error.topics'],
          ['endsAt', 'offers.error.ends'],
          ['cost', 'offers.error.cost'],
          ['contactEmail', 'offers.error.email'],
        ],
      )
      const after = await t.deps.db.select({ n: sql<number>`count(*)::int` }).from(offers)
      assert.deepEqual(after, before)
    })

    it('the home page starts the search at once: a field for the town sends ort to /angebote', async () => {
      const home = await t.app.inject({ url: '/' })
      assert.match(home.body, /<form[^>]+action="\/angebote"[\s\S]*?name="ort"/)
      assert.match(home.body, /Angebote in meiner Nähe finden/)
    })

    it('GET /angebote renders the search without JavaScript: typo note, suggestions, distances, lang', async () => {
      const res = await t.app.inject({ url: '/angebote?ort=Kasel&sprache=ar' })
      assert.equal(res.statusCode, 200)
      assert.match(res.body, /Wir zeigen Angebote ab Kassel\. Sie hatten „Kasel“ eingegeben\./)
      assert.match(
        res.body,
        /href="\/angebote\?ort=Kassel&amp;sprache=ar&amp;gebiet=06633"[^>]*>Kassel \(Landkreis\)</,
      )
      assert.match(res.body, /<strong>0 km entfernt<\/strong>|<strong>0,\d km entfernt<\/strong>/)
      assert.match(res.body, /Fulda Frauentreff/)
      assert.doesNotMatch(res.body, /Baunatal Beratung/)
      const en = await t.app.inject({ url: '/en/angebote?ort=Fulda' })
      assert.match(en.body, /Offers by distance from Fulda/)
      const tooLong = await t.app.inject({ url: `/angebote?ort=${'a'.repeat(150)}` })
      assert.equal(tooLong.statusCode, 400)
      assert.match(tooLong.body, /höchstens 100 Zeichen/)
    })

    it('an offer page has contact, directions in words, lang on the description and schema.org JSON-LD', async () => {
      const r = await saveOffer(
        t.deps.db,
        STAFF_ACTOR,
        STAFF,
        base({
          title: 'دورة لغة',
          description: 'دورة اللغة الألمانية </script><b>',
          lang: 'ar',
          placeId: await place('06611000'),
          street: 'Königsplatz 1',
          postcode: '34117',
          city: 'Kassel',
          startsAt: new Date('2027-03-02T17:00:00Z'),
          endsAt: new Date('2027-03-02T19:00:00Z'),
          costCents: 1250,
          contactPhone: '0561 12345',
        }),
      )
      assert.ok(r.ok)
      const res = await t.app.inject({ url: `/angebote/${r.value}` })
      assert.equal(res.statusCode, 200)
      assert.match(res.body, /<p class="kern-body offer-description" lang="ar" dir="rtl">/)
      assert.match(res.body, /Königsplatz 1, 34117 Kassel\./)
      assert.match(res.body, /href="tel:056112345"/)
      assert.match(res.body, /12,50\s€/)
      assert.doesNotMatch(res.body, /<\/script><b>/)
      const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.body)?.[1]
      assert.ok(ld, 'the page carries JSON-LD')
      const data = JSON.parse(ld) as Record<string, unknown>
      assert.equal(data['@type'], 'Event')
      assert.equal(data.startDate, '2027-03-02T17:00:00.000Z')
      assert.equal(
        (data.location as { address: { streetAddress: string } }).address.streetAddress,
        'Königsplatz 1',
      )
      assert.equal((data.organizer as { name: string }).name, 'Verein Kassel e. V.')
      assert.equal((data.offers as { price: string }).price, '12.50')
      assert.equal(data.description, 'دورة اللغة الألمانية </script><b>')

      const ics = await t.app.inject({ url: `/angebote/${r.value}/termin.ics` })
      assert.equal(ics.statusCode, 200)
      assert.match(ics.headers['content-type'] as string, /^text\/calendar/)
      assert.match(ics.body, /BEGIN:VEVENT/)
      assert.match(ics.body, /DTSTART:20270302T170000Z/)
      assert.match(ics.body, /DTEND:20270302T190000Z/)
      assert.match(ics.body, /LOCATION:Königsplatz 1\\, 34117 Kassel/)
      // An offer without a date has no calendar file.
      const undated = await t.app.inject({ url: `/angebote/${ids['Kassel Sprachcafé']}/termin.ics` })
      assert.equal(undated.statusCode, 404)
      const plain = await t.app.inject({ url: `/angebote/${ids['Kassel Sprachcafé']}` })
      assert.equal(
        (
          JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(plain.body)![1]!) as {
            '@type': string
          }
        )['@type'],
        'Service',
      )
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parse } from 'csv-parse/sync'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { seedProgramme } from '../../../../test/helpers/funding'
import { grantThisYear } from '../../../../test/helpers/payments'
import { type Actor, CLI_ACTOR } from '../../../platform/audit'
import { problemKey } from '../../../platform/outcome'
import { createOrganisation, importPlacesFromFiles, placeByKey } from '../../directory/public'
import { grantedCentsByDistrict } from '../../funding/public'
import type { OffersWho } from '../policies'
import { saveOffer } from '../save-offer'
import { districtCoverage, sortCoverage } from './find-coverage'

const STAFF: OffersWho = { id: 'u-staff', can: (p) => p === 'offers.manage', organisationId: null }
const ACTOR: Actor = { id: null, label: 'test' }
const DAY = 86_400_000

for (const kind of dbKinds()) {
  describe(`offers coverage per district (${kind})`, () => {
    let t: TestApp
    let wir = new Map<string, number>()
    before(async () => {
      t = await createTestApp(kind)
      await importPlacesFromFiles(t.deps.db, CLI_ACTOR)
      const org = await createOrganisation(t.deps.db, CLI_ACTOR, { kind: 'association', name: 'Verein' })
      const add = async (key: string | null, topics: string[], confirmedAt = new Date()) => {
        const r = await saveOffer(t.deps.db, ACTOR, STAFF, {
          organisationId: org,
          placeId: key ? (await placeByKey(t.deps.db, key))!.id : null,
          online: key === null,
          title: `Angebot ${key} ${topics.join()}`,
          description: '',
          lang: 'de',
          languages: ['de'],
          topics,
          targetGroups: [],
          contactEmail: 'info@example.org',
          confirmedAt,
        })
        assert.ok(r.ok, problemKey(r) ?? '')
      }
      await add('06631009', ['language_course', 'counselling']) // Fulda (town) → Landkreis Fulda
      await add('06631', ['counselling']) // the district itself
      await add('06611000', ['language_course']) // Kassel, district-free city
      await add(null, ['counselling']) // online only: no district
      await add('06631009', ['youth_work'], new Date(Date.now() - 16 * 31 * DAY)) // hidden: not counted
      // One approved WIR grant to an organisation in Frankfurt (funding's own use cases).
      await seedProgramme(t.deps)
      const officer = { id: await t.createUser('officer@coverage.example', ['funding_officer']), label: 'o' }
      const approver = {
        id: await t.createUser('approver@coverage.example', ['funding_approver']),
        label: 'a',
      }
      await grantThisYear(
        t.deps,
        { officer, approver },
        { email: 'ffm@coverage.example', officialKey: '06412000' },
      )
      wir = await grantedCentsByDistrict(t.deps)
    })
    after(() => t.close())

    it('counts public offers per district and topic, with offers per 100,000 residents', async () => {
      const rows = await districtCoverage(t.deps.db)
      assert.ok(rows.length >= 26, `${rows.length} districts`)
      const fulda = rows.find((r) => r.officialKey === '06631')!
      assert.equal(fulda.total, 2)
      assert.equal(fulda.byTopic.counselling, 2)
      assert.equal(fulda.byTopic.language_course, 1)
      assert.equal(fulda.byTopic.youth_work, 0)
      assert.ok(fulda.population && fulda.population > 200_000)
      assert.equal(fulda.perHundredThousand, Math.round((2 / fulda.population!) * 1_000_000) / 10)
      const kassel = rows.find((r) => r.officialKey === '06611')!
      assert.equal(kassel.total, 1)
      assert.equal(
        rows.reduce((n, r) => n + r.total, 0),
        3,
      )
      assert.ok(
        rows.every((r) => r.wirCents === 0),
        'without the funding figures: 0',
      )
      const withWir = await districtCoverage(t.deps.db, new Date(), { wirCentsByDistrict: wir })
      const frankfurt = withWir.find((r) => r.officialKey === '06412')!
      assert.ok(frankfurt.wirCents > 0, 'the Frankfurt grant counts for Frankfurt')
      assert.equal(frankfurt.wirCents, wir.get('06412'))
      assert.equal(withWir.find((r) => r.officialKey === '06631')!.wirCents, 0)
      assert.equal(sortCoverage(withWir, 'wir', true)[0]!.officialKey, '06412')
      const byRate = sortCoverage(rows, 'counselling', true)
      assert.equal(byRate[0]!.officialKey, '06631')
      const gapsFirst = sortCoverage(rows, 'total', false)
      assert.equal(gapsFirst[0]!.total, 0)
      assert.equal(gapsFirst.at(-1)!.officialKey, '06631')
    })

    it('shows the table sorted without JavaScript, gaps marked, and the same figures as CSV', async () => {
      const page = await t.app.inject({ url: '/angebote/abdeckung?sortierung=total&richtung=ab' })
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Wo es Angebote gibt und wo sie fehlen/)
      const names = [...page.body.matchAll(/data-label="Landkreis oder Stadt"[^>]*>([^<]+)</g)].map(
        (m) => m[1],
      )
      assert.equal(names[0], 'Fulda')
      assert.match(page.body, /class="coverage-gap"/)
      assert.match(page.body, /Zensus 2022/)
      // The district map: offers per district, the districts without any hatched as gaps.
      assert.match(page.body, /<svg class="district-map__svg" role="img" aria-labelledby="coverage-map-title/)
      assert.match(page.body, /<title>Fulda: 2<\/title>/)
      assert.match(
        page.body,
        /fill="url\(#coverage-map-gap\)"[^>]*><title>Wiesbaden: 0 – kein Angebot<\/title>/,
      )
      assert.match(page.body, /GeoBasis-DE \/ BKG 2021/)
      const bad = await t.app.inject({ url: '/angebote/abdeckung?sortierung=%3Cx%3E&richtung=x' })
      assert.equal(bad.statusCode, 200)
      const csv = await t.app.inject({ url: '/angebote/abdeckung.csv' })
      assert.equal(csv.statusCode, 200)
      assert.match(String(csv.headers['content-type']), /^text\/csv/)
      const records = parse(csv.body, { columns: true }) as Record<string, string>[]
      const fulda = records.find((r) => r.district_key === '06631')!
      assert.equal(fulda.offers, '2')
      assert.equal(fulda.topic_counselling, '2')
      assert.equal(fulda.topic_youth_work, '0')
      assert.equal(fulda.wir_granted_cents, '0')
      assert.equal(
        records.find((r) => r.district_key === '06412')!.wir_granted_cents,
        String(wir.get('06412')),
      )
      const euros = Math.round(wir.get('06412')! / 100).toLocaleString('de-DE')
      assert.match(page.body, new RegExp(`data-label="WIR-Fördermittel \\(bewilligt\\)"[^>]*>${euros} €<`))
      const ar = await t.app.inject({ url: '/ar/angebote/abdeckung' })
      assert.match(ar.body, /أين توجد العروض وأين تنقص/)
    })
  })
}

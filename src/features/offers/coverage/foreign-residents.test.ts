import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parse } from 'csv-parse/sync'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { CLI_ACTOR, listAudit } from '../../../platform/audit'
import { createOrganisation, importPlacesFromFiles, placeByKey } from '../../directory/public'
import type { OffersWho } from '../policies'
import { saveOffer } from '../save-offer'
import { foreignResidents } from '../tables'
import { districtCoverage } from './find-coverage'
import { ForeignImportError, foreignResidentsByDistrict, importForeignResidents } from './foreign-residents'

const STAFF: OffersWho = { id: 'u-staff', can: (p) => p === 'offers.manage', organisationId: null }

const FILE = [
  'district_key,count,reference_date,source',
  '06631,25000,31.12.2024,"Hessisches Statistisches Landesamt, AZR"',
  '06412,240000,2024-12-31,"Hessisches Statistisches Landesamt, AZR"',
  '06999,100,2024-12-31,Irgendwer', // no such district
  '06611,-5,2024-12-31,HSL', // negative
  '06611,500,2024-02-30,', // no real day, no source
  '06412,1,2024-12-31,HSL', // twice
  '0641,1,2024-12-31,HSL', // not a key
].join('\n')

for (const kind of dbKinds()) {
  describe(`foreign residents per district, imported by staff (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
      await importPlacesFromFiles(t.deps.db, CLI_ACTOR)
      const org = await createOrganisation(t.deps.db, CLI_ACTOR, { kind: 'association', name: 'Verein' })
      const r = await saveOffer(t.deps.db, { id: null, label: 'test' }, STAFF, {
        organisationId: org,
        placeId: (await placeByKey(t.deps.db, '06631009'))!.id,
        online: false,
        title: 'Sprachcafé',
        description: '',
        lang: 'de',
        languages: ['de'],
        topics: ['language_course'],
        targetGroups: [],
        contactEmail: 'info@example.org',
      })
      assert.ok(r.ok)
    })
    after(() => t.close())

    it('a dry run lists every refused row with its reasons and writes nothing', async () => {
      const r = await importForeignResidents(t.deps.db, CLI_ACTOR, FILE, { dryRun: true })
      assert.equal(r.added, 2)
      assert.equal(r.updated, 0)
      assert.deepEqual(
        r.refused.map((x) => [x.line, x.districtKey]),
        [
          [4, '06999'],
          [5, '06611'],
          [6, '06611'],
          [7, '06412'],
          [8, '0641'],
        ],
      )
      assert.match(r.refused[0]!.reasons.join(), /no district valid today has the key 06999/)
      assert.match(r.refused[1]!.reasons.join(), /count must be a whole number/)
      assert.match(r.refused[2]!.reasons.join(), /reference_date must be a day.*source is empty/)
      assert.match(r.refused[3]!.reasons.join(), /twice/)
      assert.equal((await t.deps.db.select().from(foreignResidents)).length, 0)
      await assert.rejects(
        importForeignResidents(t.deps.db, CLI_ACTOR, 'district_key,count\n06631,1'),
        ForeignImportError,
      )
    })

    it('imports the valid rows, and a re-import updates instead of duplicating', async () => {
      const r = await importForeignResidents(t.deps.db, CLI_ACTOR, FILE)
      assert.deepEqual([r.added, r.updated, r.refused.length], [2, 0, 5])
      const again = await importForeignResidents(
        t.deps.db,
        CLI_ACTOR,
        'district_key,count,reference_date,source\n06631,20000,2025-12-31,HSL',
      )
      assert.deepEqual([again.added, again.updated], [0, 1])
      assert.equal((await t.deps.db.select().from(foreignResidents)).length, 2)
      const figures = await foreignResidentsByDistrict(t.deps.db)
      assert.deepEqual(figures.get('06631'), {
        count: 20000,
        referenceDate: '2025-12-31',
        source: 'HSL',
        demo: false,
      })
      const audit = await listAudit(t.deps.db, {
        entityType: 'offers',
        entityId: 'foreign-residents',
        limit: 5,
        offset: 0,
      })
      assert.equal(audit.length, 2)
      const rows = await districtCoverage(t.deps.db, new Date(), { foreignByDistrict: figures })
      const fulda = rows.find((x) => x.officialKey === '06631')!
      assert.equal(fulda.perThousandForeign, 0.1) // 1 offer / 20,000 × 1,000 = 0.05 → 0.1
      assert.equal(rows.find((x) => x.officialKey === '06611')!.perThousandForeign, null)
    })

    it('shows per 1,000 with source and reference date, "no figure" otherwise, and demo estimates as such', async () => {
      const page = await t.app.inject({ url: '/angebote/abdeckung' })
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /data-label="Angebote je 1.000 ausländische Einwohner"[^>]*>0,1</)
      assert.match(
        page.body,
        /data-label="Angebote je 1.000 ausländische Einwohner"[^>]*><span class="coverage-nofigure">keine Zahl</,
      )
      assert.match(page.body, /HSL, Stand 31\. Dezember 2025/)
      assert.doesNotMatch(page.body, /Demo-Schätzung/)
      const csv = parse((await t.app.inject({ url: '/angebote/abdeckung.csv' })).body, {
        columns: true,
      }) as Record<string, string>[]
      const fulda = csv.find((r) => r.district_key === '06631')!
      assert.equal(fulda.foreign_residents, '20000')
      assert.equal(fulda.foreign_residents_reference_date, '2025-12-31')
      assert.equal(fulda.foreign_residents_demo_estimate, 'nein')
      assert.equal(fulda.offers_per_1000_foreign_residents, '0.1')
      assert.equal(csv.find((r) => r.district_key === '06611')!.offers_per_1000_foreign_residents, '')
      await importForeignResidents(
        t.deps.db,
        CLI_ACTOR,
        'district_key,count,reference_date,source\n06611,30000,2022-05-15,Demo: 15 %',
        { demo: true },
      )
      const demo = await t.app.inject({ url: '/angebote/abdeckung' })
      assert.match(demo.body, /\(Demo-Schätzung\)/)
      assert.match(demo.body, /Demo: 15 %, Stand 15\. Mai 2022 – Demo-Schätzung, keine amtliche Zahl/)
      const ar = await t.app.inject({ url: '/ar/angebote/abdeckung' })
      assert.equal(ar.statusCode, 200)
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { placeByKey } from '../../directory/public'
import { LIFE_DOMAIN_IDS } from '../cases/case-vocabulary'
import type { Ground } from '../grounds'
import { seedAntidiscDemo } from '../network/seed-demo'
import { submitReport } from '../reporting/submit-report'
import { antidiscCaseFiles, antidiscReports } from '../tables'
import { discriminationStatistics } from './find-statistics'
import { statisticsMessages } from './messages'

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

for (const kind of dbKinds()) {
  describe(`discrimination statistics (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
      await seedAntidiscDemo(t.deps, () => {})
    })
    after(() => t.close())

    test('counts by ground, quarter and district with small cells suppressed, also where a total would give them away', async () => {
      const empty = await t.app.inject('/statistik/diskriminierung')
      assert.equal(empty.statusCode, 200)
      assert.match(text(empty.body), /Meldungen insgesamt: 0/)
      const frankfurt = (await placeByKey(t.deps.db, '06412'))!.id
      const kassel = (await placeByKey(t.deps.db, '06611'))!.id
      const add = async (districtId: string, grounds: Ground[], occurredOn: string) => {
        const r = await submitReport(t.deps, {
          narrative: 'Statistik-Probe',
          occurredOn,
          districtId,
          grounds,
          centre: 'network',
          contactWish: 'anonymous',
          language: 'de',
        })
        assert.ok(r.ok)
      }
      for (let i = 0; i < 5; i++) await add(frankfurt, ['racism'], `2026-02-0${i + 1}`)
      await add(kassel, ['religion', 'racism'], '2026-03-10')
      await add(kassel, ['religion'], '2026-03-11')
      const stats = await discriminationStatistics(t.deps.db)
      assert.equal(stats.reports, 7)
      const ground = (g: string) => stats.byGround.cells.find((c) => c.key === g)?.count
      assert.equal(ground('racism'), 6)
      assert.equal(ground('religion'), null, '2 reports: fewer than 5')
      assert.equal(ground('age'), 0)
      assert.deepEqual(stats.byQuarter.cells, [{ key: '2026-1', count: 7 }])
      // Kassel has 2: hidden; Frankfurt's 5 would give Kassel away (7 − 5), so it is hidden too.
      assert.deepEqual(
        stats.byDistrict.cells.map((c) => [stats.districtNames[c.key], c.count]),
        [
          ['Frankfurt am Main', null],
          ['Kassel (Kreisfreie Stadt)', null],
        ],
      )
      assert.equal(stats.byDistrict.total, 7)

      const page = await t.app.inject('/statistik/diskriminierung')
      const body = text(page.body)
      assert.match(body, /Meldungen insgesamt: 7/)
      assert.match(body, /Rassismus, ethnische Herkunft 6/)
      assert.match(body, /Religion weniger als 5 oder verborgen/)
      assert.match(body, /Frankfurt am Main weniger als 5 oder verborgen/)
      assert.doesNotMatch(body, /Statistik-Probe/)
      assert.doesNotMatch(body, / [1-4] /, 'no count of 1 to 4 anywhere on the page')
    })

    test('by life domain from the case files, bar charts beside the tables, and the same figures as CSV', async () => {
      const reports = await t.deps.db
        .select({ id: antidiscReports.id, grounds: antidiscReports.grounds })
        .from(antidiscReports)
      // Five housing cases, two at work: work is hidden, and housing with it (7 − 5 would give work away).
      for (const [i, r] of reports.entries())
        await t.deps.db.insert(antidiscCaseFiles).values({
          reportId: r.id,
          grounds: r.grounds,
          forms: [],
          deadlineFrom: '2026-02-01',
          domain: i < 5 ? 'housing' : 'work',
        })
      const stats = await discriminationStatistics(t.deps.db)
      const domain = (d: string) => stats.byDomain.cells.find((c) => c.key === d)?.count
      assert.equal(domain('housing'), null)
      assert.equal(domain('work'), null)
      assert.equal(domain('education'), 0)
      assert.equal(stats.byDomain.total, 7)
      for (const d of LIFE_DOMAIN_IDS) assert.ok(statisticsMessages.de[`antidisc.stats.domain.${d}`], d)

      const page = await t.app.inject('/statistik/diskriminierung')
      assert.match(
        page.body,
        /<svg class="chart chart--bars stats-chart" role="img" aria-labelledby="chart-domains-title chart-domains-desc"/,
      )
      assert.match(text(page.body), /Fälle nach Lebensbereich/)
      assert.match(page.body, /href="\/statistik\/diskriminierung.csv"/)

      const csv = await t.app.inject('/statistik/diskriminierung.csv')
      assert.equal(csv.statusCode, 200)
      assert.match(String(csv.headers['content-type']), /^text\/csv/)
      assert.match(String(csv.headers['content-disposition']), /attachment/)
      assert.ok(csv.body.startsWith('\ufeffTabelle;Merkmal;Meldungen\r\n'))
      assert.ok(csv.body.includes('Meldungen nach Grund;Rassismus, ethnische Herkunft;6\r\n'))
      assert.ok(csv.body.includes('Meldungen nach Grund;Religion;weniger als 5 oder verborgen'))
      assert.ok(csv.body.includes('Fälle nach Lebensbereich;Wohnen;weniger als 5 oder verborgen'))
      for (const line of csv.body.split('\r\n').slice(1))
        assert.doesNotMatch(line, /;[1-4]$/, `no count of 1 to 4: ${line}`)
      const english = await t.app.inject('/en/statistik/diskriminierung.csv')
      assert.ok(english.body.startsWith('\ufeffTable;Category;Reports'))
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import { lineId, NEXT_YEAR, registerMso, seedProgramme } from '../../../../test/helpers/funding'
import { Client } from '../../../../test/helpers/http'
import { budgetOverview } from '../queries'
import { fundingApplications } from '../tables'

const TOTAL = 105
const SUBMITTED = 75
const fileNumber = (i: number) => `WIR-MSO-2099-${String(i).padStart(5, '0')}`

for (const kind of dbKinds()) {
  describe(`funding staff list (${kind})`, () => {
    let t: TestApp
    let officer: Client
    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      await t.createUser('officer@rp.example', ['funding_officer'])
      const { orgId } = await registerMso(t.deps)
      const line = await lineId(t.deps, 'MSO')
      const base = Date.UTC(2099, 0, 1)
      // application i was submitted i minutes before `base`: the list shows 1, 2, 3, … (newest first)
      await t.deps.db.insert(fundingApplications).values([
        ...Array.from({ length: TOTAL }, (_, k) => ({
          lineId: line,
          organisationId: orgId,
          status: k < SUBMITTED ? ('submitted' as const) : ('info_requested' as const),
          fileNumber: fileNumber(k + 1),
          title: `Vorhaben ${k + 1}`,
          submittedAt: new Date(base - (k + 1) * 60_000),
        })),
        // drafts are never listed
        ...Array.from({ length: 3 }, () => ({ lineId: line, organisationId: orgId, title: 'Entwurf' })),
      ])
      officer = new Client(t.app)
      await officer.signIn('officer@rp.example')
    })
    after(() => t.close())

    const listed = (body: string) => [...body.matchAll(/>(WIR-MSO-2099-\d{5})<\/a>/g)].map((m) => m[1])

    it('pages the application list and keeps the filters in the page links', async () => {
      const first = await officer.get('/foerderung/verwaltung')
      assert.equal(first.statusCode, 200)
      assert.match(first.body, /Anträge 1 bis 50 von 105/)
      assert.deepEqual(
        listed(first.body),
        Array.from({ length: 50 }, (_, k) => fileNumber(k + 1)),
      )
      assert.match(first.body, /href="\/foerderung\/verwaltung\?page=2" rel="next"/)
      assert.match(first.body, /href="\/foerderung\/verwaltung\?page=3"/)

      const last = await officer.get('/foerderung/verwaltung?page=3')
      assert.match(last.body, /Anträge 101 bis 105 von 105/)
      assert.deepEqual(listed(last.body), [101, 102, 103, 104, 105].map(fileNumber))
      assert.doesNotMatch(last.body, /rel="next"/)
      assert.match(last.body, /href="\/foerderung\/verwaltung\?page=2" rel="prev"/)
      // a page beyond the end shows the last one
      assert.match((await officer.get('/foerderung/verwaltung?page=99')).body, /Anträge 101 bis 105 von 105/)

      const filtered = await officer.get('/foerderung/verwaltung?status=submitted')
      assert.match(filtered.body, /Anträge 1 bis 50 von 75/)
      assert.match(filtered.body, /href="\/foerderung\/verwaltung\?status=submitted&amp;page=2" rel="next"/)
      const odd = await officer.get('/foerderung/verwaltung?status=submitted&page=zwei')
      assert.equal(odd.statusCode, 200)
      assert.match(odd.body, /Anträge 1 bis 50 von 75/, 'a malformed page keeps the filter')
      const second = await officer.get('/foerderung/verwaltung?status=submitted&page=2')
      assert.match(second.body, /Anträge 51 bis 75 von 75/)
      assert.deepEqual(
        listed(second.body),
        Array.from({ length: 25 }, (_, k) => fileNumber(k + 51)),
      )
      assert.match(second.body, /<option value="submitted" selected>/)
      // the export link carries the filter, never the page
      assert.match(second.body, /href="\/foerderung\/verwaltung\/export\.csv\?status=submitted"/)
      const en = await officer.get('/en/foerderung/verwaltung?page=2')
      assert.match(en.body, /Applications 51 to 100 of 105/)
      assert.match(en.body, /href="\/en\/foerderung\/verwaltung\?page=3" rel="next"/)
    })

    it('exports every application of the filter as CSV, not one page', async () => {
      const all = await officer.get('/foerderung/verwaltung/export.csv')
      assert.equal(all.statusCode, 200)
      const rows = all.body.trim().split('\r\n').slice(1)
      assert.equal(rows.length, TOTAL)
      assert.deepEqual(
        rows.map((r) => r.split(';')[0]),
        Array.from({ length: TOTAL }, (_, k) => fileNumber(k + 1)),
      )
      const submitted = await officer.get('/foerderung/verwaltung/export.csv?status=submitted&page=2')
      assert.equal(submitted.body.trim().split('\r\n').length - 1, SUBMITTED)
    })

    // Last: it adds applications the tests above do not expect.
    it('counts each application in the budget years its project period concerns, not in every year', async () => {
      const { orgId } = await registerMso(t.deps, {
        email: 'vz@verein.example',
        organisationName: 'VZ-Verein',
      })
      const vz = await lineId(t.deps, 'VZ')
      await t.deps.db.insert(fundingApplications).values([
        {
          lineId: vz,
          organisationId: orgId,
          status: 'submitted',
          title: 'Nur nächstes Jahr',
          periodStart: `${NEXT_YEAR}-01-01`,
          periodEnd: `${NEXT_YEAR}-12-31`,
        },
        {
          lineId: vz,
          organisationId: orgId,
          status: 'info_requested',
          title: 'Zwei Jahre',
          periodStart: `${NEXT_YEAR}-07-01`,
          periodEnd: `${NEXT_YEAR + 1}-06-30`,
        },
      ])
      const counts = (await budgetOverview(t.deps.db)).counts
        .filter((c) => c.lineId === vz)
        .sort((a, b) => a.year - b.year || a.status.localeCompare(b.status))
      assert.deepEqual(counts, [
        { lineId: vz, year: NEXT_YEAR, status: 'info_requested', n: 1 },
        { lineId: vz, year: NEXT_YEAR, status: 'submitted', n: 1 },
        { lineId: vz, year: NEXT_YEAR + 1, status: 'info_requested', n: 1 },
      ])
      // On the dashboard: the row of each budget year shows only its own applications.
      const body = (await officer.get('/foerderung/verwaltung')).body
      const rowOf = (year: number) =>
        body
          .split('<tr')
          .find((r) => r.includes('Vielfaltszentren') && r.includes(`>${year}<`))
          ?.replace(/<[^>]+>/g, ' ')
      assert.match(rowOf(NEXT_YEAR - 1) ?? '', /–/)
      assert.doesNotMatch(rowOf(NEXT_YEAR - 1) ?? '', /eingereicht/)
      assert.match(rowOf(NEXT_YEAR) ?? '', /eingereicht: 1/)
      assert.doesNotMatch(rowOf(NEXT_YEAR + 1) ?? '', /eingereicht/)
      assert.match(rowOf(NEXT_YEAR + 1) ?? '', /: 1/)
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { grantInHearing } from '../../../../test/helpers/closing'
import { dbKinds } from '../../../../test/helpers/db'
import { seedProgramme } from '../../../../test/helpers/funding'
import { Client } from '../../../../test/helpers/http'
import { THIS_YEAR } from '../../../../test/helpers/payments'
import type { Actor } from '../../../platform/audit'
import { auditLog } from '../../../platform/audit/tables'
import { berlinDay } from '../../../platform/days'
import { problemKey } from '../../../platform/outcome'
import type { Who } from '../../../platform/policy'
import { checkBaseRate } from '../policies'
import { fundingPayments } from '../tables'
import { baseRatesOf, recordBaseRate } from './base-rates'
import { BASE_RATES, lastKnownRateDay, repaymentInterest } from './interest'
import { closingOf } from './manage-closing'

// The rates recorded here are TEST values, far from any published one, so that their effect shows.
const NEXT = `${THIS_YEAR + 1}-01-01`

describe('the rules for a newly published base rate', () => {
  it('takes 1 January or 1 July after the last rate, two decimals exactly', () => {
    const last = '2025-07-01'
    assert.deepEqual(checkBaseRate({ validFrom: '2026-01-01', percent: '1,27' }, last), {
      ok: true,
      basisPoints: 127,
    })
    assert.deepEqual(checkBaseRate({ validFrom: '2026-07-01', percent: '-0.88' }, last), {
      ok: true,
      basisPoints: -88,
    })
    assert.deepEqual(checkBaseRate({ validFrom: '2026-01-01', percent: '3,1' }, last), {
      ok: true,
      basisPoints: 310,
    })
    assert.deepEqual(checkBaseRate({ validFrom: '2026-01-01', percent: '2' }, last), {
      ok: true,
      basisPoints: 200,
    })
    const key = (validFrom: string, percent: string) => {
      const r = checkBaseRate({ validFrom, percent }, last)
      return r.ok ? null : [r.field, r.key]
    }
    assert.deepEqual(key('2026-02-01', '1'), ['validFrom', 'funding.baseRate.error.day'])
    assert.deepEqual(key('2026-01-02', '1'), ['validFrom', 'funding.baseRate.error.day'])
    assert.deepEqual(key('2025-07-01', '1'), ['validFrom', 'funding.baseRate.error.notAfter'])
    assert.deepEqual(key('2025-01-01', '1'), ['validFrom', 'funding.baseRate.error.notAfter'])
    for (const bad of ['1,275', 'eins', '1e2', '', '1,2,3', '25', '-11']) {
      assert.deepEqual(key('2026-01-01', bad), ['percent', 'funding.baseRate.error.percent'], bad)
    }
  })
})

for (const kind of dbKinds()) {
  describe(`recording a base rate (${kind})`, () => {
    let t: TestApp
    let admin: Actor
    let officer: Actor
    let approver: Actor
    const adminWho = (): Who => ({ id: admin.id, can: (p) => p === 'funding.manage' })

    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      admin = { id: await t.createUser('admin@rates.example', ['funding_admin']), label: 'admin' }
      officer = { id: await t.createUser('officer@rates.example', ['funding_officer']), label: 'officer' }
      approver = { id: await t.createUser('approver@rates.example', ['funding_approver']), label: 'approver' }
    })
    after(() => t.close())

    it('is refused without the permission, with a bad day or rate, and twice; audited; interest uses it', async () => {
      const input = { validFrom: NEXT, percent: '9,00', source: 'Testwert' }
      assert.equal(
        problemKey(await recordBaseRate(t.deps, officer, { id: officer.id, can: () => false }, input)),
        'funding.baseRate.error.mayNot',
      )
      assert.equal(
        problemKey(await recordBaseRate(t.deps, admin, adminWho(), { ...input, source: ' ' })),
        'funding.baseRate.error.source',
      )
      assert.equal(
        problemKey(
          await recordBaseRate(t.deps, admin, adminWho(), { ...input, validFrom: lastKnownRateDay() }),
        ),
        'funding.baseRate.error.notAfter',
      )
      assert.equal((await baseRatesOf(t.deps.db)).length, BASE_RATES.length, 'nothing saved')

      const { ok } = await recordBaseRate(t.deps, admin, adminWho(), input)
      assert.equal(ok, true)
      const rates = await baseRatesOf(t.deps.db)
      assert.deepEqual(rates.at(-1)?.from, NEXT)
      assert.equal(rates.at(-1)?.basisPoints, 900)
      assert.equal(
        problemKey(await recordBaseRate(t.deps, admin, adminWho(), input)),
        'funding.baseRate.error.notAfter',
      )
      const audit = await t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'funding.baseRate.record'), eq(auditLog.entityId, NEXT)))
      assert.equal(audit.length, 1)
      assert.deepEqual(audit[0]!.summary, { validFrom: NEXT, basisPoints: 900, source: 'Testwert' })

      // A hearing counting interest into the new half-year uses the recorded rate.
      const g = await grantInHearing(t.deps, { officer, approver }, { email: 'rates@hearing.example' })
      const hearing = (await closingOf(t.deps.db, g.id))!
      const [paid] = await t.deps.db
        .select()
        .from(fundingPayments)
        .where(eq(fundingPayments.applicationId, g.id))
      const parts = [{ paidOn: berlinDay(paid!.releasedAt!), cents: 1_000_000 }]
      const until = hearing.interestUntil!
      const withRecorded = repaymentInterest(parts, 140_000, until, rates)
      assert.equal(Number(hearing.interestCents), withRecorded)
      assert.notEqual(
        withRecorded,
        repaymentInterest(parts, 140_000, until),
        'differs from the shipped history',
      )
    })

    it('has a staff page with the history and field messages, without JavaScript', async () => {
      const c = new Client(t.app)
      await c.signIn('admin@rates.example')
      const url = '/foerderung/verwaltung/basiszinssatz'
      const page = await c.get(url)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /mitgeliefert \(Bundesbank\)/)
      assert.match(page.body, /1,27\s%/)
      const bad = await c.submit(url, url, {
        validFrom: `${THIS_YEAR + 1}-03-01`,
        percent: '1,234',
        source: 'x',
      })
      assert.equal(bad.statusCode, 400)
      assert.match(bad.body, /id="feld-validFrom-error"[\s\S]*?1\. Januar oder den 1\. Juli/)
      const bad2 = await c.submit(url, url, {
        validFrom: `${THIS_YEAR + 1}-07-01`,
        percent: 'viel',
        source: 'x',
      })
      assert.match(bad2.body, /id="feld-percent-error"[\s\S]*?höchstens zwei Nachkommastellen/)
      assert.match(bad2.body, /value="viel"/, 'the typed value is kept')
      const good = await c.submit(url, url, {
        validFrom: `${THIS_YEAR + 1}-07-01`,
        percent: '-0,50',
        source: 'Testwert, Seitentest',
      })
      assert.equal(good.statusCode, 303)
      const after = await c.get(url)
      assert.match(after.body, /Testwert, Seitentest/)
      assert.match(after.body, /-0,50\s%|−0,50\s%/)
      const officerClient = new Client(t.app)
      await officerClient.signIn('officer@rates.example')
      assert.equal((await officerClient.get(url)).statusCode, 403)
    })
  })
}

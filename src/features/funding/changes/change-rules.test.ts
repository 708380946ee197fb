import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  checkCostChange,
  checkPeriodChange,
  consequenceOf,
  costShifts,
  NEEDS_AMOUNT,
  withinFreeShift,
} from './change-rules'

const CATS = ['micro_project', 'minijob']
const plan = (micro: number, minijob: number) => ({ '2027': { micro_project: micro, minijob } })

describe('change requests: the 20 % rule and the period', () => {
  it('an item may move by up to 20 % of its planned amount, not a cent more', () => {
    assert.equal(withinFreeShift(100_000, 120_000), true, '+20 % exactly')
    assert.equal(withinFreeShift(100_000, 80_000), true, '−20 % exactly')
    assert.equal(withinFreeShift(100_000, 120_001), false)
    assert.equal(withinFreeShift(100_000, 79_999), false)
    assert.equal(withinFreeShift(0, 1), false, 'a new item always needs a request')
    assert.equal(withinFreeShift(0, 0), true)
  })

  it('agrees with the percentage computed exactly, for any amounts (integer arithmetic, no rounding)', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000_000), fc.nat(10_000_000_000), (oldCents, newCents) => {
        const exact = BigInt(Math.abs(newCents - oldCents)) * 100n <= BigInt(oldCents) * 20n
        assert.equal(withinFreeShift(oldCents, newCents), exact)
      }),
    )
  })

  it('shifts within 20 % per item need no request: refused with the message that says so', () => {
    const r = checkCostChange(plan(300_000, 720_000), plan(360_000, 660_000), CATS)
    assert.deepEqual(r.beyond, [])
    assert.deepEqual(r.problems, [{ field: '_form', key: 'funding.change.error.withinFreeShift' }])
  })

  it('a shift beyond 20 % on one item, offset by another, is a change request', () => {
    const r = checkCostChange(plan(300_000, 720_000), plan(400_000, 620_000), CATS)
    assert.deepEqual(r.problems, [])
    assert.deepEqual(r.beyond, [
      { year: 2027, category: 'micro_project', oldCents: 300_000, newCents: 400_000 },
    ])
  })

  it('the total of a year is binding: a changed total is refused on the year’s last item', () => {
    const r = checkCostChange(plan(300_000, 720_000), plan(400_000, 720_000), CATS)
    assert.deepEqual(r.problems, [
      {
        field: 'cost_2027_minijob',
        key: 'funding.change.error.costTotal',
        params: { year: '2027', before: 1_020_000, after: 1_120_000 },
      },
    ])
  })

  it('refuses unknown categories, negative amounts and years without a plan', () => {
    assert.deepEqual(
      checkCostChange(plan(1, 1), { '2027': { travel: 5, micro_project: -1 } }, CATS).problems,
      [
        { field: 'cost_2027_travel', key: 'form.choice' },
        { field: 'cost_2027_micro_project', key: 'funding.money.negative' },
      ],
    )
    assert.deepEqual(checkCostChange(plan(1, 1), { '2031': { minijob: 2 } }, CATS).problems, [
      { field: '_form', key: 'funding.change.error.costYear', params: { year: '2031' } },
    ])
  })

  it('a shift lists every item of either plan once, in year and category order', () => {
    assert.deepEqual(costShifts({ '2027': { b: 1 }, '2026': { a: 2 } }, { '2027': { a: 3 } }), [
      { year: 2026, category: 'a', oldCents: 2, newCents: 0 },
      { year: 2027, category: 'a', oldCents: 0, newCents: 3 },
      { year: 2027, category: 'b', oldCents: 1, newCents: 0 },
    ])
  })

  it('a new period keeps every granted year; the same period and a reversed one are refused', () => {
    const current = { start: '2027-01-01', end: '2027-12-31' }
    assert.deepEqual(checkPeriodChange(current, { start: '2027-01-01', end: '2028-06-30' }, [2027]), [])
    assert.deepEqual(checkPeriodChange(current, current, [2027]), [
      { field: 'periodEnd', key: 'funding.change.error.samePeriod' },
    ])
    assert.deepEqual(checkPeriodChange(current, { start: '2027-05-01', end: '2027-04-01' }, [2027]), [
      { field: 'periodEnd', key: 'funding.rule.periodOrder' },
    ])
    assert.deepEqual(checkPeriodChange(current, { start: '2028-01-01', end: '2028-12-31' }, [2027]), [
      { field: 'periodStart', key: 'funding.change.error.grantYearOutside', params: { year: 2027 } },
    ])
    assert.deepEqual(
      checkPeriodChange(
        { start: '2027-01-01', end: '2028-12-31' },
        { start: '2027-01-01', end: '2027-12-31' },
        [2027, 2028],
      ),
      [{ field: 'periodEnd', key: 'funding.change.error.grantYearOutside', params: { year: 2028 } }],
    )
  })

  it('each notification has its consequence; only other grants and savings state an amount', () => {
    assert.equal(consequenceOf('insolvency'), 'payments_held')
    assert.equal(consequenceOf('other_grant'), 'grant_review')
    assert.equal(consequenceOf('savings'), 'grant_review')
    assert.equal(consequenceOf('delay'), 'period_change')
    assert.deepEqual([...NEEDS_AMOUNT].sort(), ['other_grant', 'savings'])
  })
})

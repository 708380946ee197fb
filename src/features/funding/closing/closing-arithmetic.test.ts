import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  allocateRepayment,
  BASE_RATES,
  baseRateOn,
  claimInterest,
  interestDays,
  lastKnownRateDay,
  repaymentInterest,
} from './interest'
import { checkIncoming, type FinancingType, finalGrant, repaymentOf } from './repayment'

const FLAT = [{ from: '2000-01-01', basisPoints: 0 }] as const
const day = fc
  .integer({ min: Date.UTC(2002, 0, 1) / 86_400_000, max: Date.UTC(2030, 11, 31) / 86_400_000 })
  .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10))
const centsArb = fc.integer({ min: 0, max: 1_000_000_000 })
const types: FinancingType[] = ['anteil', 'fehlbedarf', 'festbetrag', 'voll']

describe('repayment interest (base rate + 5 points, BGB day counting)', () => {
  it('knows the Bundesbank history', () => {
    assert.equal(baseRateOn('2024-03-15'), 362)
    assert.equal(baseRateOn('2024-07-01'), 337)
    assert.equal(baseRateOn('2024-06-30'), 362)
    assert.equal(baseRateOn('2020-05-05'), -88)
    assert.equal(baseRateOn('2010-05-05'), 12)
    assert.equal(lastKnownRateDay(), '2025-07-01')
    assert.ok(
      BASE_RATES.every((r, i) => i === 0 || r.from > BASE_RATES[i - 1]!.from),
      'in order',
    )
  })

  it('counts days from the day after the payment up to and including the last day', () => {
    assert.equal(interestDays('2025-01-31', '2025-02-01'), 1)
    assert.equal(interestDays('2025-01-01', '2025-01-01'), 0)
    assert.equal(interestDays('2025-02-01', '2025-01-01'), 0)
    assert.equal(interestDays('2024-02-28', '2024-03-01'), 2, 'the leap day counts')
  })

  it('computes known examples exactly', () => {
    // 1,000.00 € for all of 2021 (base −0.88 %, so 4.12 %): 41.20 €
    assert.equal(claimInterest(100_000, '2020-12-31', '2021-12-31'), 4_120)
    // 10,000.00 € for 2024 (leap year), 3.62 % + 5 = 8.62 % to 30 June (182 days), 8.37 % after (184 days)
    const expected = Math.round((1_000_000 * (862 * 182 + 837 * 184)) / (10_000 * 366))
    assert.equal(claimInterest(1_000_000, '2023-12-31', '2024-12-31'), expected)
    // a year of 365 days at a flat 5 %: exactly 5 %
    assert.equal(claimInterest(100_000, '2022-12-31', '2023-12-31', FLAT), 5_000)
    assert.equal(claimInterest(100_000, '2023-12-31', '2024-12-31', FLAT), 5_000, 'leap year too')
    assert.equal(claimInterest(0, '2020-01-01', '2025-01-01'), 0)
    assert.throws(() => claimInterest(-1, '2020-01-01', '2020-02-01'), /non-negative/)
    assert.throws(() => claimInterest(1.5, '2020-01-01', '2020-02-01'), /non-negative/)
  })

  it('is never negative, zero without days, and grows with time and principal', () => {
    fc.assert(
      fc.property(
        centsArb,
        day,
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 400 }),
        (p, from, a, b) => {
          const to = (n: number) =>
            new Date(Date.parse(`${from}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
          const i1 = claimInterest(p, from, to(a))
          const i2 = claimInterest(p, from, to(a + b))
          assert.ok(i1 >= 0 && Number.isSafeInteger(i1))
          assert.ok(i2 >= i1, 'more days, not less interest')
          assert.equal(claimInterest(p, from, from), 0)
          assert.ok(claimInterest(p + 100, from, to(a)) >= i1, 'more principal, not less interest')
        },
      ),
    )
  })

  it('splits over periods with at most a cent of rounding per part', () => {
    fc.assert(
      fc.property(
        centsArb,
        day,
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        (p, from, a, b) => {
          const at = (n: number) =>
            new Date(Date.parse(`${from}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
          const whole = claimInterest(p, from, at(a + b))
          const parts = claimInterest(p, from, at(a)) + claimInterest(p, at(a), at(a + b))
          assert.ok(Math.abs(whole - parts) <= 1, `${whole} vs ${parts}`)
        },
      ),
    )
  })

  it('at a flat rate equals principal × rate × days / year days', () => {
    fc.assert(
      fc.property(centsArb, fc.integer({ min: 0, max: 364 }), (p, n) => {
        const to = new Date(Date.UTC(2023, 0, 1 + n)).toISOString().slice(0, 10)
        assert.equal(
          claimInterest(p, '2022-12-31', to, FLAT),
          Math.round((p * 500 * (n + 1)) / (10_000 * 365)),
        )
      }),
    )
  })

  it('takes the repayment from the latest payments first, never more than paid', () => {
    const paid = [
      { paidOn: '2025-02-01', cents: 5_000 },
      { paidOn: '2025-06-01', cents: 3_000 },
    ]
    assert.deepEqual(allocateRepayment(paid, 4_000), [
      { paidOn: '2025-06-01', cents: 3_000 },
      { paidOn: '2025-02-01', cents: 1_000 },
    ])
    assert.throws(() => allocateRepayment(paid, 8_001), /more than was paid/)
    fc.assert(
      fc.property(
        fc.array(fc.record({ paidOn: day, cents: fc.integer({ min: 1, max: 1e8 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (ps, share) => {
          const total = ps.reduce((s, p) => s + p.cents, 0)
          const r = Math.floor(total * share)
          const parts = allocateRepayment(ps, r)
          assert.equal(
            parts.reduce((s, p) => s + p.cents, 0),
            r,
          )
          assert.ok(repaymentInterest(ps, r, '2031-01-01') >= 0)
        },
      ),
    )
  })
})

describe('final grant and repayment by financing type', () => {
  const facts = fc.record({
    type: fc.constantFrom(...types),
    grantedCents: centsArb,
    plannedCostsCents: centsArb,
    acceptedCostsCents: centsArb,
    actualOwnCents: centsArb,
    paidCents: centsArb,
  })

  it('follows the table of reference/funding.md on examples', () => {
    const base = {
      grantedCents: 800_000,
      plannedCostsCents: 1_000_000,
      actualOwnCents: 200_000,
      paidCents: 800_000,
    }
    // Anteil (80 %): costs 10 % lower → grant 10 % lower
    assert.deepEqual(repaymentOf({ ...base, type: 'anteil', acceptedCostsCents: 900_000 }), {
      finalGrantCents: 720_000,
      repaymentCents: 80_000,
    })
    // Fehlbedarf: the full saving of 100,000 comes off the grant
    assert.deepEqual(repaymentOf({ ...base, type: 'fehlbedarf', acceptedCostsCents: 900_000 }), {
      finalGrantCents: 700_000,
      repaymentCents: 100_000,
    })
    // Festbetrag: unchanged while the costs stay above it …
    assert.equal(finalGrant({ ...base, type: 'festbetrag', acceptedCostsCents: 900_000 }), 800_000)
    // … and capped by them when they fall below
    assert.equal(finalGrant({ ...base, type: 'festbetrag', acceptedCostsCents: 750_000 }), 750_000)
    assert.equal(finalGrant({ ...base, type: 'voll', acceptedCostsCents: 600_000 }), 600_000)
    // paid less than the final grant: nothing to repay
    assert.equal(
      repaymentOf({ ...base, type: 'anteil', acceptedCostsCents: 1_000_000, paidCents: 500_000 })
        .repaymentCents,
      0,
    )
    assert.throws(() => finalGrant({ ...base, type: 'anteil', acceptedCostsCents: -1 }), /accepted/)
  })

  it('never grants more than the notice, never repays more than was paid, grows with the accepted costs', () => {
    fc.assert(
      fc.property(facts, centsArb, (f, extra) => {
        const g = finalGrant(f)
        assert.ok(g >= 0 && g <= f.grantedCents && Number.isSafeInteger(g))
        const { repaymentCents } = repaymentOf(f)
        assert.ok(repaymentCents >= 0 && repaymentCents <= f.paidCents)
        assert.equal(repaymentCents, Math.max(0, f.paidCents - g))
        assert.ok(finalGrant({ ...f, acceptedCostsCents: f.acceptedCostsCents + extra }) >= g, 'monotone')
      }),
    )
  })

  it('keeps the grant when the plan was met (Anteil) and reduces Fehlbedarf by the full saving', () => {
    fc.assert(
      fc.property(centsArb, centsArb, (granted, planned) => {
        fc.pre(planned >= granted)
        assert.equal(
          finalGrant({
            type: 'anteil',
            grantedCents: granted,
            plannedCostsCents: planned,
            acceptedCostsCents: planned,
            actualOwnCents: 0,
            paidCents: 0,
          }),
          granted,
        )
      }),
    )
    fc.assert(
      fc.property(centsArb, centsArb, centsArb, (granted, own, saving) => {
        const planned = granted + own
        const f = {
          type: 'fehlbedarf' as const,
          grantedCents: granted,
          plannedCostsCents: planned,
          actualOwnCents: own,
          paidCents: granted,
        }
        const accepted = Math.max(0, planned - saving)
        assert.equal(
          finalGrant({ ...f, acceptedCostsCents: accepted }),
          Math.max(0, Math.min(granted, accepted - own)),
        )
      }),
    )
  })

  it('refuses an incoming repayment beyond the claim', () => {
    const claim = { repaymentCents: 10_000, interestCents: 500, repaidCents: 10_000 }
    assert.equal(checkIncoming(claim, 500), 'ok')
    assert.equal(checkIncoming(claim, 501), 'tooMuch')
    assert.equal(checkIncoming(claim, 0), 'zero')
    fc.assert(
      fc.property(centsArb, centsArb, centsArb, fc.integer({ min: 1, max: 1e9 }), (r, i, paid, amount) => {
        fc.pre(paid <= r + i)
        const verdict = checkIncoming({ repaymentCents: r, interestCents: i, repaidCents: paid }, amount)
        assert.equal(verdict === 'ok', paid + amount <= r + i)
      }),
    )
  })
})

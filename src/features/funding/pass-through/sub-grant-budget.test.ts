import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { checkSubGrant, checkSubGrantProof, committedOf, leftOf, rollUp } from './sub-grant-budget'

const cents = fc.integer({ min: 1, max: 500_000 })

describe('budget of sub-grants (Weiterleitung)', () => {
  it('a sub-grant up to exactly what is left fits; one cent more is refused with what is left', () => {
    const b = { budgetCents: 500_000, grantedCents: [200_000, 150_000] }
    assert.equal(committedOf(b), 350_000)
    assert.equal(leftOf(b), 150_000)
    assert.deepEqual(checkSubGrant(b, 150_000), [])
    assert.deepEqual(checkSubGrant(b, 150_001), [
      { field: 'amount', key: 'funding.sub.error.budget', params: { remaining: 150_000 } },
    ])
  })

  it('refuses zero, negative, fractional and unsafe amounts, and any amount without a budget', () => {
    const b = { budgetCents: 500_000, grantedCents: [] }
    for (const bad of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) {
      assert.deepEqual(
        checkSubGrant(b, bad),
        [{ field: 'amount', key: 'funding.sub.error.amount' }],
        String(bad),
      )
    }
    assert.deepEqual(checkSubGrant({ budgetCents: 0, grantedCents: [] }, 1, 'x'), [
      { field: 'x', key: 'funding.sub.error.noBudget' },
    ])
  })

  it('whatever is asked in whatever order, the sub-grants accepted never exceed the budget', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000 }),
        fc.array(cents, { maxLength: 40 }),
        (budget, asks) => {
          const granted: number[] = []
          for (const ask of asks) {
            const ok = checkSubGrant({ budgetCents: budget, grantedCents: granted }, ask).length === 0
            // accepted exactly when it fits into what is left
            assert.equal(ok, budget > 0 && ask <= budget - granted.reduce((s, c) => s + c, 0))
            if (ok) granted.push(ask)
          }
          const total = granted.reduce((s, c) => s + c, 0)
          assert.ok(total <= budget)
          assert.equal(leftOf({ budgetCents: budget, grantedCents: granted }), budget - total)
        },
      ),
    )
  })

  it('what is left is never negative, also for stored data already over the budget', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.array(cents, { maxLength: 10 }), (budget, granted) => {
        const left = leftOf({ budgetCents: budget, grantedCents: granted })
        assert.equal(left, Math.max(0, budget - granted.reduce((s, c) => s + c, 0)))
        if (left === 0)
          assert.notDeepEqual(checkSubGrant({ budgetCents: budget, grantedCents: granted }, 1), [])
      }),
    )
  })

  it('the proof of use states at most the amount granted, never a negative amount', () => {
    assert.deepEqual(checkSubGrantProof(100_000, 100_000), [])
    assert.deepEqual(checkSubGrantProof(100_000, 0), [])
    assert.deepEqual(checkSubGrantProof(100_000, 100_001), [
      { field: 'used', key: 'funding.sub.error.usedAbove', params: { max: 100_000 } },
    ])
    assert.deepEqual(checkSubGrantProof(100_000, -1), [{ field: 'used', key: 'funding.sub.error.used' }])
    assert.deepEqual(checkSubGrantProof(100_000, 0.5, 'u'), [{ field: 'u', key: 'funding.sub.error.used' }])
  })

  it('rolls up: granted = used + unused + missing, and counts the proofs still missing', () => {
    assert.deepEqual(rollUp([]), {
      count: 0,
      grantedCents: 0,
      usedCents: 0,
      unusedCents: 0,
      proofsMissing: 0,
      missingCents: 0,
    })
    assert.deepEqual(
      rollUp([
        { amountCents: 200_000, usedCents: 180_000 },
        { amountCents: 100_000, usedCents: null },
        { amountCents: 50_000, usedCents: 50_000 },
      ]),
      {
        count: 3,
        grantedCents: 350_000,
        usedCents: 230_000,
        unusedCents: 20_000,
        proofsMissing: 1,
        missingCents: 100_000,
      },
    )
    fc.assert(
      fc.property(
        fc.array(
          cents.chain((amount) =>
            fc.record({
              amountCents: fc.constant(amount),
              usedCents: fc.option(fc.integer({ min: 0, max: amount })),
            }),
          ),
          { maxLength: 30 },
        ),
        (subs) => {
          const r = rollUp(subs)
          assert.equal(r.count, subs.length)
          assert.equal(r.grantedCents, r.usedCents + r.unusedCents + r.missingCents)
          assert.equal(r.proofsMissing, subs.filter((s) => s.usedCents === null).length)
          assert.ok(r.unusedCents >= 0 && r.usedCents >= 0)
        },
      ),
    )
  })
})

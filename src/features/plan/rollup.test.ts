import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { fieldProgress, goalProgress, percentOf, sumsOf, type Weighted } from './rollup'

const measure = fc.record({
  weight: fc.integer({ min: 1, max: 100 }),
  progress: fc.integer({ min: 0, max: 100 }),
})
const goal = fc.array(measure, { minLength: 1, maxLength: 12 })

describe('integration plan: progress roll-up', () => {
  it('weighs measures: examples', () => {
    assert.equal(goalProgress([]), null, 'nothing to weigh')
    assert.equal(goalProgress([{ weight: 1, progress: 40 }]), 40)
    assert.equal(
      goalProgress([
        { weight: 3, progress: 100 },
        { weight: 1, progress: 0 },
      ]),
      75,
    )
    // (1×0 + 2×1) / 3 = 0.667 → 1; (1×0 + 1×1) / 2 = 0.5 → 1 (half up)
    assert.equal(
      goalProgress([
        { weight: 1, progress: 0 },
        { weight: 2, progress: 1 },
      ]),
      1,
    )
    assert.equal(
      goalProgress([
        { weight: 1, progress: 0 },
        { weight: 1, progress: 1 },
      ]),
      1,
    )
    assert.equal(
      goalProgress([
        { weight: 2, progress: 0 },
        { weight: 1, progress: 1 },
      ]),
      0,
    )
    // A field weighs its goals by their measures' weights, not one goal one vote.
    assert.equal(fieldProgress([[{ weight: 3, progress: 100 }], [{ weight: 1, progress: 0 }]]), 75)
    assert.equal(fieldProgress([[], []]), null)
  })

  it('stays between the smallest and the largest progress it is made of', () => {
    fc.assert(
      fc.property(goal, (ms) => {
        const p = goalProgress(ms)!
        assert.ok(Number.isInteger(p))
        assert.ok(p >= Math.min(...ms.map((m) => m.progress)) && p <= Math.max(...ms.map((m) => m.progress)))
      }),
    )
  })

  it('is the exactly rounded weighted mean (within half a percent)', () => {
    fc.assert(
      fc.property(goal, (ms) => {
        const exact = ms.reduce((s, m) => s + m.weight * m.progress, 0) / ms.reduce((s, m) => s + m.weight, 0)
        const p = goalProgress(ms)!
        assert.ok(p - 0.5 <= exact + 1e-9 && exact < p + 0.5, `${p} vs ${exact}`)
      }),
    )
  })

  it('a field equals the weighted mean over all its measures, whatever the grouping into goals', () => {
    fc.assert(
      fc.property(fc.array(goal, { minLength: 1, maxLength: 6 }), (goals) => {
        assert.equal(fieldProgress(goals), goalProgress(goals.flat()))
      }),
    )
  })

  it('does not change when every weight is scaled, and rises when a measure progresses', () => {
    fc.assert(
      fc.property(goal, fc.integer({ min: 2, max: 5 }), fc.nat(), (ms, k, pick) => {
        const scaled: Weighted[] = ms.map((m) => ({ ...m, weight: m.weight * k }))
        assert.equal(goalProgress(scaled), goalProgress(ms))
        const i = pick % ms.length
        const more = ms.map((m, j) => (j === i ? { ...m, progress: 100 } : m))
        assert.ok(goalProgress(more)! >= goalProgress(ms)!)
      }),
    )
  })

  it('all done is 100, nothing done is 0', () => {
    fc.assert(
      fc.property(goal, (ms) => {
        assert.equal(percentOf(sumsOf(ms.map((m) => ({ ...m, progress: 100 })))), 100)
        assert.equal(percentOf(sumsOf(ms.map((m) => ({ ...m, progress: 0 })))), 0)
      }),
    )
  })
})

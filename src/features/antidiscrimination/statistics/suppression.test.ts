import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { SMALL_CELL, suppressCells } from './suppression'

const cells = (counts: number[]) => counts.map((count, i) => ({ key: `k${i}`, count }))
const shown = (t: ReturnType<typeof suppressCells>) => t.cells.map((c) => c.count)

describe('small-cell suppression', () => {
  test('examples: 1–4 hidden, 0 and 5+ shown; one hidden cell in an additive table takes the next smallest with it', () => {
    assert.deepEqual(shown(suppressCells(cells([0, 3, 5, 12]), { additive: false })), [0, null, 5, 12])
    // Additive: total 20 minus 17 shown would give away the 3; so the 5 goes too (3 + 5 ≥ 5, two cells).
    const t = suppressCells(cells([0, 3, 5, 12]), { additive: true })
    assert.deepEqual(shown(t), [0, null, null, 12])
    assert.equal(t.total, 20)
    // Two small cells holding fewer than 5 together take the next one with them.
    assert.deepEqual(shown(suppressCells(cells([1, 2, 9, 30]), { additive: true })), [null, null, null, 30])
    // Nothing small: nothing hidden.
    assert.deepEqual(shown(suppressCells(cells([5, 0, 7]), { additive: true })), [5, 0, 7])
    // A total of fewer than 5 is hidden, and so is every cell.
    const tiny = suppressCells(cells([1, 2, 0]), { additive: true })
    assert.deepEqual(shown(tiny), [null, null, 0])
    assert.equal(tiny.total, null)
    // Overlapping cells (grounds): the published total is the number of reports.
    const grounds = suppressCells(cells([4, 7, 2]), { additive: false, total: 9 })
    assert.deepEqual(shown(grounds), [null, 7, null])
    assert.equal(grounds.total, 9)
  })

  test('secondary suppression takes the smallest shown cells first, never a 0, and stops as soon as it is safe', () => {
    const check = (counts: number[], expected: (number | null)[], total: number | null, given?: number) => {
      const t = suppressCells(cells(counts), {
        additive: true,
        ...(given === undefined ? {} : { total: given }),
      })
      assert.deepEqual(shown(t), expected, `cells of ${counts.join(', ')}`)
      assert.equal(t.total, total, `total of ${counts.join(', ')}`)
    }
    // The 6 goes with the 3 (not the 20 before it in the table, nor the 9).
    check([3, 20, 6, 9], [null, 20, null, 9], 38)
    // Of two equal candidates, the first in the table.
    check([3, 7, 7, 20], [null, null, 7, 20], 37)
    // A 0 is never taken: it hides nothing (the 6 is the next smallest with people in it).
    check([0, 3, 20, 6], [0, null, 20, null], 29)
    // Two hidden cells holding exactly 5 are enough: nothing else goes.
    check([2, 3, 20], [null, null, 20], 25)
    // Nothing to take along (the rest is 0) while the published total is larger: the total is hidden.
    check([3, 0], [null, 0], null, 10)
    check([1, 2, 0], [null, null, 0], null, 10)
    // Exactly 5 in two hidden cells: the total may be shown.
    check([2, 3, 0], [null, null, 0], 10, 10)
  })

  test('property: no shown count is between 1 and 4, and shown cells keep their value', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { maxLength: 30 }), fc.boolean(), (counts, additive) => {
        const t = suppressCells(cells(counts), { additive })
        t.cells.forEach((c, i) => {
          if (c.count !== null) {
            assert.equal(c.count, counts[i])
            assert.ok(c.count === 0 || c.count >= SMALL_CELL)
          } else assert.ok(counts[i]! > 0, 'a 0 is never hidden')
        })
        if (t.total !== null) assert.ok(t.total === 0 || t.total >= SMALL_CELL)
      }),
      { numRuns: 2000 },
    )
  })

  test('property: in an additive table, what the published total gives away is never a small group', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { maxLength: 30 }), (counts) => {
        const t = suppressCells(cells(counts), { additive: true })
        const hiddenCells = t.cells.filter((c) => c.count === null).length
        if (t.total === null || hiddenCells === 0) return
        // total − shown = what the hidden cells hold together: at least 5, over at least two cells,
        // so no single hidden cell can be worked out.
        const known = t.cells.reduce((s, c) => s + (c.count ?? 0), 0)
        assert.ok(t.total - known >= SMALL_CELL, `hidden cells hold ${t.total - known}`)
        assert.ok(hiddenCells >= 2)
      }),
      { numRuns: 2000 },
    )
  })

  test('property: the total is published whenever it is 0 or at least 5 and can hide its small cells', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 30 }), (counts) => {
        const sum = counts.reduce((s, c) => s + c, 0)
        const t = suppressCells(cells(counts), { additive: true })
        if (sum > 0 && sum < SMALL_CELL) assert.equal(t.total, null)
        if (counts.every((c) => c === 0 || c >= SMALL_CELL)) {
          assert.equal(t.total, sum)
          assert.deepEqual(shown(t), counts)
        }
      }),
      { numRuns: 1000 },
    )
  })
})

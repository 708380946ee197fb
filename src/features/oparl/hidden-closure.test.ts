import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { PaperRow } from '../councils/public'
import { hiddenClosure } from './find-oparl'

/** Only what the closure reads of a paper row. */
const row = (id: string, relatedPaperId: string | null = null) => ({ id, relatedPaperId }) as PaperRow
const sorted = (s: Set<string>) => [...s].sort()

describe('OParl: papers hidden with a non-public one (hiddenClosure)', () => {
  it('hides the papers on non-public items, ignoring items without a paper', () => {
    assert.deepEqual(sorted(hiddenClosure(['a', null, 'b'], [row('a'), row('b'), row('c')])), ['a', 'b'])
    assert.deepEqual(sorted(hiddenClosure([null], [row('a'), row('b', 'a')])), [])
  })

  it('hides every paper deriving from a hidden one, in any order of the rows', () => {
    // d → c → b → a, listed so that each step needs another pass over the rows.
    const rows = [row('d', 'c'), row('c', 'b'), row('b', 'a'), row('a'), row('e'), row('f', 'e')]
    assert.deepEqual(sorted(hiddenClosure(['a'], rows)), ['a', 'b', 'c', 'd'])
    assert.deepEqual(sorted(hiddenClosure(['c'], rows)), ['c', 'd'], 'never upwards: b and a stay')
  })

  it('ends on a cycle of references', () => {
    const rows = [row('a', 'b'), row('b', 'a'), row('c', 'a')]
    assert.deepEqual(sorted(hiddenClosure(['b'], rows)), ['a', 'b', 'c'])
    assert.deepEqual(sorted(hiddenClosure([], rows)), [])
  })
})

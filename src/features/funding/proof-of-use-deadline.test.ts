import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { addMonths } from './review/decide-application'

describe('proof-of-use deadline arithmetic', () => {
  it('adds months, keeping month ends at month ends', () => {
    assert.equal(addMonths('2026-06-30', 6), '2026-12-31')
    assert.equal(addMonths('2026-12-31', 6), '2027-06-30')
    assert.equal(addMonths('2026-12-31', 3), '2027-03-31')
    assert.equal(addMonths('2027-02-28', 12), '2028-02-29')
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28')
    assert.equal(addMonths('2026-03-15', 6), '2026-09-15')
    assert.equal(addMonths('2026-11-30', 3), '2027-02-28')
  })
})

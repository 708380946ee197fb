import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Type from 'typebox'
import Value from 'typebox/value'
import { isCalendarDay, parseBerlinDateTime, parseDay, parseInstant } from './dates'

describe('the one date parser', () => {
  it('knows the calendar: leap years, month lengths, years 1–9999', () => {
    assert.equal(isCalendarDay(2024, 2, 29), true)
    assert.equal(isCalendarDay(2025, 2, 29), false)
    assert.equal(isCalendarDay(1900, 2, 29), false)
    assert.equal(isCalendarDay(2000, 2, 29), true)
    assert.equal(isCalendarDay(2026, 4, 31), false)
    assert.equal(isCalendarDay(0, 1, 1), false)
    assert.equal(parseDay('2026-02-28'), '2026-02-28')
    for (const bad of ['2026-02-30', '0000-01-01', '2026-13-01', '2026-00-10', '26-01-01', '2026-1-1', '']) {
      assert.equal(parseDay(bad), null, bad)
    }
  })

  it('reads datetime-local values as German time and refuses what does not exist', () => {
    assert.equal(parseBerlinDateTime('2026-12-01T09:30')?.toISOString(), '2026-12-01T08:30:00.000Z')
    assert.equal(parseBerlinDateTime('2026-07-01T09:30')?.toISOString(), '2026-07-01T07:30:00.000Z')
    assert.equal(parseBerlinDateTime('2026-07-01T09:30:15')?.toISOString(), '2026-07-01T07:30:15.000Z')
    for (const bad of [
      '2026-02-30T10:00',
      '2026-01-01T25:61',
      '2026-01-01T24:00',
      '0000-01-01T10:00',
      '2026-01-01',
      'morgen',
    ]) {
      assert.equal(parseBerlinDateTime(bad), null, bad)
    }
  })

  it('reads API instants with their offset and refuses impossible ones', () => {
    assert.equal(parseInstant('2026-02-01T10:00:00+01:00')?.toISOString(), '2026-02-01T09:00:00.000Z')
    assert.equal(parseInstant('2026-02-01T10:00:00.5Z')?.toISOString(), '2026-02-01T10:00:00.500Z')
    assert.equal(parseInstant('2026-02-01T10:00:00-0230')?.toISOString(), '2026-02-01T12:30:00.000Z')
    for (const bad of [
      '2026-02-31T00:00:00Z',
      '2026-02-01T24:00:00Z',
      '2026-02-01T10:00:60Z',
      '0000-01-01T00:00:00Z',
      '2026-02-01T10:00:00+25:00',
    ]) {
      assert.equal(parseInstant(bad), null, bad)
    }
  })

  it('is what the schema formats date and berlin-date-time check', () => {
    assert.equal(Value.Check(Type.String({ format: 'date' }), '0000-01-01'), false)
    assert.equal(Value.Check(Type.String({ format: 'date' }), '2024-02-29'), true)
    assert.equal(Value.Check(Type.String({ format: 'berlin-date-time' }), '2026-02-30T10:00'), false)
    assert.equal(Value.Check(Type.String({ format: 'berlin-date-time' }), '2026-02-28T10:00'), true)
  })
})

import { Set as setFormat } from 'typebox/format'

/**
 * The one reader of dates typed by people or sent by clients. Every value is checked against the
 * calendar (no 30 February, no hour 25, no year 0000) instead of being handed to `new Date`, which
 * rolls 2026-02-30 over to 2 March and turns T25:61 into an Invalid Date (a 500 further on).
 * Form schemas use the formats `date` (YYYY-MM-DD) and `berlin-date-time` (a datetime-local value,
 * German time), registered here for TypeBox; the route code reads them with the parsers below.
 */

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const leap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)

/** True for a day that exists, in the years 1–9999 (PostgreSQL and people agree on those). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return false
  if (!Number.isInteger(month) || month < 1 || month > 12) return false
  const max = month === 2 && leap(year) ? 29 : (DAYS[month - 1] ?? 0)
  return Number.isInteger(day) && day >= 1 && day <= max
}

const isClock = (h: number, mi: number, s = 0) =>
  h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59

/** "2026-11-30" when it is a real day, else null. */
export function parseDay(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return null
  return isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3])) ? value : null
}

/** The offset of Europe/Berlin from UTC (ms) at an instant. */
function berlinOffsetAt(t: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(t))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const local = new Date(0).setUTCFullYear(get('year'), get('month') - 1, get('day'))
  return local + (get('hour') * 60 + get('minute')) * 60_000 - Math.floor(t / 60_000) * 60_000
}

/**
 * A datetime-local value ("2026-12-01T09:30", seconds allowed) read as German time; null when
 * it is no such value or names a day or time that does not exist.
 */
export function parseBerlinDateTime(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value)
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  if (!isCalendarDay(y, mo, d) || !isClock(h, mi, s)) return null
  const asUtc = new Date(0).setUTCFullYear(y, mo - 1, d) + ((h * 60 + mi) * 60 + s) * 1000
  const first = asUtc - berlinOffsetAt(asUtc)
  const result = new Date(asUtc - berlinOffsetAt(first))
  return Number.isNaN(result.getTime()) ? null : result
}

/**
 * An RFC 3339 / ISO 8601 instant as APIs receive it ("2026-02-01T10:00:00+01:00", "…Z", fractions
 * allowed); a value without offset is read as UTC. Null for anything the calendar does not have.
 */
export function parseInstant(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    value,
  )
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  if (!isCalendarDay(y, mo, d) || !isClock(h, mi, s)) return null
  const zone = (m[8] ?? 'Z').toUpperCase()
  let offsetMin = 0
  if (zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!
    const zh = Number(z[2])
    const zm = Number(z[3])
    if (zh > 23 || zm > 59) return null
    offsetMin = (z[1] === '-' ? -1 : 1) * (zh * 60 + zm)
  }
  const ms = m[7] ? Math.round(Number(m[7]) * 1000) : 0
  const utc =
    new Date(0).setUTCFullYear(y, mo - 1, d) + ((h * 60 + mi) * 60 + s) * 1000 + ms - offsetMin * 60_000
  const result = new Date(utc)
  return Number.isNaN(result.getTime()) ? null : result
}

// The formats every schema may use; `date` replaces TypeBox's own, which accepts the year 0000.
setFormat('date', (v) => parseDay(v) !== null)
setFormat('berlin-date-time', (v) => parseBerlinDateTime(v) !== null)

/** The value of a datetime-local field for an instant, in German time. */
export function toBerlinInput(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(date)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00'
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`
}

import baseRateData from './data/base-rates.json'

/**
 * Interest on repayment claims: 5 percentage points above the base rate (Basiszinssatz, § 247 BGB)
 * per year (§ 49a (3) HVwVfG and the standard wording of the ANBest), pure and in integer cents.
 *
 * Day counting (docs/decisions/funding-proof-and-repayment.md): interest runs from the day after the
 * payment (§ 187 (1) BGB: the day of the event is not counted) up to and including the last day
 * (§ 188 (1) BGB), so a period has `end − start` days. Each day bears the rate valid on it divided by
 * the number of days of its calendar year (365 or 366: actual/actual); the rate changes on the days
 * the Bundesbank's history says. The sum is kept exact (BigInt fractions) and rounded once, half up,
 * to whole cents.
 */

export interface BaseRate {
  /** First day (YYYY-MM-DD) the rate is valid. */
  readonly from: string
  /** In basis points: 362 = 3.62 %. */
  readonly basisPoints: number
}

/** The Bundesbank's base rate since 2002 (data/base-rates.json, with its source note). */
export const BASE_RATES: readonly BaseRate[] = baseRateData.rates

/** The surcharge above the base rate: 5 percentage points. */
export const SURCHARGE_BASIS_POINTS = 500

const DAY_MS = 86_400_000
const epochDay = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS)
const dayOf = (epoch: number) => new Date(epoch * DAY_MS).toISOString().slice(0, 10)
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

/** The base rate valid on a day: the latest entry from that day or before (the first one before 2002). */
export function baseRateOn(day: string, rates: readonly BaseRate[] = BASE_RATES): number {
  let rate = rates[0]?.basisPoints ?? 0
  for (const r of rates) if (r.from <= day) rate = r.basisPoints
  return rate
}

/** The last day the history knows a rate from: later days use it until the data file is extended. */
export const lastKnownRateDay = (rates: readonly BaseRate[] = BASE_RATES) =>
  rates[rates.length - 1]?.from ?? ''

/** Whole days of interest from `from` (not counted) to `to` (counted); 0 when `to` is not later. */
export function interestDays(from: string, to: string): number {
  return Math.max(0, epochDay(to) - epochDay(from))
}

/**
 * The interest on `principalCents` from the day `from` (not counted) to `to` (counted), at the base
 * rate + 5 points, in whole cents. Never negative: a (theoretical) negative total rate bears nothing.
 */
export function claimInterest(
  principalCents: number,
  from: string,
  to: string,
  rates: readonly BaseRate[] = BASE_RATES,
): number {
  if (!Number.isSafeInteger(principalCents) || principalCents < 0) {
    throw new RangeError(`not a non-negative amount of cents: ${principalCents}`)
  }
  const start = epochDay(from) + 1
  const end = epochDay(to)
  if (end < start || principalCents === 0) return 0
  // Σ principal × bp / (10 000 × year days), over a common denominator 10 000 × 365 × 366.
  const denominator = 10_000n * 365n * 366n
  let numerator = 0n
  let day = start
  while (day <= end) {
    const iso = dayOf(day)
    const year = Number(iso.slice(0, 4))
    const bp = Math.max(0, baseRateOn(iso, rates) + SURCHARGE_BASIS_POINTS)
    // Run to the end of the segment: the year's end, the next rate change or the last day.
    const yearEnd = epochDay(`${year}-12-31`)
    const nextChange = rates.find((r) => r.from > iso)
    const segmentEnd = Math.min(end, yearEnd, nextChange ? epochDay(nextChange.from) - 1 : end)
    const days = BigInt(segmentEnd - day + 1)
    numerator += BigInt(principalCents) * BigInt(bp) * days * (isLeap(year) ? 365n : 366n)
    day = segmentEnd + 1
  }
  return Number((numerator * 2n + denominator) / (2n * denominator))
}

export interface PaidPart {
  /** The day the money was paid out. */
  readonly paidOn: string
  readonly cents: number
}

/**
 * Which payments the repayment comes from: the money paid last is the money not needed, so the
 * repayment is taken from the latest payment backwards (docs/decisions/funding-proof-and-repayment.md). The parts add up to the
 * repayment exactly; never more than was paid.
 */
export function allocateRepayment(payments: readonly PaidPart[], repaymentCents: number): PaidPart[] {
  const sorted = [...payments].sort((a, b) => (a.paidOn < b.paidOn ? 1 : a.paidOn > b.paidOn ? -1 : 0))
  const out: PaidPart[] = []
  let left = repaymentCents
  for (const p of sorted) {
    if (left <= 0) break
    const take = Math.min(left, p.cents)
    if (take > 0) out.push({ paidOn: p.paidOn, cents: take })
    left -= take
  }
  if (left > 0) throw new RangeError('the repayment is more than was paid')
  return out
}

/** The interest on a repayment up to `until`: each allocated part from its payment day. */
export function repaymentInterest(
  payments: readonly PaidPart[],
  repaymentCents: number,
  until: string,
  rates: readonly BaseRate[] = BASE_RATES,
): number {
  return allocateRepayment(payments, repaymentCents).reduce(
    (s, p) => s + claimInterest(p.cents, p.paidOn, until, rates),
    0,
  )
}

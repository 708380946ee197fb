import type { Problem } from '../../../platform/outcome'

/**
 * The arithmetic of payment requests (Mittelabruf), pure and in integer cents: what is approved,
 * paid and left per budget year, the need window, the final instalment and the interest risk.
 */

/** What one budget year of a grant stands at. Paid is net of repayments; open is requested or checked, not yet paid. */
export interface YearFigures {
  readonly year: number
  readonly approvedCents: number
  readonly paidCents: number
  readonly openCents: number
  /** approved − paid − open; below 0 only when a grant was reduced below what was already asked for. */
  readonly leftCents: number
}

export interface PaidPerYear {
  readonly year: number
  readonly paidCents: number
  readonly repaidCents: number
}

export interface OpenPayment {
  readonly year: number
  readonly amountCents: number
}

function safe(cents: number): number {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not an integer amount of cents: ${cents}`)
  return cents
}

/** The figures of every year that has a grant, a payment or an open request, in ascending years. */
export function yearFigures(
  granted: readonly { year: number; cents: number }[],
  paid: readonly PaidPerYear[],
  open: readonly OpenPayment[],
): YearFigures[] {
  const years = [...new Set([...granted, ...paid, ...open].map((r) => r.year))].sort((a, b) => a - b)
  return years.map((year) => {
    const approvedCents = safe(granted.filter((g) => g.year === year).reduce((s, g) => s + safe(g.cents), 0))
    const paidCents = safe(
      paid.filter((p) => p.year === year).reduce((s, p) => s + safe(p.paidCents) - safe(p.repaidCents), 0),
    )
    const openCents = safe(open.filter((o) => o.year === year).reduce((s, o) => s + safe(o.amountCents), 0))
    return { year, approvedCents, paidCents, openCents, leftCents: approvedCents - paidCents - openCents }
  })
}

/** A calendar day (YYYY-MM-DD) `days` later (or earlier, when negative). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** The days payments may fall due on to be requested today: today up to the end of the window. */
export function needWindow(today: string, windowDays: number): { from: string; to: string } {
  return { from: today, to: addDays(today, windowDays) }
}

export interface PaymentRequestInput {
  readonly year: number
  readonly amountCents: number
  readonly dueOn: string
  readonly purpose: string
}

/**
 * The problems of a payment request, each on its field: a year without a grant, a due day outside
 * the need window or outside the budget year, nothing or more than is left.
 */
export function checkPaymentRequest(
  input: PaymentRequestInput,
  figures: readonly YearFigures[],
  window: { from: string; to: string },
): Problem[] {
  const problems: Problem[] = []
  const year = figures.find((f) => f.year === input.year && f.approvedCents > 0)
  if (!year) problems.push({ field: 'year', key: 'funding.pay.error.year' })
  if (input.dueOn < window.from || input.dueOn > window.to) {
    problems.push({ field: 'dueOn', key: 'funding.pay.error.window', params: window })
  } else if (year && Number(input.dueOn.slice(0, 4)) !== input.year) {
    problems.push({ field: 'dueOn', key: 'funding.pay.error.dueYear', params: { year: input.year } })
  }
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) {
    problems.push({ field: 'amount', key: 'funding.pay.error.zero' })
  } else if (year && input.amountCents > year.leftCents) {
    problems.push({
      field: 'amount',
      key: 'funding.pay.error.tooMuch',
      params: { remaining: Math.max(0, year.leftCents), year: input.year },
    })
  }
  return problems
}

/** Whether this request is the final instalment: it takes the grant's last year to what was approved. */
export function isFinalInstalment(
  input: Pick<PaymentRequestInput, 'year' | 'amountCents'>,
  figures: readonly YearFigures[],
): boolean {
  const granted = figures.filter((f) => f.approvedCents > 0)
  const last = granted[granted.length - 1]
  return !!last && last.year === input.year && input.amountCents === last.leftCents
}

/**
 * Interest risk: money paid out must be used within the need window. Until the proof of use shows
 * it was, a payment released longer ago than the window is flagged (from the day after it ends).
 */
export function interestRisk(releasedOn: string, today: string, windowDays: number): boolean {
  return today > addDays(releasedOn, windowDays)
}

/** Days since the end of the window (0 while within it). */
export function daysOverWindow(releasedOn: string, today: string, windowDays: number): number {
  const end = Date.parse(`${addDays(releasedOn, windowDays)}T00:00:00Z`)
  return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - end) / 86_400_000))
}

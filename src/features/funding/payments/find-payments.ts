import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { berlinDay } from '../../../platform/days'
import type { Db } from '../../../platform/db'
import { isUuid } from '../../../platform/ids'
import type { Problem } from '../../../platform/outcome'
import { organisations } from '../../directory/public'
import {
  fundingApplications,
  fundingGrantAccounts,
  fundingGrants,
  fundingLines,
  fundingPayments,
  fundingProgrammes,
} from '../tables'
import { accountsOf } from './ledger'
import { checkPaymentRequest, interestRisk, needWindow, type YearFigures, yearFigures } from './payment-rules'

export type Payment = typeof fundingPayments.$inferSelect

const OPEN = ['requested', 'checked'] as const

/**
 * How many rows a list of the staff dashboard shows (the oldest, most overdue or largest first): a
 * page of a thousand table rows took longer to render and send than all its queries took to run.
 */
export const DASHBOARD_ROWS = 100

/** The need window (days) of the programme a line belongs to. */
export async function needWindowOf(db: Db, lineId: string): Promise<number> {
  const [row] = await db
    .select({ days: fundingProgrammes.needWindowDays })
    .from(fundingLines)
    .innerJoin(fundingProgrammes, eq(fundingProgrammes.id, fundingLines.programmeId))
    .where(eq(fundingLines.id, lineId))
  return row?.days ?? 42
}

/** A grant's payment requests, newest first. */
export async function paymentsOf(db: Db, applicationId: string): Promise<Payment[]> {
  const rows = await db
    .select()
    .from(fundingPayments)
    .where(eq(fundingPayments.applicationId, applicationId))
    .orderBy(desc(fundingPayments.instalment))
  return rows.map((r) => ({ ...r, amountCents: Number(r.amountCents) }))
}

/** Approved, paid, open and left per budget year of a grant (approved = what the latest notice grants). */
export async function figuresOf(
  db: Db,
  applicationId: string,
  grants: readonly { year: number; cents: number }[],
): Promise<YearFigures[]> {
  const [accounts, open] = await Promise.all([
    accountsOf(db, applicationId),
    db
      .select({ year: fundingPayments.year, amountCents: fundingPayments.amountCents })
      .from(fundingPayments)
      .where(and(eq(fundingPayments.applicationId, applicationId), inArray(fundingPayments.status, OPEN))),
  ])
  return yearFigures(
    grants,
    accounts,
    open.map((o) => ({ year: o.year, amountCents: Number(o.amountCents) })),
  )
}

/** One payment with what its staff page shows of the grant. */
export async function paymentById(db: Db, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({
      payment: fundingPayments,
      fileNumber: fundingApplications.fileNumber,
      title: fundingApplications.title,
      organisationId: fundingApplications.organisationId,
      organisation: organisations.name,
      lineId: fundingApplications.lineId,
    })
    .from(fundingPayments)
    .innerJoin(fundingApplications, eq(fundingApplications.id, fundingPayments.applicationId))
    .innerJoin(organisations, eq(organisations.id, fundingApplications.organisationId))
    .where(eq(fundingPayments.id, id))
  if (!row) return null
  return { ...row, payment: { ...row.payment, amountCents: Number(row.payment.amountCents) } }
}
export type PaymentWithGrant = NonNullable<Awaited<ReturnType<typeof paymentById>>>

/** A row of the staff list of payments. */
export interface PaymentRow {
  readonly id: string
  readonly applicationId: string
  readonly fileNumber: string | null
  readonly organisation: string
  readonly year: number
  readonly instalment: number
  readonly amountCents: number
  readonly dueOn: string
  readonly status: Payment['status']
  readonly final: boolean
  readonly heldUntilProof: boolean
  readonly releasedOn: string | null
}

function paymentRows(db: Db) {
  return db
    .select({
      id: fundingPayments.id,
      applicationId: fundingPayments.applicationId,
      fileNumber: fundingApplications.fileNumber,
      organisation: organisations.name,
      year: fundingPayments.year,
      instalment: fundingPayments.instalment,
      amountCents: fundingPayments.amountCents,
      dueOn: fundingPayments.dueOn,
      status: fundingPayments.status,
      final: fundingPayments.final,
      heldUntilProof: fundingPayments.heldUntilProof,
      releasedAt: fundingPayments.releasedAt,
      windowDays: fundingProgrammes.needWindowDays,
    })
    .from(fundingPayments)
    .innerJoin(fundingApplications, eq(fundingApplications.id, fundingPayments.applicationId))
    .innerJoin(organisations, eq(organisations.id, fundingApplications.organisationId))
    .innerJoin(fundingLines, eq(fundingLines.id, fundingApplications.lineId))
    .innerJoin(fundingProgrammes, eq(fundingProgrammes.id, fundingLines.programmeId))
}

type RawRow = Awaited<ReturnType<ReturnType<typeof paymentRows>['where']>>[number]
const toRow = (r: RawRow): PaymentRow & { windowDays: number } => ({
  ...r,
  amountCents: Number(r.amountCents),
  releasedOn: r.releasedAt ? berlinDay(r.releasedAt) : null,
})

/** Requests waiting for a check or a release, oldest first, and the held final instalments. */
export async function openPayments(db: Db, limit = DASHBOARD_ROWS): Promise<PaymentRow[]> {
  const rows = await paymentRows(db)
    .where(inArray(fundingPayments.status, OPEN))
    .orderBy(asc(fundingPayments.requestedAt))
    .limit(limit)
  return rows.map(toRow)
}

/**
 * Released payments whose money should have been used by now (interest risk): released longer ago
 * than the programme's need window. The proof of use (a later step) will clear them.
 */
export async function interestRisks(
  db: Db,
  today: string = berlinDay(),
  limit = DASHBOARD_ROWS,
): Promise<(PaymentRow & { windowDays: number })[]> {
  const rows = await paymentRows(db)
    .where(
      and(
        eq(fundingPayments.status, 'released'),
        sql`(${fundingPayments.releasedAt} at time zone 'Europe/Berlin')::date + ${fundingProgrammes.needWindowDays} < ${today}::date`,
      ),
    )
    .orderBy(asc(fundingPayments.releasedAt))
    .limit(limit)
  // The SQL above selects; the rule itself is the pure function, applied again so both say the same.
  return rows.map(toRow).filter((r) => r.releasedOn && interestRisk(r.releasedOn, today, r.windowDays))
}

export async function countPayments(db: Db, status: 'requested' | 'checked'): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(fundingPayments)
    .where(eq(fundingPayments.status, status))
  return Number(row?.n ?? 0)
}

/** One line of "payments against plan": a funding line in a budget year. */
export interface PlanRow {
  readonly lineId: string
  readonly lineKey: string
  readonly nameDe: string
  readonly nameEn: string
  readonly year: number
  /** What the grants of the line commit for the year (the plan). */
  readonly plannedCents: number
  /** Paid out net of repayments. */
  readonly paidCents: number
  /** Requested or checked, not yet paid. */
  readonly openCents: number
}

/** Payments against plan per funding line and budget year (one grouped query each side). */
export async function paymentsAgainstPlan(db: Db): Promise<PlanRow[]> {
  const [plan, paid, open] = await Promise.all([
    db
      .select({
        lineId: fundingApplications.lineId,
        year: fundingGrants.year,
        cents: sql<string>`sum(${fundingGrants.amountCents})::text`,
      })
      .from(fundingGrants)
      .innerJoin(fundingApplications, eq(fundingApplications.id, fundingGrants.applicationId))
      .groupBy(fundingApplications.lineId, fundingGrants.year),
    db
      .select({
        lineId: fundingGrantAccounts.lineId,
        year: fundingGrantAccounts.year,
        cents: sql<string>`sum(${fundingGrantAccounts.paidCents} - ${fundingGrantAccounts.repaidCents})::text`,
      })
      .from(fundingGrantAccounts)
      .groupBy(fundingGrantAccounts.lineId, fundingGrantAccounts.year),
    db
      .select({
        lineId: fundingApplications.lineId,
        year: fundingPayments.year,
        cents: sql<string>`sum(${fundingPayments.amountCents})::text`,
      })
      .from(fundingPayments)
      .innerJoin(fundingApplications, eq(fundingApplications.id, fundingPayments.applicationId))
      .where(inArray(fundingPayments.status, OPEN))
      .groupBy(fundingApplications.lineId, fundingPayments.year),
  ])
  const lines = await db
    .select({
      id: fundingLines.id,
      key: fundingLines.key,
      nameDe: fundingLines.nameDe,
      nameEn: fundingLines.nameEn,
      sort: fundingLines.sort,
    })
    .from(fundingLines)
  const keyOf = (r: { lineId: string; year: number }) => `${r.lineId}|${r.year}`
  const sums = (rows: readonly { lineId: string; year: number; cents: string }[]) =>
    new Map(rows.map((r) => [keyOf(r), Number(r.cents)]))
  const [planned, paidBy, openBy] = [sums(plan), sums(paid), sums(open)]
  const keys = new Set([...planned.keys(), ...paidBy.keys(), ...openBy.keys()])
  const out: (PlanRow & { sort: number })[] = []
  for (const key of keys) {
    const [lineId, year] = key.split('|') as [string, string]
    const line = lines.find((l) => l.id === lineId)
    if (!line) continue
    out.push({
      lineId,
      lineKey: line.key,
      nameDe: line.nameDe,
      nameEn: line.nameEn,
      sort: line.sort,
      year: Number(year),
      plannedCents: planned.get(key) ?? 0,
      paidCents: paidBy.get(key) ?? 0,
      openCents: openBy.get(key) ?? 0,
    })
  }
  return out.sort((a, b) => a.sort - b.sort || a.year - b.year)
}

/**
 * The rules of a payment request for a form the schema refused in part: the problems of the fields
 * that were read, so that one answer names every field (the use case checks all of them again).
 */
export async function paymentRequestProblems(
  db: Db,
  grant: { applicationId: string; lineId: string; grants: readonly { year: number; cents: number }[] },
  read: { year?: number | undefined; amountCents?: number | undefined; dueOn?: string | undefined },
  today: string = berlinDay(),
): Promise<Problem[]> {
  const figures = await figuresOf(db, grant.applicationId, grant.grants)
  const window = needWindow(today, await needWindowOf(db, grant.lineId))
  const year = read.year ?? figures[0]?.year ?? Number(today.slice(0, 4))
  const found = checkPaymentRequest(
    { year, amountCents: read.amountCents ?? 1, dueOn: read.dueOn ?? today, purpose: '' },
    figures,
    window,
  )
  return found.filter((p) =>
    p.field === 'year'
      ? read.year !== undefined
      : p.field === 'amount'
        ? read.amountCents !== undefined && (p.key === 'funding.pay.error.zero' || read.year !== undefined)
        : read.dueOn !== undefined && (p.key === 'funding.pay.error.window' || read.year !== undefined),
  )
}

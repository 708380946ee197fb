import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { organisations } from '../../directory/public'
import { fundingApplications, fundingClosings } from '../tables'

/** An open repayment claim on the staff dashboard: the final notice claims money that has not all come back. */
export interface OpenClaim {
  readonly closingId: string
  readonly applicationId: string
  /** The final proof whose page holds the closing (hearing, notice, incoming repayments). */
  readonly proofId: string
  readonly organisation: string
  readonly fileNumber: string | null
  readonly claimedCents: number
  readonly repaidCents: number
  readonly outstandingCents: number
  /** The payment deadline of the claim (interest is counted to it). */
  readonly dueOn: string | null
}

export interface OpenClaims {
  readonly count: number
  readonly outstandingCents: number
  /** The largest outstanding amount first, at most `limit`. */
  readonly rows: readonly OpenClaim[]
}

const outstanding = sql<string>`(${fundingClosings.repaymentCents} + ${fundingClosings.interestCents} - ${fundingClosings.repaidCents})`

/** Claims issued by a final notice and not settled, the largest outstanding amount first, with count and sum. */
export async function openClaims(db: Db, limit = 50): Promise<OpenClaims> {
  const open = and(eq(fundingClosings.status, 'claimed'), sql`${outstanding} > 0`)
  const [totals, rows] = await Promise.all([
    db
      .select({
        n: sql<number>`count(*)::int`,
        cents: sql<string>`coalesce(sum(${outstanding}), 0)::text`,
      })
      .from(fundingClosings)
      .where(open),
    db
      .select({
        closingId: fundingClosings.id,
        applicationId: fundingClosings.applicationId,
        proofId: fundingClosings.proofId,
        organisation: organisations.name,
        fileNumber: fundingApplications.fileNumber,
        repaymentCents: fundingClosings.repaymentCents,
        interestCents: fundingClosings.interestCents,
        repaidCents: fundingClosings.repaidCents,
        dueOn: fundingClosings.interestUntil,
      })
      .from(fundingClosings)
      .innerJoin(fundingApplications, eq(fundingApplications.id, fundingClosings.applicationId))
      .innerJoin(organisations, eq(organisations.id, fundingApplications.organisationId))
      .where(open)
      .orderBy(desc(outstanding), asc(fundingApplications.fileNumber))
      .limit(limit),
  ])
  return {
    count: Number(totals[0]?.n ?? 0),
    outstandingCents: Number(totals[0]?.cents ?? 0),
    rows: rows.map((r) => {
      const claimed = Number(r.repaymentCents) + Number(r.interestCents)
      const repaid = Number(r.repaidCents)
      return {
        closingId: r.closingId,
        applicationId: r.applicationId,
        proofId: r.proofId,
        organisation: r.organisation,
        fileNumber: r.fileNumber,
        claimedCents: claimed,
        repaidCents: repaid,
        outstandingCents: claimed - repaid,
        dueOn: r.dueOn,
      }
    }),
  }
}

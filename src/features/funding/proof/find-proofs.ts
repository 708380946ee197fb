import { asc, count, desc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { isUuid } from '../../../platform/ids'
import { organisations } from '../../directory/public'
import {
  fundingApplications,
  fundingLines,
  fundingProofAccount,
  fundingProofHours,
  fundingProofReceipts,
  fundingProofs,
} from '../tables'

export type Proof = typeof fundingProofs.$inferSelect

/** The proofs submitted for a grant, by period. */
export function proofsOf(db: Db, applicationId: string): Promise<Proof[]> {
  return db
    .select()
    .from(fundingProofs)
    .where(eq(fundingProofs.applicationId, applicationId))
    .orderBy(asc(fundingProofs.period))
}

/** One proof with its account, receipts and hours, and whose grant it is. */
export async function proofById(db: Db, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({ proof: fundingProofs, organisationId: fundingApplications.organisationId })
    .from(fundingProofs)
    .innerJoin(fundingApplications, eq(fundingApplications.id, fundingProofs.applicationId))
    .where(eq(fundingProofs.id, id))
  if (!row) return null
  const [account, receipts, hours] = await Promise.all([
    db.select().from(fundingProofAccount).where(eq(fundingProofAccount.proofId, id)),
    db
      .select()
      .from(fundingProofReceipts)
      .where(eq(fundingProofReceipts.proofId, id))
      .orderBy(asc(fundingProofReceipts.row)),
    db
      .select()
      .from(fundingProofHours)
      .where(eq(fundingProofHours.proofId, id))
      .orderBy(asc(fundingProofHours.row)),
  ])
  return {
    ...row,
    reviewedBy: row.proof.reviewedBy,
    account: account.map((a) => ({
      category: a.category,
      plannedCents: Number(a.plannedCents),
      actualCents: Number(a.actualCents),
    })),
    receipts,
    hours,
  }
}
export type ProofWithParts = NonNullable<Awaited<ReturnType<typeof proofById>>>

/** The submitted proofs waiting for review, and those reviewed, newest first (staff list). */
export function listProofs(db: Db, limit = 200) {
  return db
    .select({
      id: fundingProofs.id,
      applicationId: fundingProofs.applicationId,
      period: fundingProofs.period,
      dueOn: fundingProofs.dueOn,
      status: fundingProofs.status,
      submittedAt: fundingProofs.submittedAt,
      fileNumber: fundingApplications.fileNumber,
      title: fundingApplications.title,
      organisation: organisations.name,
      lineKey: fundingLines.key,
    })
    .from(fundingProofs)
    .innerJoin(fundingApplications, eq(fundingApplications.id, fundingProofs.applicationId))
    .innerJoin(organisations, eq(organisations.id, fundingApplications.organisationId))
    .innerJoin(fundingLines, eq(fundingLines.id, fundingApplications.lineId))
    .orderBy(asc(fundingProofs.status), desc(fundingProofs.submittedAt))
    .limit(limit)
}

/** Granted applications with an end date (candidates for proofs due), for the reminders and the staff list. */
export function grantedWithEnd(db: Db) {
  return db
    .select({ id: fundingApplications.id })
    .from(fundingApplications)
    .where(inArray(fundingApplications.status, ['approved', 'partially_approved']))
}

export async function countProofs(db: Db, status: 'submitted' | 'accepted'): Promise<number> {
  const [row] = await db.select({ n: count() }).from(fundingProofs).where(eq(fundingProofs.status, status))
  return Number(row?.n ?? 0)
}

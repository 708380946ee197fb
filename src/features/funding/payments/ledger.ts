import { and, eq, sql } from 'drizzle-orm'
import type { Actor } from '../../../platform/audit'
import type { Db } from '../../../platform/db'
import { isCheckViolation, type Refusal, refuse } from '../../../platform/outcome'
import { fundingGrantAccounts, fundingLedgerEntries, type LedgerAccount, type LedgerKind } from '../tables'

/**
 * The payment ledger of the grants: double-entry postings per grant, funding line and budget year,
 * and the balances they keep in funding_grant_accounts. Every posting runs inside the caller's
 * transaction (the one that writes the audit entry); the CHECK constraints of the balances refuse a
 * payment beyond the commitment even if the code above them were wrong.
 */

export interface Posting {
  readonly applicationId: string
  readonly lineId: string
  readonly year: number
  readonly kind: LedgerKind
  readonly debit: LedgerAccount
  readonly credit: LedgerAccount
  readonly amountCents: number
  readonly paymentId?: string
}

/** How a posting changes the balances (committed, paid, repaid), in cents. */
export function balanceChange(p: Pick<Posting, 'kind' | 'debit' | 'amountCents'>): {
  committed: number
  paid: number
  repaid: number
} {
  switch (p.kind) {
    case 'commitment':
      return { committed: p.debit === 'commitment' ? p.amountCents : -p.amountCents, paid: 0, repaid: 0 }
    case 'payment':
      return { committed: 0, paid: p.amountCents, repaid: 0 }
    case 'repayment':
      return { committed: 0, paid: 0, repaid: p.amountCents }
  }
}

/** Writes one entry and moves the balances of its account by it. */
export async function post(tx: Db, actor: Actor, p: Posting): Promise<void> {
  if (!Number.isSafeInteger(p.amountCents) || p.amountCents <= 0) {
    throw new RangeError(`a posting moves a positive amount of cents: ${p.amountCents}`)
  }
  await tx
    .insert(fundingGrantAccounts)
    .values({ applicationId: p.applicationId, year: p.year, lineId: p.lineId })
    .onConflictDoNothing()
  await tx.insert(fundingLedgerEntries).values({ ...p, paymentId: p.paymentId ?? null, createdBy: actor.id })
  const d = balanceChange(p)
  await tx
    .update(fundingGrantAccounts)
    .set({
      committedCents: sql`${fundingGrantAccounts.committedCents} + ${d.committed}`,
      paidCents: sql`${fundingGrantAccounts.paidCents} + ${d.paid}`,
      repaidCents: sql`${fundingGrantAccounts.repaidCents} + ${d.repaid}`,
      updatedAt: new Date(),
    })
    .where(
      and(eq(fundingGrantAccounts.applicationId, p.applicationId), eq(fundingGrantAccounts.year, p.year)),
    )
}

/** The balances of a grant's years. */
export async function accountsOf(db: Db, applicationId: string) {
  const rows = await db
    .select()
    .from(fundingGrantAccounts)
    .where(eq(fundingGrantAccounts.applicationId, applicationId))
  return rows.map((r) => ({
    year: r.year,
    committedCents: Number(r.committedCents),
    paidCents: Number(r.paidCents),
    repaidCents: Number(r.repaidCents),
  }))
}

/**
 * Brings the commitment of each year in line with what the latest notice grants: posts the
 * difference as a commitment (budget → commitment, or back when a grant was reduced). Called in the
 * transaction of every payment step, so the ledger follows approvals and amending notices.
 */
export async function syncCommitment(
  tx: Db,
  actor: Actor,
  grant: { applicationId: string; lineId: string; grants: readonly { year: number; cents: number }[] },
): Promise<void> {
  const accounts = await accountsOf(tx, grant.applicationId)
  const years = [...new Set([...grant.grants.map((g) => g.year), ...accounts.map((a) => a.year)])].sort(
    (a, b) => a - b,
  )
  for (const year of years) {
    const want = grant.grants.find((g) => g.year === year)?.cents ?? 0
    const have = accounts.find((a) => a.year === year)?.committedCents ?? 0
    if (want === have) continue
    await post(tx, actor, {
      applicationId: grant.applicationId,
      lineId: grant.lineId,
      year,
      kind: 'commitment',
      debit: want > have ? 'commitment' : 'budget',
      credit: want > have ? 'budget' : 'commitment',
      amountCents: Math.abs(want - have),
    })
  }
}

/** For `refusable`: the ledger's own guard (a CHECK on the balances) answers with a message. */
export function ledgerConstraintRefusal(err: unknown): Refusal | null {
  return isCheckViolation(err, 'funding_grant_accounts') ? refuse('funding.payStaff.error.ledger') : null
}

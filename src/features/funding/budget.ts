import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import { isCheckViolation, type Outcome, type Refusal, refuse } from '../../platform/outcome'
import { fundingBudgets } from './tables'

/** Why a budget could not take a change: there is no budget for the year, or too little is left. */
export type BudgetShortfall =
  | { readonly reason: 'noBudget'; readonly year: number }
  | { readonly reason: 'exceeded'; readonly year: number; readonly remainingCents: number }

/** What is left of a line's budget for a year (budget − committed), or null without a budget row. */
export async function remainingBudget(db: Db, lineId: string, year: number): Promise<number | null> {
  const [budget] = await db
    .select({ budget: fundingBudgets.budgetCents, committed: fundingBudgets.committedCents })
    .from(fundingBudgets)
    .where(and(eq(fundingBudgets.lineId, lineId), eq(fundingBudgets.year, year)))
  return budget ? Number(budget.budget) - Number(budget.committed) : null
}

/**
 * Changes what is committed against a line's budget for one year by `deltaCents`: positive for an
 * approval or an increase, negative for a decrease or a repayment. One guarded UPDATE
 * (`committed + delta <= budget`) that only succeeds while the money is there, so concurrent
 * writers can never overspend; the CHECK constraints on funding_budgets (committed within budget
 * and never negative) back it up. Run it inside the transaction of the change, one call per year
 * in ascending years (concurrent writers then lock budget rows in the same order).
 * Answers the new committed amount, or the shortfall.
 */
export async function commitBudget(
  tx: Db,
  lineId: string,
  year: number,
  deltaCents: number,
): Promise<Outcome<number, BudgetShortfall>> {
  const updated = await tx
    .update(fundingBudgets)
    .set({ committedCents: sql`${fundingBudgets.committedCents} + ${deltaCents}`, updatedAt: new Date() })
    .where(
      and(
        eq(fundingBudgets.lineId, lineId),
        eq(fundingBudgets.year, year),
        sql`${fundingBudgets.committedCents} + ${deltaCents} <= ${fundingBudgets.budgetCents}`,
      ),
    )
    .returning({ committed: fundingBudgets.committedCents })
  if (updated[0]) return { ok: true, value: Number(updated[0].committed) }
  const remaining = await remainingBudget(tx, lineId, year)
  return {
    ok: false,
    problems: [
      remaining === null
        ? { reason: 'noBudget', year }
        : { reason: 'exceeded', year, remainingCents: remaining },
    ],
  }
}

/**
 * For `refusable`: the database's own guard (a CHECK on funding_budgets) answers like the code's
 * check does, e.g. when a concurrent writer got there between our check and our UPDATE.
 */
export function budgetConstraintRefusal(err: unknown): Refusal | null {
  return isCheckViolation(err, 'funding_budgets') ? refuse('funding.error.budgetExceededDb') : null
}

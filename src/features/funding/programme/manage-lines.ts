import { and, eq, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import { type Outcome, ok, Refused, refusable, refuse } from '../../../platform/outcome'
import { budgetConstraintRefusal } from '../budget'
import { lineById } from '../queries'
import { validateRules } from '../rules'
import { fundingBudgets, fundingLines } from '../tables'

/** Saves a line's rules (JSON text) after validating them against the LineRules schema. */
export async function saveLineRules(
  db: Db,
  actor: Actor,
  lineId: string,
  json: string,
): Promise<Outcome<void>> {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return refuse('funding.error.json', 'rules')
  }
  const checked = validateRules(value)
  if (!checked.ok) return refuse('funding.error.rules', 'rules', { errors: checked.errors.join('; ') })
  const line = await lineById(db, lineId)
  if (!line) return refuse('funding.error.notFound')
  await inTransaction(db, async (tx) => {
    await tx
      .update(fundingLines)
      .set({ rules: checked.rules, updatedAt: new Date() })
      .where(eq(fundingLines.id, lineId))
    await writeAudit(tx, actor, {
      action: 'funding.line.rules',
      entityType: 'funding_line',
      entityId: lineId,
      summary: { key: line.key },
    })
  })
  return ok(undefined)
}

/** Sets a line's budget for a year; refused when less than what is already committed. */
export async function setBudget(
  db: Db,
  actor: Actor,
  lineId: string,
  year: number,
  budgetCents: number,
): Promise<Outcome<void>> {
  const line = await lineById(db, lineId)
  if (!line) return refuse('funding.error.notFound')
  return refusable(
    () =>
      inTransaction(db, async (tx) => {
        await tx.insert(fundingBudgets).values({ lineId, year, budgetCents: 0 }).onConflictDoNothing()
        const rows = await tx
          .update(fundingBudgets)
          .set({ budgetCents, updatedAt: new Date() })
          .where(
            and(
              eq(fundingBudgets.lineId, lineId),
              eq(fundingBudgets.year, year),
              sql`${fundingBudgets.committedCents} <= ${budgetCents}`,
            ),
          )
          .returning({ year: fundingBudgets.year })
        if (!rows.length) throw new Refused(refuse('funding.error.budgetBelowCommitted', 'budget'))
        await writeAudit(tx, actor, {
          action: 'funding.budget.set',
          entityType: 'funding_line',
          entityId: lineId,
          summary: { year, budgetCents },
        })
      }),
    budgetConstraintRefusal,
  )
}

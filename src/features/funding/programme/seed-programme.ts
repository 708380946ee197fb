import { eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import { addMissingPlaces } from '../../directory/public'
import { fundingBudgets, fundingLines, fundingProgrammes } from '../tables'
import { vielfaltszentrenBodies, WIR_PROGRAMME, wirLines } from './wir'

/**
 * Creates the WIR programme with its lines and a demo budget for the given years; idempotent (lines
 * and budgets that exist are left as they are). Also adds the eligible districts and cities to the
 * shared directory of places when they are missing there.
 */
export async function seedWirProgramme(db: Db, actor: Actor, years: readonly number[]): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx.insert(fundingProgrammes).values(WIR_PROGRAMME).onConflictDoNothing()
    const [programme] = await tx
      .select()
      .from(fundingProgrammes)
      .where(eq(fundingProgrammes.key, WIR_PROGRAMME.key))
    let sort = 0
    for (const line of wirLines()) {
      sort += 10
      const { demoBudgetCents, ...fields } = line
      const inserted = await tx
        .insert(fundingLines)
        .values({ ...fields, programmeId: programme!.id, sort })
        .onConflictDoNothing()
        .returning({ id: fundingLines.id })
      const [row] = await tx.select().from(fundingLines).where(eq(fundingLines.key, line.key))
      for (const year of years) {
        await tx
          .insert(fundingBudgets)
          .values({ lineId: row!.id, year, budgetCents: demoBudgetCents })
          .onConflictDoNothing()
      }
      if (inserted.length) {
        await writeAudit(tx, actor, {
          action: 'funding.line.create',
          entityType: 'funding_line',
          entityId: row!.id,
          summary: { key: line.key, name: line.nameDe },
        })
      }
    }
    await addMissingPlaces(
      tx,
      vielfaltszentrenBodies().map((body) => ({
        kind: body.officialKey.length === 5 ? 'district' : 'municipality',
        officialKey: body.officialKey,
        name: body.name,
        status: body.typeUntil2025,
      })),
    )
  })
}

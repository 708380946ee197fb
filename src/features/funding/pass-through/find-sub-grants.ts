import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { isUuid } from '../../../platform/ids'
import { organisations } from '../../directory/public'
import type { ApplicationBundle } from '../queries'
import { fundingSubGrants } from '../tables'
import { rollUp, type SubGrantRollUp } from './sub-grant-budget'

/** The parent's micro-project budget per year: its cost items of the line's pass-through categories. */
export function passThroughBudgets(b: Pick<ApplicationBundle, 'costs' | 'line'>): Map<number, number> {
  const keys = new Set(b.line.rules.costCategories.filter((c) => c.passThrough).map((c) => c.key))
  const out = new Map<number, number>()
  for (const c of b.costs) if (keys.has(c.category)) out.set(c.year, (out.get(c.year) ?? 0) + c.cents)
  return out
}

/** Whether the grant's line passes money on at all (WIR-Vielfaltszentren). */
export function passesThrough(b: Pick<ApplicationBundle, 'line'>): boolean {
  return b.line.rules.costCategories.some((c) => c.passThrough)
}

/** The sub-grants of a parent grant with their recipients, by year and date. */
export function subGrantsOf(db: Db, parentApplicationId: string) {
  return db
    .select({
      subGrant: fundingSubGrants,
      organisation: organisations.name,
      city: organisations.city,
    })
    .from(fundingSubGrants)
    .innerJoin(organisations, eq(organisations.id, fundingSubGrants.organisationId))
    .where(eq(fundingSubGrants.parentApplicationId, parentApplicationId))
    .orderBy(asc(fundingSubGrants.year), asc(fundingSubGrants.createdAt), asc(fundingSubGrants.id))
}
export type SubGrantRow = Awaited<ReturnType<typeof subGrantsOf>>[number]

export async function subGrantById(db: Db, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db.select().from(fundingSubGrants).where(eq(fundingSubGrants.id, id))
  return row ?? null
}

/** The amounts already passed on in a year (read inside the transaction that holds the parent's lock). */
export async function grantedInYear(db: Db, parentApplicationId: string, year: number): Promise<number[]> {
  const rows = await db
    .select({ cents: fundingSubGrants.amountCents })
    .from(fundingSubGrants)
    .where(
      and(eq(fundingSubGrants.parentApplicationId, parentApplicationId), eq(fundingSubGrants.year, year)),
    )
  return rows.map((r) => Number(r.cents))
}

/**
 * What the parent's proof of use rolls up from its sub-grants, per budget year: how many, granted,
 * used (by the proofs that are in), unused, and the proofs still missing. For the proof of use of
 * the parent grant (Verwendungsnachweis): its numerical account shows the pass-through line from here.
 */
export async function subGrantRollUp(
  db: Db,
  parentApplicationId: string,
): Promise<(SubGrantRollUp & { year: number })[]> {
  const rows = await db
    .select({
      year: fundingSubGrants.year,
      amountCents: fundingSubGrants.amountCents,
      usedCents: fundingSubGrants.usedCents,
    })
    .from(fundingSubGrants)
    .where(eq(fundingSubGrants.parentApplicationId, parentApplicationId))
    .orderBy(asc(fundingSubGrants.year))
  const years = [...new Set(rows.map((r) => r.year))]
  return years.map((year) => ({
    year,
    ...rollUp(
      rows
        .filter((r) => r.year === year)
        .map((r) => ({
          amountCents: Number(r.amountCents),
          usedCents: r.usedCents === null ? null : Number(r.usedCents),
        })),
    ),
  }))
}

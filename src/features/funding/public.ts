/**
 * The funding feature's public module: what other features may import (docs/architecture.md,
 * "Feature boundaries").
 * - The accounts of applicant organisations are the platform's link between a person and the
 *   directory organisation they act for; the offers finder reuses it.
 * - The names of funding lines, for features that link to a line by id (the integration plan).
 * - The WIR euros granted per district, for the offers finder's coverage page.
 */
import { asc, inArray } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import type { AppDeps } from '../../platform/feature'
import { fundedProjectsDataset } from './open-data'
import { fundingLines } from './tables'

export { linkOrganisationAccount, organisationAccountRecipients, organisationOfAccount } from './accounts'

export interface FundingLineRef {
  readonly id: string
  readonly key: string
  readonly nameDe: string
  readonly nameEn: string
}

/** Every funding line (for a choice), in the programme's order. */
export function fundingLineRefs(db: Db): Promise<FundingLineRef[]> {
  return db
    .select({
      id: fundingLines.id,
      key: fundingLines.key,
      nameDe: fundingLines.nameDe,
      nameEn: fundingLines.nameEn,
    })
    .from(fundingLines)
    .orderBy(asc(fundingLines.sort), asc(fundingLines.key))
}

/** The funding lines with these ids (unknown ids are left out). */
export async function fundingLinesByIds(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, FundingLineRef>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({
      id: fundingLines.id,
      key: fundingLines.key,
      nameDe: fundingLines.nameDe,
      nameEn: fundingLines.nameEn,
    })
    .from(fundingLines)
    .where(inArray(fundingLines.id, [...ids]))
  return new Map(rows.map((r) => [r.id, r]))
}

/**
 * WIR euros granted per district (official district key → cents): the sum of `granted_cents` of the
 * published funded-projects dataset (open-data.ts), so the offers finder's coverage page shows the
 * same figures the open data publishes and never reads funding's tables. A project counts for the
 * district of its organisation's place; projects without a place count for none.
 */
export async function grantedCentsByDistrict(deps: AppDeps): Promise<Map<string, number>> {
  const { rows } = await fundedProjectsDataset.read(deps)
  const sums = new Map<string, number>()
  for (const r of rows) {
    const key = r.district_key
    const cents = r.granted_cents
    if (typeof key !== 'string' || typeof cents !== 'number') continue
    sums.set(key, (sums.get(key) ?? 0) + cents)
  }
  return sums
}

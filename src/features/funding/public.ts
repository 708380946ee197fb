/**
 * The funding feature's public module: what other features may import (docs/architecture.md,
 * "Feature boundaries").
 * - The accounts of applicant organisations are the platform's link between a person and the
 *   directory organisation they act for; the offers finder reuses it.
 * - The names of funding lines, for features that link to a line by id (the integration plan).
 */
import { asc, inArray } from 'drizzle-orm'
import type { Db } from '../../platform/db'
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

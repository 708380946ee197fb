import { isNotNull } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { LIFE_DOMAIN_IDS, type LifeDomain } from '../cases/case-vocabulary'
import { GROUNDS, type Ground } from '../grounds'
import { listDistricts } from '../network/find-network'
import { antidiscCaseFiles, antidiscReports } from '../tables'
import { type PublishedTable, suppressCells } from './suppression'

export interface Statistics {
  readonly reports: number | null
  readonly byGround: PublishedTable<Ground>
  /** Keys "2026-1" … (year and quarter of the incident), oldest first. */
  readonly byQuarter: PublishedTable
  /** Keys are district ids; `districtNames` names them. */
  readonly byDistrict: PublishedTable
  readonly districtNames: Readonly<Record<string, string>>
  /** Cases by life domain, from the case files that name one (one domain per case). */
  readonly byDomain: PublishedTable<LifeDomain>
}

/**
 * The published counts of reports, from the facts kept in plain only (grounds, the incident's date,
 * the district): never from narratives or contact details. Small cells are suppressed (suppression.ts).
 */
export async function discriminationStatistics(db: Db): Promise<Statistics> {
  const rows = await db
    .select({
      grounds: antidiscReports.grounds,
      occurredOn: antidiscReports.occurredOn,
      districtId: antidiscReports.districtId,
    })
    .from(antidiscReports)
  const count = <K extends string>(keys: readonly K[], of: (r: (typeof rows)[number]) => readonly string[]) =>
    keys.map((key) => ({ key, count: rows.filter((r) => of(r).includes(key)).length }))
  const quarterOf = (day: string) => `${day.slice(0, 4)}-${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`
  const quarters = [...new Set(rows.map((r) => quarterOf(r.occurredOn)))].sort()
  const domains = await db
    .select({ domain: antidiscCaseFiles.domain })
    .from(antidiscCaseFiles)
    .where(isNotNull(antidiscCaseFiles.domain))
  const districts = await listDistricts(db)
  const districtIds = districts.filter((d) => rows.some((r) => r.districtId === d.id)).map((d) => d.id)
  const byQuarter = suppressCells(
    count(quarters, (r) => [quarterOf(r.occurredOn)]),
    { additive: true },
  )
  return {
    reports: byQuarter.total,
    byGround: suppressCells(
      count(GROUNDS, (r) => r.grounds),
      { additive: false, total: rows.length },
    ),
    byQuarter,
    byDistrict: suppressCells(
      count(districtIds, (r) => [r.districtId]),
      { additive: true },
    ),
    districtNames: Object.fromEntries(districts.map((d) => [d.id, d.name])),
    byDomain: suppressCells(
      LIFE_DOMAIN_IDS.map((key) => ({ key, count: domains.filter((d) => d.domain === key).length })),
      { additive: true },
    ),
  }
}

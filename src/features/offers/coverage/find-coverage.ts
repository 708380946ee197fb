import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../platform/db'
import { isoDay, places } from '../../directory/public'
import { publicCondition } from '../find-offers'
import { offers } from '../tables'
import { TOPICS, type Topic } from '../vocabulary'
import type { ForeignFigure } from './foreign-residents'

export interface DistrictCoverage {
  readonly officialKey: string
  readonly name: string
  readonly designation: string | null
  readonly population: number | null
  /** Public offers at a place in the district (online-only offers have no district). */
  readonly total: number
  readonly byTopic: Readonly<Record<Topic, number>>
  /** Offers per 100,000 residents (Zensus 2022), one decimal; null without a population figure. */
  readonly perHundredThousand: number | null
  /** WIR euros granted to projects of organisations in the district (cents; funding's open data). */
  readonly wirCents: number
  /** Foreign residents as staff imported them (null: no figure for the district). */
  readonly foreign: ForeignFigure | null
  /** Offers per 1,000 foreign residents, one decimal; null without a figure (or with 0). */
  readonly perThousandForeign: number | null
}

/** Figures from other features, per official district key (read through their public ports). */
export interface CoverageSources {
  readonly wirCentsByDistrict?: ReadonlyMap<string, number>
  readonly foreignByDistrict?: ReadonlyMap<string, ForeignFigure>
}

export const SORT_KEYS = ['name', 'total', 'rate', 'wir', 'foreign', ...TOPICS] as const
export type SortKey = (typeof SORT_KEYS)[number]
export const isSortKey = (v: string): v is SortKey => (SORT_KEYS as readonly string[]).includes(v)

/**
 * Public offers per district and topic: an offer at a municipality counts for its district, one at
 * a district for that district. The districts valid on the day; each with its population.
 */
export async function districtCoverage(
  db: Db,
  now: Date = new Date(),
  sources: CoverageSources = {},
): Promise<DistrictCoverage[]> {
  const day = isoDay(now)
  const valid = (t: typeof places) =>
    and(
      or(isNull(t.validFrom), lte(t.validFrom, day)),
      or(isNull(t.validUntil), sql`${t.validUntil} >= ${day}`),
    )
  const districts = await db
    .select({
      id: places.id,
      officialKey: places.officialKey,
      name: places.name,
      designation: places.designation,
      population: places.population,
    })
    .from(places)
    .where(and(eq(places.kind, 'district'), valid(places)))
    .orderBy(places.name)
  const at = alias(places, 'at_place')
  const rows = await db
    .select({
      topics: offers.topics,
      district: sql<string | null>`case when ${at.kind} = 'district' then ${at.id} else ${at.parentId} end`,
    })
    .from(offers)
    .innerJoin(at, eq(at.id, offers.placeId))
    .where(and(publicCondition(now), inArray(at.kind, ['district', 'municipality'])))
  const counts = new Map<string, { total: number; byTopic: Record<Topic, number> }>()
  const empty = () => Object.fromEntries(TOPICS.map((t) => [t, 0])) as Record<Topic, number>
  for (const d of districts) counts.set(d.id, { total: 0, byTopic: empty() })
  for (const r of rows) {
    const c = r.district ? counts.get(r.district) : undefined
    if (!c) continue
    c.total++
    for (const t of new Set(r.topics)) if (t in c.byTopic) c.byTopic[t as Topic]++
  }
  return districts.map((d) => {
    const c = counts.get(d.id)!
    const foreign = sources.foreignByDistrict?.get(d.officialKey)
    return {
      officialKey: d.officialKey,
      name: d.name,
      designation: d.designation,
      population: d.population,
      total: c.total,
      byTopic: c.byTopic,
      perHundredThousand: d.population ? Math.round((c.total / d.population) * 1_000_000) / 10 : null,
      wirCents: sources.wirCentsByDistrict?.get(d.officialKey) ?? 0,
      foreign: foreign ?? null,
      perThousandForeign: foreign?.count ? Math.round((c.total / foreign.count) * 10_000) / 10 : null,
    }
  })
}

/** Sorted by a column; ties by name. Numbers: ascending puts the gaps first. */
export function sortCoverage(
  rows: readonly DistrictCoverage[],
  key: SortKey,
  descending: boolean,
): DistrictCoverage[] {
  const value = (r: DistrictCoverage): number | string =>
    key === 'name'
      ? r.name
      : key === 'total'
        ? r.total
        : key === 'rate'
          ? (r.perHundredThousand ?? -1)
          : key === 'wir'
            ? r.wirCents
            : key === 'foreign'
              ? (r.perThousandForeign ?? -1)
              : r.byTopic[key]
  return [...rows].sort((a, b) => {
    const va = value(a)
    const vb = value(b)
    const c = typeof va === 'string' ? va.localeCompare(vb as string, 'de') : va - (vb as number)
    return (descending ? -c : c) || a.name.localeCompare(b.name, 'de')
  })
}

import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../../platform/db'
import { isoDay, organisations, places, placesValidOn } from '../../directory/public'
import { fundingApplications, fundingGrants, fundingLines } from '../tables'

/**
 * The public list of funded projects (transparency): one row per grant and budget year of an
 * approved or partly approved application. Drafts, applications under review and rejected ones never
 * appear. The municipality is the one the recipient organisation belongs to in the directory; its
 * district is the municipality's (or the place itself when the recipient belongs to a district).
 */
export const PUBLIC_STATES = ['approved', 'partially_approved'] as const

export interface ProjectFilter {
  /** District key (Kreisschlüssel, five digits). */
  readonly district?: string | undefined
  /** Municipality key (AGS, eight digits). */
  readonly municipality?: string | undefined
  /** Funding line key. */
  readonly line?: string | undefined
  readonly year?: number | undefined
}

export interface FundedProject {
  readonly applicationId: string
  readonly year: number
  readonly amountCents: number
  readonly recipient: string
  readonly purpose: string
  readonly lineKey: string
  readonly lineNameDe: string
  readonly lineNameEn: string
  readonly municipalityKey: string | null
  readonly municipality: string | null
  readonly districtKey: string | null
  readonly district: string | null
}

export const PAGE_SIZE = 50

const place = alias(places, 'project_place')
const district = alias(places, 'project_district')

function base(db: Db) {
  return db
    .select({
      applicationId: fundingApplications.id,
      year: fundingGrants.year,
      amountCents: fundingGrants.amountCents,
      recipient: organisations.name,
      purpose: sql<string>`coalesce(${fundingApplications.title}, '')`,
      lineKey: fundingLines.key,
      lineNameDe: fundingLines.nameDe,
      lineNameEn: fundingLines.nameEn,
      municipalityKey: place.officialKey,
      municipality: place.name,
      districtKey: district.officialKey,
      district: district.name,
    })
    .from(fundingGrants)
    .innerJoin(fundingApplications, eq(fundingApplications.id, fundingGrants.applicationId))
    .innerJoin(fundingLines, eq(fundingLines.id, fundingApplications.lineId))
    .innerJoin(organisations, eq(organisations.id, fundingApplications.organisationId))
    .leftJoin(place, eq(place.id, organisations.placeId))
    .leftJoin(
      district,
      eq(district.id, sql`case when ${place.kind} = 'district' then ${place.id} else ${place.parentId} end`),
    )
}

function conditions(filter: ProjectFilter, withPlace = true): SQL | undefined {
  return and(
    inArray(fundingApplications.status, [...PUBLIC_STATES]),
    filter.line ? eq(fundingLines.key, filter.line) : undefined,
    filter.year ? eq(fundingGrants.year, filter.year) : undefined,
    withPlace && filter.district ? eq(district.officialKey, filter.district) : undefined,
    withPlace && filter.municipality ? eq(place.officialKey, filter.municipality) : undefined,
  )
}

/** One page of the list (newest year first, then by recipient), how many rows match and their sum. */
export async function fundedProjects(
  db: Db,
  filter: ProjectFilter,
  page: number,
  pageSize: number = PAGE_SIZE,
): Promise<{ rows: FundedProject[]; total: number; sumCents: number }> {
  const matching = base(db).where(conditions(filter)).as('matching')
  const [rows, [count]] = await Promise.all([
    base(db)
      .where(conditions(filter))
      .orderBy(desc(fundingGrants.year), asc(organisations.name), asc(fundingApplications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({
        n: sql<number>`count(*)::int`,
        cents: sql<string>`coalesce(sum(${matching.amountCents}), 0)`,
      })
      .from(matching),
  ])
  return { rows: rows.map(toNumbers), total: count?.n ?? 0, sumCents: Number(count?.cents ?? 0) }
}

/** Every matching row (the CSV file), in the order of the list. */
export async function allFundedProjects(db: Db, filter: ProjectFilter): Promise<FundedProject[]> {
  const rows = await base(db)
    .where(conditions(filter))
    .orderBy(desc(fundingGrants.year), asc(organisations.name), asc(fundingApplications.id))
  return rows.map(toNumbers)
}

function toNumbers<R extends { amountCents: number | bigint; year: number }>(r: R) {
  return { ...r, amountCents: Number(r.amountCents) }
}

export interface DistrictTotal {
  readonly key: string
  readonly name: string
  readonly designation: string | null
  readonly cents: number
}

/**
 * Granted euros per district valid today, for the line and year of the filter (not its place: the
 * map shows where the money goes across Hessen); districts without a grant have 0.
 */
export async function totalsPerDistrict(db: Db, filter: ProjectFilter): Promise<DistrictTotal[]> {
  const [districts, sums] = await Promise.all([
    placesValidOn(db, isoDay(new Date()), 'district'),
    db
      .select({
        key: district.officialKey,
        cents: sql<string>`sum(${fundingGrants.amountCents})`,
      })
      .from(fundingGrants)
      .innerJoin(fundingApplications, eq(fundingApplications.id, fundingGrants.applicationId))
      .innerJoin(fundingLines, eq(fundingLines.id, fundingApplications.lineId))
      .innerJoin(organisations, eq(organisations.id, fundingApplications.organisationId))
      .innerJoin(place, eq(place.id, organisations.placeId))
      .innerJoin(
        district,
        eq(
          district.id,
          sql`case when ${place.kind} = 'district' then ${place.id} else ${place.parentId} end`,
        ),
      )
      .where(conditions(filter, false))
      .groupBy(district.officialKey),
  ])
  const byKey = new Map(sums.map((s) => [s.key, Number(s.cents)]))
  return districts.map((d) => ({
    key: d.officialKey,
    name: d.name,
    designation: d.designation,
    cents: byKey.get(d.officialKey) ?? 0,
  }))
}

export interface ProjectFacets {
  readonly districts: readonly { key: string; name: string; designation: string | null }[]
  readonly municipalities: readonly { key: string; name: string }[]
  readonly lines: readonly { key: string; nameDe: string; nameEn: string }[]
  readonly years: readonly number[]
}

/** The choices of the filters: the places, lines and years that have public grants. */
export async function projectFacets(db: Db): Promise<ProjectFacets> {
  const rows = await db
    .selectDistinct({
      year: fundingGrants.year,
      lineKey: fundingLines.key,
      lineNameDe: fundingLines.nameDe,
      lineNameEn: fundingLines.nameEn,
      lineSort: fundingLines.sort,
      municipalityKey: place.officialKey,
      municipality: place.name,
      placeKind: place.kind,
      districtKey: district.officialKey,
      district: district.name,
      districtDesignation: district.designation,
    })
    .from(fundingGrants)
    .innerJoin(fundingApplications, eq(fundingApplications.id, fundingGrants.applicationId))
    .innerJoin(fundingLines, eq(fundingLines.id, fundingApplications.lineId))
    .innerJoin(organisations, eq(organisations.id, fundingApplications.organisationId))
    .leftJoin(place, eq(place.id, organisations.placeId))
    .leftJoin(
      district,
      eq(district.id, sql`case when ${place.kind} = 'district' then ${place.id} else ${place.parentId} end`),
    )
    .where(conditions({}))
  const unique = <T>(items: T[], key: (x: T) => string) => [
    ...new Map(items.map((x) => [key(x), x])).values(),
  ]
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'de')
  return {
    districts: unique(
      rows.flatMap((r) =>
        r.districtKey && r.district
          ? [{ key: r.districtKey, name: r.district, designation: r.districtDesignation }]
          : [],
      ),
      (d) => d.key,
    ).sort(byName),
    municipalities: unique(
      rows.flatMap((r) =>
        r.municipalityKey && r.municipality && r.placeKind === 'municipality'
          ? [{ key: r.municipalityKey, name: r.municipality }]
          : [],
      ),
      (m) => m.key,
    ).sort(byName),
    lines: unique(
      [...rows].sort((a, b) => a.lineSort - b.lineSort || a.lineKey.localeCompare(b.lineKey)),
      (r) => r.lineKey,
    ).map((r) => ({ key: r.lineKey, nameDe: r.lineNameDe, nameEn: r.lineNameEn })),
    years: [...new Set(rows.map((r) => r.year))].sort((a, b) => b - a),
  }
}

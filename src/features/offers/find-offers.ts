import { and, eq, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import { isoDay, organisations, places } from '../directory/public'
import type { SearchPlace } from './place-search'
import { offers } from './tables'
import { HIDE_AFTER_MONTHS } from './vocabulary'

export const PAGE_SIZE = 20

export interface OfferFilters {
  /** The place distances are measured from (its centroid). */
  readonly from?: { readonly latitude: number; readonly longitude: number } | null
  readonly language?: string | undefined
  readonly topic?: string | undefined
  readonly targetGroup?: string | undefined
  /** Only offers one can take part in online. */
  readonly online?: boolean | undefined
  readonly page?: number | undefined
  /** The moment "stale" is measured at (tests); default now. */
  readonly now?: Date
}

/** An offer as the result list shows it. */
export interface OfferHit {
  readonly id: string
  readonly title: string
  readonly lang: string
  readonly online: boolean
  readonly topics: string[]
  readonly languages: string[]
  readonly providerName: string
  readonly placeName: string | null
  readonly city: string | null
  readonly startsAt: Date | null
  readonly costCents: number | null
  /** Kilometres from the chosen place (null without a chosen place or for online-only offers). */
  readonly distanceKm: number | null
}

/** Offers confirmed within the last 15 months are public; older ones are hidden (never deleted). */
export function publicCondition(now: Date): SQL {
  const cutoff = new Date(now)
  cutoff.setUTCMonth(cutoff.getUTCMonth() - HIDE_AFTER_MONTHS)
  return sql`${offers.confirmedAt} > ${cutoff.toISOString()}::timestamptz`
}

/** Great-circle distance in km (haversine), in SQL that PGlite and PostgreSQL both run. */
function distanceSql(from: { latitude: number; longitude: number }): SQL<number | null> {
  const lat = sql`coalesce(${offers.latitude}, ${places.latitude})`
  const lon = sql`coalesce(${offers.longitude}, ${places.longitude})`
  const lat0 = sql`${from.latitude}::double precision`
  const lon0 = sql`${from.longitude}::double precision`
  // least() ignores NULLs, so an offer without coordinates is answered NULL before it.
  return sql<
    number | null
  >`case when ${lat} is null or ${lon} is null then null else (12742 * asin(least(1, sqrt(
    power(sin(radians(${lat} - ${lat0}) / 2), 2)
    + cos(radians(${lat0})) * cos(radians(${lat})) * power(sin(radians(${lon} - ${lon0}) / 2), 2))))) end`
}

/**
 * The public search: filters combined with AND, nearest first from the chosen place (offers
 * without a place, i.e. online only, after the others), then by title. One page of PAGE_SIZE and the
 * total count.
 */
export async function searchOffers(db: Db, f: OfferFilters): Promise<{ hits: OfferHit[]; total: number }> {
  const now = f.now ?? new Date()
  const where = and(
    publicCondition(now),
    f.language ? sql`${f.language} = any(${offers.languages})` : undefined,
    f.topic ? sql`${f.topic} = any(${offers.topics})` : undefined,
    f.targetGroup ? sql`${f.targetGroup} = any(${offers.targetGroups})` : undefined,
    f.online ? eq(offers.online, true) : undefined,
  )
  const distance = f.from ? distanceSql(f.from) : sql<number | null>`null::double precision`
  const page = Math.max(1, f.page ?? 1)
  const rows = await db
    .select({
      id: offers.id,
      title: offers.title,
      lang: offers.lang,
      online: offers.online,
      topics: offers.topics,
      languages: offers.languages,
      providerName: organisations.name,
      placeName: places.name,
      city: offers.city,
      startsAt: offers.startsAt,
      costCents: offers.costCents,
      distanceKm: distance.mapWith((v) => (v === null ? null : Number(v))),
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .leftJoin(places, eq(places.id, offers.placeId))
    .where(where)
    .orderBy(sql`${distance} asc nulls last`, offers.title, offers.id)
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
  const total = rows[0]?.total ?? (page > 1 ? await countOffers(db, where) : 0)
  return { hits: rows.map(({ total: _t, ...hit }) => hit), total }
}

async function countOffers(db: Db, where: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(offers)
    .where(where)
  return row?.n ?? 0
}

/** One public offer with its provider and place (null when unknown or hidden as stale). */
export async function publicOffer(db: Db, id: string, now: Date = new Date()) {
  const [row] = await db
    .select({
      offer: offers,
      provider: {
        id: organisations.id,
        name: organisations.name,
        website: organisations.website,
        email: organisations.email,
        phone: organisations.phone,
      },
      place: { name: places.name, officialKey: places.officialKey, kind: places.kind },
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .leftJoin(places, eq(places.id, offers.placeId))
    .where(and(eq(offers.id, id), publicCondition(now)))
  return row ?? null
}

/** The municipalities and districts valid today that the finder can search from. */
export async function searchPlaces(db: Db, day: string = isoDay(new Date())): Promise<SearchPlace[]> {
  const rows = await db
    .select({
      id: places.id,
      officialKey: places.officialKey,
      kind: places.kind,
      name: places.name,
      designation: places.designation,
      latitude: places.latitude,
      longitude: places.longitude,
    })
    .from(places)
    .where(
      and(
        inArray(places.kind, ['district', 'municipality']),
        or(isNull(places.validFrom), lte(places.validFrom, day)),
        or(isNull(places.validUntil), sql`${places.validUntil} >= ${day}`),
      ),
    )
  // A district-free city is both a district and a municipality: the municipality stands for it.
  return (rows as SearchPlace[]).filter(
    (p) => !(p.kind === 'district' && p.designation === 'Kreisfreie Stadt'),
  )
}

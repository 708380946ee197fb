import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import { places } from './tables'

/** YYYY-MM-DD of a date in Germany's calendar. */
export function isoDay(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(d)
}

/** Places valid on a given day (default today), optionally of one kind, ordered by name. */
export function placesValidOn(
  db: Db,
  day: string = isoDay(new Date()),
  kind?: (typeof places.$inferSelect)['kind'],
) {
  return db
    .select()
    .from(places)
    .where(
      and(
        kind ? eq(places.kind, kind) : undefined,
        or(isNull(places.validFrom), lte(places.validFrom, day)),
        or(isNull(places.validUntil), gte(places.validUntil, day)),
      ),
    )
    .orderBy(asc(sql`lower(${places.name})`))
}

/** The place with an official key valid on a day (keys are reused across validity periods). */
export async function placeByKey(db: Db, officialKey: string, day: string = isoDay(new Date())) {
  const [row] = await db
    .select()
    .from(places)
    .where(
      and(
        eq(places.officialKey, officialKey),
        or(isNull(places.validFrom), lte(places.validFrom, day)),
        or(isNull(places.validUntil), gte(places.validUntil, day)),
      ),
    )
    .limit(1)
  return row ?? null
}

/** The places with these ids (any order; unknown ids are left out). */
export async function placesByIds(db: Db, ids: readonly string[]) {
  return ids.length
    ? db
        .select()
        .from(places)
        .where(inArray(places.id, [...ids]))
    : []
}

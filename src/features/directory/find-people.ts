import { asc, ilike, inArray, or, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import { people } from './tables'

/** People whose given or family name (or both together) contains the text, ordered by name. */
export async function searchPeople(db: Db, text: string, limit = 50) {
  const q = text.trim()
  if (!q) return []
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  return db
    .select({
      id: people.id,
      givenName: people.givenName,
      familyName: people.familyName,
      email: people.email,
    })
    .from(people)
    .where(
      or(
        ilike(people.givenName, like),
        ilike(people.familyName, like),
        ilike(sql`${people.givenName} || ' ' || ${people.familyName}`, like),
      ),
    )
    .orderBy(asc(sql`lower(${people.familyName})`), asc(sql`lower(${people.givenName})`))
    .limit(limit)
}

/** The people with these ids (any order; unknown ids are left out). */
export async function peopleByIds(db: Db, ids: readonly string[]) {
  return ids.length
    ? db
        .select()
        .from(people)
        .where(inArray(people.id, [...ids]))
    : []
}

import { inArray, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import { organisations } from './tables'

/** The organisations with these ids (any order; unknown ids are left out). */
export async function organisationsByIds(db: Db, ids: readonly string[]) {
  return ids.length
    ? db
        .select()
        .from(organisations)
        .where(inArray(organisations.id, [...ids]))
    : []
}

/** The organisations whose name is exactly this one (ignoring case and surrounding spaces). */
export function organisationsNamed(db: Db, name: string) {
  return db
    .select()
    .from(organisations)
    .where(sql`lower(${organisations.name}) = lower(${name.trim()})`)
    .limit(2)
}

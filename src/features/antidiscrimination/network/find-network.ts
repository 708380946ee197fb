import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { organisations, places } from '../../directory/public'
import { antidiscCentreRegions, antidiscCentres, antidiscCounsellors } from '../tables'

/** A counselling centre of the network as the reporting form and the routing rule see it. */
export interface Centre {
  readonly id: string
  readonly name: string
  readonly city: string | null
  readonly languages: readonly string[]
  /** Ids of the districts (directory places) it serves. */
  readonly districtIds: readonly string[]
}

/** Every centre of the network with its languages and districts, by name. */
export async function listCentres(db: Db): Promise<Centre[]> {
  const rows = await db
    .select({
      id: antidiscCentres.organisationId,
      name: organisations.name,
      city: organisations.city,
      languages: antidiscCentres.languages,
    })
    .from(antidiscCentres)
    .innerJoin(organisations, eq(organisations.id, antidiscCentres.organisationId))
    .orderBy(asc(organisations.name))
  if (rows.length === 0) return []
  const regions = await db
    .select()
    .from(antidiscCentreRegions)
    .where(
      inArray(
        antidiscCentreRegions.centreId,
        rows.map((r) => r.id),
      ),
    )
  return rows.map((r) => ({
    ...r,
    districtIds: regions.filter((g) => g.centreId === r.id).map((g) => g.placeId),
  }))
}

/**
 * The districts of Hessen a report can name (directory places of kind district), by name; a name two
 * districts share (Kassel, Offenbach: the city and the Landkreis) gets its designation.
 */
export async function listDistricts(db: Db): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .select({ id: places.id, name: places.name, designation: places.designation })
    .from(places)
    .where(and(eq(places.kind, 'district'), isNull(places.validUntil)))
    .orderBy(asc(places.name), asc(places.designation))
  const count = new Map<string, number>()
  for (const r of rows) count.set(r.name, (count.get(r.name) ?? 0) + 1)
  return rows.map((r) => ({
    id: r.id,
    name: (count.get(r.name) ?? 0) > 1 && r.designation ? `${r.name} (${r.designation})` : r.name,
  }))
}

/** The centre a counsellor's account is bound to, or null. */
export async function centreOfCounsellor(db: Db, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ centreId: antidiscCounsellors.centreId })
    .from(antidiscCounsellors)
    .where(eq(antidiscCounsellors.userId, userId))
  return row?.centreId ?? null
}

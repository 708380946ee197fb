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

/** A counselling centre as the offers finder lists it: the directory organisation's contact details. */
export interface CounsellingCentre {
  readonly organisationId: string
  readonly name: string
  readonly languages: readonly string[]
  readonly districtIds: readonly string[]
  readonly placeId: string | null
  readonly street: string | null
  readonly postcode: string | null
  readonly city: string | null
  readonly email: string | null
  readonly phone: string | null
  readonly website: string | null
}

/** Every centre of the network with what a public listing of it shows (nothing about its cases). */
export async function counsellingCentres(db: Db): Promise<CounsellingCentre[]> {
  const centres = await listCentres(db)
  if (centres.length === 0) return []
  const orgs = await db
    .select()
    .from(organisations)
    .where(
      inArray(
        organisations.id,
        centres.map((c) => c.id),
      ),
    )
  const byId = new Map(orgs.map((o) => [o.id, o]))
  return centres.flatMap((c) => {
    const o = byId.get(c.id)
    return o
      ? [
          {
            organisationId: c.id,
            name: o.name,
            languages: c.languages,
            districtIds: c.districtIds,
            placeId: o.placeId,
            street: o.street,
            postcode: o.postcode,
            city: o.city,
            email: o.email,
            phone: o.phone,
            website: o.website,
          },
        ]
      : []
  })
}

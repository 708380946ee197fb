import { and, asc, eq, sql } from 'drizzle-orm'
import { users } from '../../../platform/auth/tables'
import type { Db } from '../../../platform/db'
import { organisations, organisationsByIds } from '../../directory/public'
import { antidiscCentres, antidiscCounsellors } from '../tables'
import { type Centre, listCentres, listDistricts } from './find-network'

/** A centre as the network office keeps it: the directory's contact beside the network's facts. */
export interface CentreEntry extends Centre {
  readonly services: readonly string[]
  readonly email: string | null
  readonly phone: string | null
  readonly website: string | null
  readonly districts: readonly string[]
}

export interface CounsellorEntry {
  readonly userId: string
  readonly email: string
  readonly name: string
  readonly centreId: string | null
}

export interface NetworkView {
  readonly centres: readonly CentreEntry[]
  /** Counselling centres of the directory (to take into the network, or change). */
  readonly organisations: readonly { readonly id: string; readonly name: string }[]
  readonly districts: readonly { readonly id: string; readonly name: string }[]
  readonly counsellors: readonly CounsellorEntry[]
}

/** What the network office's page shows: the centres, the directory's candidates, the counsellors. */
export async function networkView(db: Db): Promise<NetworkView> {
  const [centres, districts] = await Promise.all([listCentres(db), listDistricts(db)])
  const orgs = await organisationsByIds(
    db,
    centres.map((c) => c.id),
  )
  const services = await db
    .select({ id: antidiscCentres.organisationId, services: antidiscCentres.services })
    .from(antidiscCentres)
  const districtName = new Map(districts.map((d) => [d.id, d.name]))
  const candidates = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.kind, 'counselling_centre'))
    .orderBy(asc(organisations.name))
  const counsellors = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.displayName,
      centreId: antidiscCounsellors.centreId,
    })
    .from(users)
    .leftJoin(antidiscCounsellors, eq(antidiscCounsellors.userId, users.id))
    .where(and(sql`'counsellor' = any(${users.roles})`, eq(users.active, true)))
    .orderBy(asc(users.email))
  return {
    centres: centres.map((c) => {
      const org = orgs.find((o) => o.id === c.id)
      return {
        ...c,
        services: services.find((s) => s.id === c.id)?.services ?? [],
        email: org?.email ?? null,
        phone: org?.phone ?? null,
        website: org?.website ?? null,
        districts: c.districtIds.map((id) => districtName.get(id) ?? '').sort(),
      }
    }),
    organisations: candidates,
    districts,
    counsellors,
  }
}

import { and, eq, inArray } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { users } from '../../../platform/auth/tables'
import { type Db, inTransaction } from '../../../platform/db'
import { type Outcome, ok, Refused, refusable, refuse } from '../../../platform/outcome'
import { organisations, places } from '../../directory/public'
import { CENTRE_SERVICES, COUNSELLING_LANGUAGES } from '../grounds'
import { antidiscCentreRegions, antidiscCentres, antidiscCounsellors } from '../tables'

/**
 * Marks an organisation of the directory as a counselling centre of the network, with the languages
 * it counsels in and the districts it serves (replacing what was there). The organisation stays in
 * the directory: this feature keeps no copy of its name or address.
 */
export async function registerCentre(
  db: Db,
  actor: Actor,
  input: {
    organisationId: string
    languages: readonly string[]
    districtIds: readonly string[]
    /** What it offers (CENTRE_SERVICES); kept as it was when not given. */
    services?: readonly string[]
  },
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const [org] = await tx
        .select({ id: organisations.id, kind: organisations.kind })
        .from(organisations)
        .where(eq(organisations.id, input.organisationId))
      if (!org) throw new Refused(refuse('antidisc.staff.centre.unknownOrganisation', 'organisationId'))
      if (org.kind !== 'counselling_centre')
        throw new Refused(refuse('antidisc.staff.centre.notCounselling', 'organisationId'))
      const languages = [...new Set(input.languages)]
      if (
        languages.length === 0 ||
        languages.some((l) => !(COUNSELLING_LANGUAGES as readonly string[]).includes(l))
      )
        throw new Refused(refuse('antidisc.staff.centre.languages', 'languages'))
      const services = input.services ? [...new Set(input.services)] : undefined
      if (services?.some((s) => !(CENTRE_SERVICES as readonly string[]).includes(s)))
        throw new Refused(refuse('antidisc.staff.network.error.services', 'services'))
      const districtIds = [...new Set(input.districtIds)]
      const districts = districtIds.length
        ? await tx
            .select({ id: places.id })
            .from(places)
            .where(and(inArray(places.id, districtIds), eq(places.kind, 'district')))
        : []
      if (districtIds.length === 0 || districts.length !== districtIds.length)
        throw new Refused(refuse('antidisc.staff.centre.districts', 'districtIds'))
      await tx
        .insert(antidiscCentres)
        .values({ organisationId: org.id, languages, ...(services ? { services } : {}) })
        .onConflictDoUpdate({
          target: antidiscCentres.organisationId,
          set: { languages, ...(services ? { services } : {}) },
        })
      await tx.delete(antidiscCentreRegions).where(eq(antidiscCentreRegions.centreId, org.id))
      await tx
        .insert(antidiscCentreRegions)
        .values(districtIds.map((placeId) => ({ centreId: org.id, placeId })))
      await writeAudit(tx, actor, {
        action: 'antidisc.centre.register',
        entityType: 'organisation',
        entityId: org.id,
        summary: { languages, districts: districtIds.length, ...(services ? { services } : {}) },
      })
      return org.id
    }),
  )
}

/** Binds a counsellor's account to one centre (moving it if it was bound to another). */
export async function assignCounsellor(
  db: Db,
  actor: Actor,
  input: { userId: string; centreId: string },
): Promise<Outcome<void>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const [user] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, input.userId))
      if (!user?.roles.includes('counsellor'))
        throw new Refused(refuse('antidisc.staff.counsellor.notCounsellor', 'userId'))
      const [centre] = await tx
        .select({ id: antidiscCentres.organisationId })
        .from(antidiscCentres)
        .where(eq(antidiscCentres.organisationId, input.centreId))
      if (!centre) throw new Refused(refuse('antidisc.staff.counsellor.unknownCentre', 'centreId'))
      await tx
        .insert(antidiscCounsellors)
        .values(input)
        .onConflictDoUpdate({ target: antidiscCounsellors.userId, set: { centreId: input.centreId } })
      await writeAudit(tx, actor, {
        action: 'antidisc.counsellor.assign',
        entityType: 'user',
        entityId: input.userId,
        summary: { centreId: input.centreId },
      })
      return ok(undefined).value
    }),
  )
}

import { and, eq, gte, isNull, lte, or } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import { type Who, whoOf } from '../../platform/policy'
import { isoDay } from '../directory/public'
import { type CouncilsWho, managesCouncil, readsNonPublic } from './policies'
import { councilMemberships, councilStaff } from './tables'

/**
 * What the councils policies (policies.ts) need to know of an actor, loaded once: the council a
 * secretary's account is linked to and the person record of a delegate's account (council_staff).
 */
export interface CouncilsActor extends CouncilsWho {
  /** The person a delegate's account stands for (their memberships decide what they read). */
  readonly staffPersonId: string | null
}

/** Who is asking, as routes and file rules have them (a request or a download requester). */
export type Requester = Parameters<typeof whoOf>[0]

export async function councilsActorOf(db: Db, who: Who): Promise<CouncilsActor> {
  const [link] = who.id
    ? await db
        .select({ councilId: councilStaff.councilId, personId: councilStaff.personId })
        .from(councilStaff)
        .where(eq(councilStaff.userId, who.id))
    : []
  return {
    id: who.id,
    can: (p) => who.can(p),
    staffCouncilId: link?.councilId ?? null,
    staffPersonId: link?.personId ?? null,
  }
}

/** The councils actor of a request (or a file download's requester). */
export function councilsActorOfRequest(db: Db, requester: Requester): Promise<CouncilsActor> {
  return councilsActorOf(db, whoOf(requester))
}

/** Whether the actor's person is a member of the body on the day of `on`. */
export async function memberOnDay(
  db: Db,
  actor: CouncilsActor,
  councilId: string,
  on: Date,
): Promise<boolean> {
  if (!actor.staffPersonId) return false
  const day = isoDay(on)
  const [m] = await db
    .select({ id: councilMemberships.id })
    .from(councilMemberships)
    .where(
      and(
        eq(councilMemberships.councilId, councilId),
        eq(councilMemberships.personId, actor.staffPersonId),
        isNull(councilMemberships.deletedAt),
        lte(councilMemberships.startsOn, day),
        or(isNull(councilMemberships.endsOn), gte(councilMemberships.endsOn, day)),
      ),
    )
  return !!m
}

/**
 * The policy `readsNonPublic` for a meeting (or paper) day; the membership is looked up only when
 * the answer depends on it.
 */
export async function readsNonPublicOn(
  db: Db,
  actor: CouncilsActor,
  councilId: string,
  on: Date,
): Promise<boolean> {
  if (readsNonPublic(actor, councilId, false)) return true
  if (!readsNonPublic(actor, councilId, true)) return false
  return memberOnDay(db, actor, councilId, on)
}

/** The policy `managesCouncil` for a request: agah office, or the secretary of this body. */
export async function requesterManages(db: Db, requester: Requester, councilId: string): Promise<boolean> {
  return managesCouncil(await councilsActorOfRequest(db, requester), councilId)
}

import { and, eq, gte, isNull, lte, or } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import { isoDay, organisations, people } from '../directory/public'
import { councilMemberships, councilStaff, councils } from './tables'

/**
 * The integration conference as other features see it (exported through public.ts): the body
 * itself, and whether an account stands for one of its members (decision 0005). The plan's comment
 * rounds ask this; they never read the councils' tables.
 */

export interface ConferenceRef {
  readonly id: string
  readonly name: string
}

/** The integration conference (the first created and not removed), or null. */
export async function integrationConference(db: Db): Promise<ConferenceRef | null> {
  const [row] = await db
    .select({ id: councils.id, name: councils.name })
    .from(councils)
    .where(and(eq(councils.kind, 'integrationskonferenz'), isNull(councils.deletedAt)))
    .orderBy(councils.createdAt)
    .limit(1)
  return row ?? null
}

export interface ConferenceMember {
  readonly personId: string
  /** The person's name as shown with a comment ("Aylin Muster"). */
  readonly name: string
  readonly organisationId: string | null
  /** The organisation represented, or the body that sends the person (the agah). */
  readonly organisationName: string | null
}

/**
 * The conference member an account stands for on the day of `on`: the account's person record
 * (council_staff) holds a membership of the conference that day. Null otherwise.
 */
export async function conferenceMemberOf(db: Db, userId: string, on: Date): Promise<ConferenceMember | null> {
  const conference = await integrationConference(db)
  if (!conference) return null
  const day = isoDay(on)
  const [row] = await db
    .select({
      personId: people.id,
      givenName: people.givenName,
      familyName: people.familyName,
      organisationId: councilMemberships.organisationId,
      organisationName: organisations.name,
      senderName: councils.name,
    })
    .from(councilStaff)
    .innerJoin(councilMemberships, eq(councilMemberships.personId, councilStaff.personId))
    .innerJoin(people, eq(people.id, councilMemberships.personId))
    .leftJoin(organisations, eq(organisations.id, councilMemberships.organisationId))
    .leftJoin(councils, eq(councils.id, councilMemberships.delegatedById))
    .where(
      and(
        eq(councilStaff.userId, userId),
        eq(councilMemberships.councilId, conference.id),
        isNull(councilMemberships.deletedAt),
        lte(councilMemberships.startsOn, day),
        or(isNull(councilMemberships.endsOn), gte(councilMemberships.endsOn, day)),
      ),
    )
    .limit(1)
  if (!row) return null
  return {
    personId: row.personId,
    name: `${row.givenName} ${row.familyName}`,
    organisationId: row.organisationId,
    organisationName: row.organisationName ?? row.senderName,
  }
}

import { aliasedTable, and, asc, desc, eq, gte, ilike, inArray, isNull, lte, or, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { isUuid } from '../../../platform/ids'
import { isoDay, organisations, people, places } from '../../directory/public'
import { councilMemberships, councils, councilTerms, meetings } from '../tables'

const district = aliasedTable(places, 'district')

export type CouncilRow = Awaited<ReturnType<typeof listCouncils>>[number]

/** Councils (not the agah bodies), optionally searched by council, municipality or district name. */
export async function listCouncils(db: Db, search?: string) {
  const q = search?.trim()
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined
  return db
    .select({
      id: councils.id,
      name: councils.name,
      kind: councils.kind,
      agahMember: councils.agahMember,
      placeName: places.name,
      placeKey: places.officialKey,
      districtName: district.name,
    })
    .from(councils)
    .leftJoin(places, eq(places.id, councils.placeId))
    .leftJoin(district, eq(district.id, places.parentId))
    .where(
      and(
        isNull(councils.deletedAt),
        inArray(councils.kind, ['auslaenderbeirat', 'integrationskommission']),
        like
          ? or(ilike(councils.name, like), ilike(places.name, like), ilike(district.name, like))
          : undefined,
      ),
    )
    .orderBy(asc(sql`lower(${places.name})`), asc(councils.name))
}

export async function councilById(db: Db, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({ council: councils, place: places, districtName: district.name })
    .from(councils)
    .leftJoin(places, eq(places.id, councils.placeId))
    .leftJoin(district, eq(district.id, places.parentId))
    .where(and(eq(councils.id, id), isNull(councils.deletedAt)))
  return row ?? null
}

export async function agahBodies(db: Db) {
  const rows = await db
    .select()
    .from(councils)
    .where(and(inArray(councils.kind, ['agah', 'agah_board']), isNull(councils.deletedAt)))
    .orderBy(asc(councils.createdAt), asc(councils.id))
  return {
    plenary: rows.find((r) => r.kind === 'agah') ?? null,
    board: rows.find((r) => r.kind === 'agah_board') ?? null,
  }
}

export async function termsOf(db: Db, councilId: string) {
  return db
    .select()
    .from(councilTerms)
    .where(and(eq(councilTerms.councilId, councilId), isNull(councilTerms.deletedAt)))
    .orderBy(desc(councilTerms.startsOn))
}

export type MemberRow = Awaited<ReturnType<typeof membersOn>>[number]

/** Members of a body on a day, with the council that delegated them (for the plenary). */
export async function membersOn(db: Db, councilId: string, day: string = isoDay(new Date())) {
  const delegating = aliasedTable(councils, 'delegating')
  return db
    .select({
      membershipId: councilMemberships.id,
      role: councilMemberships.role,
      startsOn: councilMemberships.startsOn,
      endsOn: councilMemberships.endsOn,
      personId: people.id,
      givenName: people.givenName,
      familyName: people.familyName,
      honorificPrefix: people.honorificPrefix,
      email: people.email,
      phone: people.phone,
      consent: people.publicContactConsent,
      delegatedById: councilMemberships.delegatedById,
      delegatedByName: delegating.name,
      organisationName: organisations.name,
    })
    .from(councilMemberships)
    .innerJoin(people, eq(people.id, councilMemberships.personId))
    .leftJoin(delegating, eq(delegating.id, councilMemberships.delegatedById))
    .leftJoin(organisations, eq(organisations.id, councilMemberships.organisationId))
    .where(
      and(
        eq(councilMemberships.councilId, councilId),
        isNull(councilMemberships.deletedAt),
        lte(councilMemberships.startsOn, day),
        or(isNull(councilMemberships.endsOn), gte(councilMemberships.endsOn, day)),
      ),
    )
    .orderBy(
      sql`case ${councilMemberships.role} when 'chair' then 0 when 'deputy' then 1 when 'secretary' then 2 else 3 end`,
      asc(sql`lower(${people.familyName})`),
      asc(sql`lower(${people.givenName})`),
    )
}

/** Meetings of a body (not deleted), newest first. */
export async function meetingsOf(db: Db, councilId: string) {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.councilId, councilId), isNull(meetings.deletedAt)))
    .orderBy(desc(meetings.startsAt))
}

export type MembershipRow = Awaited<ReturnType<typeof membershipsOf>>[number]

/** Every membership of a body (past, current and future, not removed), newest start first. */
export async function membershipsOf(db: Db, councilId: string, membershipId?: string) {
  const delegating = aliasedTable(councils, 'delegating')
  return db
    .select({
      membership: councilMemberships,
      person: people,
      delegatedByName: delegating.name,
    })
    .from(councilMemberships)
    .innerJoin(people, eq(people.id, councilMemberships.personId))
    .leftJoin(delegating, eq(delegating.id, councilMemberships.delegatedById))
    .where(
      and(
        eq(councilMemberships.councilId, councilId),
        isNull(councilMemberships.deletedAt),
        membershipId ? eq(councilMemberships.id, membershipId) : undefined,
      ),
    )
    .orderBy(
      desc(councilMemberships.startsOn),
      asc(sql`lower(${people.familyName})`),
      asc(sql`lower(${people.givenName})`),
    )
}

/** One membership of a body, or null (also for ids that are not UUIDs). */
export async function membershipOf(db: Db, councilId: string, membershipId: string) {
  if (!isUuid(membershipId)) return null
  return (await membershipsOf(db, councilId, membershipId))[0] ?? null
}

/** One term of a body, or null. */
export async function termOf(db: Db, councilId: string, termId: string) {
  if (!isUuid(termId)) return null
  const [row] = await db
    .select()
    .from(councilTerms)
    .where(
      and(eq(councilTerms.id, termId), eq(councilTerms.councilId, councilId), isNull(councilTerms.deletedAt)),
    )
  return row ?? null
}

/** Directory organisations to choose from (the organisation an integration conference member represents). */
export function organisationOptions(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .orderBy(asc(sql`lower(${organisations.name})`))
}

import { and, asc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { isUuid } from '../../../platform/ids'
import { isoDay, people } from '../../directory/public'
import { agahBodies, listCouncils } from '../bodies-and-members/find-councils'
import { agahStateSeats, councilMemberships } from '../tables'

/** A person to choose in a form (seat holder, delegate account). */
export interface PersonOption {
  readonly id: string
  readonly givenName: string
  readonly familyName: string
}

/** People of the agah (plenary and board, any time) and current seat holders: who can hold a seat. */
export async function agahPeople(db: Db): Promise<PersonOption[]> {
  const { plenary, board } = await agahBodies(db)
  const bodyIds = [plenary?.id, board?.id].filter((x): x is string => !!x)
  const members = bodyIds.length
    ? await db
        .selectDistinct({ id: people.id, givenName: people.givenName, familyName: people.familyName })
        .from(people)
        .innerJoin(councilMemberships, eq(councilMemberships.personId, people.id))
        .where(and(inArray(councilMemberships.councilId, bodyIds), isNull(councilMemberships.deletedAt)))
    : []
  const holders = await db
    .selectDistinct({ id: people.id, givenName: people.givenName, familyName: people.familyName })
    .from(people)
    .innerJoin(agahStateSeats, eq(agahStateSeats.personId, people.id))
  const byId = new Map([...members, ...holders].map((p) => [p.id, p]))
  return byName([...byId.values()])
}

/** People with a membership in any body (for linking a delegate account to its person). */
export async function councilPeople(db: Db): Promise<PersonOption[]> {
  const rows = await db
    .selectDistinct({ id: people.id, givenName: people.givenName, familyName: people.familyName })
    .from(people)
    .innerJoin(councilMemberships, eq(councilMemberships.personId, people.id))
    .where(isNull(councilMemberships.deletedAt))
  return byName(rows)
}

function byName(rows: PersonOption[]): PersonOption[] {
  return rows.sort(
    (a, b) =>
      `${a.familyName} ${a.givenName}`.localeCompare(`${b.familyName} ${b.givenName}`, 'de') ||
      a.id.localeCompare(b.id),
  )
}

/** Every seat in state bodies that is not deleted, with its holder's name, by body and seat. */
export function staffSeatList(db: Db) {
  return db
    .select({ seat: agahStateSeats, givenName: people.givenName, familyName: people.familyName })
    .from(agahStateSeats)
    .leftJoin(people, eq(people.id, agahStateSeats.personId))
    .where(isNull(agahStateSeats.deletedAt))
    .orderBy(asc(agahStateSeats.bodyName), asc(agahStateSeats.seat), asc(agahStateSeats.startsOn))
}

/** A seat in a state body that is not deleted; null for an unknown or malformed id. */
export async function stateSeatById(db: Db, id: string) {
  if (!isUuid(id)) return null
  const [seat] = await db
    .select()
    .from(agahStateSeats)
    .where(and(eq(agahStateSeats.id, id), isNull(agahStateSeats.deletedAt)))
  return seat ?? null
}

/** The agah's seats in state bodies as they are on a day (ended and future holdings left out). */
export async function stateSeats(db: Db, day: string = isoDay(new Date())) {
  return db
    .select({
      id: agahStateSeats.id,
      bodyName: agahStateSeats.bodyName,
      seat: agahStateSeats.seat,
      givenName: people.givenName,
      familyName: people.familyName,
    })
    .from(agahStateSeats)
    .leftJoin(people, eq(people.id, agahStateSeats.personId))
    .where(
      and(
        isNull(agahStateSeats.deletedAt),
        or(isNull(agahStateSeats.startsOn), lte(agahStateSeats.startsOn, day)),
        or(isNull(agahStateSeats.endsOn), gte(agahStateSeats.endsOn, day)),
      ),
    )
    .orderBy(asc(agahStateSeats.bodyName), asc(agahStateSeats.seat))
}

/** The councils that are members of the agah. */
export async function agahMemberCouncils(db: Db) {
  return (await listCouncils(db)).filter((c) => c.agahMember)
}

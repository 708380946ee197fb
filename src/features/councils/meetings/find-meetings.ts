import { and, asc, desc, eq, gt, inArray, isNull, lte, or } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { isUuid } from '../../../platform/ids'
import { councils, meetings, type meetings as meetingsTable, papers } from '../tables'

type Meeting = typeof meetingsTable.$inferSelect

/** A meeting that is not deleted, with its council; null for an unknown or malformed id. */
export async function meetingById(db: Db, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({ meeting: meetings, council: councils })
    .from(meetings)
    .innerJoin(councils, eq(councils.id, meetings.councilId))
    .where(and(eq(meetings.id, id), isNull(meetings.deletedAt)))
  return row ?? null
}

/** The public calendar: the latest meetings of every body, newest first. */
export function recentMeetings(db: Db, limit = 300) {
  return db
    .select({ meeting: meetings, council: councils })
    .from(meetings)
    .innerJoin(councils, eq(councils.id, meetings.councilId))
    .where(isNull(meetings.deletedAt))
    .orderBy(desc(meetings.startsAt))
    .limit(limit)
}

/** Every meeting of these bodies, oldest first (for their iCalendar feed). */
export function meetingsOfCouncils(db: Db, councilIds: readonly string[]) {
  return db
    .select({ meeting: meetings })
    .from(meetings)
    .where(and(inArray(meetings.councilId, [...councilIds]), isNull(meetings.deletedAt)))
    .orderBy(asc(meetings.startsAt))
}

/** The council's motions and amendments that may be put on an agenda, newest first. */
export function motionsOf(db: Db, councilId: string, limit = 200) {
  return db
    .select()
    .from(papers)
    .where(
      and(
        eq(papers.councilId, councilId),
        inArray(papers.kind, ['motion', 'amendment']),
        isNull(papers.deletedAt),
      ),
    )
    .orderBy(desc(papers.createdAt))
    .limit(limit)
}

/** The council's meetings after this one that are not cancelled (to move an agenda item to). */
export function laterMeetings(db: Db, meeting: Meeting) {
  return db
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.councilId, meeting.councilId),
        gt(meetings.startsAt, meeting.startsAt),
        // Minutes are approved at a meeting that has taken place.
        lte(meetings.startsAt, new Date()),
        isNull(meetings.deletedAt),
        or(eq(meetings.state, 'planned'), eq(meetings.state, 'invited'), eq(meetings.state, 'held')),
      ),
    )
    .orderBy(asc(meetings.startsAt))
}

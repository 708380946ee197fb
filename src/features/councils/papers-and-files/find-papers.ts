import { and, asc, desc, eq, inArray, isNull, ne } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { isUuid } from '../../../platform/ids'
import { agendaItems, councils, meetings, papers } from '../tables'

type Paper = typeof papers.$inferSelect

/** A paper that is not deleted, with its council; null for an unknown or malformed id. */
export async function paperById(db: Db, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({ paper: papers, council: councils })
    .from(papers)
    .innerJoin(councils, eq(councils.id, papers.councilId))
    .where(and(eq(papers.id, id), isNull(papers.deletedAt)))
  return row ?? null
}

/** The one visibility rule for papers lives in paper-visibility.ts (web, downloads and OParl). */
export { paperIsPublic } from './paper-visibility'

/** What the paper page shows around a paper: the paper it refers to, its consultations, its resolutions. */
export async function paperContext(db: Db, paper: Paper) {
  const related = paper.relatedPaperId
    ? await db
        .select()
        .from(papers)
        .where(eq(papers.id, paper.relatedPaperId))
        .then((r) => r[0] ?? null)
    : null
  const consultations = await db
    .select({
      meeting: meetings,
      title: agendaItems.title,
      result: agendaItems.result,
      public: agendaItems.public,
    })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(and(eq(agendaItems.paperId, paper.id), isNull(agendaItems.deletedAt)))
    .orderBy(asc(meetings.startsAt))
  const resolutions = await db
    .select()
    .from(papers)
    .where(and(eq(papers.relatedPaperId, paper.id), eq(papers.kind, 'resolution'), isNull(papers.deletedAt)))
  return { related, consultations, resolutions }
}

/** The council's other papers a paper may refer to (motions, amendments, reports), newest first. */
export function relatablePapers(db: Db, councilId: string, paperId: string, limit = 200) {
  return db
    .select()
    .from(papers)
    .where(
      and(
        eq(papers.councilId, councilId),
        inArray(papers.kind, ['motion', 'amendment', 'report']),
        ne(papers.id, paperId),
        isNull(papers.deletedAt),
      ),
    )
    .orderBy(desc(papers.createdAt))
    .limit(limit)
}

import { eq } from 'drizzle-orm'
import type { CanDownload } from '../../../platform/files'
import { councilsActorOfRequest, memberOnDay } from '../actor'
import { downloadsMinutesFile, downloadsPaperFile, managesCouncil } from '../policies'
import { councilFiles, councils, meetings, papers } from '../tables'
import { paperIsPublic } from './paper-visibility'

/**
 * Files of a paper: the rule is `downloadsPaperFile` (policies.ts). Anyone while the paper is
 * public (its page is); for a paper on non-public agenda items the staff and the body's delegates
 * (the rule of the paper page); a removed file or one of a deleted paper only the staff managing
 * the council. What the rule needs beyond the file is looked up only when it can change the answer.
 */
export const canDownloadPaperFile: CanDownload = async (who, file, db) => {
  const [row] = await db
    .select({ link: councilFiles, paper: papers, council: councils })
    .from(councilFiles)
    .innerJoin(papers, eq(papers.id, councilFiles.paperId))
    .innerJoin(councils, eq(councils.id, papers.councilId))
    .where(eq(councilFiles.fileId, file.id))
  if (!row) return false
  const actor = await councilsActorOfRequest(db, who)
  const removed = !!(row.link.deletedAt || row.paper.deletedAt || row.council.deletedAt)
  const settled = managesCouncil(actor, row.council.id) || removed
  const paperPublic = !settled && (await paperIsPublic(db, row.paper))
  const memberDay =
    !settled &&
    !paperPublic &&
    (await memberOnDay(db, actor, row.council.id, new Date(`${row.paper.date}T12:00:00Z`)))
  return downloadsPaperFile(actor, {
    councilId: row.council.id,
    removed,
    paperPublic,
    memberOnDay: memberDay,
  })
}

/** Files of minutes (`downloadsMinutesFile`): anyone once published; before that only the staff managing the council. */
export const canDownloadMinutesFile: CanDownload = async (who, file, db) => {
  const [row] = await db
    .select({ link: councilFiles, meeting: meetings, council: councils })
    .from(councilFiles)
    .innerJoin(meetings, eq(meetings.id, councilFiles.meetingId))
    .innerJoin(councils, eq(councils.id, meetings.councilId))
    .where(eq(councilFiles.fileId, file.id))
  if (!row) return false
  return downloadsMinutesFile(await councilsActorOfRequest(db, who), {
    councilId: row.council.id,
    removed: !!(row.link.deletedAt || row.meeting.deletedAt || row.council.deletedAt),
    published: row.meeting.minutesState === 'published',
  })
}

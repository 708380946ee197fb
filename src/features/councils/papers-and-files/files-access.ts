import { and, eq } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import type { CanDownload, FileRequester } from '../../../platform/files'
import { canReadNonPublic } from '../bodies-and-members/assign-council-staff'
import { councilFiles, councilStaff, councils, meetings, papers } from '../tables'
import { paperIsPublic } from './paper-visibility'

/** The agah office, or the secretary of this council (as canManageCouncil in routes.tsx). */
export async function managesCouncil(db: Db, who: FileRequester, councilId: string): Promise<boolean> {
  if (!who.user) return false
  if (who.can('councils.manage')) return true
  if (!who.can('councils.manageOwn')) return false
  const [row] = await db
    .select({ userId: councilStaff.userId })
    .from(councilStaff)
    .where(and(eq(councilStaff.userId, who.user.id), eq(councilStaff.councilId, councilId)))
  return !!row
}

/**
 * Files of a paper: anyone while the paper is public (its page is); for a paper on non-public
 * agenda items the staff and the body's delegates (the rule of the paper page); a removed file or
 * one of a deleted paper only the staff managing the council.
 */
export const canDownloadPaperFile: CanDownload = async (who, file, db) => {
  const [row] = await db
    .select({ link: councilFiles, paper: papers, council: councils })
    .from(councilFiles)
    .innerJoin(papers, eq(papers.id, councilFiles.paperId))
    .innerJoin(councils, eq(councils.id, papers.councilId))
    .where(eq(councilFiles.fileId, file.id))
  if (!row) return false
  if (await managesCouncil(db, who, row.council.id)) return true
  if (row.link.deletedAt || row.paper.deletedAt || row.council.deletedAt) return false
  if (await paperIsPublic(db, row.paper)) return true
  return canReadNonPublic(db, who, row.council.id, new Date(`${row.paper.date}T12:00:00Z`))
}

/** Files of minutes: anyone once the minutes are published; before that only the staff managing the council. */
export const canDownloadMinutesFile: CanDownload = async (who, file, db) => {
  const [row] = await db
    .select({ link: councilFiles, meeting: meetings, council: councils })
    .from(councilFiles)
    .innerJoin(meetings, eq(meetings.id, councilFiles.meetingId))
    .innerJoin(councils, eq(councils.id, meetings.councilId))
    .where(eq(councilFiles.fileId, file.id))
  if (!row) return false
  if (await managesCouncil(db, who, row.council.id)) return true
  return (
    !row.link.deletedAt &&
    !row.meeting.deletedAt &&
    !row.council.deletedAt &&
    row.meeting.minutesState === 'published'
  )
}

import { eq } from 'drizzle-orm'
import type { CanDownload } from '../../../platform/files'
import { whoOf } from '../../../platform/policy'
import { isReviewer, mayOnApplication } from '../policies'
import { fundingWhoOf } from '../queries'
import { fundingApplications, fundingClosings } from '../tables'

/** The document answering a hearing: reviewers and the recipient organisation's own accounts. */
export const canDownloadHearingFile: CanDownload = async (requester, file, db) => {
  if (!requester.user) return false
  const who = await fundingWhoOf(db, whoOf(requester))
  const [app] = await db
    .select({ organisationId: fundingApplications.organisationId })
    .from(fundingClosings)
    .innerJoin(fundingApplications, eq(fundingApplications.id, fundingClosings.applicationId))
    .where(eq(fundingClosings.hearingAnswerFileId, file.id))
    .limit(1)
  if (!app) return isReviewer(who)
  return mayOnApplication(who, 'read', app)
}

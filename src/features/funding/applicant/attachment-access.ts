import { eq } from 'drizzle-orm'
import type { CanDownload } from '../../../platform/files'
import { whoOf } from '../../../platform/policy'
import { isReviewer, mayOnApplication } from '../policies'
import { fundingWhoOf } from '../queries'
import { fundingApplications, fundingAttachments } from '../tables'

/** Application attachments: whoever may read the application (policies.ts) — reviewers and its applicant. */
export const canDownloadAttachment: CanDownload = async (requester, file, db) => {
  if (!requester.user) return false
  const who = await fundingWhoOf(db, whoOf(requester))
  const [app] = await db
    .select({ organisationId: fundingApplications.organisationId })
    .from(fundingAttachments)
    .innerJoin(fundingApplications, eq(fundingApplications.id, fundingAttachments.applicationId))
    .where(eq(fundingAttachments.fileId, file.id))
    .limit(1)
  // A stored file no application refers to (any more): reviewers only, as before.
  if (!app) return isReviewer(who)
  return mayOnApplication(who, 'read', app)
}

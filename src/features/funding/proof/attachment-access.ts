import { eq } from 'drizzle-orm'
import type { CanDownload } from '../../../platform/files'
import { whoOf } from '../../../platform/policy'
import { isReviewer, mayOnApplication } from '../policies'
import { fundingWhoOf } from '../queries'
import { fundingApplications, fundingProofs } from '../tables'

/** Attachments of a proof of use: reviewers and the recipient organisation's own accounts. */
export const canDownloadProofFile: CanDownload = async (requester, file, db) => {
  if (!requester.user) return false
  const who = await fundingWhoOf(db, whoOf(requester))
  const [app] = await db
    .select({ organisationId: fundingApplications.organisationId })
    .from(fundingProofs)
    .innerJoin(fundingApplications, eq(fundingApplications.id, fundingProofs.applicationId))
    .where(eq(fundingProofs.attachmentFileId, file.id))
    .limit(1)
  if (!app) return isReviewer(who)
  return mayOnApplication(who, 'read', app)
}

import { and, eq } from 'drizzle-orm'
import type { CanDownload } from '../../platform/files'
import { fundingApplicantUsers, fundingApplications, fundingAttachments } from './tables'

/** Application attachments: reviewers, and the users of the applicant organisation the application belongs to. */
export const canDownloadAttachment: CanDownload = async (who, file, db) => {
  if (!who.user) return false
  if (who.can('funding.review')) return true
  const rows = await db
    .select({ id: fundingAttachments.fileId })
    .from(fundingAttachments)
    .innerJoin(fundingApplications, eq(fundingApplications.id, fundingAttachments.applicationId))
    .innerJoin(
      fundingApplicantUsers,
      eq(fundingApplicantUsers.organisationId, fundingApplications.organisationId),
    )
    .where(and(eq(fundingAttachments.fileId, file.id), eq(fundingApplicantUsers.userId, who.user.id)))
    .limit(1)
  return rows.length > 0
}

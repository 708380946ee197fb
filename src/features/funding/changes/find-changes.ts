import { and, asc, count, desc, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { storedFiles } from '../../../platform/files/tables'
import { isUuid } from '../../../platform/ids'
import { organisations } from '../../directory/public'
import {
  fundingAmendments,
  fundingApplications,
  fundingChangeFiles,
  fundingChangeRequests,
  fundingNotifications,
} from '../tables'

export type ChangeRequest = typeof fundingChangeRequests.$inferSelect
export type Notification = typeof fundingNotifications.$inferSelect

/** What the recipient and staff read of a request's state (the amendment's decision included). */
export type ChangeProgress = 'submitted' | 'accepted' | 'noticeIssued' | 'rejected'

export function progressOf(r: Pick<ChangeRequest, 'status'>, amendmentStatus: string | null): ChangeProgress {
  if (r.status === 'accepted') return amendmentStatus === 'approved' ? 'noticeIssued' : 'accepted'
  return r.status
}

/** The change requests of a grant, newest first, with the state of the amendment they became. */
export async function changeRequestsOf(db: Db, applicationId: string) {
  const rows = await db
    .select({ request: fundingChangeRequests, amendmentStatus: fundingAmendments.status })
    .from(fundingChangeRequests)
    .leftJoin(fundingAmendments, eq(fundingAmendments.id, fundingChangeRequests.amendmentId))
    .where(eq(fundingChangeRequests.applicationId, applicationId))
    .orderBy(desc(fundingChangeRequests.submittedAt), asc(fundingChangeRequests.id))
  return rows.map((r) => ({ ...r.request, progress: progressOf(r.request, r.amendmentStatus) }))
}
export type ChangeRequestRow = Awaited<ReturnType<typeof changeRequestsOf>>[number]

/** The notifications of a grant, newest first. */
export function notificationsOf(db: Db, applicationId: string): Promise<Notification[]> {
  return db
    .select()
    .from(fundingNotifications)
    .where(eq(fundingNotifications.applicationId, applicationId))
    .orderBy(desc(fundingNotifications.reportedAt), asc(fundingNotifications.id))
}

/** Whether the grant's payments are held: an insolvency was reported and not yet dealt with. */
export async function paymentsHeld(db: Db, applicationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: fundingNotifications.id })
    .from(fundingNotifications)
    .where(
      and(
        eq(fundingNotifications.applicationId, applicationId),
        eq(fundingNotifications.consequence, 'payments_held'),
        isNull(fundingNotifications.handledAt),
      ),
    )
    .limit(1)
  return row !== undefined
}

/** One change request with its grant's recipient, its files and the state of its amendment. */
export async function changeRequestById(db: Db, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({
      request: fundingChangeRequests,
      organisationId: fundingApplications.organisationId,
      amendmentStatus: fundingAmendments.status,
    })
    .from(fundingChangeRequests)
    .innerJoin(fundingApplications, eq(fundingApplications.id, fundingChangeRequests.applicationId))
    .leftJoin(fundingAmendments, eq(fundingAmendments.id, fundingChangeRequests.amendmentId))
    .where(eq(fundingChangeRequests.id, id))
  if (!row) return null
  const files = await db
    .select({
      id: storedFiles.id,
      originalName: storedFiles.originalName,
      fileName: fundingChangeFiles.fileName,
    })
    .from(fundingChangeFiles)
    .innerJoin(storedFiles, eq(storedFiles.id, fundingChangeFiles.fileId))
    .where(eq(fundingChangeFiles.changeRequestId, id))
    .orderBy(asc(fundingChangeFiles.createdAt))
  return {
    ...row.request,
    organisationId: row.organisationId,
    progress: progressOf(row.request, row.amendmentStatus),
    files,
  }
}
export type ChangeRequestDetail = NonNullable<Awaited<ReturnType<typeof changeRequestById>>>

const grantColumns = {
  fileNumber: fundingApplications.fileNumber,
  title: fundingApplications.title,
  organisation: organisations.name,
}

/** Staff: change requests waiting for a decision, oldest first. */
export function openChangeRequests(db: Db) {
  return db
    .select({ request: fundingChangeRequests, ...grantColumns })
    .from(fundingChangeRequests)
    .innerJoin(fundingApplications, eq(fundingApplications.id, fundingChangeRequests.applicationId))
    .innerJoin(organisations, eq(organisations.id, fundingApplications.organisationId))
    .where(eq(fundingChangeRequests.status, 'submitted'))
    .orderBy(asc(fundingChangeRequests.submittedAt))
    .limit(500)
}
export type OpenChangeRow = Awaited<ReturnType<typeof openChangeRequests>>[number]

/** Staff: notifications not yet dealt with, oldest first. */
export function openNotifications(db: Db) {
  return db
    .select({ notification: fundingNotifications, ...grantColumns })
    .from(fundingNotifications)
    .innerJoin(fundingApplications, eq(fundingApplications.id, fundingNotifications.applicationId))
    .innerJoin(organisations, eq(organisations.id, fundingApplications.organisationId))
    .where(isNull(fundingNotifications.handledAt))
    .orderBy(asc(fundingNotifications.reportedAt))
    .limit(500)
}
export type OpenNotificationRow = Awaited<ReturnType<typeof openNotifications>>[number]

export async function countOpenChangeRequests(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(fundingChangeRequests)
    .where(eq(fundingChangeRequests.status, 'submitted'))
  return Number(row?.n ?? 0)
}

/** The grant a stored change file belongs to (for the download rule), or null. */
export async function changeFileGrant(db: Db, fileId: string): Promise<{ organisationId: string } | null> {
  const [viaRequest] = await db
    .select({ organisationId: fundingApplications.organisationId })
    .from(fundingChangeFiles)
    .innerJoin(fundingChangeRequests, eq(fundingChangeRequests.id, fundingChangeFiles.changeRequestId))
    .innerJoin(fundingApplications, eq(fundingApplications.id, fundingChangeRequests.applicationId))
    .where(eq(fundingChangeFiles.fileId, fileId))
    .limit(1)
  if (viaRequest) return viaRequest
  const [viaNotification] = await db
    .select({ organisationId: fundingApplications.organisationId })
    .from(fundingChangeFiles)
    .innerJoin(fundingNotifications, eq(fundingNotifications.id, fundingChangeFiles.notificationId))
    .innerJoin(fundingApplications, eq(fundingApplications.id, fundingNotifications.applicationId))
    .where(eq(fundingChangeFiles.fileId, fileId))
    .limit(1)
  return viaNotification ?? null
}

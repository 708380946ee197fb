import { eq } from 'drizzle-orm'
import { type Actor, SYSTEM_ACTOR, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { isUuid } from '../../platform/ids'
import type { JobContext, JobQueue } from '../../platform/jobs'
import { notFound, type Outcome, ok, refuse } from '../../platform/outcome'
import { pageCache } from './cache'
import { pressReleases, type ReleaseStatus } from './tables'

export const PUBLISH_JOB = 'press.publish'
export const publishJobKey = (releaseId: string) => `press.publish:${releaseId}`

export type StatusAction = 'publish' | 'unpublish' | 'archive' | 'schedule'

export type ChangeStatusResult = Outcome<ReleaseStatus>

/**
 * Publishes, withdraws, archives or schedules a release. Scheduling stores the date and enqueues one
 * job per release (unique key), so the publication happens even after a restart; any other status
 * change cancels a pending one.
 */
export async function changeReleaseStatus(
  db: Db,
  jobs: JobQueue,
  actor: Actor,
  id: string,
  action: StatusAction,
  publishAt?: Date,
  now: Date = new Date(),
): Promise<ChangeStatusResult> {
  if (!isUuid(id)) return notFound()
  if (action === 'schedule') {
    if (!publishAt) return refuse('press.error.publish_at_required', 'publishAt')
    if (publishAt.getTime() <= now.getTime()) return refuse('press.error.publish_at_past', 'publishAt')
  }
  const result = await inTransaction(db, async (tx): Promise<ChangeStatusResult> => {
    const [current] = await tx.select().from(pressReleases).where(eq(pressReleases.id, id)).for('update')
    if (!current) return notFound()
    await jobs.cancel(tx, publishJobKey(id))
    let status: ReleaseStatus
    if (action === 'publish') {
      status = 'published'
      await tx
        .update(pressReleases)
        .set({ status, publishAt: null, publishedAt: current.publishedAt ?? now, updatedAt: now })
        .where(eq(pressReleases.id, id))
    } else if (action === 'schedule') {
      status = 'scheduled'
      await tx
        .update(pressReleases)
        .set({ status, publishAt, updatedAt: now })
        .where(eq(pressReleases.id, id))
      await jobs.enqueue(
        tx,
        PUBLISH_JOB,
        { releaseId: id },
        { runAt: publishAt!, uniqueKey: publishJobKey(id) },
      )
    } else {
      status = action === 'archive' ? 'archived' : 'draft'
      await tx
        .update(pressReleases)
        .set({ status, publishAt: null, updatedAt: now })
        .where(eq(pressReleases.id, id))
    }
    await writeAudit(tx, actor, {
      action: `press.release.${action}`,
      entityType: 'press_release',
      entityId: id,
      summary: {
        from: current.status,
        to: status,
        ...(publishAt ? { publishAt: publishAt.toISOString() } : {}),
      },
    })
    return ok(status)
  })
  if (result.ok) await pageCache.invalidate(db)
  return result
}

/** The job handler: publishes a scheduled release whose time has come (and nothing else). */
export async function runScheduledPublication({ db, payload }: JobContext): Promise<void> {
  const id = String(payload.releaseId ?? '')
  if (!isUuid(id)) return
  const published = await inTransaction(db, async (tx) => {
    const [current] = await tx.select().from(pressReleases).where(eq(pressReleases.id, id)).for('update')
    if (current?.status !== 'scheduled' || !current.publishAt) return false
    // The job runs at publishAt (its runAt); a rescheduling cancels and replaces it, so a job in hand
    // is always the current one. The date shown is the scheduled one (or now, if that was earlier).
    const now = new Date()
    const at = current.publishAt.getTime() < now.getTime() ? current.publishAt : now
    await tx
      .update(pressReleases)
      .set({ status: 'published', publishAt: null, publishedAt: current.publishedAt ?? at, updatedAt: now })
      .where(eq(pressReleases.id, id))
    await writeAudit(tx, SYSTEM_ACTOR, {
      action: 'press.release.publish_scheduled',
      entityType: 'press_release',
      entityId: id,
      summary: { publishAt: current.publishAt.toISOString() },
    })
    return true
  })
  if (published) await pageCache.invalidate(db)
}

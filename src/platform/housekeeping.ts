import { lt } from 'drizzle-orm'
import { purgeExpiredSessions } from './auth/sessions'
import { loginFailures } from './auth/tables'
import type { Db } from './db'
import { pruneJobs } from './jobs'

/** The platform's recurring clean-up job, registered in createDeps. */
export const HOUSEKEEPING_JOB = 'platform.housekeeping'
export const HOUSEKEEPING_EVERY_MS = 3600_000

/** Failed sign-ins only matter within the lock window; we keep them at least a day for diagnosis. */
const LOGIN_FAILURE_KEEP_MS = 24 * 3600_000

export interface HousekeepingResult {
  readonly loginFailures: number
  readonly jobs: number
}

/**
 * Removes what nobody needs any more: expired sessions, failed sign-ins older than the lock window
 * (and at least a day), finished jobs older than a week and failed jobs older than 30 days.
 */
export async function housekeeping(
  db: Db,
  loginLockMs: number,
  now = new Date(),
): Promise<HousekeepingResult> {
  await purgeExpiredSessions(db)
  const before = new Date(now.getTime() - Math.max(loginLockMs, LOGIN_FAILURE_KEEP_MS))
  const failures = await db
    .delete(loginFailures)
    .where(lt(loginFailures.at, before))
    .returning({ id: loginFailures.id })
  return { loginFailures: failures.length, jobs: await pruneJobs(db, now) }
}

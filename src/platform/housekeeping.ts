import { lt } from 'drizzle-orm'
import { purgeExpiredSessions } from './auth/sessions'
import { loginFailures, passwordLinks } from './auth/tables'
import type { Db } from './db'
import { pruneRateLimits } from './http/rate-limit-store'
import { pruneJobs } from './jobs'

/** The platform's recurring clean-up job, registered in createDeps. */
export const HOUSEKEEPING_JOB = 'platform.housekeeping'
export const HOUSEKEEPING_EVERY_MS = 3600_000

/** Failed sign-ins only matter within the lock window; we keep them at least a day for diagnosis. */
const LOGIN_FAILURE_KEEP_MS = 24 * 3600_000

export interface HousekeepingResult {
  readonly loginFailures: number
  readonly jobs: number
  readonly passwordLinks: number
  readonly rateLimits: number
}

/**
 * Removes what nobody needs any more: expired sessions, failed sign-ins older than the lock window
 * (and at least a day), finished jobs older than a week and failed jobs older than 30 days, and
 * password links a day after they expired (used links expire too; the audit log keeps the story),
 * and rate-limit counts of windows that ended more than an hour ago.
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
  const links = await db
    .delete(passwordLinks)
    .where(lt(passwordLinks.expiresAt, new Date(now.getTime() - LOGIN_FAILURE_KEEP_MS)))
    .returning({ idHash: passwordLinks.idHash })
  return {
    loginFailures: failures.length,
    jobs: await pruneJobs(db, now),
    passwordLinks: links.length,
    rateLimits: await pruneRateLimits(db, now),
  }
}

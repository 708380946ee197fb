import { eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../audit'
import { type Db, inTransaction } from '../db'
import { hashPassword, PASSWORD_MIN_LENGTH } from './passwords'
import { sessions, users } from './tables'

export type ResetPasswordResult =
  | { ok: true; sessionsEnded: number }
  | { ok: false; error: 'not_found' | 'too_short' }

/**
 * Sets a new password for an account whose password is lost (operator's command line, e.g. for a demo
 * login shown only once): lifts a lock-out and ends every session of the account. The audit entry
 * never holds the password.
 */
export async function resetPassword(
  db: Db,
  actor: Actor,
  userId: string,
  newPassword: string,
): Promise<ResetPasswordResult> {
  if (newPassword.length < PASSWORD_MIN_LENGTH) return { ok: false, error: 'too_short' }
  const passwordHash = await hashPassword(newPassword)
  return inTransaction(db, async (tx) => {
    const now = new Date()
    const [row] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, failedLogins: 0, lockedUntil: null, updatedAt: now })
      .where(eq(users.id, userId))
      .returning({ id: users.id })
    if (!row) return { ok: false, error: 'not_found' } as const
    const ended = await tx
      .delete(sessions)
      .where(eq(sessions.userId, userId))
      .returning({ id: sessions.idHash })
    await writeAudit(tx, actor, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: userId,
      summary: { sessionsEnded: ended.length },
    })
    return { ok: true, sessionsEnded: ended.length } as const
  })
}

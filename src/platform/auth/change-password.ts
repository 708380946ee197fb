import { and, eq, ne } from 'drizzle-orm'
import { type Actor, writeAudit } from '../audit'
import { type Db, inTransaction } from '../db'
import { hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from './passwords'
import { sessions, users } from './tables'
import { findUserById } from './users'

export type ChangePasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword'
export type ChangePasswordError = 'wrong' | 'too_short' | 'same' | 'mismatch'

export type ChangePasswordResult =
  | { ok: true; otherSessionsEnded: number }
  | { ok: false; errors: Partial<Record<ChangePasswordField, ChangePasswordError>> }

/**
 * Changes a user's password after checking the current one, and ends every other session of the
 * user (a stolen session does not survive the change). The audit entry never holds a password.
 */
export async function changePassword(
  db: Db,
  actor: Actor,
  input: {
    userId: string
    /** The session making the change; it stays signed in. */
    sessionIdHash: string
    currentPassword: string
    newPassword: string
    confirmPassword: string
  },
): Promise<ChangePasswordResult> {
  const user = await findUserById(db, input.userId)
  if (!user?.active) throw new Error('changePassword: no such active user')
  const errors: Partial<Record<ChangePasswordField, ChangePasswordError>> = {}
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) errors.currentPassword = 'wrong'
  if (input.newPassword.length < PASSWORD_MIN_LENGTH) errors.newPassword = 'too_short'
  else if (input.newPassword === input.currentPassword) errors.newPassword = 'same'
  if (!errors.newPassword && input.confirmPassword !== input.newPassword) errors.confirmPassword = 'mismatch'
  if (Object.keys(errors).length) return { ok: false, errors }

  const passwordHash = await hashPassword(input.newPassword)
  return inTransaction(db, async (tx) => {
    const now = new Date()
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
      .where(eq(users.id, user.id))
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, user.id), ne(sessions.idHash, input.sessionIdHash)))
      .returning({ idHash: sessions.idHash })
    await writeAudit(tx, actor, {
      action: 'user.password_change',
      entityType: 'user',
      entityId: user.id,
      summary: { otherSessionsEnded: ended.length },
    })
    return { ok: true, otherSessionsEnded: ended.length } as const
  })
}

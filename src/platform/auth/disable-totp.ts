import { and, eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../audit'
import type { SecretBox } from '../crypto'
import { type Db, inTransaction } from '../db'
import { verifyPassword } from './passwords'
import { sessions, users } from './tables'
import { findUserById } from './users'
import { consumeTotpCode } from './verify-second-factor'

export type DisableTotpResult =
  | { ok: true }
  | { ok: false; error: 'missing' | 'wrong_password' | 'wrong_code' | 'not_enabled' }

/** Turns TOTP off; the person proves it is them with the current password or a current code. */
export async function disableTotp(
  db: Db,
  secrets: SecretBox,
  actor: Actor,
  input: { userId: string; password?: string | undefined; code?: string | undefined },
): Promise<DisableTotpResult> {
  if (!input.password && !input.code) return { ok: false, error: 'missing' }
  const user = await findUserById(db, input.userId)
  if (!user) throw new Error('disableTotp: no such user')
  if (!user.totpEnabled) return { ok: false, error: 'not_enabled' }
  if (input.password && !(await verifyPassword(user.passwordHash, input.password))) {
    return { ok: false, error: 'wrong_password' }
  }
  const code = input.password ? undefined : input.code
  return inTransaction(db, async (tx) => {
    if (code !== undefined && !(await consumeTotpCode(tx, secrets, user, code))) {
      return { ok: false, error: 'wrong_code' } as const
    }
    await tx
      .update(users)
      .set({ totpSecret: null, totpEnabled: false, totpLastStep: null, updatedAt: new Date() })
      .where(eq(users.id, user.id))
    await writeAudit(tx, actor, {
      action: 'user.totp_disable',
      entityType: 'user',
      entityId: user.id,
      summary: { confirmedWith: code === undefined ? 'password' : 'code' },
    })
    return { ok: true } as const
  })
}

/**
 * Turns TOTP off for an account without its password or a code — for an administrator (CLI) when a
 * person has lost the device with the authenticator app. Ends the account's sessions.
 */
export async function resetTotp(db: Db, actor: Actor, userId: string): Promise<'reset' | 'not_enabled'> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ totpSecret: null, totpEnabled: false, totpLastStep: null, updatedAt: new Date() })
      .where(and(eq(users.id, userId), eq(users.totpEnabled, true)))
      .returning({ id: users.id })
    if (!row) return 'not_enabled' as const
    await tx.delete(sessions).where(eq(sessions.userId, userId))
    await writeAudit(tx, actor, {
      action: 'user.totp_disable',
      entityType: 'user',
      entityId: userId,
      summary: { confirmedWith: 'administrator reset' },
    })
    return 'reset' as const
  })
}

import { and, eq, isNull, lt, or } from 'drizzle-orm'
import { writeAudit } from '../audit'
import type { SecretBox } from '../crypto'
import { type Db, inTransaction } from '../db'
import { totpSecretContext } from './enable-totp'
import { createSession } from './sessions'
import { ipThrottled, recordFailedAttempt, type SignInPolicy } from './sign-in'
import { sessions, users } from './tables'
import { checkTotp } from './totp'
import { findUserById } from './users'

/**
 * Checks a code against the user's stored (encrypted) secret and, when right, records its time step
 * so the same code cannot be used again. The update is conditional, so two requests racing with the
 * same code cannot both succeed. Call it inside a transaction.
 */
export async function consumeTotpCode(
  tx: Db,
  secrets: SecretBox,
  user: { id: string; totpSecret: string | null; totpLastStep: number | null },
  code: string,
): Promise<boolean> {
  if (!user.totpSecret) return false
  const secret = secrets.open(user.totpSecret, totpSecretContext(user.id))
  // A secret that does not open means the signing key changed or the row was tampered with.
  if (!secret) throw new Error(`The TOTP secret of user ${user.id} cannot be decrypted`)
  const check = await checkTotp(secret, code, user.totpLastStep)
  if (!check.ok) return false
  const updated = await tx
    .update(users)
    .set({ totpLastStep: check.step })
    .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, check.step))))
    .returning({ id: users.id })
  return updated.length === 1
}

export type SecondFactorResult =
  | { ok: true; session: { cookie: string; expiresAt: Date } }
  | { ok: false; reason: 'invalid' | 'locked' | 'ip_throttled' }

/**
 * The second step of sign-in: a right code marks the session verified; a wrong (or reused) code
 * counts toward the same account lock-out as a wrong password. When the account gets locked, the
 * half-signed-in session is ended, so the password is needed again. A right code replaces the
 * half-signed-in session with a new one (a new id), so an id seen before the second factor (for
 * example planted by an attacker, session fixation) never becomes a signed-in session.
 */
export async function verifySecondFactor(
  db: Db,
  secrets: SecretBox,
  input: { userId: string; sessionIdHash: string; code: string; ip: string; ttlMs: number },
  policy: SignInPolicy,
): Promise<SecondFactorResult> {
  const now = new Date()
  if (await ipThrottled(db, input.ip, policy, now)) return { ok: false, reason: 'ip_throttled' }
  return inTransaction(db, async (tx) => {
    const user = await findUserById(tx, input.userId)
    if (!user?.active || !user.totpEnabled) return { ok: false, reason: 'invalid' } as const
    const endSession = () => tx.delete(sessions).where(eq(sessions.idHash, input.sessionIdHash))
    if (user.lockedUntil && user.lockedUntil > now) {
      await endSession()
      return { ok: false, reason: 'locked' } as const
    }
    if (!(await consumeTotpCode(tx, secrets, user, input.code))) {
      const reason = await recordFailedAttempt(tx, user, input.ip, policy, now)
      if (reason === 'locked') await endSession()
      return { ok: false, reason }
    }
    await tx.update(users).set({ failedLogins: 0 }).where(eq(users.id, user.id))
    await endSession()
    const session = await createSession(tx, user.id, input.ttlMs, true)
    await writeAudit(
      tx,
      { id: user.id, label: user.email, ip: input.ip },
      { action: 'user.sign_in_second_factor', entityType: 'user', entityId: user.id },
    )
    return { ok: true, session } as const
  })
}

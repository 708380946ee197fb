import { eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../audit'
import type { SecretBox } from '../crypto'
import { type Db, inTransaction } from '../db'
import { users } from './tables'
import { checkTotp, newTotpSecret, qrCodeSvg, totpUri } from './totp'

/** Where a user's TOTP secret is bound when sealed (AAD): it opens only for this user and purpose. */
export const totpSecretContext = (userId: string) => `user:${userId}:totp`
const enrolmentContext = (userId: string) => `user:${userId}:totp-enrolment`

export interface TotpEnrolment {
  /** Base32 secret, shown for manual entry. */
  readonly secret: string
  /** The secret sealed for this user, carried in the form until the first code confirms it. */
  readonly pending: string
  /** The QR code as an inline SVG string. */
  readonly qrSvg: string
}

/**
 * Starts (or, with `pending`, continues) an enrolment. Nothing is stored until a code confirms it:
 * the new secret travels sealed in the enrolment form. Returns null when `pending` does not open.
 */
export async function totpEnrolment(
  secrets: SecretBox,
  user: { id: string; email: string },
  qrLabel: string,
  pending?: string,
): Promise<TotpEnrolment | null> {
  const secret = pending ? secrets.open(pending, enrolmentContext(user.id)) : newTotpSecret()
  if (!secret) return null
  return {
    secret,
    pending: pending ?? secrets.seal(secret, enrolmentContext(user.id)),
    qrSvg: await qrCodeSvg(totpUri(secret, user.email), qrLabel),
  }
}

export type EnableTotpResult =
  | { ok: true }
  | { ok: false; error: 'expired' | 'invalid_code' | 'already_enabled' }

/** Turns on TOTP once the user proved with a current code that the app has the secret. */
export async function enableTotp(
  db: Db,
  secrets: SecretBox,
  actor: Actor,
  input: { userId: string; pending: string; code: string },
): Promise<EnableTotpResult> {
  const secret = secrets.open(input.pending, enrolmentContext(input.userId))
  if (!secret) return { ok: false, error: 'expired' }
  const check = await checkTotp(secret, input.code, null)
  if (!check.ok) return { ok: false, error: 'invalid_code' }
  return inTransaction(db, async (tx) => {
    const [user] = await tx
      .select({ totpEnabled: users.totpEnabled })
      .from(users)
      .where(eq(users.id, input.userId))
      .for('update')
    if (!user) throw new Error('enableTotp: no such user')
    if (user.totpEnabled) return { ok: false, error: 'already_enabled' } as const
    await tx
      .update(users)
      .set({
        totpSecret: secrets.seal(secret, totpSecretContext(input.userId)),
        totpEnabled: true,
        totpLastStep: check.step,
        updatedAt: new Date(),
      })
      .where(eq(users.id, input.userId))
    await writeAudit(tx, actor, { action: 'user.totp_enable', entityType: 'user', entityId: input.userId })
    return { ok: true } as const
  })
}

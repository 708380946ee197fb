import { and, count, eq, gt } from 'drizzle-orm'
import { writeAudit } from '../audit'
import { type Db, inTransaction } from '../db'
import type { Locale } from '../i18n'
import type { OutgoingMail } from '../mail'
import { composeMail } from '../mail/compose'
import { authMessages } from './messages'
import { dummyPasswordHash, verifyPassword } from './passwords'
import { loginFailures, users } from './tables'
import { findUserByEmail } from './users'

export interface SignInPolicy {
  /** Failed attempts on one account before it is locked. */
  readonly maxFailures: number
  readonly lockMs: number
  /**
   * Tells the owner that the account was just locked (by mail, in the same transaction). The
   * sign-in page says no more than "not right" either way, so it never reveals which addresses
   * have accounts; the owner learns the rest from their mailbox.
   */
  readonly notifyLock?: (
    tx: Db,
    user: { id: string; email: string; displayName: string; locale: string },
  ) => Promise<void>
}

export type SignInResult =
  | { ok: true; userId: string; email: string; roles: string[]; needsSecondFactor: boolean }
  | { ok: false; reason: 'invalid' | 'locked' | 'ip_throttled' }

/** The mail to an account's owner when too many failed sign-ins locked it, in the owner's language. */
export function lockMail(
  user: { email: string; displayName: string; locale: string },
  config: { publicUrl: string; loginLockMs: number },
): OutgoingMail {
  return composeMail(
    { name: 'auth', messages: authMessages },
    user,
    { subject: 'auth.mail.locked.subject', greeting: 'auth.mail.greeting', text: 'auth.mail.locked.text' },
    {
      name: user.displayName,
      minutes: Math.round(config.loginLockMs / 60_000),
      reset: `${config.publicUrl}/anmelden/passwort-vergessen`,
    },
  )
}

/** Per address we allow four times the account limit within the lock window (shared offices, NAT). */
const IP_FACTOR = 4

/** True when too many sign-ins failed from this address within the lock window. */
export async function ipThrottled(
  db: Db,
  ip: string,
  policy: SignInPolicy,
  now = new Date(),
): Promise<boolean> {
  const windowStart = new Date(now.getTime() - policy.lockMs)
  const [ipRow] = await db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.ip, ip), gt(loginFailures.at, windowStart)))
  return Number(ipRow?.n ?? 0) >= policy.maxFailures * IP_FACTOR
}

/**
 * Counts a failed attempt (wrong password or wrong second-factor code) against the account and the
 * address, and locks the account when it reaches the limit. Call it inside the caller's transaction.
 */
export async function recordFailedAttempt(
  tx: Db,
  user: { id: string; email: string; displayName: string; locale: string; failedLogins: number },
  ip: string,
  policy: SignInPolicy,
  now = new Date(),
): Promise<'invalid' | 'locked'> {
  await tx.insert(loginFailures).values({ ip })
  const failures = user.failedLogins + 1
  if (failures >= policy.maxFailures) {
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: new Date(now.getTime() + policy.lockMs) })
      .where(eq(users.id, user.id))
    await writeAudit(
      tx,
      { id: user.id, label: user.email, ip },
      {
        action: 'user.lock',
        entityType: 'user',
        entityId: user.id,
        summary: { reason: 'too many failed sign-ins', minutes: Math.round(policy.lockMs / 60_000) },
      },
    )
    await policy.notifyLock?.(tx, user)
    return 'locked'
  }
  await tx.update(users).set({ failedLogins: failures }).where(eq(users.id, user.id))
  return 'invalid'
}

export async function signIn(
  db: Db,
  /** `locale`: the language of the sign-in page; mail to the person is written in it from now on. */
  input: { email: string; password: string; ip: string; locale?: Locale | undefined },
  policy: SignInPolicy,
): Promise<SignInResult> {
  const now = new Date()
  if (await ipThrottled(db, input.ip, policy, now)) return { ok: false, reason: 'ip_throttled' }

  const user = await findUserByEmail(db, input.email)
  if (!user?.active) {
    await verifyPassword(await dummyPasswordHash(), input.password)
    await db.insert(loginFailures).values({ ip: input.ip })
    return { ok: false, reason: 'invalid' }
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    // The same work as for a wrong password, so the answer takes as long.
    await verifyPassword(user.passwordHash, input.password)
    await db.insert(loginFailures).values({ ip: input.ip })
    return { ok: false, reason: 'locked' }
  }
  const actor = { id: user.id, label: user.email, ip: input.ip }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const reason = await inTransaction(db, (tx) => recordFailedAttempt(tx, user, input.ip, policy, now))
    return { ok: false, reason }
  }
  await inTransaction(db, async (tx) => {
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, ...(input.locale ? { locale: input.locale } : {}) })
      .where(eq(users.id, user.id))
    await writeAudit(tx, actor, { action: 'user.sign_in', entityType: 'user', entityId: user.id })
  })
  return {
    ok: true,
    userId: user.id,
    email: user.email,
    roles: user.roles,
    needsSecondFactor: user.totpEnabled,
  }
}

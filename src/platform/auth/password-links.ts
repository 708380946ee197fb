import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../audit'
import { type Db, inTransaction } from '../db'
import type { AppDeps } from '../feature'
import { composeMail } from '../mail/compose'
import { authMessages } from './messages'
import { hashPassword, PASSWORD_MIN_LENGTH } from './passwords'
import { passwordLinks, sessions, users } from './tables'
import { findUserByEmail } from './users'

/** How long a link works: an invitation three days, a reset one hour. */
export const LINK_TTL_MS = { invite: 72 * 3600_000, reset: 3600_000 } as const
export type LinkPurpose = keyof typeof LINK_TTL_MS

const TOKEN = /^[A-Za-z0-9_-]{43}$/
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url')

type MailDeps = Pick<AppDeps, 'mail' | 'jobs' | 'config'>

/** The page where a link's owner chooses a password. */
export function passwordLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/konto/passwort-festlegen?token=${token}`
}

/**
 * Creates a link for a user and puts the mail with it into the outbox, inside the caller's
 * transaction. Older unused links of the user stop working: only the newest link counts.
 */
export async function issuePasswordLink(
  tx: Db,
  deps: MailDeps,
  user: { id: string; email: string; displayName: string; locale: string },
  purpose: LinkPurpose,
): Promise<void> {
  await tx.delete(passwordLinks).where(and(eq(passwordLinks.userId, user.id), isNull(passwordLinks.usedAt)))
  const token = randomBytes(32).toString('base64url')
  await tx.insert(passwordLinks).values({
    idHash: hashToken(token),
    userId: user.id,
    purpose,
    expiresAt: new Date(Date.now() + LINK_TTL_MS[purpose]),
  })
  // In the recipient's language (users.locale), from the auth catalogue.
  const mail = composeMail(
    { name: 'auth', messages: authMessages },
    user,
    {
      subject: `auth.mail.${purpose}.subject`,
      greeting: 'auth.mail.greeting',
      text: `auth.mail.${purpose}.text`,
    },
    { name: user.displayName, link: passwordLinkUrl(deps.config.publicUrl, token) },
  )
  await deps.mail.enqueue(tx, deps.jobs, mail)
}

/** The job that looks up the address of a "forgot password" request and sends the link. */
export const PASSWORD_RESET_JOB = 'auth.password_reset'

/**
 * "Forgot password": every request, for an address with an account or without, does the same
 * thing: it queues one job. So the answer neither says nor, by its timing, betrays which addresses
 * have accounts (looking the address up and writing the link and mail took measurably longer).
 */
export async function requestPasswordReset(
  deps: MailDeps & Pick<AppDeps, 'db'>,
  input: { email: string; ip: string },
): Promise<void> {
  await deps.jobs.enqueue(deps.db, PASSWORD_RESET_JOB, { email: input.email, ip: input.ip })
}

/** The job's work: a reset link by mail when an active account has this address, else nothing. */
export async function sendPasswordReset(
  deps: MailDeps & Pick<AppDeps, 'db'>,
  input: { email: string; ip: string },
): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    const user = await findUserByEmail(tx, input.email)
    if (!user?.active) return
    await issuePasswordLink(tx, deps, user, 'reset')
    await writeAudit(
      tx,
      { id: null, label: 'anonymous', ip: input.ip },
      { action: 'user.password_reset_request', entityType: 'user', entityId: user.id },
    )
  })
}

/** The live link behind a token (unused, not expired), or null. */
export async function findPasswordLink(db: Db, token: string) {
  if (!TOKEN.test(token)) return null
  const [row] = await db
    .select({ userId: passwordLinks.userId, purpose: passwordLinks.purpose, email: users.email })
    .from(passwordLinks)
    .innerJoin(users, eq(users.id, passwordLinks.userId))
    .where(
      and(
        eq(passwordLinks.idHash, hashToken(token)),
        isNull(passwordLinks.usedAt),
        gt(passwordLinks.expiresAt, new Date()),
        eq(users.active, true),
      ),
    )
    .limit(1)
  return row ?? null
}

export type SetPasswordField = 'token' | 'newPassword' | 'confirmPassword'
export type SetPasswordResult =
  | { ok: true; userId: string }
  | { ok: false; errors: Partial<Record<SetPasswordField, 'invalid_link' | 'too_short' | 'mismatch'>> }

/**
 * Sets the password through a link: the link is used up, every session of the account ends, and a
 * lock-out after failed sign-ins is lifted (the person has just proved access to the mailbox).
 */
export async function setPasswordWithLink(
  db: Db,
  input: { token: string; newPassword: string; confirmPassword: string; ip: string },
): Promise<SetPasswordResult> {
  if (input.newPassword.length < PASSWORD_MIN_LENGTH)
    return { ok: false, errors: { newPassword: 'too_short' } }
  if (input.confirmPassword !== input.newPassword) {
    return { ok: false, errors: { confirmPassword: 'mismatch' } }
  }
  const passwordHash = await hashPassword(input.newPassword)
  return inTransaction(db, async (tx) => {
    const now = new Date()
    // Used up atomically: two requests with the same link cannot both succeed.
    const [link] = await tx
      .update(passwordLinks)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordLinks.idHash, TOKEN.test(input.token) ? hashToken(input.token) : '-'),
          isNull(passwordLinks.usedAt),
          gt(passwordLinks.expiresAt, now),
          sql`exists (select 1 from ${users} where ${users.id} = ${passwordLinks.userId} and ${users.active})`,
        ),
      )
      .returning({ userId: passwordLinks.userId, purpose: passwordLinks.purpose })
    if (!link) return { ok: false, errors: { token: 'invalid_link' } } as const
    const [user] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, updatedAt: now, failedLogins: 0, lockedUntil: null })
      .where(eq(users.id, link.userId))
      .returning({ id: users.id, email: users.email })
    await tx.delete(sessions).where(eq(sessions.userId, link.userId))
    const actor: Actor = { id: link.userId, label: user?.email ?? link.userId, ip: input.ip }
    await writeAudit(tx, actor, {
      action: 'user.password_set',
      entityType: 'user',
      entityId: link.userId,
      summary: { through: link.purpose },
    })
    return { ok: true, userId: link.userId } as const
  })
}

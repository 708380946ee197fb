import { randomBytes } from 'node:crypto'
import { and, asc, eq, ilike, or, type SQL, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../audit'
import { type Db, inTransaction } from '../db'
import type { AppDeps } from '../feature'
import type { Locale } from '../i18n'
import { issuePasswordLink } from './password-links'
import { hashPassword } from './passwords'
import { sessions, users } from './tables'
import { findUserByEmail, findUserById } from './users'

/**
 * Account administration for the `users.manage` permission: invite, change name, roles and status,
 * unlock, send a password link. Passwords are never set or seen by the administrator: a new account
 * gets an invitation link and chooses its own.
 */

export const USERS_PAGE_SIZE = 50

export interface UserFilter {
  readonly q?: string | undefined
  readonly role?: string | undefined
  readonly page: number
}

export async function listUsers(db: Db, filter: UserFilter) {
  const where: SQL[] = []
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    const match = or(ilike(users.email, like), ilike(users.displayName, like))
    if (match) where.push(match)
  }
  if (filter.role) where.push(sql`${filter.role} = any(${users.roles})`)
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      roles: users.roles,
      active: users.active,
      totpEnabled: users.totpEnabled,
      lockedUntil: users.lockedUntil,
    })
    .from(users)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(sql`lower(${users.email})`), asc(users.id))
    .limit(USERS_PAGE_SIZE + 1)
    .offset((filter.page - 1) * USERS_PAGE_SIZE)
  return { rows: rows.slice(0, USERS_PAGE_SIZE), hasMore: rows.length > USERS_PAGE_SIZE }
}

export type UserField = 'email' | 'displayName' | 'roles' | 'active'
export type UserError = 'email_taken' | 'unknown_role' | 'no_roles' | 'self_admin' | 'self_active'
export type ManageResult<T = { id: string }> =
  | ({ ok: true } & T)
  | { ok: false; errors: Partial<Record<UserField, UserError>> }

function checkRoles(roles: readonly string[], known: ReadonlySet<string>) {
  if (roles.length === 0) return { roles: 'no_roles' as const }
  if (roles.some((r) => !known.has(r))) return { roles: 'unknown_role' as const }
  return null
}

/** Creates an account without a usable password and mails the person a link to choose one. */
export async function inviteUser(
  deps: Pick<AppDeps, 'db' | 'mail' | 'jobs' | 'config' | 'permissions'>,
  actor: Actor,
  /** `locale`: the language of the invitation (and of later mail); German when absent. */
  input: { email: string; displayName: string; roles: readonly string[]; locale?: Locale | undefined },
): Promise<ManageResult> {
  const roleError = checkRoles(input.roles, deps.permissions.roles)
  if (roleError) return { ok: false, errors: roleError }
  // Nobody knows this password: the account can be used only after the invitation link.
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'))
  return inTransaction(deps.db, async (tx) => {
    if (await findUserByEmail(tx, input.email))
      return { ok: false, errors: { email: 'email_taken' } } as const
    const [row] = await tx
      .insert(users)
      .values({
        email: input.email.trim(),
        displayName: input.displayName.trim(),
        passwordHash,
        roles: [...new Set(input.roles)],
        ...(input.locale ? { locale: input.locale } : {}),
      })
      .returning({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale })
    const user = row!
    await issuePasswordLink(tx, deps, user, 'invite')
    await writeAudit(tx, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      summary: { email: user.email, roles: [...new Set(input.roles)], invited: true },
    })
    return { ok: true, id: user.id } as const
  })
}

/**
 * Changes name, roles and status. Administrators cannot take their own admin role or deactivate
 * themselves (the installation must not lose its last way in by a slip). Deactivating ends every
 * session of the account at once; role changes take effect on the next request.
 */
export async function updateUser(
  deps: Pick<AppDeps, 'db' | 'permissions'>,
  actor: Actor,
  input: { id: string; displayName: string; roles: readonly string[]; active: boolean },
): Promise<ManageResult | { ok: false; notFound: true }> {
  const roleError = checkRoles(input.roles, deps.permissions.roles)
  if (roleError) return { ok: false, errors: roleError }
  if (actor.id === input.id && !input.roles.includes('admin')) {
    return { ok: false, errors: { roles: 'self_admin' } }
  }
  if (actor.id === input.id && !input.active) return { ok: false, errors: { active: 'self_active' } }
  return inTransaction(deps.db, async (tx) => {
    const before = await findUserById(tx, input.id)
    if (!before) return { ok: false, notFound: true } as const
    const roles = [...new Set(input.roles)]
    await tx
      .update(users)
      .set({ displayName: input.displayName.trim(), roles, active: input.active, updatedAt: new Date() })
      .where(eq(users.id, input.id))
    if (!input.active) await tx.delete(sessions).where(eq(sessions.userId, input.id))
    const summary: Record<string, unknown> = {}
    if (before.displayName !== input.displayName.trim()) summary.displayName = input.displayName.trim()
    if ([...before.roles].sort().join() !== [...roles].sort().join()) {
      summary.roles = { from: before.roles, to: roles }
    }
    if (before.active !== input.active) summary.active = input.active
    await writeAudit(tx, actor, { action: 'user.update', entityType: 'user', entityId: input.id, summary })
    return { ok: true, id: input.id } as const
  })
}

/** Lifts a lock-out after failed sign-ins. */
export async function unlockUser(db: Db, actor: Actor, id: string): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning({ id: users.id })
    if (!row) return false
    await writeAudit(tx, actor, { action: 'user.unlock', entityType: 'user', entityId: id })
    return true
  })
}

/** Mails an active account a reset link (e.g. after a phone call); the old password keeps working until used. */
export async function sendPasswordLink(
  deps: Pick<AppDeps, 'db' | 'mail' | 'jobs' | 'config'>,
  actor: Actor,
  id: string,
): Promise<'sent' | 'inactive' | 'not_found'> {
  return inTransaction(deps.db, async (tx) => {
    const user = await findUserById(tx, id)
    if (!user) return 'not_found' as const
    if (!user.active) return 'inactive' as const
    await issuePasswordLink(tx, deps, user, 'reset')
    await writeAudit(tx, actor, { action: 'user.password_link', entityType: 'user', entityId: id })
    return 'sent' as const
  })
}

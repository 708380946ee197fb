import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, lt } from 'drizzle-orm'
import type { Db } from '../db'
import type { CurrentUser } from '../http/context'
import { sessions, users } from './tables'

export const SESSION_COOKIE = 'teilhabe_session'

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('base64url')
}

/** Creates a session and returns the cookie value (never stored itself). */
export async function createSession(
  db: Db,
  userId: string,
  ttlMs: number,
  verified = true,
): Promise<{ cookie: string; expiresAt: Date }> {
  const cookie = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + ttlMs)
  await db.insert(sessions).values({ idHash: hashSessionId(cookie), userId, expiresAt, verified })
  return { cookie, expiresAt }
}

export interface LoadedSession {
  readonly idHash: string
  readonly verified: boolean
  readonly user: CurrentUser & { readonly totpEnabled: boolean }
}

/** last_seen_at is written at most this often, so a busy session does not write on every request. */
const TOUCH_EVERY_MS = 60_000

/**
 * The live session behind a cookie, with its (active) user; null when unknown, past its absolute
 * lifetime, or unused for longer than `idleMs` (the idle timeout). A use renews last_seen_at.
 */
export async function loadSession(db: Db, cookie: string, idleMs: number): Promise<LoadedSession | null> {
  const idHash = hashSessionId(cookie)
  const now = new Date()
  const rows = await db
    .select({
      idHash: sessions.idHash,
      verified: sessions.verified,
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      roles: users.roles,
      totpEnabled: users.totpEnabled,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.idHash, idHash),
        gt(sessions.expiresAt, now),
        gt(sessions.lastSeenAt, new Date(now.getTime() - idleMs)),
        eq(users.active, true),
      ),
    )
    .limit(1)
  const row = rows[0]
  if (!row) return null
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash))
  }
  return {
    idHash: row.idHash,
    verified: row.verified,
    user: {
      id: row.id,
      email: row.email,
      displayName: row.displayName,
      roles: row.roles,
      totpEnabled: row.totpEnabled,
    },
  }
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash))
}

/** Ends every session of a user (after a password change), optionally keeping the current one. */
export async function deleteUserSessions(db: Db, userId: string, keepIdHash?: string): Promise<void> {
  const all = await db.select({ idHash: sessions.idHash }).from(sessions).where(eq(sessions.userId, userId))
  for (const s of all) if (s.idHash !== keepIdHash) await deleteSession(db, s.idHash)
}

export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()))
}

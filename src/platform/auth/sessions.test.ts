import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it, mock } from 'node:test'
import { eq } from 'drizzle-orm'
import { dbKinds, openTestDatabase, type TestDatabase } from '../../../test/helpers/db'
import type { Db } from '../db'
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  hashSessionId,
  loadSession,
  purgeExpiredSessions,
} from './sessions'
import { sessions, users } from './tables'

const HOUR = 3_600_000

for (const kind of dbKinds()) {
  describe(`sessions (${kind})`, () => {
    let tdb: TestDatabase
    let db: Db
    let n = 0
    before(async () => {
      tdb = await openTestDatabase(kind)
      db = tdb.database.db
    })
    after(() => tdb.drop())
    afterEach(() => mock.timers.reset())

    /** From here on the clock stands still at `at` (only Date: the database keeps its own timers). */
    function clockAt(at: number) {
      mock.timers.reset()
      mock.timers.enable({ apis: ['Date'], now: at })
    }
    const setSession = (cookie: string, values: Partial<typeof sessions.$inferInsert>) =>
      db
        .update(sessions)
        .set(values)
        .where(eq(sessions.idHash, hashSessionId(cookie)))
    const lastSeen = async (cookie: string) =>
      (
        await db
          .select()
          .from(sessions)
          .where(eq(sessions.idHash, hashSessionId(cookie)))
      )[0]!.lastSeenAt.getTime()

    /** A user row (no password needed here: sessions start after sign-in). */
    async function user(over: Partial<typeof users.$inferInsert> = {}) {
      const [row] = await db
        .insert(users)
        .values({ email: `s${++n}@example.org`, displayName: `Person ${n}`, passwordHash: 'x', ...over })
        .returning()
      return row!
    }
    const stored = (userId: string) => db.select().from(sessions).where(eq(sessions.userId, userId))

    it('stores only the hash of a random cookie, with its expiry', async () => {
      const u = await user({ roles: ['press'], totpEnabled: true })
      const before = Date.now()
      const { cookie, expiresAt } = await createSession(db, u.id, 2 * HOUR)
      assert.match(cookie, /^[A-Za-z0-9_-]{43}$/)
      const [row] = await stored(u.id)
      assert.equal(row!.idHash, hashSessionId(cookie))
      assert.notEqual(row!.idHash, cookie)
      assert.equal(row!.verified, true)
      assert.ok(Math.abs(expiresAt.getTime() - (before + 2 * HOUR)) < 5_000)
      assert.equal(row!.expiresAt.getTime(), expiresAt.getTime())
      assert.notEqual((await createSession(db, u.id, HOUR)).cookie, cookie)
      assert.deepEqual(await loadSession(db, cookie, HOUR), {
        idHash: hashSessionId(cookie),
        verified: true,
        user: { id: u.id, email: u.email, displayName: u.displayName, roles: ['press'], totpEnabled: true },
      })
    })

    it('hashes with SHA-256 (base64url)', () => {
      assert.equal(hashSessionId('abc'), 'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0')
    })

    it('keeps a session unverified until the second factor', async () => {
      const u = await user()
      const { cookie } = await createSession(db, u.id, HOUR, false)
      assert.equal((await loadSession(db, cookie, HOUR))?.verified, false)
    })

    it('knows no unknown, expired or deactivated session', async () => {
      const u = await user()
      assert.equal(await loadSession(db, 'no-such-cookie', HOUR), null)
      const expired = await createSession(db, u.id, -1_000)
      assert.equal(await loadSession(db, expired.cookie, HOUR), null)
      const inactive = await user({ active: false })
      const s = await createSession(db, inactive.id, HOUR)
      assert.equal(await loadSession(db, s.cookie, HOUR), null)
    })

    it('ends one session, all of a user, or all but the current one', async () => {
      const u = await user()
      const other = await user()
      const a = await createSession(db, u.id, HOUR)
      const b = await createSession(db, u.id, HOUR)
      const c = await createSession(db, u.id, HOUR)
      const theirs = await createSession(db, other.id, HOUR)
      await deleteSession(db, hashSessionId(a.cookie))
      assert.equal(await loadSession(db, a.cookie, HOUR), null)
      assert.ok(await loadSession(db, b.cookie, HOUR))
      await deleteUserSessions(db, u.id, hashSessionId(c.cookie))
      assert.equal(await loadSession(db, b.cookie, HOUR), null)
      assert.ok(await loadSession(db, c.cookie, HOUR), 'the current session stays')
      await deleteUserSessions(db, u.id)
      assert.equal(await loadSession(db, c.cookie, HOUR), null)
      assert.ok(await loadSession(db, theirs.cookie, HOUR), 'another user’s session stays')
    })

    it('purges expired sessions and only those', async () => {
      const u = await user()
      const live = await createSession(db, u.id, HOUR)
      await createSession(db, u.id, -HOUR)
      await purgeExpiredSessions(db)
      const rows = await stored(u.id)
      assert.deepEqual(
        rows.map((r) => r.idHash),
        [hashSessionId(live.cookie)],
      )
    })
    it('ends a session unused for the idle time, to the millisecond, and keeps one used just before', async () => {
      const u = await user()
      const now = Date.parse('2031-05-05T10:00:00Z')
      clockAt(now)
      const { cookie } = await createSession(db, u.id, 24 * HOUR)
      await setSession(cookie, { lastSeenAt: new Date(now - HOUR + 1) })
      assert.ok(await loadSession(db, cookie, HOUR), 'unused for 1 ms less than the idle time')
      await setSession(cookie, { lastSeenAt: new Date(now - HOUR) })
      assert.equal(await loadSession(db, cookie, HOUR), null, 'unused for exactly the idle time')
      assert.ok(await loadSession(db, cookie, HOUR + 1), 'a longer idle time keeps it')
    })

    it('ends a session at its absolute expiry, to the millisecond, however recently it was used', async () => {
      const u = await user()
      const now = Date.parse('2031-05-06T10:00:00Z')
      clockAt(now)
      const { cookie } = await createSession(db, u.id, HOUR)
      await setSession(cookie, { expiresAt: new Date(now + 1), lastSeenAt: new Date(now) })
      assert.ok(await loadSession(db, cookie, HOUR), 'expires 1 ms from now')
      await setSession(cookie, { expiresAt: new Date(now), lastSeenAt: new Date(now) })
      assert.equal(await loadSession(db, cookie, HOUR), null, 'expires now')
    })

    it('renews last use only when the last one is more than a minute ago', async () => {
      const u = await user()
      const now = Date.parse('2031-05-07T10:00:00Z')
      clockAt(now)
      const { cookie } = await createSession(db, u.id, HOUR)
      await setSession(cookie, { lastSeenAt: new Date(now - 60_000) })
      assert.ok(await loadSession(db, cookie, HOUR))
      assert.equal(await lastSeen(cookie), now - 60_000, 'exactly a minute ago: not written again')
      await setSession(cookie, { lastSeenAt: new Date(now - 60_001) })
      assert.ok(await loadSession(db, cookie, HOUR))
      assert.equal(await lastSeen(cookie), now, 'more than a minute ago: renewed to now')
      const other = await createSession(db, u.id, HOUR)
      await setSession(other.cookie, { lastSeenAt: new Date(now - 120_000) })
      await loadSession(db, cookie, HOUR)
      assert.equal(await lastSeen(other.cookie), now - 120_000, 'only the session used is renewed')
    })

    it('purges a session at its expiry instant only after it', async () => {
      const u = await user()
      const now = Date.parse('2031-05-08T10:00:00Z')
      clockAt(now)
      const { cookie } = await createSession(db, u.id, HOUR)
      await setSession(cookie, { expiresAt: new Date(now) })
      await purgeExpiredSessions(db)
      assert.equal((await stored(u.id)).length, 1, 'expiring this instant: kept')
      await setSession(cookie, { expiresAt: new Date(now - 1) })
      await purgeExpiredSessions(db)
      assert.equal((await stored(u.id)).length, 0, 'expired 1 ms ago: purged')
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { eq, sql } from 'drizzle-orm'
import { dbKinds, openTestDatabase, type TestDatabase } from '../../../test/helpers/db'
import { loginFailures, passwordLinks, sessions, users } from '../auth/tables'
import { type Database, type Db, inTransaction, openDatabase } from '../db'
import { HOUSEKEEPING_JOB, housekeeping } from '../housekeeping'
import { rateLimitHits } from '../http/tables'
import { backoffMs, JobQueue, recurringKey, STALE_LOCK_MS } from '.'
import { jobs } from './tables'

const silent = { info() {}, error() {} }
const HOUR = 3600_000

async function jobRow(db: Db, id: string) {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id))
  assert.ok(row, `job ${id} exists`)
  return row
}

/** Makes a pending job due now (the tests do not wait for back-off). */
async function makeDue(db: Db, id: string) {
  await db
    .update(jobs)
    .set({ runAt: new Date(Date.now() - 1000) })
    .where(eq(jobs.id, id))
}

for (const kind of dbKinds()) {
  describe(`job queue (${kind})`, () => {
    let t: TestDatabase
    let db: Db
    before(async () => {
      t = await openTestDatabase(kind)
      db = t.database.db
    })
    after(() => t.drop())
    beforeEach(async () => {
      await db.delete(jobs)
    })

    it('runs due jobs and leaves jobs for later alone', async () => {
      const q = new JobQueue(db, silent)
      const ran: unknown[] = []
      q.register('t.note', async ({ payload }) => {
        ran.push(payload.n)
      })
      const now = await q.enqueue(db, 't.note', { n: 1 })
      const later = await q.enqueue(db, 't.note', { n: 2 }, { runAt: new Date(Date.now() + HOUR) })
      assert.equal(await q.runDue(), 1)
      assert.deepEqual(ran, [1])
      assert.equal((await jobRow(db, now!)).status, 'done')
      assert.equal((await jobRow(db, later!)).status, 'pending')
      assert.equal(await q.runDue(), 0, 'nothing else is due')
    })

    it('enqueues inside the caller’s transaction: a rollback leaves no job', async () => {
      const q = new JobQueue(db, silent)
      await assert.rejects(
        inTransaction(db, async (tx) => {
          await q.enqueue(tx, 't.note', {})
          throw new Error('abort')
        }),
        /^Error: abort$/,
      )
      assert.equal((await db.select().from(jobs)).length, 0)
    })

    it('retries a failing job with growing back-off and marks it failed after the last attempt', async () => {
      const q = new JobQueue(db, silent)
      let calls = 0
      q.register('t.fail', async ({ attempt, maxAttempts }) => {
        calls++
        assert.equal(attempt, calls)
        assert.equal(maxAttempts, 3)
        throw new Error(`boom ${attempt}`)
      })
      const id = (await q.enqueue(db, 't.fail', {}, { maxAttempts: 3 }))!
      for (let attempt = 1; attempt <= 2; attempt++) {
        const before = Date.now()
        assert.equal(await q.runDue(), 1)
        const row = await jobRow(db, id)
        assert.equal(row.status, 'pending')
        assert.equal(row.attempts, attempt)
        assert.equal(row.lastError, `boom ${attempt}`)
        const delay = row.runAt.getTime() - before
        assert.ok(delay >= backoffMs(attempt) - 1000 && delay <= backoffMs(attempt) + 5000, `delay ${delay}`)
        assert.equal(await q.runDue(), 0, 'not retried before the back-off is over')
        await makeDue(db, id)
      }
      assert.equal(await q.runDue(), 1)
      const row = await jobRow(db, id)
      assert.equal(row.status, 'failed')
      assert.equal(row.attempts, 3)
      assert.ok(row.finishedAt)
      await makeDue(db, id)
      assert.equal(await q.runDue(), 0, 'a failed job is never run again')
      assert.equal(calls, 3)
      assert.ok(backoffMs(2) > backoffMs(1) && backoffMs(30) === HOUR, 'exponential, capped at an hour')
    })

    it('fails a job whose kind has no handler instead of losing it silently', async () => {
      const q = new JobQueue(db, silent)
      const id = (await q.enqueue(db, 't.unknown', {}, { maxAttempts: 1 }))!
      await q.runDue()
      const row = await jobRow(db, id)
      assert.equal(row.status, 'failed')
      assert.match(row.lastError ?? '', /No handler/)
    })

    it('keeps one pending job per unique key and cancels it by key', async () => {
      const q = new JobQueue(db, silent)
      const ran: unknown[] = []
      q.register('t.publish', async ({ payload }) => {
        ran.push(payload.v)
      })
      const runAt = new Date(Date.now() + HOUR)
      const first = await q.enqueue(db, 't.publish', { v: 1 }, { uniqueKey: 'press:1', runAt })
      assert.ok(first)
      assert.equal(await q.enqueue(db, 't.publish', { v: 2 }, { uniqueKey: 'press:1', runAt }), null)
      assert.equal((await db.select().from(jobs)).length, 1)
      assert.equal(await q.cancel(db, 'press:1'), true)
      assert.equal(await q.cancel(db, 'press:1'), false)
      assert.equal((await db.select().from(jobs)).length, 0)
      // After a job with a key is done, the key is free again.
      const again = await q.enqueue(db, 't.publish', { v: 3 }, { uniqueKey: 'press:1' })
      await q.runDue()
      assert.equal((await jobRow(db, again!)).status, 'done')
      assert.ok(await q.enqueue(db, 't.publish', { v: 4 }, { uniqueKey: 'press:1' }))
      await q.runDue()
      assert.deepEqual(ran, [3, 4])
    })

    it('reschedules a recurring job after each run, also after a failure', async () => {
      const q = new JobQueue(db, silent)
      let fail = false
      let runs = 0
      q.register('t.tick', async () => {
        runs++
        if (fail) throw new Error('tick failed')
      })
      q.every('t.tick', HOUR)
      await q.ensureRecurring()
      await q.ensureRecurring()
      assert.equal((await db.select().from(jobs)).length, 1, 'ensureRecurring is idempotent')
      assert.equal(await q.runDue(), 1)
      const pending = await db.select().from(jobs).where(eq(jobs.status, 'pending'))
      assert.equal(pending.length, 1)
      assert.equal(pending[0]!.uniqueKey, recurringKey('t.tick'))
      const delay = pending[0]!.runAt.getTime() - Date.now()
      assert.ok(delay > HOUR - 60_000 && delay <= HOUR, `next run in an hour (${delay})`)
      assert.equal(await q.runDue(), 0)
      // A failing run is retried with back-off, and no second pending run appears.
      fail = true
      await makeDue(db, pending[0]!.id)
      await q.runDue()
      const after = await db.select().from(jobs).where(eq(jobs.status, 'pending'))
      assert.equal(after.length, 1)
      assert.equal(after[0]!.id, pending[0]!.id, 'the same run, retried')
      assert.equal(runs, 2)
    })

    it('takes over a job whose worker died (stale lock)', async () => {
      const q = new JobQueue(db, silent)
      let runs = 0
      q.register('t.work', async () => {
        runs++
      })
      const id = (await q.enqueue(db, 't.work', {}))!
      // A worker claimed it and died: running, locked long ago.
      await db
        .update(jobs)
        .set({ status: 'running', attempts: 1, lockedAt: new Date(Date.now() - STALE_LOCK_MS - 60_000) })
        .where(eq(jobs.id, id))
      assert.equal(await q.runDue(), 1)
      const row = await jobRow(db, id)
      assert.equal(row.status, 'done')
      assert.equal(row.attempts, 2)
      assert.equal(runs, 1)

      // A job locked a moment ago is left to its worker.
      const fresh = (await q.enqueue(db, 't.work', {}))!
      await db
        .update(jobs)
        .set({ status: 'running', attempts: 1, lockedAt: new Date() })
        .where(eq(jobs.id, fresh))
      assert.equal(await q.runDue(), 0)
      assert.equal((await jobRow(db, fresh)).status, 'running')
    })

    it('a worker that comes back after its job was taken over does not overwrite the result', async () => {
      let release!: () => void
      const blocked = new Promise<void>((resolve) => {
        release = resolve
      })
      const slow = new JobQueue(db, silent)
      slow.register('t.slow', async () => {
        await blocked
        throw new Error('late failure')
      })
      const fast = new JobQueue(db, silent)
      fast.register('t.slow', async () => {})
      const id = (await slow.enqueue(db, 't.slow', {}))!
      const slowRun = slow.runDue()
      while ((await jobRow(db, id)).status !== 'running') await new Promise((r) => setTimeout(r, 5))
      await db
        .update(jobs)
        .set({ lockedAt: new Date(Date.now() - STALE_LOCK_MS - 60_000) })
        .where(eq(jobs.id, id))
      assert.equal(await fast.runDue(), 1)
      release()
      await slowRun
      const row = await jobRow(db, id)
      assert.equal(row.status, 'done')
      assert.equal(row.attempts, 2)
      assert.equal(row.lastError, null)
    })

    it('picks up work left by a stopped process (a new queue on the same database)', async () => {
      const first = new JobQueue(db, silent)
      const id = (await first.enqueue(db, 't.later', {}))!
      await first.stop()
      const second = new JobQueue(db, silent)
      let ran = false
      second.register('t.later', async () => {
        ran = true
      })
      assert.equal(await second.runDue(), 1)
      assert.ok(ran)
      assert.equal((await jobRow(db, id)).status, 'done')
    })

    it('polls with start() and stops cleanly', async () => {
      const q = new JobQueue(db, silent)
      let done!: () => void
      const ran = new Promise<void>((resolve) => {
        done = resolve
      })
      q.register('t.poll', async () => done())
      await q.enqueue(db, 't.poll', {})
      q.start(20)
      await ran
      await q.stop()
      const [row] = await db.select().from(jobs)
      assert.equal(row!.status, 'done')
    })

    if (kind === 'postgres') {
      it('never runs a job twice when two workers claim concurrently (SKIP LOCKED)', async () => {
        const other: Database = await openDatabase({ url: t.url })
        try {
          const ranBy = new Map<string, string[]>()
          const make = (name: string, database: Db) => {
            const q = new JobQueue(database, silent)
            q.register('t.race', async ({ payload }) => {
              const n = String(payload.n)
              ranBy.set(n, [...(ranBy.get(n) ?? []), name])
              await new Promise((r) => setTimeout(r, 5))
            })
            return q
          }
          const a = make('a', db)
          const b = make('b', other.db)
          for (let n = 0; n < 50; n++) await a.enqueue(db, 't.race', { n })
          const [ranA, ranB] = await Promise.all([a.runDue(100), b.runDue(100)])
          assert.equal(ranA + ranB, 50)
          assert.ok(ranA > 0 && ranB > 0, `both workers took jobs (${ranA}/${ranB})`)
          assert.equal(ranBy.size, 50)
          for (const [n, by] of ranBy) assert.equal(by.length, 1, `job ${n} ran ${by.join(', ')}`)
          const done = await db.select().from(jobs).where(eq(jobs.status, 'done'))
          assert.equal(done.length, 50)
          assert.ok(done.every((j) => j.attempts === 1))
        } finally {
          await other.close()
        }
      })
    }

    it('housekeeping removes expired sessions, old failed sign-ins, old finished jobs and old password links', async () => {
      const [user] = await db
        .insert(users)
        .values({ email: `hk-${Date.now()}@example.org`, displayName: 'HK', passwordHash: 'x' })
        .returning()
      const now = Date.now()
      await db.insert(sessions).values([
        { idHash: `expired-${now}`, userId: user!.id, expiresAt: new Date(now - 1000) },
        { idHash: `live-${now}`, userId: user!.id, expiresAt: new Date(now + HOUR) },
      ])
      await db.insert(loginFailures).values([
        { ip: '192.0.2.1', at: new Date(now - 48 * HOUR) },
        { ip: '192.0.2.1', at: new Date(now - 60_000) },
      ])
      const day = 24 * HOUR
      await db.insert(passwordLinks).values([
        { idHash: `old-link-${now}`, userId: user!.id, purpose: 'reset', expiresAt: new Date(now - 2 * day) },
        { idHash: `new-link-${now}`, userId: user!.id, purpose: 'reset', expiresAt: new Date(now - HOUR) },
      ])
      await db.insert(jobs).values([
        { kind: 'old.done', status: 'done', finishedAt: new Date(now - 8 * day) },
        { kind: 'new.done', status: 'done', finishedAt: new Date(now - day) },
        { kind: 'old.failed', status: 'failed', finishedAt: new Date(now - 31 * day) },
        { kind: 'new.failed', status: 'failed', finishedAt: new Date(now - 8 * day) },
        { kind: 'old.pending', status: 'pending', runAt: new Date(now - 60 * day) },
      ])
      await db.insert(rateLimitHits).values([
        { key: `old-window-${now}`, windowStart: new Date(now - 2 * HOUR) },
        { key: `this-window-${now}`, windowStart: new Date(now - 60_000) },
      ])
      const removed = await housekeeping(db, 15 * 60_000)
      assert.deepEqual(removed, { loginFailures: 1, jobs: 2, passwordLinks: 1, rateLimits: 1 })
      assert.deepEqual(
        (await db.select().from(rateLimitHits)).map((r) => r.key),
        [`this-window-${now}`],
      )
      await db.delete(rateLimitHits)
      assert.deepEqual(
        (await db.select().from(passwordLinks)).map((l) => l.idHash),
        [`new-link-${now}`],
      )
      const left = (await db.select().from(sessions)).map((s) => s.idHash)
      assert.ok(left.includes(`live-${now}`) && !left.includes(`expired-${now}`))
      assert.equal((await db.select().from(loginFailures)).length, 1)
      const kinds = (await db.select().from(jobs)).map((j) => j.kind).sort()
      assert.deepEqual(kinds, ['new.done', 'new.failed', 'old.pending'])
      await db.delete(sessions)
      await db.delete(loginFailures)
      await db.delete(passwordLinks)
    })

    it('the platform registers housekeeping as a recurring job', async () => {
      const { createDeps } = await import('../runtime')
      const { loadConfig } = await import('../config')
      const deps = await createDeps(
        loadConfig({ NODE_ENV: 'test', DATA_DIR: '/nonexistent-teilhabe' }),
        t.database,
        [],
        silent,
      )
      await db.insert(loginFailures).values({ ip: '192.0.2.9', at: new Date(Date.now() - 48 * HOUR) })
      await deps.jobs.ensureRecurring()
      const [job] = await db
        .select()
        .from(jobs)
        .where(eq(jobs.uniqueKey, recurringKey(HOUSEKEEPING_JOB)))
      assert.ok(job, 'housekeeping is scheduled')
      assert.equal(await deps.jobs.runDue(), 1)
      assert.equal((await db.select().from(loginFailures)).length, 0, 'it ran')
      const [next] = await db
        .select()
        .from(jobs)
        .where(sql`${jobs.uniqueKey} = ${recurringKey(HOUSEKEEPING_JOB)} and ${jobs.status} = 'pending'`)
      assert.ok(next && next.runAt.getTime() > Date.now() + HOUR / 2, 'and is due again in an hour')
    })
  })
}

import { hostname } from 'node:os'
import { and, eq, lt, sql } from 'drizzle-orm'
import type { Db } from '../db'
import { jobs } from './tables'

export interface JobContext {
  readonly db: Db
  readonly payload: Record<string, unknown>
  /** 1 on the first run. */
  readonly attempt: number
  /** After this attempt fails the job is marked failed instead of retried. */
  readonly maxAttempts: number
}
export type JobHandler = (ctx: JobContext) => Promise<void>

export interface EnqueueOptions {
  /** When to run; default now. */
  runAt?: Date
  /** At most one pending job per key: enqueueing again updates nothing and returns false. */
  uniqueKey?: string
  maxAttempts?: number
}

interface Logger {
  error(obj: unknown, msg?: string): void
  info(obj: unknown, msg?: string): void
}

/** A running job whose worker died is taken again after this long. */
export const STALE_LOCK_MS = 10 * 60_000

/** The key under which each recurring kind keeps its one pending run. */
export function recurringKey(kind: string): string {
  return `recurring:${kind}`
}

/** Exponential back-off: 30 s, 1 min, 2 min … capped at 1 hour. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3600_000)
}

/**
 * Deferred and recurring work stored in the database, so it survives restarts. Jobs are claimed with
 * FOR UPDATE SKIP LOCKED: several processes may poll the same table without running a job twice.
 */
export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>()
  private readonly recurring = new Map<string, number>()
  private timer: NodeJS.Timeout | undefined
  private running: Promise<unknown> | undefined
  private stopped = true
  private readonly worker = `${hostname()}:${process.pid}`

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`Job handler registered twice: ${kind}`)
    this.handlers.set(kind, handler)
  }

  /** Runs `kind` every `everyMs`; the next run is scheduled when one finishes. */
  every(kind: string, everyMs: number): void {
    this.recurring.set(kind, everyMs)
  }

  /**
   * Adds a job, in the caller's transaction when `db` is one (so it exists exactly when the change
   * that asks for it is committed). Returns its id, or null when a pending job has the same unique key.
   */
  async enqueue(
    db: Db,
    kind: string,
    payload: Record<string, unknown> = {},
    opts: EnqueueOptions = {},
  ): Promise<string | null> {
    const rows = await db
      .insert(jobs)
      .values({
        kind,
        payload,
        runAt: opts.runAt ?? new Date(),
        uniqueKey: opts.uniqueKey ?? null,
        maxAttempts: opts.maxAttempts ?? 8,
      })
      .onConflictDoNothing()
      .returning({ id: jobs.id })
    return rows[0]?.id ?? null
  }

  /**
   * Cancels a pending job by its unique key (e.g. when a scheduled publication is withdrawn); a job
   * already running is not interrupted. Returns whether a job was cancelled.
   */
  async cancel(db: Db, uniqueKey: string): Promise<boolean> {
    const rows = await db
      .delete(jobs)
      .where(and(eq(jobs.uniqueKey, uniqueKey), eq(jobs.status, 'pending')))
      .returning({ id: jobs.id })
    return rows.length > 0
  }

  /** Claims and runs due jobs until none is due; returns how many ran. */
  async runDue(limit = 50): Promise<number> {
    let ran = 0
    for (; ran < limit; ran++) {
      const job = await this.claim()
      if (!job) break
      await this.execute(job)
    }
    return ran
  }

  private async claim() {
    const staleBefore = new Date(Date.now() - STALE_LOCK_MS)
    const res = (await this.db.execute(sql`
      update ${jobs} set status = 'running', locked_at = now(), attempts = attempts + 1
      where id = (
        select id from ${jobs}
        where (status = 'pending' and run_at <= now())
           or (status = 'running' and locked_at < ${staleBefore.toISOString()}::timestamptz)
        order by run_at
        limit 1
        for update skip locked
      )
      returning id, kind, payload, attempts, max_attempts, unique_key`)) as { rows: unknown[] }
    const row = res.rows[0] as
      | {
          id: string
          kind: string
          payload: Record<string, unknown>
          attempts: number
          max_attempts: number
          unique_key: string | null
        }
      | undefined
    return row ?? null
  }

  private async execute(job: NonNullable<Awaited<ReturnType<JobQueue['claim']>>>) {
    const handler = this.handlers.get(job.kind)
    try {
      if (!handler) throw new Error(`No handler for job kind ${job.kind}`)
      await handler({
        db: this.db,
        payload: job.payload,
        attempt: job.attempts,
        maxAttempts: job.max_attempts,
      })
      await this.db
        .update(jobs)
        .set({ status: 'done', finishedAt: new Date(), lockedAt: null, lastError: null })
        .where(this.stillOurs(job))
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      const final = job.attempts >= job.max_attempts
      this.log.error({ err, job: job.id, kind: job.kind, worker: this.worker }, 'job failed')
      await this.db
        .update(jobs)
        .set(
          final
            ? { status: 'failed', finishedAt: new Date(), lockedAt: null, lastError: message }
            : {
                status: 'pending',
                lockedAt: null,
                lastError: message,
                runAt: new Date(Date.now() + backoffMs(job.attempts)),
              },
        )
        .where(this.stillOurs(job))
    }
    const every = this.recurring.get(job.kind)
    if (every !== undefined && job.unique_key === recurringKey(job.kind)) {
      await this.enqueue(this.db, job.kind, job.payload, {
        uniqueKey: job.unique_key,
        runAt: new Date(Date.now() + every),
      })
    }
  }

  /**
   * Our claim, unless the job was meanwhile taken over as stale by another worker (which raised
   * the attempt count): then that worker's result counts and ours is dropped.
   */
  private stillOurs(job: { id: string; attempts: number }) {
    return and(eq(jobs.id, job.id), eq(jobs.status, 'running'), eq(jobs.attempts, job.attempts))
  }

  /** Makes sure each recurring job has a pending (or running) run. */
  async ensureRecurring(): Promise<void> {
    for (const kind of this.recurring.keys()) {
      await this.enqueue(this.db, kind, {}, { uniqueKey: recurringKey(kind) })
    }
  }

  start(pollMs: number): void {
    if (!this.stopped) return
    this.stopped = false
    const tick = async () => {
      if (this.stopped) return
      this.running = this.ensureRecurring()
        .then(() => this.runDue())
        .catch((err) => this.log.error({ err }, 'job poll failed'))
      await this.running
      if (!this.stopped) this.timer = setTimeout(tick, pollMs)
    }
    this.timer = setTimeout(tick, 0)
  }

  /** Stops polling and waits for the job in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    await this.running
  }
}

const DAY_MS = 24 * 3600_000

/**
 * How the queue is doing, for the health check: jobs due now (pending, run_at passed) and how long
 * the oldest of them has waited. A growing age means no node runs jobs, or they cannot keep up.
 */
export async function queueHealth(db: Db): Promise<{ due: number; oldestDueSeconds: number }> {
  const res = (await db.execute(
    sql`select count(*)::int as due,
               coalesce(extract(epoch from (now() - min(run_at))), 0)::float8 as oldest
        from jobs where status = 'pending' and run_at <= now()`,
  )) as unknown as { rows: { due: number; oldest: number }[] }
  const row = res.rows[0]
  return { due: Number(row?.due ?? 0), oldestDueSeconds: Math.max(0, Math.round(Number(row?.oldest ?? 0))) }
}

/** Removes finished jobs older than a week and failed ones older than 30 days; returns how many. */
export async function pruneJobs(db: Db, now = new Date()): Promise<number> {
  const done = await db
    .delete(jobs)
    .where(and(eq(jobs.status, 'done'), lt(jobs.finishedAt, new Date(now.getTime() - 7 * DAY_MS))))
    .returning({ id: jobs.id })
  const failed = await db
    .delete(jobs)
    .where(and(eq(jobs.status, 'failed'), lt(jobs.finishedAt, new Date(now.getTime() - 30 * DAY_MS))))
    .returning({ id: jobs.id })
  return done.length + failed.length
}

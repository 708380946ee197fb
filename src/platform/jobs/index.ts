import { hostname } from 'node:os'
import { and, eq, lt, sql } from 'drizzle-orm'
import type { Db } from '../db'
import { jobs } from './tables'

export interface JobContext {
  readonly db: Db
  readonly payload: Record<string, unknown>
  readonly attempt: number
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
const STALE_LOCK_MS = 10 * 60_000

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

  async enqueue(db: Db, kind: string, payload: Record<string, unknown> = {}, opts: EnqueueOptions = {}) {
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

  /** Cancels a pending job by its unique key (e.g. when a scheduled publication is withdrawn). */
  async cancel(db: Db, uniqueKey: string): Promise<void> {
    await db.delete(jobs).where(and(eq(jobs.uniqueKey, uniqueKey), eq(jobs.status, 'pending')))
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
      await handler({ db: this.db, payload: job.payload, attempt: job.attempts })
      await this.db
        .update(jobs)
        .set({ status: 'done', finishedAt: new Date(), lockedAt: null, lastError: null })
        .where(eq(jobs.id, job.id))
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
        .where(eq(jobs.id, job.id))
    }
    const every = this.recurring.get(job.kind)
    if (every !== undefined && job.unique_key) {
      await this.enqueue(this.db, job.kind, job.payload, {
        uniqueKey: job.unique_key,
        runAt: new Date(Date.now() + every),
      })
    }
  }

  /** Makes sure each recurring job has a pending run. */
  async ensureRecurring(): Promise<void> {
    for (const kind of this.recurring.keys()) {
      await this.enqueue(this.db, kind, {}, { uniqueKey: `recurring:${kind}` })
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

/** Removes finished jobs older than a week. */
export async function pruneJobs(db: Db): Promise<void> {
  await db
    .delete(jobs)
    .where(and(eq(jobs.status, 'done'), lt(jobs.finishedAt, new Date(Date.now() - 7 * 24 * 3600_000))))
}

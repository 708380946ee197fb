import { createHmac } from 'node:crypto'
import { lt, sql } from 'drizzle-orm'
import type { Db } from '../db'
import { rateLimitHits } from './tables'

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void

/** A block of allowance taken from the shared count: `base` is the count before it was added. */
interface Lease {
  readonly base: number
  readonly size: number
  used: number
  /** When the window ends (this node's clock, from the database's remaining time). */
  readonly until: number
}

/** How many requests of a limit of `max` a node takes from the shared count at once. */
export const leaseSize = (max: number) => Math.min(20, Math.max(1, Math.floor(max / 30)))

/**
 * The store of @fastify/rate-limit, counted in PostgreSQL (table rate_limit_hits) so a limit holds
 * across every app node. As the plugin's own memory store does, a key's window starts with its first
 * request and the count starts again once the window has passed. Only routes with a limit (sign-in,
 * public forms, OParl) pay the query. The table is UNLOGGED (no WAL, emptied after a crash, not on
 * standbys) and left out of backups (its comment says `derived:`).
 *
 * Allowance leases: a limit of `max` requests is taken from the table in blocks of
 * `leaseSize(max)` (max / 30, at least 1, at most 20). The node adds a whole block to the shared count with one
 * upsert and then lets that many requests through from memory, so a limit of 600 a minute (OParl)
 * costs one upsert per 20 requests instead of one per request. The sum over all nodes never exceeds
 * the limit (every request let through was counted in the table first); the price is that allowance
 * leased by one node and not used there is missing on the others until the window ends, so with N
 * nodes an address may be refused up to (N − 1) × (block − 1) requests early. Small limits (sign-in:
 * below 60) have blocks of 1 and are counted exactly, one upsert per request, as before.
 */
export function databaseRateLimitStore(db: Db, secret: Buffer) {
  // Client addresses never reach the table: a keyed hash stands for them (as the reporting
  // network promises, no address of a person who reports discrimination is stored).
  const pseudonym = (key: string) =>
    createHmac('sha256', secret).update(`rate-limit:${key}`).digest('base64url')
  /** The blocks of allowance this node holds, per key (see above). */
  const leases = new Map<string, Lease>()
  const pendingLeases = new Map<string, Promise<void>>()
  const sweep = () => {
    if (leases.size < 10_000) return
    const now = Date.now()
    for (const [k, l] of leases) if (l.until <= now) leases.delete(k)
  }
  /** Adds `n` to a key's count (starting a new window when the old one has passed). */
  async function upsert(key: string, n: number, timeWindow: number): Promise<{ hits: number; ttl: number }> {
    const window = sql`(${timeWindow}::int * interval '1 millisecond')`
    const res = await db.execute(
      sql`insert into rate_limit_hits as r (key, window_start, hits) values (${key}, now(), ${n}::int)
          on conflict (key) do update set
            hits = case when r.window_start <= now() - ${window} then ${n}::int else r.hits + ${n}::int end,
            window_start = case when r.window_start <= now() - ${window} then now() else r.window_start end
          returning r.hits as hits,
            greatest(0, extract(epoch from (r.window_start + ${window} - now())) * 1000)::float8 as ttl`,
    )
    const row = (res as unknown as { rows: { hits: number; ttl: number }[] }).rows[0]
    return { hits: Number(row?.hits ?? n), ttl: Math.round(Number(row?.ttl ?? timeWindow)) }
  }
  class DatabaseStore {
    private readonly prefix: string
    /** The plugin passes its options; a route's store (child) gets the route as a key prefix. */
    constructor(_options?: unknown, prefix = '') {
      this.prefix = prefix
    }

    incr(key: string, cb: Callback, timeWindow: number, max?: number): void {
      const block = leaseSize(max ?? 1)
      const k = this.prefix + pseudonym(key)
      if (block === 1) {
        upsert(k, 1, timeWindow).then(
          (r) => cb(null, { current: r.hits, ttl: r.ttl }),
          (err: Error) => cb(err),
        )
        return
      }
      const fromLease = (): boolean => {
        const lease = leases.get(k)
        const now = Date.now()
        if (!lease || lease.until <= now || lease.used >= lease.size) return false
        lease.used++
        cb(null, { current: lease.base + lease.used, ttl: lease.until - now })
        return true
      }
      if (fromLease()) return
      // One lease request per key at a time; requests arriving meanwhile wait for it.
      let pending = pendingLeases.get(k)
      if (!pending) {
        pending = upsert(k, block, timeWindow)
          .then((r) => {
            sweep()
            leases.set(k, { base: r.hits - block, size: block, used: 0, until: Date.now() + r.ttl })
          })
          .finally(() => pendingLeases.delete(k))
        pendingLeases.set(k, pending)
      }
      pending.then(
        () => {
          if (!fromLease()) this.incr(key, cb, timeWindow, max)
        },
        (err: Error) => cb(err),
      )
    }

    /** Typed as the plugin declares it; at run time it passes the merged options with `routeInfo`. */
    child(routeOptions: object): DatabaseStore {
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo
      return new DatabaseStore(undefined, `${String(route?.method ?? '')} ${String(route?.url ?? '')} `)
    }
  }
  return DatabaseStore
}

/** Removes the counts of windows that ended (housekeeping); the longest window is an hour. */
export async function pruneRateLimits(db: Db, now = new Date()): Promise<number> {
  const rows = await db
    .delete(rateLimitHits)
    .where(lt(rateLimitHits.windowStart, new Date(now.getTime() - 3600_000)))
    .returning({ key: rateLimitHits.key })
  return rows.length
}

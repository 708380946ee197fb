import { createHmac } from 'node:crypto'
import { lt, sql } from 'drizzle-orm'
import type { Db } from '../db'
import { rateLimitHits } from './tables'

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void

/**
 * The store of @fastify/rate-limit, counted in PostgreSQL (table rate_limit_hits) so a limit holds
 * across every app node: one upsert per limited request. As the plugin's own memory store does, a
 * key's window starts with its first request and the count starts again once the window has passed.
 * Only routes with a limit (sign-in, public forms, OParl) pay the query. The table is UNLOGGED (no
 * WAL, emptied after a crash, not on standbys) and left out of backups (its comment says `derived:`).
 */
export function databaseRateLimitStore(db: Db, secret: Buffer) {
  // Client addresses never reach the table: a keyed hash stands for them (as the reporting
  // network promises, no address of a person who reports discrimination is stored).
  const pseudonym = (key: string) =>
    createHmac('sha256', secret).update(`rate-limit:${key}`).digest('base64url')
  class DatabaseStore {
    private readonly prefix: string
    /** The plugin passes its options; a route's store (child) gets the route as a key prefix. */
    constructor(_options?: unknown, prefix = '') {
      this.prefix = prefix
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      const window = sql`(${timeWindow}::int * interval '1 millisecond')`
      db.execute(
        sql`insert into rate_limit_hits as r (key, window_start, hits) values (${this.prefix + pseudonym(key)}, now(), 1)
            on conflict (key) do update set
              hits = case when r.window_start <= now() - ${window} then 1 else r.hits + 1 end,
              window_start = case when r.window_start <= now() - ${window} then now() else r.window_start end
            returning r.hits as hits,
              greatest(0, extract(epoch from (r.window_start + ${window} - now())) * 1000)::float8 as ttl`,
      ).then(
        (res) => {
          const row = (res as unknown as { rows: { hits: number; ttl: number }[] }).rows[0]
          cb(null, { current: Number(row?.hits ?? 1), ttl: Math.round(Number(row?.ttl ?? timeWindow)) })
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

import { lt, sql } from 'drizzle-orm'
import type { Db } from '../db'
import { rateLimitHits } from './tables'

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void

/**
 * The store of @fastify/rate-limit, counted in PostgreSQL (table rate_limit_hits) so a limit holds
 * across every app node: one upsert per limited request, in fixed windows of the route's time window
 * (a client may get up to twice the limit across a window's edge, as with any fixed window). Only
 * routes with a limit (sign-in, public forms, OParl) pay it.
 */
export function databaseRateLimitStore(db: Db) {
  class DatabaseStore {
    private readonly prefix: string
    /** The plugin passes its options; a route's store (child) gets the route as a key prefix. */
    constructor(_options?: unknown, prefix = '') {
      this.prefix = prefix
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      const now = Date.now()
      const start = new Date(now - (now % timeWindow))
      db.insert(rateLimitHits)
        .values({ key: this.prefix + key, windowStart: start, hits: 1 })
        .onConflictDoUpdate({
          target: [rateLimitHits.key, rateLimitHits.windowStart],
          set: { hits: sql`${rateLimitHits.hits} + 1` },
        })
        .returning({ hits: rateLimitHits.hits })
        .then(
          ([row]) => cb(null, { current: row?.hits ?? 1, ttl: start.getTime() + timeWindow - now }),
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

import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Requests counted for the rate limits, per key (route and client address), shared by every app
 * node (rate-limit-store.ts). A key's window starts with its first request and runs for the route's
 * time window (the database's clock decides, so the nodes agree). Old rows are removed by housekeeping.
 */
export const rateLimitHits = pgTable('rate_limit_hits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  hits: integer('hits').notNull().default(1),
})

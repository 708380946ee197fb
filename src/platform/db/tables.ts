import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** Installation-wide values the platform creates itself (e.g. the signing secret, the demo-data marker). */
export const systemSettings = pgTable('system_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

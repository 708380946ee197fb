import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { users } from '../auth/tables'

/** Metadata of a stored upload; the bytes live under DATA_DIR/files by their SHA-256. */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sha256: text('sha256').notNull(),
    /**
     * Which feature's rule decides who may download it, e.g. "press.attachment" (see FileStore:
     * owners are declared in Feature.files; an upload without a declared owner cannot be stored).
     */
    owner: text('owner').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mediaType: text('media_type').notNull(),
    extension: text('extension').notNull(),
    originalName: text('original_name').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stored_files_sha_idx').on(t.sha256)],
)

import {
  bigint,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from '../auth/tables'

/** Metadata of a stored upload; the bytes are in stored_file_chunks by their SHA-256 (every node reads them). */
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

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
})

/**
 * The bytes of stored files, by content hash (identical uploads are kept once), cut into chunks of
 * at most FILE_CHUNK_BYTES so no single value grows large (docs/decisions/files-in-postgresql.md: so
 * every app node serves every file without a shared disk).
 */
export const storedFileChunks = pgTable(
  'stored_file_chunks',
  {
    sha256: text('sha256').notNull(),
    /** 0, 1, 2 … in the order the bytes are put together. */
    seq: integer('seq').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.seq] })],
)

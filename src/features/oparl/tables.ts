import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'

/**
 * Tombstones of hard-deleted rows, so the OParl API can still answer their URLs with
 * `deleted: true` and list them under `modified_since` (OParl 1.1, 2.8). Filled only by the
 * database triggers in migration `*_oparl_tombstone_triggers.sql` (never by application code), so a
 * delete from any feature, the CLI or by hand leaves a tombstone.
 *
 * `entity` is the source table: people, councils, council_terms, council_memberships, meetings,
 * papers, agenda_items, council_files (then `parent_id` is the paper or meeting, `is_public` false for
 * a file of minutes that were not published).
 */
export const oparlTombstones = pgTable(
  'oparl_tombstones',
  {
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    /**
     * The council the row belonged to (for councils: its body, i.e. parent or itself; for agenda
     * items: the meeting's council). Null for people.
     */
    councilId: uuid('council_id'),
    /** The object it was embedded in: the meeting of an agenda item, the person of a membership. */
    parentId: uuid('parent_id'),
    /** The paper of an agenda item (its consultation disappears with it). */
    paperId: uuid('paper_id'),
    /** Name or title, so a deleted Body still has its required `name`. */
    label: text('label'),
    /** Position of an agenda item (AgendaItem requires `order`). */
    position: integer('position'),
    /** False for non-public agenda items: those never appear in the API, not even as tombstones. */
    isPublic: boolean('is_public').notNull().default(true),
    /** A meeting had a location (so its Location is deleted too). */
    hasLocation: boolean('has_location').notNull().default(false),
    /** A paper had a text (so its File is deleted too). */
    hasFile: boolean('has_file').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.entityId] }),
    index('oparl_tombstones_council_idx').on(t.councilId),
    index('oparl_tombstones_parent_idx').on(t.parentId),
  ],
)

/**
 * The OParl read model: every object of every list of a body, as sent, with the times the lists are
 * filtered and paged by, so that a list page is one keyset query (`(modified, id) > cursor … limit
 * n + 1`) instead of loading the body's whole data set. Built from the source tables by
 * oparl-index.ts when `oparl_version` has moved on since the body was last built; never written
 * otherwise. `list` is a body list (`meetings`), `meetings@<organisation id>` for an organisation's
 * meetings, or `bodies` (under the nil body id) for the list of all bodies.
 */
export const oparlEntries = pgTable(
  'oparl_entries',
  {
    bodyId: uuid('body_id').notNull(),
    list: text('list').notNull(),
    /** The object's URL (OParl `id`). */
    id: text('id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull(),
    modifiedAt: timestamp('modified_at', { withTimezone: true, precision: 3 }).notNull(),
    deleted: boolean('deleted').notNull(),
    /** The OParl object as JSON text (key order kept). */
    object: text('object').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.bodyId, t.list, t.id] }),
    index('oparl_entries_page_idx').on(t.bodyId, t.list, t.modifiedAt, t.id),
    // An object found by its URL alone, without first looking up the body it belongs to.
    index('oparl_entries_id_idx').on(t.id),
  ],
)

/** Which `oparl_version` each body's entries were built from. */
export const oparlIndexState = pgTable('oparl_index_state', {
  bodyId: uuid('body_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
})

/**
 * One row: a counter that every statement changing a table the OParl objects are made of raises
 * (statement triggers, migration `*_oparl_index.sql`), in the writer's transaction.
 */
export const oparlVersion = pgTable('oparl_version', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
})

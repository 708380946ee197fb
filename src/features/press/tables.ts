import { sql } from 'drizzle-orm'
import {
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from '../../platform/auth/tables'
import { storedFiles } from '../../platform/files/tables'

const tsvector = customType<{ data: string }>({
  dataType() {
    return 'tsvector'
  },
})

export const RELEASE_STATUSES = ['draft', 'scheduled', 'published', 'archived'] as const
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number]

/** A topic (Thema) releases are filed under; its slug appears in URLs and feeds. */
export const pressTopics = pgTable('press_topics', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** A reusable press contact ("Kontakt für Pressevertreter"). */
export const pressContacts = pgTable('press_contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  organisation: text('organisation').notNull(),
  street: text('street'),
  postalCode: text('postal_code'),
  city: text('city'),
  phone: text('phone'),
  fax: text('fax'),
  email: text('email'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * A press release. `body` is the Markdown the press office writes; `bodyHtml` its sanitised
 * rendering and `plainText` the text without markup (search, snippets, reading time). The German
 * search vector is a generated column, so it can never disagree with the text; angle brackets are
 * blanked for it because PostgreSQL's parser would read "<…" as a tag and skip the words after it.
 */
export const pressReleases = pgTable(
  'press_releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    subtitle: text('subtitle'),
    teaser: text('teaser').notNull(),
    dateline: text('dateline'),
    body: text('body').notNull(),
    bodyHtml: text('body_html').notNull(),
    plainText: text('plain_text').notNull(),
    readingMinutes: integer('reading_minutes').notNull(),
    status: text('status', { enum: RELEASE_STATUSES }).notNull().default('draft'),
    /** When a scheduled release is to be published. */
    publishAt: timestamp('publish_at', { withTimezone: true }),
    /** The date shown; set at the first publication. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    contactId: uuid('contact_id').references(() => pressContacts.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('german'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('german'::regconfig, coalesce(subtitle, '')), 'B') || setweight(to_tsvector('german'::regconfig, translate(plain_text, '<>', '  ')), 'C')`,
      ),
  },
  (t) => [
    index('press_releases_status_published_idx').on(t.status, t.publishedAt),
    index('press_releases_search_idx').using('gin', t.searchVector),
  ],
)

/** Former slugs of a release; requests for them are redirected (301) to the current one. */
export const pressSlugHistory = pgTable('press_slug_history', {
  slug: text('slug').primaryKey(),
  releaseId: uuid('release_id')
    .notNull()
    .references(() => pressReleases.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

export const pressReleaseTopics = pgTable(
  'press_release_topics',
  {
    releaseId: uuid('release_id')
      .notNull()
      .references(() => pressReleases.id, { onDelete: 'cascade' }),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => pressTopics.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.releaseId, t.topicId] }),
    index('press_release_topics_topic_idx').on(t.topicId),
  ],
)

/** A download of a release: a stored file with a title. */
export const pressAttachments = pgTable(
  'press_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    releaseId: uuid('release_id')
      .notNull()
      .references(() => pressReleases.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    title: text('title').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('press_attachments_release_file_idx').on(t.releaseId, t.fileId)],
)

/** What a revision keeps: the editable fields of a release at one save. */
export interface ReleaseSnapshot {
  title: string
  subtitle: string | null
  slug: string
  teaser: string
  dateline: string | null
  body: string
  contactId: string | null
  topicIds: string[]
}

/** Every save of a release keeps one revision; any revision can be restored. */
export const pressRevisions = pgTable(
  'press_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    releaseId: uuid('release_id')
      .notNull()
      .references(() => pressReleases.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').$type<ReleaseSnapshot>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('press_revisions_release_version_idx').on(t.releaseId, t.version)],
)

import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { organisations, places } from '../directory/tables'

/**
 * An offer of the offers finder (Angebotsfinder): something a provider organisation of the directory
 * gives at a place of the directory (or online). The provider keeps it; `confirmedAt` is the last
 * time someone confirmed it is still true (staleness: docs/decisions/offers-search.md).
 */
export const offers = pgTable(
  'offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable id of the record in the source a CSV import came from; re-imports update by it. */
    externalId: text('external_id'),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The municipality (or district) where it takes place; null only for an online-only offer. */
    placeId: uuid('place_id').references(() => places.id),
    online: boolean('online').notNull().default(false),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** BCP 47 tag of the language the provider wrote title and description in. */
    lang: text('lang').notNull().default('de'),
    /** ISO 639-1 codes of the languages the offer is given in. */
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    targetGroups: text('target_groups').array().notNull().default(sql`'{}'::text[]`),
    street: text('street'),
    postcode: text('postcode'),
    city: text('city'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** Regular times in words ("dienstags 10–12 Uhr"). */
    times: text('times'),
    /** A dated offer (a course, an event): start and optional end; these get an iCalendar file. */
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    /** Cost in cents per person; 0 = free, null = not stated. */
    costCents: integer('cost_cents'),
    costNote: text('cost_note'),
    accessibility: text('accessibility'),
    wheelchairAccessible: boolean('wheelchair_accessible'),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    website: text('website'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the provider was last asked by mail to confirm it (the staleness job); null: never. */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    /** Demo data (shown with a note, never exported as open data). */
    demo: boolean('demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('offers_external_id_idx').on(t.externalId),
    index('offers_organisation_idx').on(t.organisationId),
    index('offers_place_idx').on(t.placeId),
    index('offers_confirmed_idx').on(t.confirmedAt),
    check('offers_place_or_online', sql`${t.placeId} is not null or ${t.online}`),
    check('offers_cost_nonnegative', sql`${t.costCents} is null or ${t.costCents} >= 0`),
    check(
      'offers_ends_after_start',
      sql`${t.endsAt} is null or (${t.startsAt} is not null and ${t.endsAt} >= ${t.startsAt})`,
    ),
  ],
)

/**
 * A provider's translation of an offer's title and description into another language. The offer's
 * own text stays in the language it was written in (`offers.lang`); a translation is shown to a
 * visitor whose page language it is. One per offer and language; the original's language has none.
 */
export const offerTranslations = pgTable(
  'offer_translations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    /** BCP 47 tag (one of the offer languages). */
    lang: text('lang').notNull(),
    /** Null: the original title is kept. */
    title: text('title'),
    description: text('description').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('offer_translations_offer_lang_idx').on(t.offerId, t.lang)],
)

/**
 * Foreign residents per district, imported by staff from the statistical office's table (the
 * figures are not shipped: docs/decisions/offers-search.md). One row per district; a re-import
 * replaces it. `demo` marks the demo data's estimates, which are labelled as such wherever shown.
 */
export const foreignResidents = pgTable(
  'offers_foreign_residents',
  {
    /** The district (directory place of kind district). */
    placeId: uuid('place_id')
      .primaryKey()
      .references(() => places.id),
    count: integer('count').notNull(),
    /** The day the figure refers to (e.g. 2024-12-31). */
    referenceDate: date('reference_date').notNull(),
    /** Who published it (e.g. "Hessisches Statistisches Landesamt, AZR"). */
    source: text('source').notNull(),
    demo: boolean('demo').notNull().default(false),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('offers_foreign_residents_count_ck', sql`${t.count} >= 0`)],
)

/**
 * One row whose `version` rises with every statement that changes an offer or a place (triggers in
 * the migration, so every write path counts, whoever wrote it). The finder's in-memory search index
 * (search-index.ts) is valid as long as the version it was read at is the current one.
 */
export const offersSearchVersion = pgTable(
  'offers_search_version',
  {
    id: integer('id').primaryKey().default(1),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('offers_search_version_single', sql`${t.id} = 1`)],
)

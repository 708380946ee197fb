import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  boolean,
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

/**
 * The shared directory every feature links to: places, organisations and people. No feature keeps
 * its own copy of these.
 *
 * A place is a territorial unit with an official key (AGS for municipalities, the 5-digit district
 * key for districts) and a validity period: when a municipality merges or changes district, the old
 * row gets `validUntil` and the new row `validFrom`, linked through `successorId`.
 */
export const places = pgTable(
  'places',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['state', 'district', 'municipality', 'unincorporated'] }).notNull(),
    /** Amtlicher Gemeindeschlüssel (8 digits) or district key (5 digits). */
    officialKey: text('official_key').notNull(),
    /** Amtlicher Regionalschlüssel (12 digits), when known. */
    regionalKey: text('regional_key'),
    name: text('name').notNull(),
    /** E.g. "Stadt", "Gemeinde", "Landkreis", "Kreisfreie Stadt". */
    designation: text('designation'),
    /** "kreisfreie Stadt", "Sonderstatusstadt", "kreisangehörige Gemeinde", … */
    status: text('status'),
    parentId: uuid('parent_id').references((): AnyPgColumn => places.id),
    population: integer('population'),
    /** Centroid of the area (WGS84), from the boundary data; distances of the offers finder start here. */
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    validFrom: date('valid_from'),
    validUntil: date('valid_until'),
    successorId: uuid('successor_id').references((): AnyPgColumn => places.id),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('places_key_valid_from_idx').on(
      t.officialKey,
      sql`coalesce(${t.validFrom}, '0001-01-01'::date)`,
    ),
    index('places_parent_idx').on(t.parentId),
    index('places_name_idx').on(sql`lower(${t.name})`),
  ],
)

export const ORGANISATION_KINDS = [
  'authority',
  'municipality',
  'association',
  'migrant_organisation',
  'counselling_centre',
  'partner',
  'council_body',
  'other',
] as const

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ORGANISATION_KINDS }).notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    /** E.g. "eingetragener Verein", "Gebietskörperschaft". */
    legalForm: text('legal_form'),
    registerCourt: text('register_court'),
    registerNumber: text('register_number'),
    nonProfit: boolean('non_profit').notNull().default(false),
    /** The territory it belongs to or serves (municipality, district). */
    placeId: uuid('place_id').references(() => places.id),
    street: text('street'),
    postcode: text('postcode'),
    city: text('city'),
    email: text('email'),
    phone: text('phone'),
    website: text('website'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organisations_kind_idx').on(t.kind), index('organisations_place_idx').on(t.placeId)],
)

/** A person known to the platform. Contact details are shown publicly only with `publicContactConsent`. */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    honorificPrefix: text('honorific_prefix'),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    publicContactConsent: boolean('public_contact_consent').notNull().default(false),
    /** The organisation the person mainly acts for, if any. */
    organisationId: uuid('organisation_id').references(() => organisations.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('people_name_idx').on(sql`lower(${t.familyName})`, sql`lower(${t.givenName})`)],
)

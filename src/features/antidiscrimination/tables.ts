import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from '../../platform/auth/tables'
import { organisations, places } from '../directory/tables'

/**
 * The anti-discrimination network (issue 15). Member organisations live in the directory; this
 * feature only marks which of them are counselling centres of the network, with the languages they
 * counsel in and the districts they serve.
 */
export const antidiscCentres = pgTable('antidisc_centres', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  /** Locale codes of the languages counselling is offered in ('de', 'ar', …). */
  languages: text('languages').array().notNull(),
  /** What the centre offers within the network (grounds.ts, CENTRE_SERVICES). */
  services: text('services').array().notNull().default(sql`'{}'::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** The districts (directory places of kind district) a centre serves. */
export const antidiscCentreRegions = pgTable(
  'antidisc_centre_regions',
  {
    centreId: uuid('centre_id')
      .notNull()
      .references(() => antidiscCentres.organisationId, { onDelete: 'cascade' }),
    placeId: uuid('place_id')
      .notNull()
      .references(() => places.id),
  },
  (t) => [
    primaryKey({ columns: [t.centreId, t.placeId] }),
    index('antidisc_centre_regions_place_idx').on(t.placeId),
  ],
)

/** A counsellor's account is bound to exactly one centre. */
export const antidiscCounsellors = pgTable('antidisc_counsellors', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  centreId: uuid('centre_id')
    .notNull()
    .references(() => antidiscCentres.organisationId),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

export const CONTACT_WISHES = ['anonymous', 'email', 'phone'] as const
export type ContactWish = (typeof CONTACT_WISHES)[number]

/**
 * A report made at /melden. Nothing here says who made it or from where: no IP address, no user
 * agent, no account. What happened and how to reach the reporter are sealed with the report's own
 * data key (`dataKey`, wrapped by a key of the key file named `keyId`); see case-crypto.ts.
 * Only the facts a router needs stay readable: when, which district, which grounds, the language.
 */
export const antidiscReports = pgTable(
  'antidisc_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The centre it is routed to; null while the network office has not routed it. */
    centreId: uuid('centre_id').references(() => antidiscCentres.organisationId),
    /** Whether the reporter chose the centre, or it was routed by region and language. */
    routedBy: text('routed_by', { enum: ['reporter', 'rule', 'office', 'referral'] }),
    occurredOn: date('occurred_on').notNull(),
    districtId: uuid('district_id')
      .notNull()
      .references(() => places.id),
    grounds: text('grounds').array().notNull(),
    contactWish: text('contact_wish', { enum: CONTACT_WISHES }).notNull(),
    /** The language the report was written in (for routing and the answer). */
    language: text('language').notNull(),
    /** Key id, wrapped data key, sealed texts and receipt hash are null once the report is anonymised. */
    keyId: text('key_id'),
    dataKey: text('data_key'),
    narrativeSealed: text('narrative_sealed'),
    contactSealed: text('contact_sealed'),
    /** argon2id of the 16-digit receipt code under the installation's receipt salt (never the code). */
    receiptHash: text('receipt_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Retention (retention.ts): when the report's data key, texts, messages and receipt code were
     * destroyed, leaving only the facts the statistics count; and when the centre was reminded that
     * an anonymous report nobody answered is about to expire.
     */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    expiryRemindedAt: timestamp('expiry_reminded_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('antidisc_reports_receipt_idx').on(t.receiptHash),
    index('antidisc_reports_centre_idx').on(t.centreId, t.createdAt),
    check('antidisc_reports_grounds_ck', sql`cardinality(${t.grounds}) > 0`),
  ],
)

/** The conversation on a report: the reporter (through the receipt code) and the centre's counsellors. */
export const antidiscMessages = pgTable(
  'antidisc_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => antidiscReports.id, { onDelete: 'cascade' }),
    author: text('author', { enum: ['reporter', 'counsellor'] }).notNull(),
    /** The counsellor who wrote it (null for the reporter). */
    userId: uuid('user_id').references(() => users.id),
    bodySealed: text('body_sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('antidisc_messages_report_idx').on(t.reportId, t.createdAt)],
)

export const CASE_STATUS = ['open', 'closed'] as const

/**
 * The counsellors' case file on a report (advd/ADS documentation standards), one per report. The
 * categories stay readable (they are what anonymised statistics count); what the client told and
 * the counsellors' notes are sealed with the report's own data key (case-crypto.ts), like the
 * report itself.
 */
export const antidiscCaseFiles = pgTable('antidisc_case_files', {
  reportId: uuid('report_id')
    .primaryKey()
    .references(() => antidiscReports.id, { onDelete: 'cascade' }),
  status: text('status', { enum: CASE_STATUS }).notNull().default('open'),
  grounds: text('grounds').array().notNull(),
  /** Several grounds act together (multiple or intersectional discrimination). */
  intersectional: boolean('intersectional').notNull().default(false),
  domain: text('domain'),
  aggCovered: text('agg_covered', { enum: ['yes', 'no', 'unclear'] }),
  forms: text('forms').array().notNull(),
  level: text('level'),
  actorKind: text('actor_kind'),
  /** The day the two-month AGG period runs from (the incident, or when the client learnt of it). */
  deadlineFrom: date('deadline_from').notNull(),
  outcome: text('outcome'),
  clientAssessment: text('client_assessment'),
  factsSealed: text('facts_sealed'),
  consequencesSealed: text('consequences_sealed'),
  goalSealed: text('goal_sealed'),
  notesSealed: text('notes_sealed'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/** What the centre did on a case, over time; the note is sealed with the report's data key. */
export const antidiscInterventions = pgTable(
  'antidisc_interventions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => antidiscCaseFiles.reportId, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    on: date('on').notNull(),
    noteSealed: text('note_sealed'),
    userId: uuid('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('antidisc_interventions_report_idx').on(t.reportId, t.on)],
)

export const REFERRAL_CONSENTS = ['message', 'conversation', 'written'] as const

/**
 * A report handed from one centre of the network to another with the reporter's consent (how it was
 * given is recorded; what was said stays in the sealed conversation). The history of referrals.
 */
export const antidiscReferrals = pgTable(
  'antidisc_referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => antidiscReports.id, { onDelete: 'cascade' }),
    fromCentreId: uuid('from_centre_id')
      .notNull()
      .references(() => antidiscCentres.organisationId),
    toCentreId: uuid('to_centre_id')
      .notNull()
      .references(() => antidiscCentres.organisationId),
    consent: text('consent', { enum: REFERRAL_CONSENTS }).notNull(),
    consentOn: date('consent_on').notNull(),
    userId: uuid('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('antidisc_referrals_report_idx').on(t.reportId, t.createdAt)],
)

/**
 * Files of a report: what the reporter adds (with the receipt code) and the counsellors' documents of
 * the case file (letters, memory protocols, replies). Images are re-encoded without their
 * metadata (GPS position, camera, time) before they are stored; name and bytes are sealed with the
 * report's data key, so neither the database nor a backup shows them.
 */
export const antidiscAttachments = pgTable(
  'antidisc_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => antidiscReports.id, { onDelete: 'cascade' }),
    /** Who added it: the reporter (with the receipt code) or a counsellor (a document of the case file). */
    author: text('author', { enum: ['reporter', 'counsellor'] })
      .notNull()
      .default('reporter'),
    /** The counsellor who added it (null for the reporter). */
    userId: uuid('user_id').references(() => users.id),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    nameSealed: text('name_sealed').notNull(),
    bytesSealed: text('bytes_sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('antidisc_attachments_report_idx').on(t.reportId, t.createdAt)],
)

/**
 * Proof-of-work challenges (reporting/proof-of-work.ts) that let a report through, by their SHA-256
 * digest, until they expire: shared by every node, so a challenge lets exactly one report through.
 */
export const antidiscSpentChallenges = pgTable(
  'antidisc_spent_challenges',
  {
    digest: text('digest').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('antidisc_spent_challenges_expires_idx').on(t.expiresAt)],
)

/**
 * The identity an anonymous reporter disclosed later (with the receipt code), sealed with the
 * report's data key. The counsellors of the centre do not see it until a second person, a custodian
 * of the network office, approved their request (GlobaLeaks' custodian step); every reveal is
 * audited. A new disclosure replaces the old one and needs a new approval.
 */
export const antidiscIdentities = pgTable('antidisc_identities', {
  reportId: uuid('report_id')
    .primaryKey()
    .references(() => antidiscReports.id, { onDelete: 'cascade' }),
  identitySealed: text('identity_sealed').notNull(),
  disclosedAt: timestamp('disclosed_at', { withTimezone: true }).notNull().defaultNow(),
  /** Why the counsellor needs it, sealed with the report's key (opened for the custodian only). */
  reasonSealed: text('reason_sealed'),
  requestedBy: uuid('requested_by').references(() => users.id),
  requestedAt: timestamp('requested_at', { withTimezone: true }),
  approvedBy: uuid('approved_by').references(() => users.id),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
})

/**
 * Tries with a receipt code within the throttle's window (reporting/throttle.ts), counted here so the
 * lock-out holds across every app node. `key` is a keyed hash of the client address (the address is
 * never stored); a row is forgotten once it leaves the window. UNLOGGED and `derived:` (not backed
 * up), as the platform's rate-limit counts: losing them in a crash only forgives some wrong codes.
 */
export const antidiscReceiptTries = pgTable(
  'antidisc_receipt_tries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('antidisc_receipt_tries_key_at').on(t.key, t.at),
    index('antidisc_receipt_tries_at').on(t.at),
  ],
)

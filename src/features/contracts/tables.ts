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
import { storedFiles } from '../../platform/files/tables'
import { ROUND_ANSWERS } from '../../platform/rounds/rules'
import { organisations } from '../directory/tables'

/**
 * Integration contracts (Integrationsverträge) between the state and a civil-society partner of the
 * directory: the obligations of each side, milestones with due dates and evidence, the partner's
 * reports, renewals of the term and the signed contract as a stored file. The lifecycle is in
 * lifecycle.ts (negotiation → signed → running → evaluated → ended).
 */

export const CONTRACT_STATES = ['negotiation', 'signed', 'running', 'evaluated', 'ended'] as const
export type ContractState = (typeof CONTRACT_STATES)[number]

export const OBLIGATION_SIDES = ['state', 'partner'] as const
export type ObligationSide = (typeof OBLIGATION_SIDES)[number]

export const integrationContracts = pgTable(
  'integration_contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The partner: an organisation of the directory. */
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    topic: text('topic').notNull(),
    summary: text('summary').notNull().default(''),
    status: text('status', { enum: CONTRACT_STATES }).notNull().default('negotiation'),
    signedOn: date('signed_on', { mode: 'string' }),
    /** The term: from the start to the (current) end; a renewal moves the end. */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** The signed contract (platform file store, owner `contracts.document`). */
    documentFileId: uuid('document_file_id').references(() => storedFiles.id),
    /** Demo data (shown as such on every page). */
    demo: boolean('demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('integration_contracts_organisation').on(t.organisationId),
    check('integration_contracts_term', sql`ends_on >= starts_on`),
    // Every state after negotiation has a day of signing, except a negotiation broken off (ended unsigned).
    check('integration_contracts_signed', sql`status in ('negotiation', 'ended') or signed_on is not null`),
  ],
)

export const contractObligations = pgTable(
  'contract_obligations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => integrationContracts.id, { onDelete: 'cascade' }),
    side: text('side', { enum: OBLIGATION_SIDES }).notNull(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
  },
  (t) => [index('contract_obligations_contract').on(t.contractId)],
)

export const contractMilestones = pgTable(
  'contract_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => integrationContracts.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** What shows the milestone is reached (e.g. "Dokumentation der Fachtage"). */
    evidence: text('evidence').notNull().default(''),
    /** When the partner's accounts were reminded that it is due soon / that its report is overdue. */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    overdueRemindedAt: timestamp('overdue_reminded_at', { withTimezone: true }),
  },
  (t) => [
    index('contract_milestones_contract').on(t.contractId),
    index('contract_milestones_due').on(t.dueOn),
  ],
)

/** A report by the partner (or the ministry on its behalf), on one milestone or the contract as a whole. */
export const contractReports = pgTable(
  'contract_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => integrationContracts.id, { onDelete: 'cascade' }),
    milestoneId: uuid('milestone_id').references(() => contractMilestones.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contract_reports_contract').on(t.contractId),
    check('contract_reports_text', sql`length(btrim(text)) > 0`),
  ],
)

export const contractRenewals = pgTable(
  'contract_renewals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => integrationContracts.id, { onDelete: 'cascade' }),
    renewedOn: date('renewed_on', { mode: 'string' }).notNull(),
    previousEndsOn: date('previous_ends_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [
    index('contract_renewals_contract').on(t.contractId),
    check('contract_renewals_later', sql`ends_on > previous_ends_on`),
  ],
)

// ── Comment rounds on a contract draft (decision 0006) ───────────────────────
//
// A contract in negotiation is opened for comment by the integration conference for a period; its
// obligations, as they read at the opening, are the sections. The shared rules are in
// src/platform/rounds; these are the contracts' own records of a round.

export const contractRounds = pgTable(
  'contract_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => integrationContracts.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contract_rounds_contract').on(t.contractId),
    check('contract_rounds_period', sql`closes_at > opens_at`),
  ],
)

/** One obligation of the draft as it read when the round opened. */
export const contractRoundSections = pgTable(
  'contract_round_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => contractRounds.id, { onDelete: 'cascade' }),
    /** The obligation the section stands for; its next wording is written there. */
    obligationId: uuid('obligation_id').references(() => contractObligations.id, { onDelete: 'set null' }),
    side: text('side', { enum: OBLIGATION_SIDES }).notNull(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
  },
  (t) => [uniqueIndex('contract_round_sections_obligation').on(t.roundId, t.obligationId)],
)

/** A member's comment on a section, optionally with a changed wording, and the ministry's answer. */
export const contractComments = pgTable(
  'contract_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sectionId: uuid('section_id')
      .notNull()
      .references(() => contractRoundSections.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    authorName: text('author_name').notNull(),
    organisationName: text('organisation_name'),
    body: text('body').notNull(),
    proposedText: text('proposed_text'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    answer: text('answer', { enum: ROUND_ANSWERS }),
    answerReason: text('answer_reason'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    index('contract_comments_section').on(t.sectionId),
    check('contract_comments_body', sql`length(btrim(body)) > 0`),
    check('contract_comments_answer', sql`answer is null or length(btrim(answer_reason)) > 0`),
  ],
)

/** The next wording of a section, written into the obligation, with the comments behind it. */
export const contractRevisions = pgTable('contract_revisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  sectionId: uuid('section_id')
    .notNull()
    .references(() => contractRoundSections.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

export const contractRevisionComments = pgTable(
  'contract_revision_comments',
  {
    revisionId: uuid('revision_id')
      .notNull()
      .references(() => contractRevisions.id, { onDelete: 'cascade' }),
    commentId: uuid('comment_id')
      .notNull()
      .references(() => contractComments.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.revisionId, t.commentId] })],
)

import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  foreignKey,
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
import { organisations, people, places } from '../directory/tables'
import type { LineRules } from './rules'

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' })
const cents = (name: string) => bigint(name, { mode: 'number' })

/** A funding programme (WIR – Vielfalt und Teilhabe) and the authority that awards its grants. */
export const fundingProgrammes = pgTable(
  'funding_programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull().unique(),
    name: text('name').notNull(),
    authority: text('authority').notNull(),
    legalBasis: text('legal_basis').notNull(),
    /**
     * The need window of payment requests (Mittelabruf): money may be requested only for payments due
     * within this many days (federal practice 6 weeks; Hessen's value unconfirmed, hence a setting).
     */
    needWindowDays: integer('need_window_days').notNull().default(42),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('funding_programmes_need_window', sql`${t.needWindowDays} between 1 and 366`)],
)

/** A funding line with its rules (validated by the LineRules schema when saved). */
export const fundingLines = pgTable('funding_lines', {
  id: uuid('id').primaryKey().defaultRandom(),
  programmeId: uuid('programme_id')
    .notNull()
    .references(() => fundingProgrammes.id),
  /** Short code used in file numbers, e.g. MSO. */
  key: text('key').notNull().unique(),
  nameDe: text('name_de').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionDe: text('description_de').notNull(),
  descriptionEn: text('description_en').notNull(),
  rules: jsonb('rules').$type<LineRules>().notNull(),
  sort: integer('sort').notNull().default(0),
  open: boolean('open').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * The budget of a line in a year. committed_cents only ever changes through one UPDATE that adds the
 * approved amount; the CHECK constraint makes overspending impossible even for concurrent approvals.
 */
export const fundingBudgets = pgTable(
  'funding_budgets',
  {
    lineId: uuid('line_id')
      .notNull()
      .references(() => fundingLines.id),
    year: integer('year').notNull(),
    budgetCents: cents('budget_cents').notNull(),
    committedCents: cents('committed_cents').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.lineId, t.year] }),
    check('funding_budgets_committed_within_budget', sql`${t.committedCents} <= ${t.budgetCents}`),
    check('funding_budgets_committed_not_negative', sql`${t.committedCents} >= 0`),
    check('funding_budgets_budget_not_negative', sql`${t.budgetCents} >= 0`),
  ],
)

/** What only funding needs about an applicant organisation (the organisation itself is in the directory). */
export const fundingApplicants = pgTable('funding_applicants', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  iban: text('iban').notNull(),
  accountHolder: text('account_holder').notNull(),
  vatDeductible: boolean('vat_deductible').notNull().default(false),
  /** The person who legally represents the organisation (directory person). */
  representativeId: uuid('representative_id').references(() => people.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Platform users (role applicant) acting for an applicant organisation; several per organisation. */
export const fundingApplicantUsers = pgTable(
  'funding_applicant_users',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    emailConfirmedAt: timestamp('email_confirmed_at', { withTimezone: true }),
    /** SHA-256 of the confirmation token mailed to the user. */
    confirmTokenHash: text('confirm_token_hash'),
    /** Invited by a colleague: chooses a password when confirming the address. */
    mustSetPassword: boolean('must_set_password').notNull().default(false),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('funding_applicant_users_org_idx').on(t.organisationId)],
)

export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'info_requested',
  'proposed',
  'approved',
  'partially_approved',
  'rejected',
] as const
export type ApplicationState = (typeof APPLICATION_STATES)[number]

export const fundingApplications = pgTable(
  'funding_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lineId: uuid('line_id')
      .notNull()
      .references(() => fundingLines.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status', { enum: APPLICATION_STATES }).notNull().default('draft'),
    /** Aktenzeichen, given on submission. */
    fileNumber: text('file_number').unique(),
    title: text('title'),
    aims: text('aims'),
    targetGroups: text('target_groups'),
    municipalities: text('municipalities'),
    periodStart: date('period_start'),
    periodEnd: date('period_end'),
    /** A joint application of several municipalities (partners in funding_partner_places). */
    jointApplication: boolean('joint_application').notNull().default(false),
    /** The partner organisation the line requires for this applicant (e.g. a municipality's MSO). */
    partnerOrganisationId: uuid('partner_organisation_id').references(() => organisations.id),
    notStartedDeclared: boolean('not_started_declared').notNull().default(false),
    truthDeclared: boolean('truth_declared').notNull().default(false),
    /** Steps the applicant has completed: project, costs, financing, declarations, attachments. */
    doneSteps: text('done_steps').array().notNull().default(sql`'{}'::text[]`),
    checklist: jsonb('checklist').$type<Record<string, boolean>>().notNull().default({}),
    proposedDecision: text('proposed_decision', { enum: ['approve', 'approve_part', 'reject'] }),
    proposedAmounts: jsonb('proposed_amounts').$type<Record<string, number>>(),
    decisionReasons: text('decision_reasons'),
    proposedBy: uuid('proposed_by').references(() => users.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('funding_applications_line_status_idx').on(t.lineId, t.status),
    index('funding_applications_org_idx').on(t.organisationId),
    // The staff list is ordered by submission, newest first.
    index('funding_applications_submitted_idx').on(t.submittedAt.desc().nullsFirst(), t.id),
    check(
      'funding_applications_four_eyes',
      sql`${t.decidedBy} is null or ${t.proposedBy} is null or ${t.decidedBy} <> ${t.proposedBy} or ${t.status} = 'rejected'`,
    ),
  ],
)

export const fundingCostItems = pgTable(
  'funding_cost_items',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    category: text('category').notNull(),
    amountCents: cents('amount_cents').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.year, t.category] }),
    check('funding_cost_items_not_negative', sql`${t.amountCents} >= 0`),
  ],
)

/** Quantities stated per year for the line's cost categories (FTE in hundredths, counts, hours). */
export const fundingQuantities = pgTable(
  'funding_quantities',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    key: text('key').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.year, t.key] }),
    check('funding_quantities_not_negative', sql`${t.value} >= 0`),
  ],
)

/** The partner municipalities of a joint application. */
export const fundingPartnerPlaces = pgTable(
  'funding_partner_places',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'cascade' }),
    placeId: uuid('place_id')
      .notNull()
      .references(() => places.id),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.placeId] })],
)

export const fundingFinancing = pgTable(
  'funding_financing',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    ownCents: cents('own_cents').notNull(),
    thirdPartyCents: cents('third_party_cents').notNull(),
    requestedCents: cents('requested_cents').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.year] }),
    check(
      'funding_financing_not_negative',
      sql`${t.ownCents} >= 0 and ${t.thirdPartyCents} >= 0 and ${t.requestedCents} >= 0`,
    ),
  ],
)

export const fundingAttachments = pgTable(
  'funding_attachments',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    fileName: text('file_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.kind] })],
)

/** The amounts granted per year: what an approval committed against the line's budget. */
export const fundingGrants = pgTable(
  'funding_grants',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => fundingApplications.id),
    year: integer('year').notNull(),
    amountCents: cents('amount_cents').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.year] }),
    check('funding_grants_positive', sql`${t.amountCents} > 0`),
  ],
)

/** Comments of the reviewers, requests for information and the applicant's answers. */
export const fundingComments = pgTable(
  'funding_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => fundingApplications.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id),
    authorLabel: text('author_label').notNull(),
    kind: text('kind', { enum: ['comment', 'info_request', 'applicant_reply'] }).notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('funding_comments_application_idx').on(t.applicationId, t.createdAt)],
)

/** Grant notices: one row per version; rows are never changed (a trigger refuses UPDATE and DELETE). */
export const fundingNotices = pgTable(
  'funding_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => fundingApplications.id),
    version: integer('version').notNull(),
    kind: text('kind', { enum: ['initial', 'amending'] }).notNull(),
    pdf: bytea('pdf').notNull(),
    /** The facts printed on the notice, for later versions and audits. */
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** For an amending notice: the notice it amends (the previous version). */
    amendsId: uuid('amends_id').references((): AnyPgColumn => fundingNotices.id),
  },
  (t) => [
    uniqueIndex('funding_notices_version_idx').on(t.applicationId, t.version),
    check('funding_notices_amends', sql`(${t.kind} = 'initial') = (${t.amendsId} is null)`),
  ],
)

/** Gapless file-number counters per line and year. */
export const fundingFileCounters = pgTable(
  'funding_file_counters',
  {
    lineKey: text('line_key').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.lineKey, t.year] })],
)

export const AMENDMENT_STATES = ['proposed', 'approved', 'rejected'] as const

/** A cost plan: cents per year and cost category, e.g. { "2026": { "micro_project": 300000 } }. */
export type CostPlan = Record<string, Record<string, number>>

/**
 * Amendments of an approved grant (Änderungsbescheide): proposed by an officer, approved or rejected
 * by a second person. The row keeps the state before and after, so the change can be read later even
 * without the notice. At most one proposal per application is open at a time.
 */
export const fundingAmendments = pgTable(
  'funding_amendments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => fundingApplications.id),
    status: text('status', { enum: AMENDMENT_STATES }).notNull().default('proposed'),
    /** The notice version the proposal was made against; approval needs it to still be the latest. */
    basedOnVersion: integer('based_on_version').notNull(),
    /** Granted cents per year before and after the change (years without grant are absent). */
    oldAmounts: jsonb('old_amounts').$type<Record<string, number>>().notNull(),
    newAmounts: jsonb('new_amounts').$type<Record<string, number>>().notNull(),
    oldPeriodStart: date('old_period_start').notNull(),
    oldPeriodEnd: date('old_period_end').notNull(),
    newPeriodStart: date('new_period_start').notNull(),
    newPeriodEnd: date('new_period_end').notNull(),
    oldSpecialConditions: text('old_special_conditions').array().notNull(),
    newSpecialConditions: text('new_special_conditions').array().notNull(),
    reason: text('reason').notNull(),
    proposedBy: uuid('proposed_by')
      .notNull()
      .references(() => users.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    rejectionReasons: text('rejection_reasons'),
    /** The amending notice issued on approval. */
    noticeVersion: integer('notice_version'),
    /** The recipient's change request this amendment answers (null: entered by an officer). */
    changeRequestId: uuid('change_request_id'),
    /** A changed cost plan: cents per year and cost category before and after (null: unchanged). */
    oldCosts: jsonb('old_costs').$type<CostPlan>(),
    newCosts: jsonb('new_costs').$type<CostPlan>(),
    /** A changed purpose (Zuwendungszweck, the application's aims) before and after (null: unchanged). */
    oldPurpose: text('old_purpose'),
    newPurpose: text('new_purpose'),
  },
  (t) => [
    index('funding_amendments_application_idx').on(t.applicationId, t.proposedAt),
    uniqueIndex('funding_amendments_one_open_idx').on(t.applicationId).where(sql`${t.status} = 'proposed'`),
    // Four eyes: whoever decides on a proposal (approval or rejection) is not the one who made it.
    check('funding_amendments_four_eyes', sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.proposedBy}`),
    check(
      'funding_amendments_decided',
      sql`(${t.status} = 'proposed') = (${t.decidedBy} is null and ${t.decidedAt} is null)`,
    ),
    check('funding_amendments_notice', sql`(${t.status} = 'approved') = (${t.noticeVersion} is not null)`),
    check('funding_amendments_period', sql`${t.newPeriodEnd} >= ${t.newPeriodStart}`),
  ],
)

export const PAYMENT_STATES = ['requested', 'checked', 'released', 'rejected'] as const
export type PaymentState = (typeof PAYMENT_STATES)[number]

/**
 * Payment requests (Mittelabruf) of a grant, one row per instalment: requested by the recipient,
 * checked by an officer, released by a second person. A final instalment may be held back until the
 * proof of use is accepted; the database refuses to release it while the hold is set.
 */
export const fundingPayments = pgTable(
  'funding_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => fundingApplications.id),
    /** The budget year whose grant the money comes from. */
    year: integer('year').notNull(),
    /** 1, 2, … per grant in the order requested. */
    instalment: integer('instalment').notNull(),
    amountCents: cents('amount_cents').notNull(),
    /** When the payments this money is for are due (within the programme's need window). */
    dueOn: date('due_on').notNull(),
    purpose: text('purpose').notNull(),
    /** The instalment that takes the grant's last year to what was approved. */
    final: boolean('final').notNull().default(false),
    /** Held back until the proof of use is accepted (a later step clears it). */
    heldUntilProof: boolean('held_until_proof').notNull().default(false),
    status: text('status', { enum: PAYMENT_STATES }).notNull().default('requested'),
    requestedBy: uuid('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    checkedBy: uuid('checked_by').references(() => users.id),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    releasedBy: uuid('released_by').references(() => users.id),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    rejectionReason: text('rejection_reason'),
  },
  (t) => [
    uniqueIndex('funding_payments_instalment_idx').on(t.applicationId, t.instalment),
    index('funding_payments_status_idx').on(t.status, t.requestedAt),
    // The interest-risk list walks released payments oldest first and stops at its limit.
    index('funding_payments_released_idx').on(t.status, t.releasedAt),
    check('funding_payments_positive', sql`${t.amountCents} > 0`),
    check(
      'funding_payments_checked',
      sql`(${t.status} in ('checked', 'released')) = (${t.checkedBy} is not null)`,
    ),
    check('funding_payments_released', sql`(${t.status} = 'released') = (${t.releasedAt} is not null)`),
    // Four eyes: whoever releases the money is not the person who checked the request.
    check('funding_payments_four_eyes', sql`${t.releasedBy} is null or ${t.releasedBy} <> ${t.checkedBy}`),
    check('funding_payments_hold_final', sql`not ${t.heldUntilProof} or ${t.final}`),
    check('funding_payments_hold_not_released', sql`not (${t.heldUntilProof} and ${t.status} = 'released')`),
  ],
)

/**
 * The ledger's balances of one grant, funding line and budget year: what is committed (the grant),
 * paid out and repaid. Changed only together with a ledger entry; the CHECK constraints make paying
 * out more than is committed impossible, whatever the code above them does.
 */
export const fundingGrantAccounts = pgTable(
  'funding_grant_accounts',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => fundingApplications.id),
    year: integer('year').notNull(),
    lineId: uuid('line_id')
      .notNull()
      .references(() => fundingLines.id),
    committedCents: cents('committed_cents').notNull().default(0),
    paidCents: cents('paid_cents').notNull().default(0),
    repaidCents: cents('repaid_cents').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.year] }),
    index('funding_grant_accounts_line_year_idx').on(t.lineId, t.year),
    check(
      'funding_grant_accounts_not_negative',
      sql`${t.committedCents} >= 0 and ${t.paidCents} >= 0 and ${t.repaidCents} >= 0`,
    ),
    check(
      'funding_grant_accounts_paid_within_committed',
      sql`${t.paidCents} - ${t.repaidCents} <= ${t.committedCents}`,
    ),
    check('funding_grant_accounts_repaid_within_paid', sql`${t.repaidCents} <= ${t.paidCents}`),
  ],
)

export const LEDGER_KINDS = ['commitment', 'payment', 'repayment'] as const
export type LedgerKind = (typeof LEDGER_KINDS)[number]
export const LEDGER_ACCOUNTS = ['budget', 'commitment', 'recipient'] as const
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number]

/**
 * The payment ledger, double-entry: every entry moves a positive amount from one account of a grant's
 * year to another. A commitment moves money from the budget to the commitment (back again when a
 * grant is reduced), a payment from the commitment to the recipient, a repayment back from the
 * recipient to the commitment. Entries are only ever added.
 */
export const fundingLedgerEntries = pgTable(
  'funding_ledger_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull(),
    year: integer('year').notNull(),
    lineId: uuid('line_id')
      .notNull()
      .references(() => fundingLines.id),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    debit: text('debit', { enum: LEDGER_ACCOUNTS }).notNull(),
    credit: text('credit', { enum: LEDGER_ACCOUNTS }).notNull(),
    amountCents: cents('amount_cents').notNull(),
    paymentId: uuid('payment_id').references(() => fundingPayments.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      columns: [t.applicationId, t.year],
      foreignColumns: [fundingGrantAccounts.applicationId, fundingGrantAccounts.year],
    }),
    index('funding_ledger_entries_account_idx').on(t.applicationId, t.year, t.createdAt),
    uniqueIndex('funding_ledger_entries_payment_idx').on(t.paymentId).where(sql`${t.kind} = 'payment'`),
    check('funding_ledger_entries_positive', sql`${t.amountCents} > 0`),
    check(
      'funding_ledger_entries_accounts',
      sql`(${t.kind} = 'commitment' and ((${t.debit} = 'commitment' and ${t.credit} = 'budget') or (${t.debit} = 'budget' and ${t.credit} = 'commitment')))
        or (${t.kind} = 'payment' and ${t.debit} = 'recipient' and ${t.credit} = 'commitment' and ${t.paymentId} is not null)
        or (${t.kind} = 'repayment' and ${t.debit} = 'commitment' and ${t.credit} = 'recipient')`,
    ),
  ],
)

export const PROOF_STATES = ['submitted', 'accepted'] as const
export type ProofState = (typeof PROOF_STATES)[number]
export const PROOF_CHECKS = ['summary', 'in_depth'] as const
export type ProofCheck = (typeof PROOF_CHECKS)[number]

/**
 * Proofs of use (Verwendungsnachweise) of a grant: one interim proof per budget year of a multi-year
 * grant (`period` = the year) and one final proof (`period` = 'final'). Submitted once, complete, in
 * one transaction with its account, receipts and hours; reviewed by an officer (summary or in-depth
 * check, findings, the accepted eligible costs).
 */
export const fundingProofs = pgTable(
  'funding_proofs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => fundingApplications.id),
    /** 'final' or the budget year of an interim proof ('2026'). */
    period: text('period').notNull(),
    dueOn: date('due_on').notNull(),
    /** The simple proof (einfacher Verwendungsnachweis) of lines that allow it. */
    simple: boolean('simple').notNull().default(false),
    /** Answers to the line's structured questions, by question key. */
    answers: jsonb('answers').$type<Record<string, string>>().notNull(),
    report: text('report').notNull(),
    actualOwnCents: cents('actual_own_cents').notNull().default(0),
    actualThirdPartyCents: cents('actual_third_party_cents').notNull().default(0),
    attachmentFileId: uuid('attachment_file_id').references(() => storedFiles.id),
    attachmentName: text('attachment_name'),
    status: text('status', { enum: PROOF_STATES }).notNull().default('submitted'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    checkKind: text('check_kind', { enum: PROOF_CHECKS }),
    findings: text('findings'),
    acceptedCents: cents('accepted_cents'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  },
  (t) => [
    // A proof is submitted once: a second submission of the same period is refused by the database too.
    uniqueIndex('funding_proofs_period_idx').on(t.applicationId, t.period),
    check('funding_proofs_period', sql`${t.period} = 'final' or ${t.period} ~ '^[0-9]{4}$'`),
    check(
      'funding_proofs_own_not_negative',
      sql`${t.actualOwnCents} >= 0 and ${t.actualThirdPartyCents} >= 0`,
    ),
    check(
      'funding_proofs_reviewed',
      sql`(${t.status} = 'accepted') = (${t.reviewedBy} is not null and ${t.checkKind} is not null and ${t.acceptedCents} is not null)`,
    ),
    check('funding_proofs_accepted_not_negative', sql`${t.acceptedCents} is null or ${t.acceptedCents} >= 0`),
  ],
)

/** The numerical account of a proof: actual costs per plan line (cost category) against the plan. */
export const fundingProofAccount = pgTable(
  'funding_proof_account',
  {
    proofId: uuid('proof_id')
      .notNull()
      .references(() => fundingProofs.id),
    category: text('category').notNull(),
    plannedCents: cents('planned_cents').notNull(),
    actualCents: cents('actual_cents').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.proofId, t.category] }),
    check('funding_proof_account_not_negative', sql`${t.plannedCents} >= 0 and ${t.actualCents} >= 0`),
  ],
)

/** The list of receipts (Belegliste) of a proof, in the order given (row = the CSV line or form row). */
export const fundingProofReceipts = pgTable(
  'funding_proof_receipts',
  {
    proofId: uuid('proof_id')
      .notNull()
      .references(() => fundingProofs.id),
    row: integer('row').notNull(),
    day: date('day').notNull(),
    payee: text('payee').notNull(),
    purpose: text('purpose').notNull(),
    amountCents: cents('amount_cents').notNull(),
    category: text('category').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.proofId, t.row] }),
    check('funding_proof_receipts_positive', sql`${t.amountCents} > 0`),
  ],
)

/** Volunteer-hour sheets of an Integrationslotsen proof: hours per volunteer and month. */
export const fundingProofHours = pgTable(
  'funding_proof_hours',
  {
    proofId: uuid('proof_id')
      .notNull()
      .references(() => fundingProofs.id),
    row: integer('row').notNull(),
    volunteer: text('volunteer').notNull(),
    /** YYYY-MM */
    month: text('month').notNull(),
    hours: integer('hours').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.proofId, t.row] }),
    check('funding_proof_hours_range', sql`${t.hours} between 1 and 744`),
  ],
)

/** Reminders sent about a proof's deadline, one per grant, period and kind (before / after the day). */
export const fundingProofReminders = pgTable(
  'funding_proof_reminders',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => fundingApplications.id),
    period: text('period').notNull(),
    kind: text('kind', { enum: ['before', 'after'] }).notNull(),
    dueOn: date('due_on').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.period, t.kind, t.dueOn] })],
)

export const CLAIM_STATES = ['hearing', 'claimed', 'settled'] as const
export type ClaimState = (typeof CLAIM_STATES)[number]

/**
 * The final notice (Schlussbescheid) of a grant and, when the accepted costs fall short, its
 * repayment claim: first a hearing (Anhörung) with the computed amounts, then the claim with the
 * final notice's PDF. Incoming repayments are posted in the payment ledger (kind 'repayment').
 */
export const fundingClosings = pgTable(
  'funding_closings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => fundingApplications.id)
      .unique(),
    proofId: uuid('proof_id')
      .notNull()
      .references(() => fundingProofs.id),
    finalGrantCents: cents('final_grant_cents').notNull(),
    repaymentCents: cents('repayment_cents').notNull(),
    interestCents: cents('interest_cents').notNull().default(0),
    /** The day the interest is counted to (the payment deadline of the claim). */
    interestUntil: date('interest_until'),
    status: text('status', { enum: CLAIM_STATES }).notNull().default('hearing'),
    hearingBy: uuid('hearing_by').references(() => users.id),
    hearingAt: timestamp('hearing_at', { withTimezone: true }).notNull().defaultNow(),
    hearingReply: text('hearing_reply'),
    /** The last day the recipient may answer the hearing in the portal. */
    hearingDue: date('hearing_due'),
    /** The recipient's own answer to the hearing (Stellungnahme), given once in the portal. */
    hearingAnswer: text('hearing_answer'),
    hearingAnswerBy: uuid('hearing_answer_by').references(() => users.id),
    hearingAnswerAt: timestamp('hearing_answer_at', { withTimezone: true }),
    hearingAnswerFileId: uuid('hearing_answer_file_id').references(() => storedFiles.id),
    hearingAnswerFileName: text('hearing_answer_file_name'),
    noticePdf: bytea('notice_pdf'),
    noticeFacts: jsonb('notice_facts').$type<Record<string, unknown>>(),
    noticeBy: uuid('notice_by').references(() => users.id),
    noticeAt: timestamp('notice_at', { withTimezone: true }),
    repaidCents: cents('repaid_cents').notNull().default(0),
  },
  (t) => [
    check(
      'funding_closings_amounts',
      sql`${t.finalGrantCents} >= 0 and ${t.repaymentCents} >= 0 and ${t.interestCents} >= 0`,
    ),
    // What came back never exceeds what is claimed (principal and interest).
    check(
      'funding_closings_repaid_within_claim',
      sql`${t.repaidCents} >= 0 and ${t.repaidCents} <= ${t.repaymentCents} + ${t.interestCents}`,
    ),
    check('funding_closings_notice', sql`(${t.status} = 'hearing') = (${t.noticePdf} is null)`),
  ],
)

/**
 * Base rates (Basiszinssatz, § 247 BGB) recorded by staff after the history in
 * closing/data/base-rates.json: each valid from its day (1 January or 1 July) until the next one.
 */
export const fundingBaseRates = pgTable(
  'funding_base_rates',
  {
    validFrom: date('valid_from').primaryKey(),
    /** Hundredths of a percentage point: 127 = 1.27 %. */
    basisPoints: integer('basis_points').notNull(),
    source: text('source').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'funding_base_rates_day',
      sql`extract(day from ${t.validFrom}) = 1 and extract(month from ${t.validFrom}) in (1, 7)`,
    ),
    check('funding_base_rates_range', sql`${t.basisPoints} between -1000 and 2000`),
  ],
)

export const CHANGE_KINDS = ['period', 'costs', 'purpose'] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]
export const CHANGE_STATES = ['submitted', 'accepted', 'rejected'] as const
export type ChangeState = (typeof CHANGE_STATES)[number]

/**
 * Change requests of a recipient (Änderungsantrag): a new period, cost-plan shifts beyond the 20 %
 * an item may move without one, or changed purpose details, with a reason. An officer accepts one
 * (it becomes a proposed amendment, which a second person approves into an amending notice) or
 * rejects it with reasons. At most one request per grant is open at a time.
 */
export const fundingChangeRequests = pgTable(
  'funding_change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => fundingApplications.id),
    kind: text('kind', { enum: CHANGE_KINDS }).notNull(),
    status: text('status', { enum: CHANGE_STATES }).notNull().default('submitted'),
    reason: text('reason').notNull(),
    newPeriodStart: date('new_period_start'),
    newPeriodEnd: date('new_period_end'),
    newCosts: jsonb('new_costs').$type<CostPlan>(),
    newPurpose: text('new_purpose'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    /** The amendment an accepted request became. */
    amendmentId: uuid('amendment_id').references(() => fundingAmendments.id),
  },
  (t) => [
    index('funding_change_requests_application_idx').on(t.applicationId, t.submittedAt),
    index('funding_change_requests_status_idx').on(t.status, t.submittedAt),
    uniqueIndex('funding_change_requests_one_open_idx')
      .on(t.applicationId)
      .where(sql`${t.status} = 'submitted'`),
    check(
      'funding_change_requests_content',
      sql`(${t.kind} = 'period' and ${t.newPeriodStart} is not null and ${t.newPeriodEnd} >= ${t.newPeriodStart})
        or (${t.kind} = 'costs' and ${t.newCosts} is not null)
        or (${t.kind} = 'purpose' and ${t.newPurpose} is not null)`,
    ),
    check('funding_change_requests_decided', sql`(${t.status} = 'submitted') = (${t.decidedAt} is null)`),
    check(
      'funding_change_requests_accepted',
      sql`(${t.status} = 'accepted') = (${t.amendmentId} is not null)`,
    ),
  ],
)

/** Files attached to a change request or a notification (stored through the platform's file store). */
export const fundingChangeFiles = pgTable(
  'funding_change_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    changeRequestId: uuid('change_request_id').references(() => fundingChangeRequests.id),
    notificationId: uuid('notification_id').references(() => fundingNotifications.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    fileName: text('file_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('funding_change_files_request_idx').on(t.changeRequestId),
    index('funding_change_files_notification_idx').on(t.notificationId),
    index('funding_change_files_file_idx').on(t.fileId),
    check(
      'funding_change_files_one_owner',
      sql`(${t.changeRequestId} is null) <> (${t.notificationId} is null)`,
    ),
  ],
)

export const NOTIFICATION_KINDS = ['other_grant', 'savings', 'delay', 'insolvency'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/**
 * What a recipient must report during the project (Mitteilungspflichten, ANBest-P Nr. 5): other
 * grants, savings, delays, insolvency. The consequence is recorded with it; an open insolvency
 * notification holds every payment of the grant until an officer has dealt with it.
 */
export const fundingNotifications = pgTable(
  'funding_notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => fundingApplications.id),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    occurredOn: date('occurred_on').notNull(),
    details: text('details').notNull(),
    /** Other grants and savings: the amount concerned. */
    amountCents: cents('amount_cents'),
    consequence: text('consequence', {
      enum: ['payments_held', 'grant_review', 'period_change'],
    }).notNull(),
    reportedBy: uuid('reported_by').references(() => users.id),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    handledBy: uuid('handled_by').references(() => users.id),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    handlingNote: text('handling_note'),
  },
  (t) => [
    index('funding_notifications_application_idx').on(t.applicationId, t.reportedAt),
    index('funding_notifications_open_idx').on(t.reportedAt).where(sql`${t.handledAt} is null`),
    check('funding_notifications_amount', sql`${t.amountCents} is null or ${t.amountCents} > 0`),
    check('funding_notifications_handled', sql`(${t.handledAt} is null) = (${t.handledBy} is null)`),
  ],
)

/**
 * Sub-grants (Weiterleitung): a first recipient (a WIR diversity centre) passes micro-project money
 * of its grant on to a local non-profit (a directory organisation) under the same conditions. Their
 * sum per parent grant and year never exceeds the parent's micro-project budget (checked with the
 * parent's row locked); each has its own simple proof of use (amount used, short report), which the
 * parent's proof of use rolls up.
 */
export const fundingSubGrants = pgTable(
  'funding_sub_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentApplicationId: uuid('parent_application_id')
      .notNull()
      .references(() => fundingApplications.id),
    year: integer('year').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    amountCents: cents('amount_cents').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The simple proof of use: null until it is in. */
    usedCents: cents('used_cents'),
    report: text('report'),
    proofBy: uuid('proof_by').references(() => users.id),
    proofAt: timestamp('proof_at', { withTimezone: true }),
  },
  (t) => [
    index('funding_sub_grants_parent_idx').on(t.parentApplicationId, t.year),
    check('funding_sub_grants_positive', sql`${t.amountCents} > 0`),
    check(
      'funding_sub_grants_proof',
      sql`(${t.usedCents} is null) = (${t.proofAt} is null) and (${t.usedCents} is null) = (${t.report} is null)`,
    ),
    check(
      'funding_sub_grants_used_within',
      sql`${t.usedCents} is null or (${t.usedCents} >= 0 and ${t.usedCents} <= ${t.amountCents})`,
    ),
  ],
)

import { sql } from 'drizzle-orm'
import {
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
import { organisations } from '../directory/tables'
import { fundingLines } from '../funding/tables'

/**
 * The state's integration plan (Integrationsplan): versions, each with its fields of action
 * (Handlungsfelder) → goals (Ziele) → measures (Maßnahmen) → indicators with measured values.
 * A draft is a full copy of the current version; adopting it makes it the one current version and the
 * previous one `superseded` (fortgeschrieben). Rows keep a `code` that stays the same across versions,
 * so a measure's history is followed from version to version.
 */

export const PLAN_VERSION_STATES = ['draft', 'adopted', 'superseded'] as const
export type PlanVersionState = (typeof PLAN_VERSION_STATES)[number]

export const MEASURE_STATES = ['planned', 'running', 'done', 'paused', 'dropped'] as const
export type MeasureState = (typeof MEASURE_STATES)[number]

export const planVersions = pgTable(
  'plan_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    status: text('status', { enum: PLAN_VERSION_STATES }).notNull().default('draft'),
    /** The day of the cabinet decision (set when adopted). */
    adoptedOn: date('adopted_on', { mode: 'string' }),
    /** The version this draft was copied from. */
    basedOnId: uuid('based_on_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One current adopted version and at most one draft at a time.
    uniqueIndex('plan_versions_one_adopted').on(t.status).where(sql`status = 'adopted'`),
    uniqueIndex('plan_versions_one_draft').on(t.status).where(sql`status = 'draft'`),
    check('plan_versions_adopted_on', sql`status = 'draft' or adopted_on is not null`),
  ],
)

export const planFields = pgTable(
  'plan_fields',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => planVersions.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
  },
  (t) => [uniqueIndex('plan_fields_code').on(t.versionId, t.code)],
)

export const planGoals = pgTable(
  'plan_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fieldId: uuid('field_id')
      .notNull()
      .references(() => planFields.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
  },
  (t) => [index('plan_goals_field').on(t.fieldId)],
)

export const planMeasures = pgTable(
  'plan_measures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => planGoals.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** The unit of the ministry (Referat) or agency responsible. */
    responsibleUnit: text('responsible_unit').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    /** The funding line paying for it, where there is one (read through the funding feature). */
    fundingLineId: uuid('funding_line_id').references(() => fundingLines.id),
    status: text('status', { enum: MEASURE_STATES }).notNull().default('planned'),
    /** Relative weight within its goal (a positive integer). */
    weight: integer('weight').notNull().default(1),
    /** Progress in whole percent. */
    progress: integer('progress').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('plan_measures_goal').on(t.goalId),
    check('plan_measures_weight', sql`weight between 1 and 100`),
    check('plan_measures_progress', sql`progress between 0 and 100`),
    check('plan_measures_period', sql`ends_on is null or ends_on >= starts_on`),
  ],
)

/** Partners of a measure: organisations of the directory, linked by id. */
export const planMeasurePartners = pgTable(
  'plan_measure_partners',
  {
    measureId: uuid('measure_id')
      .notNull()
      .references(() => planMeasures.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.measureId, t.organisationId] })],
)

export const planIndicators = pgTable(
  'plan_indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => planMeasures.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** E.g. "Teilnehmende", "Kommunen". */
    unit: text('unit').notNull(),
    target: integer('target').notNull(),
    targetOn: date('target_on', { mode: 'string' }),
  },
  (t) => [
    index('plan_indicators_measure').on(t.measureId),
    check('plan_indicators_target', sql`target >= 0`),
  ],
)

export const planIndicatorValues = pgTable(
  'plan_indicator_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => planIndicators.id, { onDelete: 'cascade' }),
    measuredOn: date('measured_on', { mode: 'string' }).notNull(),
    value: integer('value').notNull(),
    /** Where the value comes from, e.g. "Förderstatistik HMSI 2025". */
    source: text('source').notNull(),
  },
  (t) => [
    uniqueIndex('plan_indicator_values_day').on(t.indicatorId, t.measuredOn),
    check('plan_indicator_values_value', sql`value >= 0`),
  ],
)

/**
 * A comment round (Kommentierungsrunde) on a draft of the plan: the draft's fields of action are
 * copied as sections when the round is opened (the wording commented on stays as it was), members of
 * the integration conference comment between `opensAt` and `closesAt`, the ministry answers every
 * comment and publishes the outcome (`publishedAt`).
 */
export const planRounds = pgTable(
  'plan_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => planVersions.id),
    title: text('title').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('plan_rounds_period', sql`closes_at > opens_at`)],
)

/** A section of a round: the heading and wording of one field of action of the draft, as opened. */
export const planRoundSections = pgTable(
  'plan_round_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => planRounds.id, { onDelete: 'cascade' }),
    /** The field of action's code (the same across versions). */
    code: text('code').notNull(),
    position: integer('position').notNull(),
    heading: text('heading').notNull(),
    text: text('text').notNull(),
  },
  (t) => [uniqueIndex('plan_round_sections_code').on(t.roundId, t.code)],
)

export const PLAN_ANSWERS = ['accepted', 'partly', 'rejected'] as const
export type PlanAnswer = (typeof PLAN_ANSWERS)[number]

/**
 * A member's comment on a section, optionally with a changed wording of the whole section; the
 * ministry's answer (accepted, partly, not) always with a reason.
 */
export const planComments = pgTable(
  'plan_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sectionId: uuid('section_id')
      .notNull()
      .references(() => planRoundSections.id, { onDelete: 'cascade' }),
    /** The account that wrote it (a conference member's account). */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Shown with the comment: the member's name and the organisation they represent. */
    authorName: text('author_name').notNull(),
    organisationName: text('organisation_name'),
    body: text('body').notNull(),
    proposedText: text('proposed_text'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    answer: text('answer', { enum: PLAN_ANSWERS }),
    answerReason: text('answer_reason'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    index('plan_comments_section').on(t.sectionId),
    check('plan_comments_answer', sql`answer is null or (answer_reason is not null and answer_reason <> '')`),
  ],
)

/**
 * The next wording of a section after the round (written into the draft's field of action), with
 * the comments behind it (`plan_revision_comments`).
 */
export const planRevisions = pgTable('plan_revisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  sectionId: uuid('section_id')
    .notNull()
    .references(() => planRoundSections.id, { onDelete: 'cascade' }),
  text: text('text').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

export const planRevisionComments = pgTable(
  'plan_revision_comments',
  {
    revisionId: uuid('revision_id')
      .notNull()
      .references(() => planRevisions.id, { onDelete: 'cascade' }),
    commentId: uuid('comment_id')
      .notNull()
      .references(() => planComments.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.revisionId, t.commentId] })],
)

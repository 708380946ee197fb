import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { users } from '../../platform/auth/tables'
import { storedFiles } from '../../platform/files/tables'
import { organisations, people, places } from '../directory/tables'

/**
 * Foreign residents' advisory councils (Ausländerbeiräte, HGO §§ 84–88), integration commissions and
 * the agah (the state association of the councils), with terms, members, meetings, papers and votes.
 * Every row carries created/updated and a soft-delete mark so the OParl API can list deletions.
 */

const stamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
}

/**
 * `integrationskonferenz`: the state's integration conference (docs/decisions/0005-integration-conference-as-body.md),
 * a body with meetings like the others; its members represent organisations of the directory.
 */
export const COUNCIL_KINDS = [
  'auslaenderbeirat',
  'integrationskommission',
  'agah',
  'agah_board',
  'integrationskonferenz',
] as const
export type CouncilKind = (typeof COUNCIL_KINDS)[number]

/** A body: a municipal/district council, the agah plenary assembly or the agah board. */
export const councils = pgTable(
  'councils',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: COUNCIL_KINDS }).notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    /** Municipality or district (directory `places`); null for the agah bodies. */
    placeId: uuid('place_id').references(() => places.id),
    /** The agah board belongs to the agah. */
    parentId: uuid('parent_id').references((): AnyPgColumn => councils.id),
    /** Member of the agah (sends delegates to the plenary). */
    agahMember: boolean('agah_member').notNull().default(false),
    /** Settings (the agah statutes are not public): delegates each member council sends. */
    delegatesPerCouncil: integer('delegates_per_council').notNull().default(2),
    /** Quorum: more than this percentage of the members (delegates) must be present. */
    quorumPercent: integer('quorum_percent').notNull().default(50),
    email: text('email'),
    website: text('website'),
    /**
     * The council's organisation in the directory (kind council_body), so other features link to
     * it like to any organisation (the offers finder lists the council as an offer with it as
     * provider). Set for municipal councils (Ausländerbeirat, integration commission); null for the
     * agah bodies and the integration conference.
     */
    organisationId: uuid('organisation_id').references(() => organisations.id),
    ...stamps,
  },
  (t) => [
    index('councils_place_idx').on(t.placeId),
    uniqueIndex('councils_organisation_idx').on(t.organisationId),
    check('councils_quorum_ck', sql`${t.quorumPercent} between 0 and 100`),
    check('councils_delegates_ck', sql`${t.delegatesPerCouncil} between 1 and 50`),
  ],
)

/** A term (Wahlperiode) with its number of seats. Terms of one council never overlap. */
export const councilTerms = pgTable(
  'council_terms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id')
      .notNull()
      .references(() => councils.id),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    electionOn: date('election_on'),
    seats: integer('seats').notNull(),
    ...stamps,
  },
  (t) => [
    index('council_terms_council_idx').on(t.councilId),
    check('council_terms_dates_ck', sql`${t.endsOn} >= ${t.startsOn}`),
    check('council_terms_seats_ck', sql`${t.seats} between 1 and 200`),
  ],
)

export const MEMBER_ROLES = ['chair', 'deputy', 'secretary', 'member', 'delegate'] as const
export type MemberRole = (typeof MEMBER_ROLES)[number]

/**
 * A person's membership in a body over time. For the agah plenary, role `delegate` with the council
 * that sends them (`delegatedById`). A person holds at most one membership of a body at a time.
 */
export const councilMemberships = pgTable(
  'council_memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id')
      .notNull()
      .references(() => councils.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role', { enum: MEMBER_ROLES }).notNull(),
    delegatedById: uuid('delegated_by_id').references(() => councils.id),
    /** The directory organisation this person represents (members of the integration conference). */
    organisationId: uuid('organisation_id').references(() => organisations.id),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    ...stamps,
  },
  (t) => [
    index('council_memberships_council_idx').on(t.councilId),
    index('council_memberships_person_idx').on(t.personId),
    check('council_memberships_dates_ck', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
)

/** Seats the agah holds in state bodies and who holds them; one seat (body + seat) has one holder at a time. */
export const agahStateSeats = pgTable(
  'agah_state_seats',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyName: text('body_name').notNull(),
    /** Which seat in the body, e.g. "Mitglied", "Stellvertretung". */
    seat: text('seat'),
    personId: uuid('person_id').references(() => people.id),
    /** The body kept here when the state body is one (the integration conference); null otherwise. */
    councilId: uuid('council_id').references((): AnyPgColumn => councils.id),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    ...stamps,
  },
  (t) => [
    check(
      'agah_state_seats_dates_ck',
      sql`${t.endsOn} is null or ${t.startsOn} is null or ${t.endsOn} >= ${t.startsOn}`,
    ),
  ],
)

/** Which council a `council_secretary` user manages; a delegate user's person record. */
export const councilStaff = pgTable(
  'council_staff',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    councilId: uuid('council_id').references(() => councils.id),
    personId: uuid('person_id').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('council_staff_user_idx').on(t.userId)],
)

export const MEETING_STATES = ['planned', 'invited', 'held', 'cancelled'] as const
export const MINUTES_STATES = ['none', 'draft', 'approved', 'published'] as const

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id')
      .notNull()
      .references(() => councils.id),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    locationName: text('location_name'),
    locationAddress: text('location_address'),
    state: text('state', { enum: MEETING_STATES }).notNull().default('planned'),
    invitedAt: timestamp('invited_at', { withTimezone: true }),
    minutesState: text('minutes_state', { enum: MINUTES_STATES }).notNull().default('none'),
    /** The meeting that approved these minutes. */
    minutesApprovedAtId: uuid('minutes_approved_at_id').references((): AnyPgColumn => meetings.id),
    ...stamps,
  },
  (t) => [index('meetings_council_idx').on(t.councilId, t.startsAt)],
)

export const PAPER_KINDS = ['motion', 'amendment', 'report', 'resolution'] as const
export type PaperKind = (typeof PAPER_KINDS)[number]

/** A paper (Drucksache): motion, amendment, report or resolution (with a running number per body and year). */
export const papers = pgTable(
  'papers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    councilId: uuid('council_id')
      .notNull()
      .references(() => councils.id),
    kind: text('kind', { enum: PAPER_KINDS }).notNull(),
    reference: text('reference').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    /** Submitted by a council, or free text (e.g. names of delegates). */
    submittedByCouncilId: uuid('submitted_by_council_id').references(() => councils.id),
    submittedByText: text('submitted_by_text'),
    date: date('date').notNull(),
    /** The paper this one amends, or the motion a resolution comes from. */
    relatedPaperId: uuid('related_paper_id').references((): AnyPgColumn => papers.id),
    resolutionNumber: integer('resolution_number'),
    /** A motion withdrawn by its movers before it was decided; it stays listed. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    ...stamps,
  },
  (t) => [
    index('papers_council_idx').on(t.councilId),
    uniqueIndex('papers_reference_idx').on(t.councilId, t.reference),
  ],
)

export const COUNCIL_FILE_ROLES = ['main', 'attachment'] as const
export type CouncilFileRole = (typeof COUNCIL_FILE_ROLES)[number]

/**
 * An uploaded file of a paper (its main document or an attachment) or of a meeting's minutes (the
 * minutes document or an attachment). The bytes and their metadata live in the platform's file store
 * (`stored_files`, one row per upload); who may download is decided by the rules in feature.ts.
 * Removing a file sets `deleted_at` (OParl lists it as deleted). At most one live main file each.
 */
export const councilFiles = pgTable(
  'council_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    /** The council of the paper or meeting (kept here so a tombstone knows its body). */
    councilId: uuid('council_id')
      .notNull()
      .references(() => councils.id),
    paperId: uuid('paper_id').references(() => papers.id),
    meetingId: uuid('meeting_id').references(() => meetings.id),
    role: text('role', { enum: COUNCIL_FILE_ROLES }).notNull(),
    /** The name shown to people (e.g. "Niederschrift der 3. Sitzung"). */
    name: text('name').notNull(),
    /** SHA-512 of the bytes (OParl File.sha512Checksum); the store keys files by SHA-256. */
    sha512: text('sha512').notNull(),
    ...stamps,
  },
  (t) => [
    uniqueIndex('council_files_file_idx').on(t.fileId),
    index('council_files_paper_idx').on(t.paperId),
    index('council_files_meeting_idx').on(t.meetingId),
    index('council_files_council_idx').on(t.councilId),
    uniqueIndex('council_files_paper_main_idx')
      .on(t.paperId)
      .where(sql`${t.role} = 'main' and ${t.deletedAt} is null and ${t.paperId} is not null`),
    uniqueIndex('council_files_meeting_main_idx')
      .on(t.meetingId)
      .where(sql`${t.role} = 'main' and ${t.deletedAt} is null and ${t.meetingId} is not null`),
    check('council_files_owner_ck', sql`(${t.paperId} is null) <> (${t.meetingId} is null)`),
  ],
)

export const MAJORITY_RULES = ['simple', 'absolute', 'two_thirds'] as const
export type MajorityRule = (typeof MAJORITY_RULES)[number]

/** An item of a meeting's agenda; its paper (if any) makes it a consultation of that paper. */
export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    public: boolean('public').notNull().default(true),
    paperId: uuid('paper_id').references(() => papers.id),
    majorityRule: text('majority_rule', { enum: MAJORITY_RULES }).notNull().default('simple'),
    /** adopted | rejected once voted; free text otherwise. */
    result: text('result'),
    minutes: text('minutes'),
    ...stamps,
  },
  (t) => [index('agenda_items_meeting_idx').on(t.meetingId, t.position)],
)

/** Who of the body's members was present at a meeting. */
export const attendance = pgTable(
  'meeting_attendance',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('meeting_attendance_pk').on(t.meetingId, t.personId)],
)

/** The vote on an agenda item: counts (entered, or summed from the roll call) and the outcome. */
export const votes = pgTable(
  'votes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    yes: integer('yes').notNull(),
    no: integer('no').notNull(),
    abstain: integer('abstain').notNull(),
    present: integer('present').notNull(),
    members: integer('members').notNull(),
    majorityRule: text('majority_rule', { enum: MAJORITY_RULES }).notNull(),
    adopted: boolean('adopted').notNull(),
    rollCall: boolean('roll_call').notNull().default(false),
    ...stamps,
  },
  (t) => [
    uniqueIndex('votes_item_idx').on(t.agendaItemId),
    check('votes_counts_ck', sql`${t.yes} >= 0 and ${t.no} >= 0 and ${t.abstain} >= 0`),
  ],
)

export const BALLOT_CHOICES = ['yes', 'no', 'abstain'] as const

export const voteBallots = pgTable(
  'vote_ballots',
  {
    voteId: uuid('vote_id')
      .notNull()
      .references(() => votes.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    choice: text('choice', { enum: BALLOT_CHOICES }).notNull(),
  },
  (t) => [uniqueIndex('vote_ballots_pk').on(t.voteId, t.personId)],
)

/** A candidate of an election held under an agenda item (e.g. the agah board), with the votes received. */
export const electionCandidates = pgTable(
  'election_candidates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agendaItemId: uuid('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** The office elected to, e.g. chair or member of the board. */
    role: text('role', { enum: MEMBER_ROLES }).notNull(),
    votes: integer('votes').notNull(),
    elected: boolean('elected').notNull(),
    ...stamps,
  },
  (t) => [
    uniqueIndex('election_candidates_item_person_idx').on(t.agendaItemId, t.personId),
    check('election_candidates_votes_ck', sql`${t.votes} >= 0`),
  ],
)

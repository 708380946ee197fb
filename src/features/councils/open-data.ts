import { and, eq, inArray, isNull, or } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import { storedFiles } from '../../platform/files/tables'
import { people } from '../directory/public'
import {
  agahStateSeats,
  agendaItems,
  attendance,
  councilFiles,
  councilMemberships,
  councils,
  councilTerms,
  electionCandidates,
  meetings,
  papers,
  votes,
} from './tables'

/**
 * Read access to the councils' records for readers outside the feature (the OParl API), exported
 * through public.ts. Rows come as stored, soft-deleted ones included: the reader decides what it
 * shows. Every function takes a Db or a transaction, so a reader can take a consistent snapshot.
 */

export type CouncilRow = typeof councils.$inferSelect
export type TermRow = typeof councilTerms.$inferSelect
export type MembershipRow = typeof councilMemberships.$inferSelect
export type MeetingRow = typeof meetings.$inferSelect
export type ItemRow = typeof agendaItems.$inferSelect
export type VoteRow = typeof votes.$inferSelect
export type PaperRow = typeof papers.$inferSelect
export type SeatRow = typeof agahStateSeats.$inferSelect
/** An uploaded file of a paper or of a meeting's minutes, with what the file store knows of it. */
export interface UploadRow {
  readonly link: typeof councilFiles.$inferSelect
  readonly fileName: string
  readonly mediaType: string
  readonly size: number
  readonly sha256: string
}
/** A candidate of an election under an agenda item, with the name. */
export interface CandidateRow {
  readonly agendaItemId: string
  readonly personId: string
  readonly givenName: string
  readonly familyName: string
  readonly role: (typeof electionCandidates.$inferSelect)['role']
  readonly votes: number
  readonly elected: boolean
}

function ids<T>(rows: readonly T[], pick: (r: T) => string | null): string[] {
  return [...new Set(rows.map(pick).filter((x): x is string => !!x))]
}

/** A council, the agah or an agah board by id, deleted or not; null when there is no such row. */
export async function councilRecord(db: Db, id: string): Promise<CouncilRow | null> {
  const [row] = await db.select().from(councils).where(eq(councils.id, id))
  return row ?? null
}

/** Every council row, deleted ones included. */
export function allCouncilRecords(db: Db): Promise<CouncilRow[]> {
  return db.select().from(councils)
}

/** Every term of every council. */
export function allTermRecords(db: Db): Promise<TermRow[]> {
  return db.select().from(councilTerms)
}

/** A body's organisations: the council itself and its children (the agah board), deleted or not. */
export function organisationsOfBody(db: Db, bodyId: string): Promise<CouncilRow[]> {
  return db
    .select()
    .from(councils)
    .where(or(eq(councils.id, bodyId), eq(councils.parentId, bodyId)))
}

export interface BodyRecords {
  readonly terms: TermRow[]
  /** Memberships of the organisations and every membership of the people in them. */
  readonly memberships: MembershipRow[]
  /** The people in the organisations' memberships and seats. */
  readonly personIds: string[]
  readonly seats: SeatRow[]
  readonly meetings: MeetingRow[]
  readonly papers: PaperRow[]
  /** Agenda items of the meetings and every item (any body) consulting the papers. */
  readonly items: ItemRow[]
  /** Meetings of other bodies that consult the papers. */
  readonly foreignMeetings: MeetingRow[]
  /** Papers of other bodies consulted in the meetings. */
  readonly foreignPapers: PaperRow[]
  /** Papers (own and foreign) on a live non-public agenda item. */
  readonly onNonPublicItems: (string | null)[]
  readonly votes: VoteRow[]
  readonly attendance: { meetingId: string; personId: string; createdAt: Date }[]
  /** Uploaded files of the papers and meetings (live and removed). */
  readonly uploads: UploadRow[]
  /** Election candidates of the items. */
  readonly candidates: CandidateRow[]
  /** Councils the memberships, foreign meetings and submitters point to, outside the organisations. */
  readonly otherCouncils: CouncilRow[]
}

/**
 * Everything the councils feature holds about these organisations (live and deleted rows). The
 * agah's seats in state bodies come only when asked for (the agah's world).
 */
export async function bodyRecords(
  tx: Db,
  orgIds: readonly string[],
  options: { withStateSeats: boolean },
): Promise<BodyRecords> {
  const orgs = [...orgIds]
  const terms = await tx.select().from(councilTerms).where(inArray(councilTerms.councilId, orgs))
  const bodyMemberships = await tx
    .select()
    .from(councilMemberships)
    .where(inArray(councilMemberships.councilId, orgs))
  const meetingRows = await tx.select().from(meetings).where(inArray(meetings.councilId, orgs))
  const meetingIds = meetingRows.map((m) => m.id)
  const paperRows = await tx.select().from(papers).where(inArray(papers.councilId, orgs))
  const paperIds = paperRows.map((p) => p.id)

  const seats = options.withStateSeats ? await tx.select().from(agahStateSeats) : []
  const personIds = [
    ...new Set([...ids(bodyMemberships, (m) => m.personId), ...ids(seats, (s) => s.personId)]),
  ]
  const memberships = personIds.length
    ? await tx.select().from(councilMemberships).where(inArray(councilMemberships.personId, personIds))
    : []
  const attendanceRows = meetingIds.length
    ? await tx
        .select({
          meetingId: attendance.meetingId,
          personId: attendance.personId,
          createdAt: attendance.createdAt,
        })
        .from(attendance)
        .where(inArray(attendance.meetingId, meetingIds))
    : []

  const itemConditions = [
    meetingIds.length ? inArray(agendaItems.meetingId, meetingIds) : undefined,
    paperIds.length ? inArray(agendaItems.paperId, paperIds) : undefined,
  ].filter((c) => c !== undefined)
  const items = itemConditions.length
    ? await tx
        .select()
        .from(agendaItems)
        .where(or(...itemConditions))
    : []
  const foreignMeetingIds = ids(items, (i) => i.meetingId).filter((id) => !meetingIds.includes(id))
  const foreignMeetings = foreignMeetingIds.length
    ? await tx.select().from(meetings).where(inArray(meetings.id, foreignMeetingIds))
    : []
  const foreignPaperIds = ids(items, (i) => i.paperId).filter((id) => !paperIds.includes(id))
  const foreignPapers = foreignPaperIds.length
    ? await tx.select().from(papers).where(inArray(papers.id, foreignPaperIds))
    : []
  const allPaperIds = [...paperIds, ...foreignPaperIds]
  const hidden = allPaperIds.length
    ? await tx
        .select({ paperId: agendaItems.paperId })
        .from(agendaItems)
        .where(
          and(
            inArray(agendaItems.paperId, allPaperIds),
            eq(agendaItems.public, false),
            isNull(agendaItems.deletedAt),
          ),
        )
    : []
  const itemIds = items.map((i) => i.id)
  const voteRows = itemIds.length
    ? await tx.select().from(votes).where(inArray(votes.agendaItemId, itemIds))
    : []
  const uploads = await tx
    .select({
      link: councilFiles,
      fileName: storedFiles.originalName,
      mediaType: storedFiles.mediaType,
      size: storedFiles.size,
      sha256: storedFiles.sha256,
    })
    .from(councilFiles)
    .innerJoin(storedFiles, eq(storedFiles.id, councilFiles.fileId))
    .where(inArray(councilFiles.councilId, orgs))
  const candidates = itemIds.length
    ? await tx
        .select({
          agendaItemId: electionCandidates.agendaItemId,
          personId: electionCandidates.personId,
          givenName: people.givenName,
          familyName: people.familyName,
          role: electionCandidates.role,
          votes: electionCandidates.votes,
          elected: electionCandidates.elected,
        })
        .from(electionCandidates)
        .innerJoin(people, eq(people.id, electionCandidates.personId))
        .where(and(inArray(electionCandidates.agendaItemId, itemIds), isNull(electionCandidates.deletedAt)))
    : []
  const otherCouncilIds = [
    ...new Set([
      ...memberships.flatMap((m) => [m.councilId, m.delegatedById]),
      ...foreignMeetings.map((m) => m.councilId),
      ...paperRows.map((p) => p.submittedByCouncilId),
    ]),
  ].filter((id): id is string => !!id && !orgs.includes(id))
  const otherCouncils = otherCouncilIds.length
    ? await tx.select().from(councils).where(inArray(councils.id, otherCouncilIds))
    : []
  return {
    terms,
    memberships,
    personIds,
    seats,
    meetings: meetingRows,
    papers: paperRows,
    items,
    foreignMeetings,
    foreignPapers,
    onNonPublicItems: hidden.map((h) => h.paperId),
    votes: voteRows,
    attendance: attendanceRows,
    uploads,
    candidates,
    otherCouncils,
  }
}

export type RecordKind = 'term' | 'membership' | 'meeting' | 'paper' | 'item' | 'file'

/** The council a term, membership, meeting, paper, agenda item or uploaded file belongs to, from its row. */
export async function councilOfRecord(db: Db, kind: RecordKind, id: string): Promise<string | null> {
  if (kind === 'file') {
    const [r] = await db
      .select({ c: councilFiles.councilId })
      .from(councilFiles)
      .where(eq(councilFiles.id, id))
    return r?.c ?? null
  }
  if (kind === 'term') {
    const [r] = await db
      .select({ c: councilTerms.councilId })
      .from(councilTerms)
      .where(eq(councilTerms.id, id))
    return r?.c ?? null
  }
  if (kind === 'membership') {
    const [r] = await db
      .select({ c: councilMemberships.councilId })
      .from(councilMemberships)
      .where(eq(councilMemberships.id, id))
    return r?.c ?? null
  }
  if (kind === 'meeting') {
    const [r] = await db.select({ c: meetings.councilId }).from(meetings).where(eq(meetings.id, id))
    return r?.c ?? null
  }
  if (kind === 'paper') {
    const [r] = await db.select({ c: papers.councilId }).from(papers).where(eq(papers.id, id))
    return r?.c ?? null
  }
  const [r] = await db
    .select({ c: meetings.councilId })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(eq(agendaItems.id, id))
  return r?.c ?? null
}

/** The body a council belongs to (its parent, or itself), when the council row exists. */
export async function bodyOfCouncil(db: Db, councilId: string): Promise<string | null> {
  const [council] = await db
    .select({ id: councils.id, parentId: councils.parentId })
    .from(councils)
    .where(eq(councils.id, councilId))
  return council ? (council.parentId ?? council.id) : null
}

/** The council of a person's first membership (live or deleted), by creation. */
export async function firstMembershipCouncil(db: Db, personId: string): Promise<string | null> {
  const [m] = await db
    .select({ c: councilMemberships.councilId })
    .from(councilMemberships)
    .where(eq(councilMemberships.personId, personId))
    .orderBy(councilMemberships.createdAt, councilMemberships.id)
    .limit(1)
  return m?.c ?? null
}

/**
 * The council of the first membership (live or deleted, by creation) in which someone represents
 * this directory organisation (members of the integration conference), or null.
 */
export async function firstRepresentingCouncil(db: Db, organisationId: string): Promise<string | null> {
  const [m] = await db
    .select({ c: councilMemberships.councilId })
    .from(councilMemberships)
    .where(eq(councilMemberships.organisationId, organisationId))
    .orderBy(councilMemberships.createdAt, councilMemberships.id)
    .limit(1)
  return m?.c ?? null
}

/** The agah (the first one created) when the person holds or held one of its seats in state bodies. */
export async function agahOfSeatHolder(db: Db, personId: string): Promise<string | null> {
  const [seat] = await db
    .select({ id: agahStateSeats.id })
    .from(agahStateSeats)
    .where(eq(agahStateSeats.personId, personId))
    .limit(1)
  if (!seat) return null
  const [agah] = await db
    .select({ id: councils.id })
    .from(councils)
    .where(and(eq(councils.kind, 'agah'), isNull(councils.parentId)))
    .orderBy(councils.createdAt)
    .limit(1)
  return agah?.id ?? null
}

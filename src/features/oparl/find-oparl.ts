import { and, eq, inArray, isNull, or } from 'drizzle-orm'
import { type Db, inTransaction } from '../../platform/db'
import { storedFiles } from '../../platform/files/tables'
import { isUuid } from '../../platform/ids'
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
} from '../councils/tables'
import { people, places } from '../directory/tables'
import { oparlTombstones } from './tables'

/**
 * Read side of the OParl API. Everything the API shows of one body is loaded in one transaction
 * (a consistent snapshot) and turned into OParl objects by objects.ts. A body is a council without a
 * parent (a council or the agah); its organisations are the council itself and its children (the agah
 * board). The data of one body is small (tens of meetings a year), so lists are filtered and paged in
 * memory; see docs/oparl.md.
 */

export type CouncilRow = typeof councils.$inferSelect
export type TermRow = typeof councilTerms.$inferSelect
export type MembershipRow = typeof councilMemberships.$inferSelect
export type PersonRow = typeof people.$inferSelect
export type MeetingRow = typeof meetings.$inferSelect
export type ItemRow = typeof agendaItems.$inferSelect
export type VoteRow = typeof votes.$inferSelect
export type PaperRow = typeof papers.$inferSelect
export type PlaceRow = typeof places.$inferSelect
export type Tombstone = typeof oparlTombstones.$inferSelect
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

export interface BodyWorld {
  readonly bodyId: string
  /** The body's council row (may carry deletedAt); null when only a tombstone is left. */
  readonly body: CouncilRow | null
  readonly bodyTombstone: Tombstone | null
  readonly place: PlaceRow | null
  /** The body's organisations: the council itself and its children (live and soft-deleted). */
  readonly orgs: readonly CouncilRow[]
  /** Every tombstone of this body (councils, terms, memberships, meetings, papers, agenda items). */
  readonly tombstones: readonly Tombstone[]
  /** Tombstones of people (not tied to a body; listed in every body's person list). */
  readonly personTombstones: readonly Tombstone[]
  readonly terms: readonly TermRow[]
  /** Memberships of the body's organisations and every membership of the people in them. */
  readonly memberships: readonly MembershipRow[]
  /** Councils those memberships point to (organisation and delegating council), by id. */
  readonly councilsById: ReadonlyMap<string, CouncilRow>
  readonly people: ReadonlyMap<string, PersonRow>
  /** The agah's seats in state bodies (only in the agah's world): their holders are people of the agah. */
  readonly seats: readonly SeatRow[]
  readonly meetings: readonly MeetingRow[]
  /** Agenda items of the body's meetings and every item (any body) consulting the body's papers. */
  readonly items: readonly ItemRow[]
  /** Meetings of those items, by id (includes other bodies' meetings consulting our papers). */
  readonly meetingsById: ReadonlyMap<string, MeetingRow>
  readonly votes: ReadonlyMap<string, VoteRow>
  readonly attendance: readonly { meetingId: string; personId: string; createdAt: Date }[]
  readonly papers: readonly PaperRow[]
  /** The body's papers and those of other bodies consulted in the body's meetings, by id. */
  readonly papersById: ReadonlyMap<string, PaperRow>
  /** Papers on a (live) non-public agenda item: never shown. */
  readonly hiddenPaperIds: ReadonlySet<string>
  /** Tombstones of agenda items (any body) that consulted the body's papers. */
  readonly paperItemTombstones: readonly Tombstone[]
  /** Tombstones of memberships of the people in the body. */
  readonly personMembershipTombstones: readonly Tombstone[]
  /** Uploaded files of the body's papers and meetings (live and removed). */
  readonly uploads: readonly UploadRow[]
  /** Election candidates of the items, by agenda item. */
  readonly candidates: readonly CandidateRow[]
}

function ids<T>(rows: readonly T[], pick: (r: T) => string | null): string[] {
  return [...new Set(rows.map(pick).filter((x): x is string => !!x))]
}

/** Everything of one body, or null when there is no such body (not even a tombstone). */
export async function loadBody(db: Db, bodyId: string): Promise<BodyWorld | null> {
  if (!isUuid(bodyId)) return null
  return inTransaction(db, async (tx) => {
    const [body] = await tx.select().from(councils).where(eq(councils.id, bodyId))
    let bodyTombstone: Tombstone | null = null
    if (body?.parentId) return null
    if (!body) {
      const [tomb] = await tx
        .select()
        .from(oparlTombstones)
        .where(and(eq(oparlTombstones.entity, 'councils'), eq(oparlTombstones.entityId, bodyId)))
      if (!tomb || tomb.councilId !== bodyId) return null
      bodyTombstone = tomb
    }
    const [place] = body?.placeId ? await tx.select().from(places).where(eq(places.id, body.placeId)) : []
    const orgs = await tx
      .select()
      .from(councils)
      .where(or(eq(councils.id, bodyId), eq(councils.parentId, bodyId)))
    const orgTombs = await tx
      .select()
      .from(oparlTombstones)
      .where(and(eq(oparlTombstones.entity, 'councils'), eq(oparlTombstones.councilId, bodyId)))
    const orgIds = [...new Set([bodyId, ...orgs.map((o) => o.id), ...orgTombs.map((t) => t.entityId)])]
    const tombstones = await tx
      .select()
      .from(oparlTombstones)
      .where(inArray(oparlTombstones.councilId, orgIds))
    const personTombstones = await tx
      .select()
      .from(oparlTombstones)
      .where(eq(oparlTombstones.entity, 'people'))
    const terms = await tx.select().from(councilTerms).where(inArray(councilTerms.councilId, orgIds))
    const bodyMemberships = await tx
      .select()
      .from(councilMemberships)
      .where(inArray(councilMemberships.councilId, orgIds))
    const meetingRows = await tx.select().from(meetings).where(inArray(meetings.councilId, orgIds))
    const meetingIds = meetingRows.map((m) => m.id)
    const paperRows = await tx.select().from(papers).where(inArray(papers.councilId, orgIds))
    const paperIds = paperRows.map((p) => p.id)

    const seats = body?.kind === 'agah' ? await tx.select().from(agahStateSeats) : []
    const personIds = [
      ...new Set([...ids(bodyMemberships, (m) => m.personId), ...ids(seats, (s) => s.personId)]),
    ]
    const memberships = personIds.length
      ? await tx.select().from(councilMemberships).where(inArray(councilMemberships.personId, personIds))
      : []
    const personMembershipTombstones = personIds.length
      ? await tx
          .select()
          .from(oparlTombstones)
          .where(
            and(
              eq(oparlTombstones.entity, 'council_memberships'),
              inArray(oparlTombstones.parentId, personIds),
            ),
          )
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
    const peopleRows = personIds.length
      ? await tx.select().from(people).where(inArray(people.id, personIds))
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
    const paperItemTombstones = paperIds.length
      ? await tx
          .select()
          .from(oparlTombstones)
          .where(and(eq(oparlTombstones.entity, 'agenda_items'), inArray(oparlTombstones.paperId, paperIds)))
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
      .where(inArray(councilFiles.councilId, orgIds))
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
    ].filter((id): id is string => !!id && !orgIds.includes(id))
    const otherCouncils = otherCouncilIds.length
      ? await tx.select().from(councils).where(inArray(councils.id, otherCouncilIds))
      : []

    return {
      bodyId,
      body: body ?? null,
      bodyTombstone,
      place: place ?? null,
      orgs,
      tombstones,
      personTombstones,
      terms,
      memberships,
      councilsById: new Map([...orgs, ...otherCouncils].map((c) => [c.id, c])),
      people: new Map(peopleRows.map((p) => [p.id, p])),
      seats,
      meetings: meetingRows,
      items,
      meetingsById: new Map([...meetingRows, ...foreignMeetings].map((m) => [m.id, m])),
      votes: new Map(voteRows.map((v) => [v.agendaItemId, v])),
      attendance: attendanceRows,
      papers: paperRows,
      papersById: new Map([...paperRows, ...foreignPapers].map((p) => [p.id, p])),
      hiddenPaperIds: hiddenClosure(
        hidden.map((h) => h.paperId),
        [...paperRows, ...foreignPapers],
      ),
      paperItemTombstones,
      personMembershipTombstones,
      uploads,
      candidates,
    }
  })
}

/** Which body an object belongs to, found from its own row or its tombstone. */
export async function bodyIdOf(
  db: Db,
  kind: 'council' | 'term' | 'membership' | 'meeting' | 'paper' | 'item' | 'file',
  id: string,
): Promise<string | null> {
  if (!isUuid(id)) return null
  if (kind === 'file') {
    // An uploaded file (council_files, or its tombstone); otherwise the text of a paper (same id).
    const [r] = await db
      .select({ c: councilFiles.councilId })
      .from(councilFiles)
      .where(eq(councilFiles.id, id))
    const [t] = r
      ? []
      : await db
          .select({ c: oparlTombstones.councilId })
          .from(oparlTombstones)
          .where(and(eq(oparlTombstones.entity, 'council_files'), eq(oparlTombstones.entityId, id)))
    const councilId = r?.c ?? t?.c
    return councilId ? bodyIdOf(db, 'council', councilId) : bodyIdOf(db, 'paper', id)
  }
  const councilIdOf = async (): Promise<string | null> => {
    if (kind === 'council') return id
    if (kind === 'term') {
      const [r] = await db
        .select({ c: councilTerms.councilId })
        .from(councilTerms)
        .where(eq(councilTerms.id, id))
      if (r) return r.c
    } else if (kind === 'membership') {
      const [r] = await db
        .select({ c: councilMemberships.councilId })
        .from(councilMemberships)
        .where(eq(councilMemberships.id, id))
      if (r) return r.c
    } else if (kind === 'meeting') {
      const [r] = await db.select({ c: meetings.councilId }).from(meetings).where(eq(meetings.id, id))
      if (r) return r.c
    } else if (kind === 'paper') {
      const [r] = await db.select({ c: papers.councilId }).from(papers).where(eq(papers.id, id))
      if (r) return r.c
    } else {
      const [r] = await db
        .select({ c: meetings.councilId })
        .from(agendaItems)
        .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
        .where(eq(agendaItems.id, id))
      if (r) return r.c
    }
    const entity = {
      file: 'council_files',
      term: 'council_terms',
      membership: 'council_memberships',
      meeting: 'meetings',
      paper: 'papers',
      item: 'agenda_items',
    }[kind]
    const [t] = await db
      .select({ c: oparlTombstones.councilId })
      .from(oparlTombstones)
      .where(and(eq(oparlTombstones.entity, entity), eq(oparlTombstones.entityId, id)))
    return t?.c ?? null
  }
  const councilId = await councilIdOf()
  if (!councilId) return null
  const [council] = await db
    .select({ id: councils.id, parentId: councils.parentId })
    .from(councils)
    .where(eq(councils.id, councilId))
  if (council) return council.parentId ?? council.id
  const [tomb] = await db
    .select({ c: oparlTombstones.councilId })
    .from(oparlTombstones)
    .where(and(eq(oparlTombstones.entity, 'councils'), eq(oparlTombstones.entityId, councilId)))
  return tomb?.c ?? null
}

/** The bodies a person belongs to (through any membership, live or deleted); the first one is used. */
export async function bodyIdOfPerson(db: Db, personId: string): Promise<string | null | 'tombstone'> {
  if (!isUuid(personId)) return null
  const [m] = await db
    .select({ c: councilMemberships.councilId })
    .from(councilMemberships)
    .where(eq(councilMemberships.personId, personId))
    .orderBy(councilMemberships.createdAt, councilMemberships.id)
    .limit(1)
  if (m) return bodyIdOf(db, 'council', m.c)
  const [seat] = await db
    .select({ id: agahStateSeats.id })
    .from(agahStateSeats)
    .where(eq(agahStateSeats.personId, personId))
    .limit(1)
  if (seat) {
    const [agah] = await db
      .select({ id: councils.id })
      .from(councils)
      .where(and(eq(councils.kind, 'agah'), isNull(councils.parentId)))
      .orderBy(councils.createdAt)
      .limit(1)
    if (agah) return agah.id
  }
  const [t] = await db
    .select({ c: oparlTombstones.councilId })
    .from(oparlTombstones)
    .where(and(eq(oparlTombstones.entity, 'council_memberships'), eq(oparlTombstones.parentId, personId)))
    .limit(1)
  if (t?.c) return bodyIdOf(db, 'council', t.c)
  const [p] = await db
    .select({ id: oparlTombstones.entityId })
    .from(oparlTombstones)
    .where(and(eq(oparlTombstones.entity, 'people'), eq(oparlTombstones.entityId, personId)))
  return p ? 'tombstone' : null
}

/** The tombstone of a deleted person. */
export async function personTombstone(db: Db, personId: string): Promise<Tombstone | null> {
  const [t] = await db
    .select()
    .from(oparlTombstones)
    .where(and(eq(oparlTombstones.entity, 'people'), eq(oparlTombstones.entityId, personId)))
  return t ?? null
}

/**
 * Every body with just what the Body object needs (its council, place, organisations, terms and
 * tombstones), in a handful of queries for all bodies together.
 */
export async function loadAllBodies(db: Db): Promise<BodyWorld[]> {
  return inTransaction(db, async (tx) => {
    const all = await tx.select().from(councils)
    const placeIds = ids(all, (c) => c.placeId)
    const allPlaces = placeIds.length
      ? await tx.select().from(places).where(inArray(places.id, placeIds))
      : []
    const terms = await tx.select().from(councilTerms)
    const tombs = await tx
      .select()
      .from(oparlTombstones)
      .where(inArray(oparlTombstones.entity, ['councils', 'council_terms']))
    const byId = new Map(all.map((c) => [c.id, c]))
    const bodyOfCouncil = (id: string): string | null => {
      const c = byId.get(id)
      if (c) return c.parentId ?? c.id
      return tombs.find((t) => t.entity === 'councils' && t.entityId === id)?.councilId ?? null
    }
    const bodyIds = [
      ...all.filter((c) => !c.parentId).map((c) => c.id),
      ...tombs.filter((t) => t.entity === 'councils' && t.councilId === t.entityId).map((t) => t.entityId),
    ]
    return bodyIds.map((bodyId): BodyWorld => {
      const body = byId.get(bodyId) ?? null
      const orgs = all.filter((c) => c.id === bodyId || c.parentId === bodyId)
      return {
        ...emptyWorld(bodyId),
        body,
        bodyTombstone: body
          ? null
          : (tombs.find((t) => t.entity === 'councils' && t.entityId === bodyId) ?? null),
        place: allPlaces.find((p) => p.id === body?.placeId) ?? null,
        orgs,
        tombstones: tombs.filter((t) => t.councilId && bodyOfCouncil(t.councilId) === bodyId),
        terms: terms.filter((t) => bodyOfCouncil(t.councilId) === bodyId),
        councilsById: new Map(orgs.map((o) => [o.id, o])),
      }
    })
  })
}

/** A world with nothing in it; the base of partial worlds (all bodies, a deleted person). */
export function emptyWorld(bodyId: string): BodyWorld {
  return {
    bodyId,
    body: null,
    bodyTombstone: null,
    place: null,
    orgs: [],
    tombstones: [],
    personTombstones: [],
    terms: [],
    memberships: [],
    councilsById: new Map(),
    people: new Map(),
    seats: [],
    meetings: [],
    items: [],
    meetingsById: new Map(),
    votes: new Map(),
    attendance: [],
    papers: [],
    papersById: new Map(),
    hiddenPaperIds: new Set(),
    paperItemTombstones: [],
    personMembershipTombstones: [],
    uploads: [],
    candidates: [],
  }
}

/**
 * Papers on a non-public agenda item, and every paper derived from one of them (its resolution, an
 * amendment: `related_paper_id`), transitively. None of them is ever shown.
 */
export function hiddenClosure(
  onNonPublicItems: readonly (string | null)[],
  rows: readonly PaperRow[],
): Set<string> {
  const hidden = new Set(onNonPublicItems.filter((x): x is string => !!x))
  let grew = true
  while (grew) {
    grew = false
    for (const p of rows)
      if (!hidden.has(p.id) && p.relatedPaperId && hidden.has(p.relatedPaperId)) {
        hidden.add(p.id)
        grew = true
      }
  }
  return hidden
}

import { and, eq, inArray } from 'drizzle-orm'
import { type Db, inTransaction } from '../../platform/db'
import { isUuid } from '../../platform/ids'
import {
  agahOfSeatHolder,
  allCouncilRecords,
  allTermRecords,
  bodyOfCouncil,
  bodyRecords,
  type CandidateRow,
  type CouncilRow,
  councilOfRecord,
  councilRecord,
  firstMembershipCouncil,
  firstRepresentingCouncil,
  type ItemRow,
  type MeetingRow,
  type MembershipRow,
  organisationsOfBody,
  type PaperRow,
  type SeatRow,
  type TermRow,
  type UploadRow,
  type VoteRow,
} from '../councils/public'
import {
  organisationsByIds,
  type PersonRow,
  type PlaceRow,
  peopleByIds,
  placesByIds,
} from '../directory/public'
import { oparlTombstones } from './tables'

/**
 * Read side of the OParl API. Everything the API shows of one body is loaded in one transaction
 * (a consistent snapshot) and turned into OParl objects by objects.ts. A body is a council without a
 * parent (a council or the agah); its organisations are the council itself and its children (the agah
 * board). The data of one body is small (tens of meetings a year), so lists are filtered and paged in
 * memory; see docs/oparl.md.
 */

export type {
  CandidateRow,
  CouncilRow,
  ItemRow,
  MeetingRow,
  MembershipRow,
  PaperRow,
  PersonRow,
  PlaceRow,
  SeatRow,
  TermRow,
  UploadRow,
  VoteRow,
}
export type Tombstone = typeof oparlTombstones.$inferSelect
export type OrganisationRow = Awaited<ReturnType<typeof organisationsByIds>>[number]

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
  /**
   * Directory organisations someone represents in one of the body's organisations (members of the
   * integration conference): shown as Organizations of the body, the target of `onBehalfOf`.
   */
  readonly represented: readonly OrganisationRow[]
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

/** Everything of one body, or null when there is no such body (not even a tombstone). */
export async function loadBody(db: Db, bodyId: string): Promise<BodyWorld | null> {
  if (!isUuid(bodyId)) return null
  return inTransaction(db, async (tx) => {
    const body = await councilRecord(tx, bodyId)
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
    const [place] = body?.placeId ? await placesByIds(tx, [body.placeId]) : []
    const orgs = await organisationsOfBody(tx, bodyId)
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
    const r = await bodyRecords(tx, orgIds, { withStateSeats: body?.kind === 'agah' })
    const { personIds } = r
    const paperIds = r.papers.map((p) => p.id)
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
    const peopleRows = await peopleByIds(tx, personIds)
    const orgIdSet = new Set(orgIds)
    const representedIds = [
      ...new Set(
        r.memberships
          .filter((m) => orgIdSet.has(m.councilId) && m.organisationId)
          .map((m) => m.organisationId!),
      ),
    ]
    const represented = await organisationsByIds(tx, representedIds)
    const paperItemTombstones = paperIds.length
      ? await tx
          .select()
          .from(oparlTombstones)
          .where(and(eq(oparlTombstones.entity, 'agenda_items'), inArray(oparlTombstones.paperId, paperIds)))
      : []

    return {
      bodyId,
      body,
      bodyTombstone,
      place: place ?? null,
      orgs,
      tombstones,
      personTombstones,
      terms: r.terms,
      memberships: r.memberships,
      councilsById: new Map([...orgs, ...r.otherCouncils].map((c) => [c.id, c])),
      represented,
      people: new Map(peopleRows.map((p) => [p.id, p])),
      seats: r.seats,
      meetings: r.meetings,
      items: r.items,
      meetingsById: new Map([...r.meetings, ...r.foreignMeetings].map((m) => [m.id, m])),
      votes: new Map(r.votes.map((v) => [v.agendaItemId, v])),
      attendance: r.attendance,
      papers: r.papers,
      papersById: new Map([...r.papers, ...r.foreignPapers].map((p) => [p.id, p])),
      hiddenPaperIds: hiddenClosure(r.onNonPublicItems, [...r.papers, ...r.foreignPapers]),
      paperItemTombstones,
      personMembershipTombstones,
      uploads: r.uploads,
      candidates: r.candidates,
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
    const c = await councilOfRecord(db, 'file', id)
    const [t] = c
      ? []
      : await db
          .select({ c: oparlTombstones.councilId })
          .from(oparlTombstones)
          .where(and(eq(oparlTombstones.entity, 'council_files'), eq(oparlTombstones.entityId, id)))
    const councilId = c ?? t?.c
    return councilId ? bodyIdOf(db, 'council', councilId) : bodyIdOf(db, 'paper', id)
  }
  const councilIdOf = async (): Promise<string | null> => {
    if (kind === 'council') return id
    const own = await councilOfRecord(db, kind, id)
    if (own) return own
    const entity = {
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
  const body = await bodyOfCouncil(db, councilId)
  if (body) return body
  const [tomb] = await db
    .select({ c: oparlTombstones.councilId })
    .from(oparlTombstones)
    .where(and(eq(oparlTombstones.entity, 'councils'), eq(oparlTombstones.entityId, councilId)))
  return tomb?.c ?? null
}

/**
 * The body of a directory organisation someone represents (the body of the first such membership),
 * or null when no membership ever represented it.
 */
export async function bodyIdOfRepresented(db: Db, organisationId: string): Promise<string | null> {
  if (!isUuid(organisationId)) return null
  const councilId = await firstRepresentingCouncil(db, organisationId)
  return councilId ? bodyIdOf(db, 'council', councilId) : null
}

/** The bodies a person belongs to (through any membership, live or deleted); the first one is used. */
export async function bodyIdOfPerson(db: Db, personId: string): Promise<string | null | 'tombstone'> {
  if (!isUuid(personId)) return null
  const m = await firstMembershipCouncil(db, personId)
  if (m) return bodyIdOf(db, 'council', m)
  const agah = await agahOfSeatHolder(db, personId)
  if (agah) return agah
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
    const all = await allCouncilRecords(tx)
    const placeIds = [...new Set(all.map((c) => c.placeId).filter((x): x is string => !!x))]
    const allPlaces = await placesByIds(tx, placeIds)
    const terms = await allTermRecords(tx)
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
    represented: [],
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

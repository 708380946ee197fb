import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import {
  agahStateSeats,
  agendaItems,
  attendance,
  councilMemberships,
  councils,
  councilTerms,
  meetings,
  papers,
  votes,
} from '../councils/tables'
import { people } from '../directory/tables'

/**
 * Builds the OParl 1.1 objects from the council tables. Every object has a stable URL made of the
 * API base, the type in lower case and the row's UUID (docs/decisions/0xx-oparl-ids.md). Non-public
 * agenda items, and papers discussed only in non-public items, are never included.
 */

export const OPARL = 'https://schema.oparl.org/1.1/'
export const BODY_ID = 'hessen'
export const LICENSE = 'https://www.govdata.de/dl-de/by-2-0'

export type OparlObject = Record<string, unknown> & {
  id: string
  type: string
  created: string
  modified: string
}

/** One object of a list: the full object, or when deleted the minimal form the spec asks for. */
export interface Entry {
  readonly object: OparlObject
  readonly created: Date
  readonly modified: Date
  readonly deleted: boolean
}

export const ROLE_LABELS: Record<string, string> = {
  chair: 'Vorsitz',
  deputy: 'Stellvertretender Vorsitz',
  secretary: 'Schriftführung',
  member: 'Mitglied',
  delegate: 'Delegierte/r',
}
const KIND_LABELS: Record<string, string> = {
  auslaenderbeirat: 'Ausländerbeirat',
  integrationskommission: 'Integrationskommission',
  agah: 'Plenarversammlung',
  agah_board: 'Vorstand',
}
const PAPER_LABELS: Record<string, string> = {
  motion: 'Antrag',
  amendment: 'Änderungsantrag',
  report: 'Bericht',
  resolution: 'Beschluss',
}
const MEETING_STATES: Record<string, string> = {
  planned: 'terminiert',
  invited: 'eingeladen',
  held: 'durchgeführt',
  cancelled: 'abgesagt',
}

export class Urls {
  constructor(readonly base: string) {}
  get system() {
    return `${this.base}/oparl/v1`
  }
  get body() {
    return `${this.base}/oparl/v1/body/${BODY_ID}`
  }
  list(name: string) {
    return `${this.body}/${name}`
  }
  of(type: string, id: string) {
    return `${this.base}/oparl/v1/${type}/${id}`
  }
  web(path: string) {
    return `${this.base}${path}`
  }
}

const iso = (d: Date) => d.toISOString()

function entry(
  object: { id: string; type: string } & Record<string, unknown>,
  created: Date,
  updated: Date,
  deletedAt: Date | null,
): Entry {
  const modified = deletedAt && deletedAt > updated ? deletedAt : updated
  const full = { ...object, created: iso(created), modified: iso(modified) } as OparlObject
  if (deletedAt) {
    return {
      object: {
        id: object.id,
        type: object.type,
        created: iso(created),
        modified: iso(modified),
        deleted: true,
      },
      created,
      modified,
      deleted: true,
    }
  }
  return { object: full, created, modified, deleted: false }
}

export async function organizations(db: Db, u: Urls): Promise<Entry[]> {
  const rows = await db.select().from(councils).orderBy(asc(councils.createdAt), asc(councils.id))
  const members = await db
    .select({ id: councilMemberships.id, councilId: councilMemberships.councilId })
    .from(councilMemberships)
    .where(isNull(councilMemberships.deletedAt))
  return rows.map((c) =>
    entry(
      {
        id: u.of('organization', c.id),
        type: `${OPARL}Organization`,
        body: u.body,
        name: c.name,
        ...(c.shortName ? { shortName: c.shortName } : {}),
        organizationType: 'Gremium',
        classification: KIND_LABELS[c.kind] ?? c.kind,
        membership: members.filter((m) => m.councilId === c.id).map((m) => u.of('membership', m.id)),
        meeting: `${u.of('organization', c.id)}/meeting`,
        ...(c.parentId ? { subOrganizationOf: u.of('organization', c.parentId) } : {}),
        ...(c.website ? { website: c.website } : {}),
        web: u.web(c.kind === 'agah' || c.kind === 'agah_board' ? '/agah' : `/beiraete/${c.id}`),
      },
      c.createdAt,
      c.updatedAt,
      c.deletedAt,
    ),
  )
}

function membershipObject(m: typeof councilMemberships.$inferSelect, u: Urls) {
  return {
    id: u.of('membership', m.id),
    type: `${OPARL}Membership`,
    person: u.of('person', m.personId),
    organization: u.of('organization', m.councilId),
    role: ROLE_LABELS[m.role] ?? m.role,
    votingRight: m.role !== 'secretary',
    startDate: m.startsOn,
    ...(m.endsOn ? { endDate: m.endsOn } : {}),
    ...(m.delegatedById ? { onBehalfOf: u.of('organization', m.delegatedById) } : {}),
  }
}

export async function memberships(db: Db, u: Urls): Promise<Entry[]> {
  const rows = await db
    .select()
    .from(councilMemberships)
    .orderBy(asc(councilMemberships.createdAt), asc(councilMemberships.id))
  return rows.map((m) => entry(membershipObject(m, u), m.createdAt, m.updatedAt, m.deletedAt))
}

/** People who hold (or held) a membership or a state seat; contact details only with consent. */
export async function persons(db: Db, u: Urls): Promise<Entry[]> {
  const ms = await db.select().from(councilMemberships).where(isNull(councilMemberships.deletedAt))
  const seatHolders = await db
    .select({ personId: agahStateSeats.personId })
    .from(agahStateSeats)
    .where(and(isNull(agahStateSeats.deletedAt), isNotNull(agahStateSeats.personId)))
  const ids = [...new Set([...ms.map((m) => m.personId), ...seatHolders.map((s) => s.personId!)])]
  if (ids.length === 0) return []
  const rows = await db
    .select()
    .from(people)
    .where(inArray(people.id, ids))
    .orderBy(asc(people.createdAt), asc(people.id))
  return rows.map((p) => {
    const own = ms.filter((m) => m.personId === p.id)
    const created = p.createdAt
    const updated = new Date(Math.max(p.updatedAt.getTime(), ...own.map((m) => m.updatedAt.getTime())))
    return entry(
      {
        id: u.of('person', p.id),
        type: `${OPARL}Person`,
        body: u.body,
        name: [p.honorificPrefix, p.givenName, p.familyName].filter(Boolean).join(' '),
        givenName: p.givenName,
        familyName: p.familyName,
        ...(p.honorificPrefix ? { title: [p.honorificPrefix] } : {}),
        ...(p.publicContactConsent && p.email ? { email: [p.email] } : {}),
        ...(p.publicContactConsent && p.phone ? { phone: [p.phone] } : {}),
        membership: own.map((m) => ({
          ...membershipObject(m, u),
          created: iso(m.createdAt),
          modified: iso(m.updatedAt),
        })),
      },
      created,
      updated,
      null,
    )
  })
}

export async function legislativeTerms(db: Db, u: Urls): Promise<Entry[]> {
  const rows = await db
    .select({ term: councilTerms, councilName: councils.name })
    .from(councilTerms)
    .innerJoin(councils, eq(councils.id, councilTerms.councilId))
    .orderBy(asc(councilTerms.startsOn), asc(councilTerms.id))
  return rows.map(({ term: t, councilName }) =>
    entry(
      {
        id: u.of('legislativeterm', t.id),
        type: `${OPARL}LegislativeTerm`,
        body: u.body,
        name: `${councilName} ${t.startsOn.slice(0, 4)}–${t.endsOn.slice(0, 4)}`,
        startDate: t.startsOn,
        endDate: t.endsOn,
      },
      t.createdAt,
      t.updatedAt,
      t.deletedAt,
    ),
  )
}

type MeetingRow = typeof meetings.$inferSelect

function locationObject(m: MeetingRow, u: Urls) {
  if (!m.locationName && !m.locationAddress) return null
  return {
    id: u.of('location', m.id),
    type: `${OPARL}Location`,
    description: [m.locationName, m.locationAddress].filter(Boolean).join(', '),
    ...(m.locationAddress ? { streetAddress: m.locationAddress } : {}),
    ...(m.locationName ? { room: m.locationName } : {}),
    meetings: [u.of('meeting', m.id)],
    created: iso(m.createdAt),
    modified: iso(m.updatedAt),
  }
}

export async function locations(db: Db, u: Urls): Promise<Entry[]> {
  const rows = await db.select().from(meetings).orderBy(asc(meetings.createdAt), asc(meetings.id))
  return rows.flatMap((m) => {
    const loc = locationObject(m, u)
    return loc ? [entry(loc, m.createdAt, m.updatedAt, m.deletedAt)] : []
  })
}

/** Public agenda items with their vote; the tally is the vendor extension `teilhabe:vote`. */
async function publicItems(db: Db) {
  return db
    .select({ item: agendaItems, vote: votes, meeting: meetings })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .leftJoin(votes, eq(votes.agendaItemId, agendaItems.id))
    .where(eq(agendaItems.public, true))
    .orderBy(asc(agendaItems.createdAt), asc(agendaItems.id))
}

type ItemRow = Awaited<ReturnType<typeof publicItems>>[number]

function agendaItemObject(r: ItemRow, u: Urls) {
  const { item, vote, meeting } = r
  return {
    id: u.of('agendaitem', item.id),
    type: `${OPARL}AgendaItem`,
    meeting: u.of('meeting', item.meetingId),
    number: String(item.position),
    order: item.position,
    name: item.title,
    public: true,
    ...(item.result === 'adopted'
      ? { result: 'angenommen' }
      : item.result === 'rejected'
        ? { result: 'abgelehnt' }
        : {}),
    ...(item.paperId ? { consultation: u.of('consultation', item.id) } : {}),
    ...(vote && !vote.deletedAt
      ? {
          'teilhabe:vote': {
            yes: vote.yes,
            no: vote.no,
            abstain: vote.abstain,
            present: vote.present,
            members: vote.members,
            majorityRule: vote.majorityRule,
            adopted: vote.adopted,
            rollCall: vote.rollCall,
          },
        }
      : {}),
    ...(meeting.minutesState === 'published' && item.minutes ? { 'teilhabe:minutes': item.minutes } : {}),
    web: u.web(`/sitzungen/${item.meetingId}`),
  }
}

export async function agendaItemEntries(db: Db, u: Urls): Promise<Entry[]> {
  return (await publicItems(db)).map((r) =>
    entry(
      agendaItemObject(r, u),
      r.item.createdAt,
      r.vote && r.vote.updatedAt > r.item.updatedAt ? r.vote.updatedAt : r.item.updatedAt,
      r.item.deletedAt ?? r.meeting.deletedAt,
    ),
  )
}

function consultationObject(r: ItemRow, u: Urls) {
  return {
    id: u.of('consultation', r.item.id),
    type: `${OPARL}Consultation`,
    paper: u.of('paper', r.item.paperId!),
    agendaItem: u.of('agendaitem', r.item.id),
    meeting: u.of('meeting', r.item.meetingId),
    organization: [u.of('organization', r.meeting.councilId)],
    authoritative: !!r.vote,
    role: r.vote ? 'Beschlussfassung' : 'Beratung',
  }
}

export async function consultations(db: Db, u: Urls): Promise<Entry[]> {
  return (await publicItems(db))
    .filter((r) => r.item.paperId)
    .map((r) =>
      entry(
        consultationObject(r, u),
        r.item.createdAt,
        r.item.updatedAt,
        r.item.deletedAt ?? r.meeting.deletedAt,
      ),
    )
}

export async function meetingEntries(db: Db, u: Urls): Promise<Entry[]> {
  const rows = await db.select().from(meetings).orderBy(asc(meetings.createdAt), asc(meetings.id))
  const items = await publicItems(db)
  const present = await db.select().from(attendance)
  return rows.map((m) => {
    const loc = locationObject(m, u)
    const own = items.filter((r) => r.item.meetingId === m.id && !r.item.deletedAt)
    return entry(
      {
        id: u.of('meeting', m.id),
        type: `${OPARL}Meeting`,
        name: m.title,
        meetingState: MEETING_STATES[m.state] ?? m.state,
        cancelled: m.state === 'cancelled',
        start: iso(m.startsAt),
        ...(m.endsAt ? { end: iso(m.endsAt) } : {}),
        ...(loc ? { location: loc } : {}),
        organization: [u.of('organization', m.councilId)],
        participant: present.filter((p) => p.meetingId === m.id).map((p) => u.of('person', p.personId)),
        agendaItem: own.map((r) => ({
          ...agendaItemObject(r, u),
          created: iso(r.item.createdAt),
          modified: iso(r.item.updatedAt),
        })),
        ...(m.minutesState === 'published'
          ? {
              resultsProtocol: {
                id: u.of('file', m.id),
                type: `${OPARL}File`,
                name: `Niederschrift: ${m.title}`,
                fileName: `niederschrift-${m.id}.html`,
                mimeType: 'text/html',
                accessUrl: u.web(`/sitzungen/${m.id}`),
                meeting: [u.of('meeting', m.id)],
                created: iso(m.createdAt),
                modified: iso(m.updatedAt),
              },
            }
          : {}),
        web: u.web(`/sitzungen/${m.id}`),
      },
      m.createdAt,
      m.updatedAt,
      m.deletedAt,
    )
  })
}

/** The published minutes of a meeting, served as a File whose accessUrl is the meeting page. */
export async function files(db: Db, u: Urls): Promise<Entry[]> {
  const rows = await db.select().from(meetings).where(eq(meetings.minutesState, 'published'))
  return rows.map((m) =>
    entry(
      {
        id: u.of('file', m.id),
        type: `${OPARL}File`,
        name: `Niederschrift: ${m.title}`,
        fileName: `niederschrift-${m.id}.html`,
        mimeType: 'text/html',
        accessUrl: u.web(`/sitzungen/${m.id}`),
        meeting: [u.of('meeting', m.id)],
      },
      m.createdAt,
      m.updatedAt,
      m.deletedAt,
    ),
  )
}

export async function paperEntries(db: Db, u: Urls): Promise<Entry[]> {
  const rows = await db.select().from(papers).orderBy(asc(papers.createdAt), asc(papers.id))
  const allItems = await db
    .select({ paperId: agendaItems.paperId, public: agendaItems.public })
    .from(agendaItems)
    .where(and(isNotNull(agendaItems.paperId), isNull(agendaItems.deletedAt)))
  const items = await publicItems(db)
  const visible = (p: typeof papers.$inferSelect) => {
    const ids = [p.id, ...(p.relatedPaperId ? [p.relatedPaperId] : [])]
    const on = allItems.filter((i) => i.paperId && ids.includes(i.paperId))
    return on.length === 0 || on.some((i) => i.public)
  }
  return rows.filter(visible).map((p) =>
    entry(
      {
        id: u.of('paper', p.id),
        type: `${OPARL}Paper`,
        body: u.body,
        name: p.title,
        reference: p.reference,
        date: p.date,
        paperType: PAPER_LABELS[p.kind] ?? p.kind,
        ...(p.relatedPaperId && rows.some((x) => x.id === p.relatedPaperId && visible(x))
          ? { relatedPaper: [u.of('paper', p.relatedPaperId)] }
          : {}),
        ...(p.submittedByCouncilId
          ? { originatorOrganization: [u.of('organization', p.submittedByCouncilId)] }
          : {}),
        ...(p.resolutionNumber ? { 'teilhabe:resolutionNumber': p.resolutionNumber } : {}),
        consultation: items
          .filter((r) => r.item.paperId === p.id && !r.item.deletedAt && !r.meeting.deletedAt)
          .map((r) => ({
            ...consultationObject(r, u),
            created: iso(r.item.createdAt),
            modified: iso(r.item.updatedAt),
          })),
        web: u.web(`/vorlagen/${p.id}`),
      },
      p.createdAt,
      p.updatedAt,
      p.deletedAt,
    ),
  )
}

/** The list loaders by the path segment under the body; also the type segment of single objects. */
export const LISTS = {
  organization: { type: 'organization', load: organizations },
  person: { type: 'person', load: persons },
  membership: { type: 'membership', load: memberships },
  meeting: { type: 'meeting', load: meetingEntries },
  agendaItem: { type: 'agendaitem', load: agendaItemEntries },
  paper: { type: 'paper', load: paperEntries },
  consultation: { type: 'consultation', load: consultations },
  file: { type: 'file', load: files },
  location: { type: 'location', load: locations },
  legislativeTerm: { type: 'legislativeterm', load: legislativeTerms },
} as const

import { createHash } from 'node:crypto'
import { bodyPath } from '../councils/public'
import { isoDay } from '../directory/public'
import type {
  BodyWorld,
  CouncilRow,
  ItemRow,
  MeetingRow,
  MembershipRow,
  OrganisationRow,
  PaperRow,
  PersonRow,
  Tombstone,
  UploadRow,
} from './find-oparl'

/**
 * Turns the rows of one body into OParl 1.1 objects. Each builder returns every object of its type
 * the body has ever had: live ones and deleted ones (soft-deleted rows, rows whose parent was
 * deleted, tombstones of hard-deleted rows). Lists show deleted ones only under `modified_since`
 * (OParl 1.1, 2.5); a URL of a deleted object keeps answering 200 with `deleted: true` (2.8).
 */

export type OParlObject = Record<string, unknown>

export interface Entry {
  readonly id: string
  readonly created: Date
  readonly modified: Date
  readonly deleted: boolean
  readonly object: OParlObject
}

export const SCHEMA = 'https://schema.oparl.org/1.1/'
/** Vendor prefix of our extensions (OParl 3.0 "Herstellerspezifische Erweiterungen"). */
export const VENDOR = 'teilhabe'

export const BODY_LISTS = [
  'organizations',
  'persons',
  'memberships',
  'meetings',
  'agenda-items',
  'consultations',
  'papers',
  'files',
  'locations',
  'legislative-terms',
] as const
export type BodyList = (typeof BODY_LISTS)[number]

export const OBJECT_KINDS = [
  'organization',
  'person',
  'membership',
  'meeting',
  'agenda-item',
  'consultation',
  'paper',
  'file',
  'location',
  'legislative-term',
] as const
export type ObjectKind = (typeof OBJECT_KINDS)[number]

/** The list of a body holding objects of a kind. */
export const LIST_OF: Record<ObjectKind, BodyList> = {
  organization: 'organizations',
  person: 'persons',
  membership: 'memberships',
  meeting: 'meetings',
  'agenda-item': 'agenda-items',
  consultation: 'consultations',
  paper: 'papers',
  file: 'files',
  location: 'locations',
  'legislative-term': 'legislative-terms',
}

export function oparlUrls(publicUrl: string) {
  const site = publicUrl.replace(/\/+$/, '')
  const base = `${site}/oparl/v1`
  return {
    base,
    /** Public HTML pages of the councils feature (OParl `web`). */
    web: {
      council: (c: CouncilRow) => `${site}${bodyPath(c)}`,
      meeting: (id: string) => `${site}/sitzungen/${id}`,
      paper: (id: string) => `${site}/vorlagen/${id}`,
      openData: `${site}/offene-daten`,
    },
    system: base,
    bodies: `${base}/bodies`,
    body: (id: string) => `${base}/body/${id}`,
    bodyList: (id: string, list: BodyList) => `${base}/body/${id}/${list}`,
    object: (kind: ObjectKind, id: string) => `${base}/${kind}/${id}`,
    organizationMeetings: (id: string) => `${base}/organization/${id}/meetings`,
    fileContent: (id: string) => `${base}/file/${id}/content`,
    fileDownload: (id: string) => `${base}/file/${id}/download`,
  }
}
export type OParlUrls = ReturnType<typeof oparlUrls>

/** `yyyy-mm-ddThh:mm:ss+00:00` as OParl requires (2.4). */
export function dateTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, '+00:00')
}

function latest(...dates: (Date | null | undefined)[]): Date {
  let best = new Date(0)
  for (const d of dates) if (d && d.getTime() > best.getTime()) best = d
  return best
}

/** Drops undefined, null, '' and [] (OParl 2.4: such properties should not be sent). */
function clean(o: OParlObject): OParlObject {
  return Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  )
}

function entry(
  type: string,
  id: string,
  created: Date,
  modified: Date,
  deleted: boolean,
  props: OParlObject,
  /** Required properties: kept in deleted objects, and sent even when empty (2.4). */
  required: OParlObject = {},
): Entry {
  const head = { id, type: `${SCHEMA}${type}` }
  const stamps = { created: dateTime(created), modified: dateTime(modified) }
  const object = deleted
    ? { ...head, ...required, ...stamps, deleted: true }
    : { ...head, ...required, ...clean(props), ...stamps }
  return { id, created, modified, deleted, object }
}

function tombstoneEntry(type: string, url: string, t: Tombstone, required: OParlObject = {}): Entry {
  return entry(type, url, t.createdAt, t.deletedAt, true, {}, required)
}

const CLASSIFICATION: Record<CouncilRow['kind'], string> = {
  auslaenderbeirat: 'Ausländerbeirat',
  integrationskommission: 'Integrationskommission',
  agah: 'Landesversammlung',
  agah_board: 'Vorstand',
  integrationskonferenz: 'Integrationskonferenz',
}

/** OParl `classification` of a directory organisation represented in a body. */
const ORGANISATION_CLASSIFICATION: Record<OrganisationRow['kind'], string> = {
  authority: 'Behörde',
  municipality: 'Kommune',
  association: 'Verband',
  migrant_organisation: 'Migrantenorganisation',
  counselling_centre: 'Beratungsstelle',
  partner: 'Partnerorganisation',
  council_body: 'Gremium',
  other: 'Organisation',
}

const ROLE: Record<MembershipRow['role'], string> = {
  chair: 'Vorsitz',
  deputy: 'Stellvertretender Vorsitz',
  secretary: 'Schriftführung',
  member: 'Mitglied',
  delegate: 'Delegierte/Delegierter',
}

const PAPER_TYPE: Record<PaperRow['kind'], string> = {
  motion: 'Antrag',
  amendment: 'Änderungsantrag',
  report: 'Bericht',
  resolution: 'Beschluss',
}

const MEETING_STATE: Record<MeetingRow['state'], string> = {
  planned: 'terminiert',
  invited: 'eingeladen',
  held: 'durchgeführt',
  cancelled: 'abgesagt',
}

const RESULT: Record<string, string> = {
  adopted: 'angenommen',
  rejected: 'abgelehnt',
  elected: 'gewählt',
  withdrawn: 'zurückgezogen',
}

/** The builders of one body. All results are computed lazily and cached. */
export class BodyObjects {
  private cache = new Map<string, Entry[]>()

  constructor(
    private readonly w: BodyWorld,
    private readonly u: OParlUrls,
  ) {}

  private once(key: string, build: () => Entry[]): Entry[] {
    let v = this.cache.get(key)
    if (!v) {
      v = build().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      this.cache.set(key, v)
    }
    return v
  }

  private groups = new Map<string, Map<unknown, unknown[]>>()

  /**
   * The rows of a collection grouped by a key, built once per body: the builders look up "the items
   * of this meeting" through it instead of filtering every row for every object (a body with 10,000
   * memberships and 5,000 people took 50 s to build with the filters, docs/performance.md).
   */
  private group<T>(name: string, rows: readonly T[], keyOf: (row: T) => unknown): (key: unknown) => T[] {
    let g = this.groups.get(name)
    if (!g) {
      g = new Map()
      for (const row of rows) {
        const k = keyOf(row)
        const list = g.get(k)
        if (list) list.push(row)
        else g.set(k, [row])
      }
      this.groups.set(name, g)
    }
    const found = g
    return (key) => (found.get(key) as T[] | undefined) ?? []
  }

  private tombs(entity: string): Tombstone[] {
    return this.group('tombstones', this.w.tombstones, (t) => t.entity)(entity)
  }

  private tombsOf(entity: string, by: 'parentId' | 'paperId' | 'councilId', key: string): Tombstone[] {
    return this.group(`tombstones:${entity}:${by}`, this.tombs(entity), (t) => t[by])(key)
  }

  private itemsOfMeeting = (id: string) => this.group('items:meeting', this.w.items, (i) => i.meetingId)(id)
  private itemsOfPaper = (id: string) => this.group('items:paper', this.w.items, (i) => i.paperId)(id)
  private attendanceOf = (id: string) => this.group('attendance', this.w.attendance, (a) => a.meetingId)(id)
  private uploadsOfPaper = (id: string) =>
    this.group('uploads:paper', this.w.uploads, (f) => f.link.paperId)(id)
  private uploadsOfMeeting = (id: string) =>
    this.group('uploads:meeting', this.w.uploads, (f) => f.link.meetingId)(id)
  private membershipsOfPerson = (id: string) =>
    this.group('memberships:person', this.w.memberships, (m) => m.personId)(id)
  private seatsOf = (id: string) => this.group('seats', this.w.seats, (x) => x.personId)(id)
  private paperItemTombs = (id: string) =>
    this.group('paper-item-tombstones', this.w.paperItemTombstones, (t) => t.paperId)(id)
  private personMembershipTombs = (id: string) =>
    this.group('person-membership-tombstones', this.w.personMembershipTombstones, (t) => t.parentId)(id)

  private councilLive(id: string | null): boolean {
    if (!id) return false
    const c = this.w.councilsById.get(id)
    return !!c && !c.deletedAt
  }

  private orgDeletedAt(id: string): Date | null {
    return this.w.councilsById.get(id)?.deletedAt ?? null
  }

  // ---- modification times including embedded objects (OParl 1.1, 2.8 last paragraph)

  private itemModified(i: ItemRow): Date {
    const v = this.w.votes.get(i.id)
    return latest(i.updatedAt, i.deletedAt, v?.updatedAt, v?.deletedAt)
  }

  private meetingModified(m: MeetingRow): Date {
    return latest(
      m.updatedAt,
      m.deletedAt,
      this.orgDeletedAt(m.councilId),
      ...this.itemsOfMeeting(m.id).map((i) => this.itemModified(i)),
      ...this.tombsOf('agenda_items', 'parentId', m.id).map((t) => t.deletedAt),
      ...this.attendanceOf(m.id).map((a) => a.createdAt),
      ...this.minutesUploads(m).map((f) => latest(f.link.updatedAt, f.link.deletedAt)),
    )
  }

  private paperModified(p: PaperRow): Date {
    return latest(
      p.updatedAt,
      p.deletedAt,
      this.orgDeletedAt(p.councilId),
      ...this.itemsOfPaper(p.id).map((i) => this.itemModified(i)),
      ...this.paperItemTombs(p.id).map((t) => t.deletedAt),
      ...this.uploadsOfPaper(p.id).map((f) => latest(f.link.updatedAt, f.link.deletedAt)),
      ...this.tombsOf('council_files', 'paperId', p.id).map((t) => t.deletedAt),
    )
  }

  private membershipModified(m: MembershipRow): Date {
    return latest(m.updatedAt, m.deletedAt, this.orgDeletedAt(m.councilId))
  }

  private personModified(p: PersonRow): Date {
    return latest(
      p.updatedAt,
      ...this.membershipsOfPerson(p.id).map((m) => this.membershipModified(m)),
      ...this.personMembershipTombs(p.id).map((t) => t.deletedAt),
      ...this.seatsOf(p.id).map((s) => latest(s.updatedAt, s.deletedAt)),
    )
  }

  // ---- visibility

  private meetingLive(m: MeetingRow | undefined): boolean {
    return !!m && !m.deletedAt && this.councilLive(m.councilId)
  }

  private paperVisible(p: PaperRow | undefined): boolean {
    return !!p && !this.w.hiddenPaperIds.has(p.id)
  }

  private paperLive(p: PaperRow | undefined): boolean {
    return this.paperVisible(p) && !p!.deletedAt && this.councilLive(p!.councilId)
  }

  private itemLive(i: ItemRow): boolean {
    return i.public && !i.deletedAt && this.meetingLive(this.w.meetingsById.get(i.meetingId))
  }

  private membershipLive(m: MembershipRow): boolean {
    return !m.deletedAt && this.councilLive(m.councilId)
  }

  private personLive(id: string): boolean {
    return (
      this.membershipsOfPerson(id).some((m) => this.membershipLive(m)) ||
      this.seatsOf(id).some((s) => !s.deletedAt)
    )
  }

  /**
   * Files of a meeting's minutes the API shows: only once the minutes are published, and never one
   * removed before that (removal is refused after publication).
   */
  private minutesUploads(m: MeetingRow): UploadRow[] {
    if (m.minutesState !== 'published') return []
    return this.uploadsOfMeeting(m.id).filter((f) => !f.link.deletedAt)
  }

  /** Whether an uploaded file appears at all (live or deleted); non-public ones never do. */
  private uploadShown(f: UploadRow): boolean {
    if (f.link.paperId) {
      const p = this.w.papersById.get(f.link.paperId)
      return !!p && this.w.papers.includes(p) && this.paperVisible(p)
    }
    const m = this.w.meetingsById.get(f.link.meetingId!)
    return !!m && this.minutesUploads(m).includes(f)
  }

  private uploadLive(f: UploadRow): boolean {
    if (f.link.deletedAt) return false
    if (f.link.paperId) return this.paperLive(this.w.papersById.get(f.link.paperId))
    return this.meetingLive(this.w.meetingsById.get(f.link.meetingId!))
  }

  // ---- Body

  bodyOf(): Entry {
    const { w, u } = this
    const url = u.body(w.bodyId)
    const lists = {
      organization: u.bodyList(w.bodyId, 'organizations'),
      person: u.bodyList(w.bodyId, 'persons'),
      meeting: u.bodyList(w.bodyId, 'meetings'),
      paper: u.bodyList(w.bodyId, 'papers'),
    }
    if (!w.body) {
      const t = w.bodyTombstone!
      return tombstoneEntry('Body', url, t, { name: t.label ?? '', ...lists, legislativeTerm: [] })
    }
    const b = w.body
    const terms = this.legislativeTerms().filter((t) => !t.deleted)
    const modified = latest(
      b.updatedAt,
      b.deletedAt,
      ...w.terms.map((t) => latest(t.updatedAt, t.deletedAt)),
      ...this.tombs('council_terms').map((t) => t.deletedAt),
    )
    return entry(
      'Body',
      url,
      b.createdAt,
      modified,
      !!b.deletedAt,
      {
        system: u.system,
        name: b.name,
        shortName: b.shortName,
        website: b.website,
        ags: w.place?.officialKey,
        rgs: w.place?.regionalKey,
        contactEmail: b.email,
        classification: CLASSIFICATION[b.kind],
        ...lists,
        legislativeTerm: terms.map((t) => t.object),
        legislativeTermList: u.bodyList(w.bodyId, 'legislative-terms'),
        membership: u.bodyList(w.bodyId, 'memberships'),
        agendaItem: u.bodyList(w.bodyId, 'agenda-items'),
        consultation: u.bodyList(w.bodyId, 'consultations'),
        file: u.bodyList(w.bodyId, 'files'),
        locationList: u.bodyList(w.bodyId, 'locations'),
        web: u.web.council(b),
      },
      { name: b.name, ...lists, legislativeTerm: [] },
    )
  }

  // ---- Organization

  organizations(): Entry[] {
    return this.once('organizations', () => {
      const { w, u } = this
      const out = w.orgs.map((o) => {
        const mine = w.memberships.filter((m) => m.councilId === o.id)
        const modified = latest(
          o.updatedAt,
          o.deletedAt,
          ...mine.map((m) => this.membershipModified(m)),
          ...this.tombs('council_memberships')
            .filter((t) => t.councilId === o.id)
            .map((t) => t.deletedAt),
        )
        return entry('Organization', u.object('organization', o.id), o.createdAt, modified, !!o.deletedAt, {
          body: u.body(w.bodyId),
          name: o.name,
          shortName: o.shortName,
          membership: mine
            .filter((m) => this.membershipLive(m))
            .map((m) => u.object('membership', m.id))
            .sort(),
          meeting: u.organizationMeetings(o.id),
          subOrganizationOf: o.parentId ? u.object('organization', o.parentId) : undefined,
          organizationType: 'Gremium',
          classification: CLASSIFICATION[o.kind],
          website: o.website,
          web: u.web.council(o),
        })
      })
      for (const t of this.tombs('councils'))
        if (!w.orgs.some((o) => o.id === t.entityId))
          out.push(tombstoneEntry('Organization', u.object('organization', t.entityId), t))
      for (const o of w.represented) out.push(this.representedObject(o))
      return out
    })
  }

  /**
   * A directory organisation a member represents in the body (OParl 1.1 Membership.onBehalfOf: "als
   * Vertreter … einer externen Organisation"), as an Organization of the body of type "Institution".
   * It has no meetings and no memberships of its own (its representatives are members of the body's
   * organisation); it counts as deleted once no live membership represents it any more.
   */
  private representedObject(o: OrganisationRow): Entry {
    const { w, u } = this
    const inBody = new Set([w.bodyId, ...w.orgs.map((x) => x.id)])
    const reps = w.memberships.filter((m) => m.organisationId === o.id && inBody.has(m.councilId))
    const modified = latest(o.updatedAt, ...reps.map((m) => this.membershipModified(m)))
    const live = reps.some((m) => this.membershipLive(m))
    return entry('Organization', u.object('organization', o.id), o.createdAt, modified, !live, {
      body: u.body(w.bodyId),
      name: o.name,
      shortName: o.shortName,
      organizationType: 'Institution',
      classification: ORGANISATION_CLASSIFICATION[o.kind],
      website: o.website,
    })
  }

  // ---- Membership and Person

  private membershipObject(m: MembershipRow): Entry {
    const { u } = this
    return entry(
      'Membership',
      u.object('membership', m.id),
      m.createdAt,
      this.membershipModified(m),
      !this.membershipLive(m),
      {
        person: u.object('person', m.personId),
        organization: u.object('organization', m.councilId),
        role: ROLE[m.role],
        votingRight: m.role !== 'secretary',
        startDate: m.startsOn,
        endDate: m.endsOn,
        onBehalfOf: m.delegatedById
          ? u.object('organization', m.delegatedById)
          : m.organisationId
            ? u.object('organization', m.organisationId)
            : undefined,
      },
    )
  }

  memberships(): Entry[] {
    return this.once('memberships', () => {
      const orgIds = new Set([this.w.bodyId, ...this.w.orgs.map((o) => o.id)])
      const out = this.w.memberships
        .filter((m) => orgIds.has(m.councilId))
        .map((m) => this.membershipObject(m))
      for (const t of this.tombs('council_memberships'))
        out.push(tombstoneEntry('Membership', this.u.object('membership', t.entityId), t))
      return out
    })
  }

  persons(): Entry[] {
    return this.once('persons', () => {
      const { w, u } = this
      const out: Entry[] = []
      for (const p of w.people.values()) {
        const live = this.personLive(p.id)
        const consent = p.publicContactConsent
        out.push(
          entry('Person', u.object('person', p.id), p.createdAt, this.personModified(p), !live, {
            name: [p.honorificPrefix, p.givenName, p.familyName].filter(Boolean).join(' '),
            familyName: p.familyName,
            givenName: p.givenName,
            title: p.honorificPrefix ? [p.honorificPrefix] : undefined,
            email: consent && p.email ? [p.email] : undefined,
            phone: consent && p.phone ? [p.phone] : undefined,
            membership: this.membershipsOfPerson(p.id)
              .filter((m) => this.membershipLive(m))
              .sort((a, b) => (a.id < b.id ? -1 : 1))
              .map((m) => this.membershipObject(m).object),
            status: this.seatsOf(p.id)
              .filter((s) => !s.deletedAt)
              .map(seatStatus)
              .sort(),
          }),
        )
      }
      for (const t of w.personTombstones)
        out.push(tombstoneEntry('Person', u.object('person', t.entityId), t))
      return out
    })
  }

  // ---- LegislativeTerm

  legislativeTerms(): Entry[] {
    return this.once('terms', () => {
      const { w, u } = this
      const out = w.terms.map((t) =>
        entry(
          'LegislativeTerm',
          u.object('legislative-term', t.id),
          t.createdAt,
          latest(t.updatedAt, t.deletedAt, this.orgDeletedAt(t.councilId)),
          !!t.deletedAt || !this.councilLive(t.councilId),
          {
            body: u.body(w.bodyId),
            name: `Wahlperiode ${t.startsOn.slice(0, 4)}–${t.endsOn.slice(0, 4)}`,
            startDate: t.startsOn,
            endDate: t.endsOn,
          },
        ),
      )
      for (const t of this.tombs('council_terms'))
        out.push(tombstoneEntry('LegislativeTerm', u.object('legislative-term', t.entityId), t))
      return out
    })
  }

  // ---- Meeting, Location, AgendaItem, Consultation

  private locationOf(m: MeetingRow): Entry | null {
    if (!m.locationName && !m.locationAddress) return null
    const { u } = this
    return entry(
      'Location',
      u.object('location', m.id),
      m.createdAt,
      latest(m.updatedAt, m.deletedAt, this.orgDeletedAt(m.councilId)),
      !this.meetingLive(m),
      {
        description: [m.locationName, m.locationAddress].filter(Boolean).join(', '),
        meetings: [u.object('meeting', m.id)],
      },
    )
  }

  /** The candidates of an election held under an item (vendor extension, docs/oparl.md). */
  private electionOf(itemId: string): OParlObject | undefined {
    const rows = this.w.candidates.filter((c) => c.agendaItemId === itemId)
    if (rows.length === 0) return undefined
    const known = new Set(this.persons().map((p) => p.id))
    return {
      role: ROLE[rows[0]!.role],
      candidates: [...rows]
        .sort((a, b) => b.votes - a.votes || a.familyName.localeCompare(b.familyName, 'de'))
        .map((c) => {
          const person = this.u.object('person', c.personId)
          return clean({
            name: `${c.givenName} ${c.familyName}`,
            person: known.has(person) ? person : undefined,
            votes: c.votes,
            elected: c.elected,
          })
        }),
    }
  }

  private itemObject(i: ItemRow): Entry {
    const { w, u } = this
    const meeting = w.meetingsById.get(i.meetingId)
    const vote = w.votes.get(i.id)
    const paper = i.paperId ? w.papersById.get(i.paperId) : undefined
    const consulted = this.paperVisible(paper)
    return entry(
      'AgendaItem',
      u.object('agenda-item', i.id),
      i.createdAt,
      this.itemModified(i),
      !this.itemLive(i),
      {
        meeting: u.object('meeting', i.meetingId),
        number: String(i.position),
        order: i.position,
        name: i.title,
        public: true,
        consultation: consulted ? u.object('consultation', i.id) : undefined,
        result: i.result ? (RESULT[i.result] ?? i.result) : undefined,
        [`${VENDOR}:minutes`]: meeting?.minutesState === 'published' ? i.minutes : undefined,
        [`${VENDOR}:election`]: this.electionOf(i.id),
        [`${VENDOR}:vote`]:
          vote && !vote.deletedAt
            ? {
                yes: vote.yes,
                no: vote.no,
                abstain: vote.abstain,
                present: vote.present,
                members: vote.members,
                majorityRule: vote.majorityRule,
                adopted: vote.adopted,
                rollCall: vote.rollCall,
              }
            : undefined,
      },
      { order: i.position },
    )
  }

  meetings(): Entry[] {
    return this.once('meetings', () => {
      const { w, u } = this
      const people = new Set(
        this.persons()
          .filter((p) => !p.deleted)
          .map((p) => p.id),
      )
      const out = w.meetings.map((m) => {
        const items = this.itemsOfMeeting(m.id)
          .filter((i) => this.itemLive(i))
          .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1))
        return entry(
          'Meeting',
          u.object('meeting', m.id),
          m.createdAt,
          this.meetingModified(m),
          !this.meetingLive(m),
          {
            name: m.title,
            meetingState: MEETING_STATE[m.state],
            cancelled: m.state === 'cancelled' ? true : undefined,
            start: dateTime(m.startsAt),
            end: m.endsAt ? dateTime(m.endsAt) : undefined,
            location: this.locationOf(m)?.object,
            organization: [u.object('organization', m.councilId)],
            participant: this.attendanceOf(m.id)
              .map((a) => u.object('person', a.personId))
              .filter((p) => people.has(p))
              .sort(),
            agendaItem: items.map((i) => this.itemObject(i).object),
            resultsProtocol: this.minutesUploads(m)
              .filter((f) => f.link.role === 'main')
              .map((f) => this.uploadObject(f).object)[0],
            auxiliaryFile: this.minutesUploads(m)
              .filter((f) => f.link.role !== 'main')
              .map((f) => this.uploadObject(f).object),
            web: u.web.meeting(m.id),
          },
        )
      })
      for (const t of this.tombs('meetings'))
        out.push(tombstoneEntry('Meeting', u.object('meeting', t.entityId), t))
      return out
    })
  }

  /** Meetings of one organisation (Organization.meeting). */
  meetingsOf(orgId: string): Entry[] {
    const url = this.u.object('organization', orgId)
    return this.meetings().filter((m) => {
      const orgs = m.object.organization as string[] | undefined
      if (orgs) return orgs.includes(url)
      const row = this.w.meetings.find((r) => this.u.object('meeting', r.id) === m.id)
      const tomb = this.tombs('meetings').find((t) => this.u.object('meeting', t.entityId) === m.id)
      return (row?.councilId ?? tomb?.councilId) === orgId
    })
  }

  locations(): Entry[] {
    return this.once('locations', () => {
      const out = this.w.meetings.map((m) => this.locationOf(m)).filter((e): e is Entry => !!e)
      for (const t of this.tombs('meetings'))
        if (t.hasLocation) out.push(tombstoneEntry('Location', this.u.object('location', t.entityId), t))
      return out
    })
  }

  agendaItems(): Entry[] {
    return this.once('items', () => {
      const meetingIds = new Set(this.w.meetings.map((m) => m.id))
      const out = this.w.items
        .filter((i) => i.public && meetingIds.has(i.meetingId))
        .map((i) => this.itemObject(i))
      for (const t of this.tombs('agenda_items'))
        if (t.isPublic)
          out.push(
            tombstoneEntry('AgendaItem', this.u.object('agenda-item', t.entityId), t, {
              order: t.position ?? 0,
            }),
          )
      return out
    })
  }

  private consultationObject(i: ItemRow): Entry {
    const { w, u } = this
    const meeting = w.meetingsById.get(i.meetingId)
    const paper = w.papersById.get(i.paperId!)
    const vote = w.votes.get(i.id)
    const authoritative = (!!vote && !vote.deletedAt) || i.result === 'adopted' || i.result === 'rejected'
    return entry(
      'Consultation',
      u.object('consultation', i.id),
      i.createdAt,
      this.itemModified(i),
      !this.itemLive(i) || !this.paperLive(paper),
      {
        paper: u.object('paper', i.paperId!),
        agendaItem: u.object('agenda-item', i.id),
        meeting: u.object('meeting', i.meetingId),
        organization: meeting ? [u.object('organization', meeting.councilId)] : undefined,
        authoritative,
        role: authoritative ? 'Beschlussfassung' : 'Beratung',
      },
    )
  }

  consultations(): Entry[] {
    return this.once('consultations', () => {
      const { w } = this
      const meetingIds = new Set(w.meetings.map((m) => m.id))
      const out = w.items
        .filter(
          (i) =>
            i.public &&
            meetingIds.has(i.meetingId) &&
            i.paperId &&
            this.paperVisible(w.papersById.get(i.paperId)),
        )
        .map((i) => this.consultationObject(i))
      for (const t of this.tombs('agenda_items'))
        if (t.isPublic && t.paperId && !w.hiddenPaperIds.has(t.paperId))
          out.push(tombstoneEntry('Consultation', this.u.object('consultation', t.entityId), t))
      return out
    })
  }

  // ---- Paper and File

  private fileOf(p: PaperRow): Entry | null {
    if (p.body === null) return null
    const { u } = this
    const bytes = Buffer.from(p.body, 'utf8')
    return entry(
      'File',
      u.object('file', p.id),
      p.createdAt,
      latest(p.updatedAt, p.deletedAt, this.orgDeletedAt(p.councilId)),
      !this.paperLive(p),
      {
        name: `${p.reference} ${p.title}`,
        fileName: fileNameOf(p),
        mimeType: 'text/plain',
        date: p.date,
        size: bytes.length,
        sha512Checksum: createHash('sha512').update(bytes).digest('hex'),
        text: p.body,
        accessUrl: u.fileContent(p.id),
        downloadUrl: u.fileDownload(p.id),
        paper: [u.object('paper', p.id)],
      },
      { accessUrl: u.fileContent(p.id) },
    )
  }

  papers(): Entry[] {
    return this.once('papers', () => {
      const { w, u } = this
      const out = w.papers
        .filter((p) => this.paperVisible(p))
        .map((p) => {
          const consultations = this.itemsOfPaper(p.id)
            .filter((i) => this.itemLive(i))
            .sort((a, b) => (a.id < b.id ? -1 : 1))
            .map((i) => this.consultationObject(i).object)
          const related = p.relatedPaperId ? w.papersById.get(p.relatedPaperId) : undefined
          // The uploaded main document is the main file; the text typed in becomes an attachment then.
          const uploads = this.uploadsOfPaper(p.id)
            .filter((f) => !f.link.deletedAt)
            .sort(
              (a, b) =>
                a.link.createdAt.getTime() - b.link.createdAt.getTime() || (a.link.id < b.link.id ? -1 : 1),
            )
          const main = uploads.find((f) => f.link.role === 'main')
          const uploadedMain = main ? this.uploadObject(main) : null
          const attachments = uploads.filter((f) => f.link.role !== 'main')
          const textFile = this.fileOf(p)
          return entry(
            'Paper',
            u.object('paper', p.id),
            p.createdAt,
            this.paperModified(p),
            !this.paperLive(p),
            {
              body: u.body(w.bodyId),
              name: p.title,
              reference: p.reference,
              date: p.date,
              paperType: PAPER_TYPE[p.kind],
              relatedPaper:
                related && this.paperLive(related) && w.papers.includes(related)
                  ? [u.object('paper', related.id)]
                  : undefined,
              mainFile: (uploadedMain ?? textFile)?.object,
              auxiliaryFile: [
                ...attachments.map((f) => this.uploadObject(f).object),
                ...(uploadedMain && textFile ? [textFile.object] : []),
              ],
              originatorOrganization:
                p.submittedByCouncilId && w.councilsById.has(p.submittedByCouncilId)
                  ? [u.object('organization', p.submittedByCouncilId)]
                  : undefined,
              consultation: consultations,
              [`${VENDOR}:submittedBy`]: p.submittedByText ?? undefined,
              [`${VENDOR}:resolutionNumber`]: p.resolutionNumber ?? undefined,
              web: u.web.paper(p.id),
            },
          )
        })
      for (const t of this.tombs('papers'))
        out.push(tombstoneEntry('Paper', u.object('paper', t.entityId), t))
      return out
    })
  }

  /** An uploaded file as an OParl File (2.7): id of its council_files row, content under accessUrl. */
  private uploadObject(f: UploadRow): Entry {
    const { u } = this
    const l = f.link
    const parentDeletedAt = l.paperId
      ? this.w.papersById.get(l.paperId)?.deletedAt
      : this.w.meetingsById.get(l.meetingId!)?.deletedAt
    return entry(
      'File',
      u.object('file', l.id),
      l.createdAt,
      latest(l.updatedAt, l.deletedAt, parentDeletedAt, this.orgDeletedAt(l.councilId)),
      !this.uploadLive(f),
      {
        name: l.name,
        fileName: f.fileName,
        mimeType: f.mediaType,
        date: isoDay(l.createdAt),
        size: f.size,
        sha512Checksum: l.sha512,
        accessUrl: u.fileContent(l.id),
        downloadUrl: u.fileDownload(l.id),
        paper: l.paperId ? [u.object('paper', l.paperId)] : undefined,
        meeting: l.meetingId ? [u.object('meeting', l.meetingId)] : undefined,
      },
      { accessUrl: u.fileContent(l.id) },
    )
  }

  files(): Entry[] {
    return this.once('files', () => {
      const { w, u } = this
      const out = w.papers
        .filter((p) => this.paperVisible(p))
        .map((p) => this.fileOf(p))
        .filter((e): e is Entry => !!e)
      for (const f of w.uploads) if (this.uploadShown(f)) out.push(this.uploadObject(f))
      for (const t of this.tombs('papers'))
        if (t.hasFile)
          out.push(
            tombstoneEntry('File', u.object('file', t.entityId), t, { accessUrl: u.fileContent(t.entityId) }),
          )
      for (const t of this.tombs('council_files'))
        if (t.isPublic && !(t.paperId && w.hiddenPaperIds.has(t.paperId)))
          out.push(
            tombstoneEntry('File', u.object('file', t.entityId), t, { accessUrl: u.fileContent(t.entityId) }),
          )
      return out
    })
  }

  /** What a File's content URL serves: a paper's text or an uploaded file (only those the API shows). */
  fileContent(
    id: string,
  ):
    | { kind: 'text'; paper: PaperRow; deleted: boolean }
    | { kind: 'upload'; upload: UploadRow; deleted: boolean }
    | null {
    const f = this.w.uploads.find((x) => x.link.id === id)
    if (f) return this.uploadShown(f) ? { kind: 'upload', upload: f, deleted: !this.uploadLive(f) } : null
    const p = this.w.papers.find((x) => x.id === id)
    if (!p || p.body === null || !this.paperVisible(p)) return null
    return { kind: 'text', paper: p, deleted: !this.paperLive(p) }
  }

  list(list: BodyList): Entry[] {
    switch (list) {
      case 'organizations':
        return this.organizations()
      case 'persons':
        return this.persons()
      case 'memberships':
        return this.memberships()
      case 'meetings':
        return this.meetings()
      case 'agenda-items':
        return this.agendaItems()
      case 'consultations':
        return this.consultations()
      case 'papers':
        return this.papers()
      case 'files':
        return this.files()
      case 'locations':
        return this.locations()
      case 'legislative-terms':
        return this.legislativeTerms()
    }
  }
}

export function fileNameOf(p: PaperRow): string {
  return `${p.reference.replace(/[^\p{L}\p{N}._-]+/gu, '-')}.txt`
}

const germanDay = (day: string) => day.split('-').reverse().join('.')

/**
 * A person's seat in a state body as an OParl status text. The period is part of the text, so the
 * status stays true without changing when a seat runs out (a past seat reads "01.04.2021–31.03.2026").
 */
export function seatStatus(s: {
  bodyName: string
  seat: string | null
  startsOn: string | null
  endsOn: string | null
}): string {
  const period =
    s.startsOn && s.endsOn
      ? `${germanDay(s.startsOn)}–${germanDay(s.endsOn)}`
      : s.startsOn
        ? `seit ${germanDay(s.startsOn)}`
        : s.endsOn
          ? `bis ${germanDay(s.endsOn)}`
          : null
  return `Vertretung der agah: ${s.bodyName}${s.seat ? `, ${s.seat}` : ''}${period ? ` (${period})` : ''}`
}

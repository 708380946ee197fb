import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  type BodyWorld,
  type CouncilRow,
  emptyWorld,
  type MeetingRow,
  type MembershipRow,
  type PaperRow,
  type PersonRow,
  type SeatRow,
  type UploadRow,
} from './find-oparl'
import { BodyObjects, type Entry, oparlUrls } from './objects'

/**
 * The liveness rules of the OParl objects (objects.ts) on a world built by hand: which objects are
 * shown as deleted (a soft-deleted row, or a row of a deleted organisation), which people still
 * appear, and that an uploaded file shows only with a paper of this body. The rows hold only what
 * the builders read; the database side is covered by oparl.test.ts.
 */

const u = oparlUrls('https://teilhabe.test')
const t0 = new Date('2026-01-01T10:00:00Z')
const gone = new Date('2026-02-01T10:00:00Z')

const BODY = 'b0000000-0000-4000-8000-000000000001'
const BOARD = 'b0000000-0000-4000-8000-000000000002'
const OTHER = 'b0000000-0000-4000-8000-000000000003'

const council = (id: string, extra: Partial<CouncilRow> = {}) =>
  ({
    id,
    name: `Rat ${id.slice(-1)}`,
    shortName: null,
    kind: 'auslaenderbeirat',
    parentId: null,
    website: null,
    createdAt: t0,
    updatedAt: t0,
    deletedAt: null,
    ...extra,
  }) as CouncilRow
const meeting = (id: string, extra: Partial<MeetingRow> = {}) =>
  ({
    id,
    councilId: BODY,
    title: `Sitzung ${id}`,
    state: 'planned',
    startsAt: t0,
    endsAt: null,
    locationName: null,
    locationAddress: null,
    minutesState: 'draft',
    createdAt: t0,
    updatedAt: t0,
    deletedAt: null,
    ...extra,
  }) as MeetingRow
const paper = (id: string, extra: Partial<PaperRow> = {}) =>
  ({
    id,
    councilId: BODY,
    title: `Vorlage ${id}`,
    reference: `V-${id}`,
    kind: 'motion',
    date: '2026-01-01',
    body: null,
    relatedPaperId: null,
    submittedByCouncilId: null,
    submittedByText: null,
    resolutionNumber: null,
    createdAt: t0,
    updatedAt: t0,
    deletedAt: null,
    ...extra,
  }) as PaperRow
const membership = (id: string, personId: string, councilId: string, extra: Partial<MembershipRow> = {}) =>
  ({
    id,
    personId,
    councilId,
    role: 'member',
    startsOn: null,
    endsOn: null,
    delegatedById: null,
    createdAt: t0,
    updatedAt: t0,
    deletedAt: null,
    ...extra,
  }) as MembershipRow
const person = (id: string) =>
  ({
    id,
    givenName: 'Vorname',
    familyName: id,
    honorificPrefix: null,
    publicContactConsent: false,
    email: null,
    phone: null,
    createdAt: t0,
    updatedAt: t0,
  }) as unknown as PersonRow
const seat = (id: string, personId: string, deletedAt: Date | null = null) =>
  ({
    id,
    personId,
    bodyName: 'Landesbeirat',
    seat: null,
    startsOn: null,
    endsOn: null,
    createdAt: t0,
    updatedAt: t0,
    deletedAt,
  }) as SeatRow
const upload = (id: string, paperId: string): UploadRow =>
  ({
    link: {
      id,
      fileId: id,
      councilId: BODY,
      paperId,
      meetingId: null,
      role: 'attachment',
      name: `Datei ${id}`,
      sha512: 'x',
      createdAt: t0,
      updatedAt: t0,
      deletedAt: null,
    },
    fileName: `${id}.pdf`,
    mediaType: 'application/pdf',
    size: 1,
    sha256: 'y',
  }) as UploadRow

function objectsOf(w: Partial<BodyWorld>): BodyObjects {
  const body = council(BODY)
  const orgs = w.orgs ?? [body]
  return new BodyObjects(
    {
      ...emptyWorld(BODY),
      body,
      orgs,
      councilsById: new Map(orgs.map((o) => [o.id, o])),
      ...w,
    },
    u,
  )
}

/** Each object's URL with whether it is shown as deleted. */
const deletedById = (entries: Entry[]) => Object.fromEntries(entries.map((e) => [e.id, e.deleted]))

describe('OParl liveness: what is shown as deleted', () => {
  it('shows a soft-deleted meeting of a live body as deleted, a live one as live', () => {
    const o = objectsOf({ meetings: [meeting('m1', { deletedAt: gone }), meeting('m2')] })
    assert.deepEqual(deletedById(o.meetings()), {
      [u.object('meeting', 'm1')]: true,
      [u.object('meeting', 'm2')]: false,
    })
  })

  it('shows a soft-deleted paper of a live body as deleted, a live one as live', () => {
    const papers = [paper('p1', { deletedAt: gone }), paper('p2')]
    const o = objectsOf({ papers, papersById: new Map(papers.map((p) => [p.id, p])) })
    assert.deepEqual(deletedById(o.papers()), {
      [u.object('paper', 'p1')]: true,
      [u.object('paper', 'p2')]: false,
    })
  })

  it('shows a live membership of a deleted organisation as deleted, and its person only as deleted', () => {
    // The board (an organisation of the body) is deleted, the body is not.
    const board = council(BOARD, { parentId: BODY, kind: 'agah_board', deletedAt: gone })
    const memberships = [
      membership('ms1', 'onlyOnBoard', BOARD),
      membership('ms2', 'inBody', BODY),
      membership('ms3', 'leftBody', BODY, { deletedAt: gone }),
    ]
    const o = objectsOf({
      orgs: [council(BODY), board],
      memberships,
      people: new Map(['onlyOnBoard', 'inBody', 'leftBody'].map((id) => [id, person(id)])),
    })
    assert.deepEqual(deletedById(o.memberships()), {
      [u.object('membership', 'ms1')]: true,
      [u.object('membership', 'ms2')]: false,
      [u.object('membership', 'ms3')]: true,
    })
    // Another person's live membership keeps nobody else live; no seats at all keep nobody live.
    assert.deepEqual(deletedById(o.persons()), {
      [u.object('person', 'onlyOnBoard')]: true,
      [u.object('person', 'inBody')]: false,
      [u.object('person', 'leftBody')]: true,
    })
  })

  it('keeps a person who only holds a live agah state seat, and no one else through that seat', () => {
    const o = objectsOf({
      seats: [seat('s1', 'holder'), seat('s2', 'formerHolder', gone)],
      people: new Map(['holder', 'formerHolder', 'noSeat'].map((id) => [id, person(id)])),
    })
    assert.deepEqual(deletedById(o.persons()), {
      [u.object('person', 'holder')]: false,
      [u.object('person', 'formerHolder')]: true,
      [u.object('person', 'noSeat')]: true,
    })
  })

  it('never shows an uploaded file linked to a paper of another body', () => {
    // A paper of another body consulted here is known by id, but it is not this body's paper; a
    // file row pointing at it with this body's council id does not make it one of ours.
    const ours = paper('p1')
    const foreign = paper('p9', { councilId: OTHER })
    const o = objectsOf({
      papers: [ours],
      papersById: new Map([ours, foreign].map((p) => [p.id, p])),
      uploads: [upload('f1', 'p1'), upload('f9', 'p9')],
    })
    assert.deepEqual(
      o.files().map((e) => e.id),
      [u.object('file', 'f1')],
    )
    assert.equal(o.fileContent('f9'), null)
    assert.equal(o.fileContent('f1')?.kind, 'upload')
  })
})

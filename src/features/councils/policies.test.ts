import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { who } from '../../../test/helpers/policy'
import { CLI_ACTOR } from '../../platform/audit'
import { createPerson } from '../directory/create-person'
import { isoDay } from '../directory/public'
import { councilsActorOf, readsNonPublicOn } from './actor'
import { assignCouncilStaff } from './bodies-and-members/assign-council-staff'
import { addMembership, createCouncil } from './bodies-and-members/manage-councils'
import {
  type CouncilsWho,
  downloadsMinutesFile,
  downloadsPaperFile,
  managesCouncil,
  readsNonPublic,
} from './policies'

const OWN = 'council-offenbach'
const OTHER = 'council-kassel'
const as = (id: string | null, permissions: string[], staffCouncilId: string | null = null): CouncilsWho => ({
  ...who(id, permissions),
  staffCouncilId,
})

const visitor = as(null, [])
const citizen = as('u-citizen', [])
const office = as('u-office', ['councils.manage', 'meetings.readNonPublic'])
const secretary = as('u-secretary', ['councils.manageOwn', 'meetings.readNonPublic'], OWN)
const delegate = as('u-delegate', ['meetings.readNonPublic'])
/** No person behind it (id null) that still claims every permission and a council: never enough. */
const nobody: CouncilsWho = { id: null, can: () => true, staffCouncilId: OWN }

describe('councils policies', () => {
  // actor × body → manages
  const MANAGE: [string, CouncilsWho, string, boolean][] = [
    ['agah office, any body', office, OTHER, true],
    ['secretary, own council', secretary, OWN, true],
    ['secretary, another council', secretary, OTHER, false],
    ['delegate', delegate, OWN, false],
    ['signed-in citizen', citizen, OWN, false],
    ['visitor', visitor, OWN, false],
    ['no person, every permission', nobody, OWN, false],
  ]
  for (const [label, actor, council, allowed] of MANAGE) {
    it(`manage: ${label} → ${allowed}`, () => assert.equal(managesCouncil(actor, council), allowed))
  }

  // actor × body × member on the meeting day → reads non-public items
  const NON_PUBLIC: [string, CouncilsWho, string, boolean, boolean][] = [
    ['agah office', office, OTHER, false, true],
    ['secretary of the body', secretary, OWN, false, true],
    ['secretary of another body', secretary, OTHER, false, false],
    ['delegate who is a member on the day', delegate, OWN, true, true],
    ['delegate who is not a member on the day', delegate, OWN, false, false],
    ['member without the permission (a citizen account)', citizen, OWN, true, false],
    ['visitor', visitor, OWN, true, false],
    ['no person, every permission, a member on the day', nobody, OWN, true, false],
  ]
  for (const [label, actor, council, member, allowed] of NON_PUBLIC) {
    it(`non-public items: ${label} → ${allowed}`, () =>
      assert.equal(readsNonPublic(actor, council, member), allowed))
  }

  // actor × paper file → downloads
  const paper = { councilId: OWN, removed: false, paperPublic: false, memberOnDay: false }
  const PAPER: [string, CouncilsWho, typeof paper, boolean][] = [
    ['visitor, public paper', visitor, { ...paper, paperPublic: true }, true],
    ['visitor, non-public paper', visitor, paper, false],
    ['delegate member, non-public paper', delegate, { ...paper, memberOnDay: true }, true],
    ['delegate not a member, non-public paper', delegate, paper, false],
    [
      'visitor, removed file of a public paper',
      visitor,
      { ...paper, paperPublic: true, removed: true },
      false,
    ],
    ['secretary, removed file of own council', secretary, { ...paper, removed: true }, true],
    [
      'secretary, removed file of another council',
      secretary,
      { ...paper, councilId: OTHER, removed: true },
      false,
    ],
  ]
  for (const [label, actor, facts, allowed] of PAPER) {
    it(`paper file: ${label} → ${allowed}`, () => assert.equal(downloadsPaperFile(actor, facts), allowed))
  }

  // actor × minutes file → downloads
  const minutes = { councilId: OWN, removed: false, published: false }
  const MINUTES: [string, CouncilsWho, typeof minutes, boolean][] = [
    ['visitor, published minutes', visitor, { ...minutes, published: true }, true],
    ['visitor, draft minutes', visitor, minutes, false],
    ['delegate, draft minutes', delegate, minutes, false],
    ['secretary, draft minutes of own council', secretary, minutes, true],
    [
      'visitor, removed file of published minutes',
      visitor,
      { ...minutes, published: true, removed: true },
      false,
    ],
    ['agah office, removed file', office, { ...minutes, removed: true }, true],
  ]
  for (const [label, actor, facts, allowed] of MINUTES) {
    it(`minutes file: ${label} → ${allowed}`, () => assert.equal(downloadsMinutesFile(actor, facts), allowed))
  }
})

// The same rules as routes and file downloads ask them: the actor loaded from council_staff and the
// membership looked up for the meeting day (actor.ts), against the real database.
for (const kind of dbKinds()) {
  describe(`councils policies with the actor's links (${kind})`, () => {
    let t: TestApp
    const ids: Record<'own' | 'other' | 'office' | 'secretary' | 'delegate' | 'unlinked', string> = {
      own: '',
      other: '',
      office: '',
      secretary: '',
      delegate: '',
      unlinked: '',
    }
    before(async () => {
      t = await createTestApp(kind)
      const db = t.deps.db
      ids.own = await createCouncil(db, CLI_ACTOR, { kind: 'auslaenderbeirat', name: 'Beirat Eigen' })
      ids.other = await createCouncil(db, CLI_ACTOR, { kind: 'auslaenderbeirat', name: 'Beirat Anders' })
      const person = await createPerson(db, CLI_ACTOR, { givenName: 'Dana', familyName: 'Delegiert' })
      const member = await addMembership(db, CLI_ACTOR, {
        councilId: ids.own,
        personId: person,
        role: 'member',
        startsOn: '2026-01-01',
        endsOn: '2026-06-30',
      })
      assert.ok(member.ok)
      ids.office = await t.createUser('office@agah.example', ['agah_office'])
      ids.secretary = await t.createUser('sekretariat@beirat.example', ['council_secretary'])
      ids.delegate = await t.createUser('delegiert@beirat.example', ['delegate'])
      ids.unlinked = await t.createUser('ohne-link@beirat.example', ['delegate'])
      assert.ok(
        (await assignCouncilStaff(db, CLI_ACTOR, { email: 'sekretariat@beirat.example', councilId: ids.own }))
          .ok,
      )
      assert.ok(
        (await assignCouncilStaff(db, CLI_ACTOR, { email: 'delegiert@beirat.example', personId: person })).ok,
      )
    })
    after(() => t.close())

    const READS = ['meetings.readNonPublic']
    const actors = {
      visitor: () => who(null, []),
      office: () => who(ids.office, ['councils.manage', ...READS]),
      secretary: () => who(ids.secretary, ['councils.manageOwn', ...READS]),
      delegate: () => who(ids.delegate, READS),
      unlinked: () => who(ids.unlinked, READS),
    }
    const inTerm = new Date('2026-06-15T16:00:00Z')
    const afterTerm = new Date('2026-07-15T16:00:00Z')
    // actor × body × meeting day → reads non-public items / manages the body
    const ROWS: [keyof typeof actors, 'own' | 'other', Date, boolean, boolean][] = [
      ['office', 'other', inTerm, true, true],
      ['secretary', 'own', afterTerm, true, true],
      ['secretary', 'other', inTerm, false, false],
      ['delegate', 'own', inTerm, true, false],
      ['delegate', 'own', afterTerm, false, false],
      ['delegate', 'other', inTerm, false, false],
      ['unlinked', 'own', inTerm, false, false],
      ['visitor', 'own', inTerm, false, false],
    ]
    for (const [name, body, day, reads, manages] of ROWS) {
      it(`${name}, ${body} body, ${isoDay(day)} → reads ${reads}, manages ${manages}`, async () => {
        const actor = await councilsActorOf(t.deps.db, actors[name]())
        assert.equal(await readsNonPublicOn(t.deps.db, actor, ids[body], day), reads)
        assert.equal(managesCouncil(actor, ids[body]), manages)
      })
    }
  })
}

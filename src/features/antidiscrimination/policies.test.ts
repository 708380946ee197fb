import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Permission } from '../../platform/auth/permissions'
import { VISITOR, type Who } from '../../platform/policy'
import type { Centre } from './network/find-network'
import {
  candidateCentres,
  mayEditCase,
  mayReadReport,
  mayReferReport,
  mayRouteReport,
  routeByRule,
} from './policies'

const who = (id: string | null, ...perms: Permission[]): Who => ({ id, can: (p) => perms.includes(p) })
const A = 'centre-a'
const B = 'centre-b'

describe('anti-discrimination policies', () => {
  test('only a counsellor bound to the report’s centre reads it', () => {
    const cases: [string, Who, string | null, string | null, boolean][] = [
      ['counsellor of A, report of A', who('u1', 'antidisc.counsel'), A, A, true],
      ['counsellor of B, report of A', who('u2', 'antidisc.counsel'), B, A, false],
      ['counsellor bound to no centre', who('u3', 'antidisc.counsel'), null, A, false],
      ['counsellor, report not routed', who('u1', 'antidisc.counsel'), A, null, false],
      ['network office', who('u4', 'antidisc.network'), A, A, false],
      ['bound but without the permission (role taken away)', who('u5'), A, A, false],
      ['visitor', VISITOR, A, A, false],
      // An actor without an id never reads, whatever it claims to hold.
      ['no id, claiming the permission', who(null, 'antidisc.counsel'), A, A, false],
      ['bound to no centre, report not routed', who('u1', 'antidisc.counsel'), null, null, false],
    ]
    for (const [name, w, bound, centreId, want] of cases)
      assert.equal(mayReadReport(w, bound, { centreId }), want, name)
  })

  test('a counsellor refers only a case of their own centre, and only to another centre', () => {
    const c = who('u1', 'antidisc.counsel')
    assert.equal(mayReferReport(c, A, { centreId: A }, B), true)
    assert.equal(mayReferReport(c, A, { centreId: A }, A), false)
    assert.equal(mayReferReport(c, B, { centreId: A }, B), false)
    assert.equal(mayReferReport(c, A, { centreId: A, anonymisedAt: new Date() }, B), false)
    assert.equal(mayReferReport(who('o', 'antidisc.network'), A, { centreId: A }, B), false)
  })

  test('an anonymised report is no one’s to read, keep or route', () => {
    const gone = { centreId: A, anonymisedAt: new Date() }
    assert.equal(mayReadReport(who('u1', 'antidisc.counsel'), A, gone), false)
    assert.equal(mayEditCase(who('u1', 'antidisc.counsel'), A, gone), false)
    assert.equal(
      mayRouteReport(who('o', 'antidisc.network'), { centreId: null, anonymisedAt: new Date() }),
      false,
    )
    assert.equal(mayReadReport(who('u1', 'antidisc.counsel'), A, { centreId: A, anonymisedAt: null }), true)
  })

  test('a case file is kept only by a counsellor of the owning centre', () => {
    const cases: [string, Who, string | null, string | null, boolean][] = [
      ['counsellor of A, case of A', who('u1', 'antidisc.counsel'), A, A, true],
      ['counsellor of B, case of A', who('u2', 'antidisc.counsel'), B, A, false],
      ['counsellor bound to no centre', who('u3', 'antidisc.counsel'), null, A, false],
      ['counsellor, report not routed', who('u1', 'antidisc.counsel'), A, null, false],
      ['network office', who('u4', 'antidisc.network'), A, A, false],
      ['visitor', VISITOR, A, A, false],
    ]
    for (const [name, w, bound, centreId, want] of cases)
      assert.equal(mayEditCase(w, bound, { centreId }), want, name)
  })

  test('the network office routes only reports without a centre', () => {
    assert.equal(mayRouteReport(who('o', 'antidisc.network'), { centreId: null }), true)
    assert.equal(mayRouteReport(who('o', 'antidisc.network'), { centreId: A }), false)
    assert.equal(mayRouteReport(who('c', 'antidisc.counsel'), { centreId: null }), false)
    assert.equal(mayRouteReport(VISITOR, { centreId: null }), false)
    // An actor without an id never routes, whatever it claims to hold.
    assert.equal(mayRouteReport(who(null, 'antidisc.network'), { centreId: null }), false)
  })

  test('routing rule: one centre serving the district in the language takes it, else the office', () => {
    const centres: Centre[] = [
      { id: A, name: 'A', city: null, languages: ['de', 'ar'], districtIds: ['d1', 'd2'] },
      { id: B, name: 'B', city: null, languages: ['de', 'tr'], districtIds: ['d2', 'd3'] },
    ]
    const table: [string, string, string | null, string[]][] = [
      ['d1', 'ar', A, [A]],
      ['d1', 'tr', null, [A]], // in the region but not the language: the office decides, A suggested
      ['d2', 'ar', A, [A]],
      ['d2', 'tr', B, [B]],
      ['d2', 'de', null, [A, B]], // two fit: the office decides
      ['d9', 'de', null, []], // nobody serves the district
    ]
    for (const [districtId, language, want, suggested] of table) {
      assert.equal(routeByRule(centres, { districtId, language }), want, `${districtId}/${language}`)
      assert.deepEqual(
        candidateCentres(centres, { districtId, language }).map((c) => c.id),
        suggested,
        `${districtId}/${language} suggestions`,
      )
    }
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { who } from '../../../test/helpers/policy'
import {
  type ContractFacts,
  type ContractsWho,
  downloadsDocument,
  editsContract,
  reportsOn,
  seesContract,
} from './policies'
import type { ContractState } from './tables'

const ORG = 'org-own'
const as = (
  id: string | null,
  permissions: string[],
  organisationId: string | null = null,
): ContractsWho => ({
  ...who(id, permissions),
  organisationId,
})
const visitor = as(null, [])
const citizen = as('u-citizen', [])
const ministry = as('u-ministry', ['contracts.manage'])
const partner = as('u-partner', ['contracts.report'], ORG)
const otherPartner = as('u-other', ['contracts.report'], 'org-other')
const unlinkedPartner = as('u-unlinked', ['contracts.report'], null)
// An applicant account of the same organisation without the partner role does not report.
const applicantOfOrg = as('u-applicant', ['offers.provide'], ORG)

const contract = (status: ContractState): ContractFacts => ({
  status,
  organisationId: ORG,
  signedOn: status === 'negotiation' ? null : '2025-01-01',
})

describe('integration contract policies', () => {
  // actor → [negotiation, signed/running/evaluated/ended] for each rule
  const TABLE: [string, ContractsWho, Record<string, [boolean, boolean]>][] = [
    [
      'visitor',
      visitor,
      { sees: [false, true], edits: [false, false], reports: [false, false], downloads: [false, true] },
    ],
    [
      'citizen',
      citizen,
      { sees: [false, true], edits: [false, false], reports: [false, false], downloads: [false, true] },
    ],
    [
      'ministry',
      ministry,
      { sees: [true, true], edits: [true, true], reports: [true, true], downloads: [true, true] },
    ],
    [
      'own partner',
      partner,
      { sees: [true, true], edits: [false, false], reports: [true, true], downloads: [true, true] },
    ],
    [
      'partner of another contract',
      otherPartner,
      { sees: [false, true], edits: [false, false], reports: [false, false], downloads: [false, true] },
    ],
    [
      'partner without organisation',
      unlinkedPartner,
      { sees: [false, true], edits: [false, false], reports: [false, false], downloads: [false, true] },
    ],
    [
      'applicant account of the organisation',
      applicantOfOrg,
      { sees: [false, true], edits: [false, false], reports: [false, false], downloads: [false, true] },
    ],
  ]
  const RULES = { sees: seesContract, edits: editsContract, reports: reportsOn, downloads: downloadsDocument }
  for (const [name, actor, expected] of TABLE)
    for (const [rule, fn] of Object.entries(RULES)) {
      it(`${name} ${rule} a contract in negotiation: ${expected[rule]![0]}`, () =>
        assert.equal(fn(actor, contract('negotiation')), expected[rule]![0]))
      for (const s of ['signed', 'running', 'evaluated', 'ended'] as const)
        it(`${name} ${rule} a ${s} contract: ${expected[rule]![1]}`, () =>
          assert.equal(fn(actor, contract(s)), expected[rule]![1]))
    }

  it('a negotiation broken off (ended, never signed) stays out of public view', () => {
    const brokenOff: ContractFacts = { status: 'ended', organisationId: ORG, signedOn: null }
    assert.equal(seesContract(visitor, brokenOff), false)
    assert.equal(downloadsDocument(citizen, brokenOff), false)
    assert.equal(seesContract(partner, brokenOff), true)
    assert.equal(seesContract(ministry, brokenOff), true)
  })
})

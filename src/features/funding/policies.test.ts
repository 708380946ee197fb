import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { who } from '../../../test/helpers/policy'
import {
  type ApplicationAction,
  type ChangeAction,
  type FundingWho,
  isSecondPerson,
  mayOnApplication,
  mayOnChange,
  mayOnPayment,
  type PaymentAction,
} from './policies'

const ORG = 'org-bruecke'
const OTHER_ORG = 'org-other'
const as = (id: string | null, permissions: string[], organisationId: string | null = null): FundingWho => ({
  ...who(id, permissions),
  organisationId,
})

const visitor = as(null, [])
const applicant = as('u-ayse', ['funding.apply'], ORG)
const otherApplicant = as('u-other', ['funding.apply'], OTHER_ORG)
const officer = as('u-officer', ['funding.review', 'funding.propose'])
const approver = as('u-approver', ['funding.review', 'funding.approve'])
const both = as('u-both', ['funding.review', 'funding.propose', 'funding.approve'])

const proposedByOfficer = { organisationId: ORG, proposedBy: 'u-officer' }
const proposedByBoth = { organisationId: ORG, proposedBy: 'u-both' }

// actor × application × action → allowed
const TABLE: [
  string,
  FundingWho,
  { organisationId: string; proposedBy?: string },
  ApplicationAction,
  boolean,
][] = [
  ['applicant reads their own application', applicant, { organisationId: ORG }, 'read', true],
  ['applicant reads another organisation’s', applicant, { organisationId: OTHER_ORG }, 'read', false],
  ['other applicant reads it', otherApplicant, { organisationId: ORG }, 'read', false],
  ['visitor reads it', visitor, { organisationId: ORG }, 'read', false],
  ['officer reads any application', officer, { organisationId: OTHER_ORG }, 'read', true],
  ['applicant edits their own', applicant, { organisationId: ORG }, 'edit', true],
  ['applicant edits another organisation’s', applicant, { organisationId: OTHER_ORG }, 'edit', false],
  ['officer edits an applicant’s task list', officer, { organisationId: ORG }, 'edit', false],
  ['applicant reviews their own', applicant, { organisationId: ORG }, 'review', false],
  ['officer reviews', officer, { organisationId: ORG }, 'review', true],
  ['approver approves another’s proposal', approver, proposedByOfficer, 'approve', true],
  ['officer approves (no funding.approve)', officer, proposedByOfficer, 'approve', false],
  ['four eyes: the proposer approves their own proposal', both, proposedByBoth, 'approve', false],
  ['a person with both roles approves someone else’s proposal', both, proposedByOfficer, 'approve', true],
  ['applicant approves', applicant, proposedByOfficer, 'approve', false],
]

// actor × payment × action → allowed
const PAYMENTS: [
  string,
  FundingWho,
  { organisationId: string; checkedBy?: string },
  PaymentAction,
  boolean,
][] = [
  ['recipient requests money of its own grant', applicant, { organisationId: ORG }, 'request', true],
  [
    'another organisation requests money of the grant',
    otherApplicant,
    { organisationId: ORG },
    'request',
    false,
  ],
  ['an officer requests money for a recipient', officer, { organisationId: ORG }, 'request', false],
  ['visitor requests money', visitor, { organisationId: ORG }, 'request', false],
  ['officer sees payments', officer, { organisationId: ORG }, 'read', true],
  ['recipient sees the staff view', applicant, { organisationId: ORG }, 'read', false],
  ['officer checks a request', officer, { organisationId: ORG }, 'check', true],
  ['approver checks (no funding.propose)', approver, { organisationId: ORG }, 'check', false],
  [
    'approver releases what an officer checked',
    approver,
    { organisationId: ORG, checkedBy: 'u-officer' },
    'release',
    true,
  ],
  [
    'officer releases (no funding.approve)',
    officer,
    { organisationId: ORG, checkedBy: 'u-other' },
    'release',
    false,
  ],
  ['four eyes: the checker releases', both, { organisationId: ORG, checkedBy: 'u-both' }, 'release', false],
  ['recipient releases', applicant, { organisationId: ORG, checkedBy: 'u-officer' }, 'release', false],
]

const CHANGES: [string, FundingWho, string, ChangeAction, boolean][] = [
  ['recipient files a change for its own grant', applicant, ORG, 'file', true],
  ['another recipient files one for it', otherApplicant, ORG, 'file', false],
  ['an officer files one in the recipient’s name', officer, ORG, 'file', false],
  ['a visitor files one', visitor, ORG, 'file', false],
  ['recipient reads its own', applicant, ORG, 'read', true],
  ['another recipient reads it', otherApplicant, ORG, 'read', false],
  ['a reviewer reads it', approver, ORG, 'read', true],
  ['an officer decides', officer, ORG, 'decide', true],
  ['an approver (not an officer) decides', approver, ORG, 'decide', false],
  ['the recipient decides on its own request', applicant, ORG, 'decide', false],
]

describe('funding policies', () => {
  for (const [label, actor, org, action, allowed] of CHANGES) {
    it(`changes: ${label}: ${allowed ? 'allowed' : 'refused'}`, () => {
      assert.equal(mayOnChange(actor, action, { organisationId: org }), allowed)
    })
  }

  for (const [label, actor, payment, action, allowed] of PAYMENTS) {
    it(`payments: ${label}: ${allowed ? 'allowed' : 'refused'}`, () => {
      assert.equal(mayOnPayment(actor, action, payment), allowed)
    })
  }

  for (const [label, actor, app, action, allowed] of TABLE) {
    it(`${label}: ${allowed ? 'allowed' : 'refused'}`, () => {
      assert.equal(mayOnApplication(actor, action, app), allowed)
    })
  }

  it('four eyes: a decision needs a known person other than the proposer', () => {
    assert.equal(isSecondPerson('u-approver', 'u-officer'), true)
    assert.equal(isSecondPerson('u-officer', 'u-officer'), false)
    assert.equal(isSecondPerson(null, 'u-officer'), false, 'the CLI or the system never signs second')
  })

  it('an account without an organisation owns nothing, even against an empty organisation id', () => {
    const loose = as('u-loose', ['funding.apply'], null)
    assert.equal(mayOnApplication(loose, 'read', { organisationId: '' }), false)
  })
})

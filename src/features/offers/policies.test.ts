import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { who } from '../../../test/helpers/policy'
import { keepsOffers, mayOnOffer, type OfferAction, type OffersWho } from './policies'

const ORG = 'org-bruecke'
const OTHER = 'org-other'
const as = (id: string | null, permissions: string[], organisationId: string | null = null): OffersWho => ({
  ...who(id, permissions),
  organisationId,
})

const visitor = as(null, [])
const provider = as('u-provider', ['offers.provide'], ORG)
const otherProvider = as('u-other', ['offers.provide'], OTHER)
const providerWithoutOrg = as('u-lonely', ['offers.provide'], null)
const formerProvider = as('u-former', [], ORG)
const staff = as('u-staff', ['offers.manage'])
const signedIn = as('u-none', [])

const TABLE: [string, OffersWho, string, OfferAction, boolean][] = [
  ['provider edits its own organisation’s offer', provider, ORG, 'edit', true],
  ['provider creates an offer for its own organisation', provider, ORG, 'create', true],
  ['provider edits another organisation’s offer', provider, OTHER, 'edit', false],
  ['provider creates an offer for another organisation', provider, OTHER, 'create', false],
  ['other provider edits it', otherProvider, ORG, 'edit', false],
  ['provider account without organisation edits it', providerWithoutOrg, ORG, 'edit', false],
  ['account linked to the organisation without the role edits it', formerProvider, ORG, 'edit', false],
  ['staff edit any offer', staff, OTHER, 'edit', true],
  ['staff create for any organisation', staff, ORG, 'create', true],
  ['signed-in user without role edits it', signedIn, ORG, 'edit', false],
  ['visitor edits it', visitor, ORG, 'edit', false],
  ['provider confirms its own organisation’s offer', provider, ORG, 'confirm', true],
  ['provider confirms another organisation’s offer', provider, OTHER, 'confirm', false],
  ['staff confirm any offer', staff, OTHER, 'confirm', true],
  ['visitor confirms it', visitor, ORG, 'confirm', false],
]

const KEEPERS: [string, OffersWho, boolean][] = [
  ['provider with organisation', provider, true],
  ['provider account without organisation', providerWithoutOrg, false],
  ['linked account without the permission', formerProvider, false],
  ['staff', staff, true],
  ['signed-in user without role', signedIn, false],
  ['visitor', visitor, false],
]

describe('offers policies', () => {
  for (const [label, actor, org, action, allowed] of TABLE) {
    it(`${label}: ${allowed ? 'allowed' : 'refused'}`, () => {
      assert.equal(mayOnOffer(actor, action, { organisationId: org }), allowed)
    })
  }
})

describe('who keeps offers (opens the offer screens)', () => {
  for (const [label, actor, allowed] of KEEPERS) {
    it(`${label}: ${allowed ? 'yes' : 'no'}`, () => assert.equal(keepsOffers(actor), allowed))
  }
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  acceptsReports,
  allowedTransitions,
  mayTransition,
  milestoneRefusal,
  renewalRefusal,
  reportRefusal,
  type TransitionFacts,
  termRefusal,
  transitionRefusal,
} from './lifecycle'
import { CONTRACT_STATES, type ContractState } from './tables'

const TODAY = '2026-12-01'
const facts = (
  from: ContractState,
  to: ContractState,
  extra: Partial<TransitionFacts> = {},
): TransitionFacts => ({
  from,
  to,
  signedOn: null,
  startsOn: '2025-01-01',
  endsOn: '2027-12-31',
  today: TODAY,
  hasDocument: true,
  ...extra,
})

describe('integration contract lifecycle', () => {
  // from → the states it may move to; every other pair is refused
  const ALLOWED: Record<ContractState, ContractState[]> = {
    negotiation: ['signed', 'ended'],
    signed: ['running'],
    running: ['evaluated', 'ended'],
    evaluated: ['running', 'ended'],
    ended: [],
  }
  for (const from of CONTRACT_STATES)
    for (const to of CONTRACT_STATES) {
      const expected = ALLOWED[from].includes(to)
      it(`${from} → ${to}: ${expected ? 'allowed' : 'refused'}`, () => {
        assert.equal(mayTransition(from, to), expected)
        const problem = transitionRefusal(facts(from, to, { signedOn: '2026-11-30' }))
        if (expected) assert.equal(problem, null)
        else assert.deepEqual(problem, { key: 'contracts.error.transition', field: 'to' })
      })
    }

  it('lists the allowed next steps in order', () => {
    assert.deepEqual(allowedTransitions('running'), ['evaluated', 'ended'])
    assert.deepEqual(allowedTransitions('ended'), [])
  })

  it('signing needs the day of signature, not in the future', () => {
    assert.deepEqual(transitionRefusal(facts('negotiation', 'signed')), {
      key: 'contracts.error.signedOnMissing',
      field: 'signedOn',
    })
    assert.deepEqual(transitionRefusal(facts('negotiation', 'signed', { signedOn: '2026-12-02' })), {
      key: 'contracts.error.signedInFuture',
      field: 'signedOn',
    })
    assert.equal(transitionRefusal(facts('negotiation', 'signed', { signedOn: TODAY })), null)
  })

  it('a signed contract runs only once its signed text is stored', () => {
    assert.deepEqual(transitionRefusal(facts('signed', 'running', { hasDocument: false })), {
      key: 'contracts.error.documentMissing',
      field: 'to',
    })
  })

  it('an evaluated contract past its end runs again only after a renewal', () => {
    assert.deepEqual(transitionRefusal(facts('evaluated', 'running', { endsOn: '2026-11-30' })), {
      key: 'contracts.error.renewFirst',
      field: 'to',
    })
    assert.equal(transitionRefusal(facts('evaluated', 'running', { endsOn: TODAY })), null)
  })

  it('a milestone lies within the term: the last day is fine, the day after is refused', () => {
    const term = { startsOn: '2025-01-01', endsOn: '2027-12-31' }
    assert.equal(milestoneRefusal('2027-12-31', term), null)
    assert.equal(milestoneRefusal('2025-01-01', term), null)
    assert.deepEqual(milestoneRefusal('2028-01-01', term), {
      key: 'contracts.error.milestoneAfterEnd',
      field: 'dueOn',
    })
    assert.deepEqual(milestoneRefusal('2024-12-31', term), {
      key: 'contracts.error.milestoneBeforeStart',
      field: 'dueOn',
    })
  })

  it('a term ends on or after its start', () => {
    assert.equal(termRefusal({ startsOn: '2025-01-01', endsOn: '2025-01-01' }), null)
    assert.deepEqual(termRefusal({ startsOn: '2025-01-02', endsOn: '2025-01-01' }), {
      key: 'contracts.error.endBeforeStart',
      field: 'endsOn',
    })
  })

  it('renews only a running or evaluated contract, to a later end', () => {
    for (const s of CONTRACT_STATES) {
      const problem = renewalRefusal(s, '2027-12-31', '2029-12-31')
      if (s === 'running' || s === 'evaluated') assert.equal(problem, null, s)
      else assert.deepEqual(problem, { key: 'contracts.error.renewalState', field: 'newEndsOn' }, s)
    }
    assert.deepEqual(renewalRefusal('running', '2027-12-31', '2027-12-31'), {
      key: 'contracts.error.renewalNotLater',
      field: 'newEndsOn',
    })
  })

  it('takes reports from signing until evaluated; a report needs text beyond white space', () => {
    assert.deepEqual(CONTRACT_STATES.filter(acceptsReports), ['signed', 'running', 'evaluated'])
    assert.deepEqual(reportRefusal(' \n\t '), { key: 'contracts.partner.error.reportText', field: 'text' })
    assert.equal(reportRefusal('Erreicht.'), null)
  })
})

import assert from 'node:assert/strict'
import { closingOf, issueFinalNotice, openHearing } from '../../src/features/funding/closing/manage-closing'
import {
  checkPayment,
  releasePayment,
  requestPayment,
} from '../../src/features/funding/payments/manage-payments'
import { type ProofInput, reviewProof, submitProof } from '../../src/features/funding/proof/manage-proofs'
import type { Actor } from '../../src/platform/audit'
import { berlinDay } from '../../src/platform/days'
import type { AppDeps } from '../../src/platform/feature'
import { must } from './funding'
import { grantThisYear, staffWho, THIS_YEAR } from './payments'

const Y = THIS_YEAR

/** The final proof of the MSO grant of the test helpers: 8,800 € accepted of 10,000 € → 1,400 € back. */
export const FINAL_PROOF: ProofInput = {
  period: 'final',
  answers: { goals: 'Sprachcafé', activities: '40 Treffen', reach: '120 Menschen', cooperation: 'Monatlich' },
  report: 'Wie geplant.',
  actual: { micro_project: 180_000, minijob: 720_000 },
  actualOwnCents: 20_000,
  actualThirdPartyCents: 0,
  receiptsCsv: [
    'datum;empfaenger;zweck;betrag;position',
    `${Y}-02-01;Druckerei;Flyer;1.800,00;micro_project`,
    `${Y}-03-31;Minijobberin;Lohn Q1;3.600,00;minijob`,
    `${Y}-06-30;Minijobberin;Lohn Q2;3.600,00;minijob`,
  ].join('\n'),
  hoursCsv: '',
}

/**
 * A grant of this year taken through its whole life up to the final notice through the use cases:
 * paid in full, final proof submitted and accepted at 8,800 €, hearing, final notice claiming
 * 1,400 € plus interest.
 */
export async function claimedGrant(
  deps: AppDeps,
  staff: { officer: Actor; approver: Actor },
  registration: Parameters<typeof grantThisYear>[2],
) {
  const officerWho = staffWho(staff.officer, ['funding.review', 'funding.propose'])
  const approverWho = staffWho(staff.approver, ['funding.review', 'funding.approve'])
  const g = await grantThisYear(deps, staff, registration)
  const pay = must(
    await requestPayment(deps, g.actor, g.who, g.id, {
      year: Y,
      amountCents: 1_000_000,
      dueOn: berlinDay(),
      purpose: 'Alles',
    }),
  )
  must(
    await checkPayment(deps, staff.officer, officerWho, pay, { decision: 'check', hold: false, reason: '' }),
  )
  must(await releasePayment(deps, staff.approver, approverWho, pay))
  const proofId = must(await submitProof(deps, g.actor, g.who, g.id, FINAL_PROOF))
  must(
    await reviewProof(deps, staff.officer, officerWho, proofId, {
      checkKind: 'in_depth',
      findings: 'Ein Druckauftrag war nicht zuwendungsfähig.',
      acceptedCents: 880_000,
    }),
  )
  must(await openHearing(deps, staff.officer, officerWho, g.id, { until: `${Y + 1}-01-31` }))
  must(await issueFinalNotice(deps, staff.approver, approverWho, g.id, { hearingReply: '' }))
  const c = (await closingOf(deps.db, g.id))!
  assert.equal(c.status, 'claimed')
  return { ...g, proofId, total: Number(c.repaymentCents) + Number(c.interestCents) }
}

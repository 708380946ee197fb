import assert from 'node:assert/strict'
import { closingOf, issueFinalNotice, openHearing } from '../../src/features/funding/closing/manage-closing'
import {
  checkPayment,
  releasePayment,
  requestPayment,
} from '../../src/features/funding/payments/manage-payments'
import { reviewProof, submitProof } from '../../src/features/funding/proof/manage-proofs'
import type { Actor } from '../../src/platform/audit'
import { berlinDay } from '../../src/platform/days'
import type { AppDeps } from '../../src/platform/feature'
import { type MSO_REGISTRATION, must } from './funding'
import { grantThisYear, staffWho, THIS_YEAR } from './payments'

/**
 * A grant of the test MSO in the hearing before its repayment claim: 10,000 € paid out, the final
 * proof accepted with 8,800 € (Fehlbedarf: 8,600 € grant, 1,400 € to repay) and the hearing opened
 * by the officer `today` (the answer period runs from that day).
 */
export async function grantInHearing(
  deps: AppDeps,
  staff: { officer: Actor; approver: Actor },
  overrides: Partial<typeof MSO_REGISTRATION> = {},
  today: string = berlinDay(),
) {
  const g = await grantThisYear(deps, staff, overrides)
  const officerWho = staffWho(staff.officer, ['funding.review', 'funding.propose'])
  const approverWho = staffWho(staff.approver, ['funding.review', 'funding.approve'])
  const payment = must(
    await requestPayment(deps, g.actor, g.who, g.id, {
      year: THIS_YEAR,
      amountCents: 1_000_000,
      dueOn: berlinDay(),
      purpose: 'Alles',
    }),
  )
  must(
    await checkPayment(deps, staff.officer, officerWho, payment, {
      decision: 'check',
      hold: false,
      reason: '',
    }),
  )
  must(await releasePayment(deps, staff.approver, approverWho, payment))
  const proofId = must(
    await submitProof(deps, g.actor, g.who, g.id, {
      period: 'final',
      answers: {
        goals: 'Sprachcafé',
        activities: '40 Treffen',
        reach: '120 Menschen',
        cooperation: 'Monatlich',
      },
      report: 'Wie geplant.',
      actual: { micro_project: 180_000, minijob: 720_000 },
      actualOwnCents: 20_000,
      actualThirdPartyCents: 0,
      receiptsCsv: [
        'datum;empfaenger;zweck;betrag;position',
        `${THIS_YEAR}-02-01;Druckerei;Flyer;1.800,00;micro_project`,
        `${THIS_YEAR}-03-31;Minijobberin;Lohn;7.200,00;minijob`,
      ].join('\n'),
      hoursCsv: '',
    }),
  )
  must(
    await reviewProof(deps, staff.officer, officerWho, proofId, {
      checkKind: 'in_depth',
      findings: 'Ein Druckauftrag von 200 € war nicht zuwendungsfähig.',
      acceptedCents: 880_000,
    }),
  )
  must(await openHearing(deps, staff.officer, officerWho, g.id, { until: `${THIS_YEAR + 1}-01-31` }, today))
  return { ...g, proofId, officerWho, approverWho }
}

/**
 * A grant of this year taken through its whole life up to the final notice through the use cases:
 * paid in full, final proof submitted and accepted at 8,800 €, hearing answered by letter, final
 * notice (by the approver) claiming 1,400 € plus interest.
 */
export async function claimedGrant(
  deps: AppDeps,
  staff: { officer: Actor; approver: Actor },
  overrides: Partial<typeof MSO_REGISTRATION> = {},
) {
  const g = await grantInHearing(deps, staff, overrides)
  must(
    await issueFinalNotice(deps, staff.approver, g.approverWho, g.id, {
      hearingReply: 'Schreiben des Trägers: keine Einwände.',
    }),
  )
  const c = (await closingOf(deps.db, g.id))!
  assert.equal(c.status, 'claimed')
  return { ...g, total: Number(c.repaymentCents) + Number(c.interestCents) }
}

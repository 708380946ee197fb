import { moveGrantToYear } from '../../src/features/funding/payments/seed-demo'
import type { FundingWho } from '../../src/features/funding/policies'
import { confirmApproval, proposeDecision } from '../../src/features/funding/review/decide-application'
import type { Actor } from '../../src/platform/audit'
import { berlinDay } from '../../src/platform/days'
import type { AppDeps } from '../../src/platform/feature'
import {
  type MSO_REGISTRATION,
  must,
  NEXT_YEAR,
  registerMso,
  submitApplication,
  submittedMsoApplication,
} from './funding'

/** This calendar year in Germany: the budget year of the grants payment tests request money from. */
export const THIS_YEAR = Number(berlinDay().slice(0, 4))

/**
 * A registered MSO with an approved grant of 10,000 € running this year (approved for next year and
 * moved back, as the application deadline refuses applications for this year).
 */
export async function grantThisYear(
  deps: AppDeps,
  staff: { officer: Actor; approver: Actor },
  overrides: Partial<typeof MSO_REGISTRATION> = {},
) {
  const { orgId, userId, actor } = await registerMso(deps, overrides)
  const id = await submittedMsoApplication(deps, orgId, actor)
  must(await submitApplication(deps, actor, id, { declared: true }))
  must(await proposeDecision(deps, staff.officer, id, { decision: 'approve', reasons: 'Förderfähig.' }))
  must(await confirmApproval(deps, staff.approver, id))
  await moveGrantToYear(deps.db, id, NEXT_YEAR, THIS_YEAR)
  const who: FundingWho = { id: userId, can: (p) => p === 'funding.apply', organisationId: orgId }
  return { id, orgId, userId, actor, who }
}

/** A staff member as the payment rules see them. */
export const staffWho = (actor: Actor, permissions: readonly string[]): FundingWho => ({
  id: actor.id,
  can: (p) => permissions.includes(p),
  organisationId: null,
})

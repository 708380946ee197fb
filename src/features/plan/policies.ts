import type { Who } from '../../platform/policy'
import {
  commentPhaseRefusal,
  publishPhaseRefusal,
  type RoundFacts,
  revisable,
  roundPhase,
} from '../../platform/rounds/rules'
import type { PlanVersionState } from './tables'

/**
 * Record-level rules of the integration plan (docs/architecture.md, "Record-level rules"):
 *
 * - Adopted and superseded versions are public; a draft is seen only by those keeping the plan.
 * - The content of a version (titles, partners, periods, weights, indicators) changes only while it
 *   is a draft; an adopted version is changed by drafting the next one.
 * - Measured indicator values and the state of implementation (status, progress) are recorded on the
 *   current adopted version; a draft takes them over when it is adopted (values of the same measure
 *   code and indicator), a superseded version is history and never changes.
 * - A draft is adopted only as a draft; a new draft is started only when there is none.
 */

export function seesVersion(who: Who, status: PlanVersionState): boolean {
  return status !== 'draft' || (who.id !== null && who.can('plan.manage'))
}

const keeps = (who: Who) => who.id !== null && who.can('plan.manage')

export function editsContent(who: Who, status: PlanVersionState): boolean {
  return keeps(who) && status === 'draft'
}

export function recordsProgress(who: Who, status: PlanVersionState): boolean {
  return keeps(who) && status === 'adopted'
}

export function adoptsVersion(who: Who, status: PlanVersionState): boolean {
  return keeps(who) && status === 'draft'
}

export function startsDraft(who: Who, draftExists: boolean): boolean {
  return keeps(who) && !draftExists
}

// ── Comment rounds ──────────────────────────────────────────────────────────
//
// - A round is opened only on a draft, by those keeping the plan; its sections are public from the
//   moment it opens (the wording commented on), and for the ministry before.
// - Members of the integration conference (an account standing for a current member, role
//   conference_member) comment while the round is open: not before it opens, not after it closes.
// - The ministry answers comments until the outcome is published (then the answers are the record);
//   it publishes only after the round has closed and every comment is answered.
// - The next wording of a section is written after the round has closed, while the version is a draft.

/** What the round rules know of an actor: the permissions, and whether they are a conference member today. */
export interface RoundWho extends Who {
  readonly conferenceMember: boolean
}

export type { RoundFacts, RoundPhase } from '../../platform/rounds/rules'
export { roundPhase }

export function opensRound(who: Who, status: PlanVersionState): boolean {
  return keeps(who) && status === 'draft'
}

export function seesRound(who: Who, round: RoundFacts, now: Date): boolean {
  return keeps(who) || roundPhase(round, now) !== 'upcoming'
}

/** Why a comment is refused, or null when the actor may comment now. */
export function commentRefusal(
  who: RoundWho,
  round: RoundFacts,
  now: Date,
): null | 'notMember' | 'notOpenYet' | 'closed' {
  if (who.id === null || !who.can('plan.comment') || !who.conferenceMember) return 'notMember'
  return commentPhaseRefusal(round, now)
}

export function answersComment(who: Who, round: RoundFacts): boolean {
  return keeps(who) && !round.publishedAt
}

/** Why publishing the outcome is refused, or null. */
export function publishRefusal(
  who: Who,
  round: RoundFacts,
  now: Date,
  unanswered: number,
): null | 'forbidden' | 'stillOpen' | 'unanswered' | 'published' {
  if (!keeps(who)) return 'forbidden'
  return publishPhaseRefusal(round, now, unanswered)
}

export function revisesSection(who: Who, round: RoundFacts, now: Date, status: PlanVersionState): boolean {
  return keeps(who) && status === 'draft' && revisable(round, now)
}

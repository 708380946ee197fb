import type { Who } from '../../platform/policy'
import {
  commentPhaseRefusal,
  publishPhaseRefusal,
  type RoundFacts,
  revisable,
  roundPhase,
} from '../../platform/rounds/rules'
import type { ContractState } from './tables'

/**
 * Record-level rules of the integration contracts (docs/architecture.md, "Record-level rules"):
 *
 * - The register is public from signing on; a contract in negotiation (or a negotiation broken off,
 *   ended unsigned) is seen only by the ministry (contracts.manage) and by the partner's own accounts.
 * - The ministry (contracts.manage) keeps every contract: content, milestones, lifecycle, the file.
 * - A partner's account (contracts.report, linked to its directory organisation through funding's
 *   organisation accounts) reports on the milestones of its organisation's contracts only; for any
 *   other contract it learns nothing (the routes answer 404).
 * - The signed contract's file is public once the contract is signed; before, only the ministry and
 *   the partner's accounts download it.
 */
export interface ContractsWho extends Who {
  /** The organisation the account acts for (funding's organisation accounts), or null. */
  readonly organisationId: string | null
}

export interface ContractFacts {
  readonly status: ContractState
  readonly organisationId: string
  /** The day of signing; null while in negotiation and for a negotiation broken off. */
  readonly signedOn: string | null
}

/** Signed contracts are public, whatever their state since. */
export function isPublic(contract: ContractFacts): boolean {
  return contract.status !== 'negotiation' && contract.signedOn !== null
}

export function keepsContracts(who: Who): boolean {
  return who.id !== null && who.can('contracts.manage')
}

/** An account reporting for its organisation (not the ministry). */
export function isPartner(who: ContractsWho): boolean {
  return who.id !== null && who.can('contracts.report') && who.organisationId !== null
}

export function isOwnPartner(who: ContractsWho, contract: ContractFacts): boolean {
  return isPartner(who) && who.organisationId === contract.organisationId
}

export function seesContract(who: ContractsWho, contract: ContractFacts): boolean {
  return isPublic(contract) || keepsContracts(who) || isOwnPartner(who, contract)
}

export function editsContract(who: ContractsWho, _contract: ContractFacts): boolean {
  return keepsContracts(who)
}

/** The partner's own accounts report; the ministry may record a report it received on paper. */
export function reportsOn(who: ContractsWho, contract: ContractFacts): boolean {
  return keepsContracts(who) || isOwnPartner(who, contract)
}

export function downloadsDocument(who: ContractsWho, contract: ContractFacts): boolean {
  return seesContract(who, contract)
}

// ── Comment rounds on a contract draft (decision 0006) ──────────────────────
//
// - The ministry opens a round only on a contract in negotiation (the draft); its obligations as they
//   read then are the sections. From the moment the round opens its sections and, once published,
//   its outcome are public (the wording put out for comment), although the contract itself stays out
//   of the register until it is signed; before it opens only the ministry sees it.
// - Members of the integration conference (an account standing for a current member, permission
//   contracts.comment) comment while the round is open: not before it opens, not after it closes.
// - The ministry answers comments until the outcome is published; it publishes only after the round
//   has closed and every comment is answered.
// - The next wording of a section is written into the obligation after the round has closed, while
//   the contract is still in negotiation.

export interface ContractRoundWho extends Who {
  /** Whether the account stands for a current member of the integration conference. */
  readonly conferenceMember: boolean
}

export function opensContractRound(who: Who, contract: Pick<ContractFacts, 'status'>): boolean {
  return keepsContracts(who) && contract.status === 'negotiation'
}

export function seesContractRound(who: Who, round: RoundFacts, now: Date): boolean {
  return keepsContracts(who) || roundPhase(round, now) !== 'upcoming'
}

/** Why a comment is refused, or null when the actor may comment now. */
export function contractCommentRefusal(
  who: ContractRoundWho,
  round: RoundFacts,
  now: Date,
): null | 'notMember' | 'notOpenYet' | 'closed' {
  if (who.id === null || !who.can('contracts.comment') || !who.conferenceMember) return 'notMember'
  return commentPhaseRefusal(round, now)
}

export function answersContractComment(who: Who, round: RoundFacts): boolean {
  return keepsContracts(who) && !round.publishedAt
}

export function contractPublishRefusal(
  who: Who,
  round: RoundFacts,
  now: Date,
  unanswered: number,
): null | 'forbidden' | 'stillOpen' | 'unanswered' | 'published' {
  if (!keepsContracts(who)) return 'forbidden'
  return publishPhaseRefusal(round, now, unanswered)
}

export function revisesContractSection(
  who: Who,
  round: RoundFacts,
  now: Date,
  contract: Pick<ContractFacts, 'status'>,
): boolean {
  return keepsContracts(who) && contract.status === 'negotiation' && revisable(round, now)
}

import type { Who } from '../../platform/policy'
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

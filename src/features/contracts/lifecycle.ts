import type { MessageKey } from '../../platform/i18n'
import type { ContractState } from './tables'

/**
 * The lifecycle of an integration contract, as pure rules (no database):
 *
 *   negotiation → signed → running → evaluated → ended
 *
 * A negotiation may also be broken off (→ ended); a running contract may end early (→ ended); an
 * evaluated contract runs on once renewed (→ running, see `renewalRefusal`). Nothing leaves `ended`.
 */
export const TRANSITIONS: Readonly<Record<ContractState, readonly ContractState[]>> = {
  negotiation: ['signed', 'ended'],
  signed: ['running'],
  running: ['evaluated', 'ended'],
  evaluated: ['running', 'ended'],
  ended: [],
}

export function allowedTransitions(from: ContractState): readonly ContractState[] {
  return TRANSITIONS[from]
}

export function mayTransition(from: ContractState, to: ContractState): boolean {
  return TRANSITIONS[from].includes(to)
}

/** What a transition is checked against: the contract's term and the day it was signed. */
export interface TransitionFacts {
  readonly from: ContractState
  readonly to: ContractState
  /** The day of signing given with the transition to `signed`. */
  readonly signedOn: string | null
  readonly startsOn: string
  readonly endsOn: string
  /** Today ('YYYY-MM-DD'). */
  readonly today: string
  /** Whether the signed contract's file is stored (required before the contract runs). */
  readonly hasDocument: boolean
}

export interface LifecycleProblem {
  readonly key: MessageKey
  readonly field: string
}

/** Why a transition is refused, or null when it is allowed. */
export function transitionRefusal(f: TransitionFacts): LifecycleProblem | null {
  if (!mayTransition(f.from, f.to)) return { key: 'contracts.error.transition', field: 'to' }
  if (f.to === 'signed') {
    if (!f.signedOn) return { key: 'contracts.error.signedOnMissing', field: 'signedOn' }
    if (f.signedOn > f.today) return { key: 'contracts.error.signedInFuture', field: 'signedOn' }
  }
  if (f.to === 'running' && f.from === 'signed' && !f.hasDocument)
    return { key: 'contracts.error.documentMissing', field: 'to' }
  if (f.to === 'running' && f.from === 'evaluated' && f.endsOn < f.today)
    return { key: 'contracts.error.renewFirst', field: 'to' }
  return null
}

/** A milestone must lie within the contract's term. */
export function milestoneRefusal(
  dueOn: string,
  term: { startsOn: string; endsOn: string },
): LifecycleProblem | null {
  if (dueOn > term.endsOn) return { key: 'contracts.error.milestoneAfterEnd', field: 'dueOn' }
  if (dueOn < term.startsOn) return { key: 'contracts.error.milestoneBeforeStart', field: 'dueOn' }
  return null
}

/** The term of a contract: the end on or after the start. */
export function termRefusal(term: { startsOn: string; endsOn: string }): LifecycleProblem | null {
  return term.endsOn < term.startsOn ? { key: 'contracts.error.endBeforeStart', field: 'endsOn' } : null
}

/**
 * A renewal moves the end of the term to a later day; it is possible while the contract runs or once
 * it is evaluated (it then runs again). Milestones stay where they are.
 */
export function renewalRefusal(
  status: ContractState,
  currentEndsOn: string,
  newEndsOn: string,
): LifecycleProblem | null {
  if (status !== 'running' && status !== 'evaluated')
    return { key: 'contracts.error.renewalState', field: 'newEndsOn' }
  if (newEndsOn <= currentEndsOn) return { key: 'contracts.error.renewalNotLater', field: 'newEndsOn' }
  return null
}

/** Partners report while the contract is signed, running or being evaluated (not in negotiation, not after the end). */
export function acceptsReports(status: ContractState): boolean {
  return status === 'signed' || status === 'running' || status === 'evaluated'
}

/** The report text: something beyond white space. */
export function reportRefusal(text: string): LifecycleProblem | null {
  return text.trim().length === 0 ? { key: 'contracts.partner.error.reportText', field: 'text' } : null
}

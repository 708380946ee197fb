import type { Problem } from '../../../platform/outcome'

/**
 * The budget of sub-grants (Weiterleitung, VV Nr. 12 zu § 44 LHO): a first recipient (a WIR diversity
 * centre) passes the micro-project money of its grant on to local non-profits. Pure integer
 * arithmetic over cents; the use case locks the parent grant and asks here with what is stored.
 */

/** What the parent grant has for sub-grants in one budget year, and what is already passed on. */
export interface SubGrantBudget {
  /** The parent's binding cost items of pass-through categories in the year (micro-projects). */
  readonly budgetCents: number
  /** The amounts of the sub-grants already made in the year. */
  readonly grantedCents: readonly number[]
}

export function committedOf(b: SubGrantBudget): number {
  return b.grantedCents.reduce((s, c) => s + c, 0)
}

/** What is left to pass on (never negative, even for data that is already over: nothing is left then). */
export function leftOf(b: SubGrantBudget): number {
  return Math.max(0, b.budgetCents - committedOf(b))
}

/**
 * Whether a new sub-grant of `amountCents` fits: a positive whole number of cents and, together with
 * the sub-grants already made, never more than the parent's micro-project budget of the year.
 */
export function checkSubGrant(b: SubGrantBudget, amountCents: number, field = 'amount'): Problem[] {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
    return [{ field, key: 'funding.sub.error.amount' }]
  }
  if (b.budgetCents <= 0) return [{ field, key: 'funding.sub.error.noBudget' }]
  const left = leftOf(b)
  if (amountCents > left) {
    return [{ field, key: 'funding.sub.error.budget', params: { remaining: left } }]
  }
  return []
}

/** The simple proof of use of a sub-grant: the amount used, at most the amount granted. */
export function checkSubGrantProof(amountCents: number, usedCents: number, field = 'used'): Problem[] {
  if (!Number.isSafeInteger(usedCents) || usedCents < 0) return [{ field, key: 'funding.sub.error.used' }]
  if (usedCents > amountCents)
    return [{ field, key: 'funding.sub.error.usedAbove', params: { max: amountCents } }]
  return []
}

export interface SubGrantFacts {
  readonly amountCents: number
  /** Null until the sub-grant's proof of use is in. */
  readonly usedCents: number | null
}

/** What the parent's proof of use rolls up from its sub-grants of one year. */
export interface SubGrantRollUp {
  readonly count: number
  readonly grantedCents: number
  /** Used according to the proofs that are in. */
  readonly usedCents: number
  /** Granted but not used, of the sub-grants whose proof is in (to be repaid or accounted for). */
  readonly unusedCents: number
  /** Sub-grants whose proof of use is still missing, and their amount. */
  readonly proofsMissing: number
  readonly missingCents: number
}

export function rollUp(subGrants: readonly SubGrantFacts[]): SubGrantRollUp {
  let grantedCents = 0
  let usedCents = 0
  let unusedCents = 0
  let proofsMissing = 0
  let missingCents = 0
  for (const s of subGrants) {
    grantedCents += s.amountCents
    if (s.usedCents === null) {
      proofsMissing += 1
      missingCents += s.amountCents
    } else {
      usedCents += s.usedCents
      unusedCents += s.amountCents - s.usedCents
    }
  }
  return { count: subGrants.length, grantedCents, usedCents, unusedCents, proofsMissing, missingCents }
}

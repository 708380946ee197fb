import type { FINANCING_TYPES } from '../rules'

/**
 * What a grant comes to once the proof of use is reviewed, and what must be paid back, by the
 * financing type of the notice (VV Nr. 2 zu § 44 LHO), pure and in integer cents:
 *
 * - Anteilfinanzierung: the grant falls in proportion to the accepted costs (the notice's share of
 *   the planned costs, applied to the accepted costs, rounded down to the cent).
 * - Fehlbedarfsfinanzierung: the grant covers only the gap left after the actual own and third-party
 *   money; every saving reduces it in full.
 * - Festbetragsfinanzierung: unchanged, unless the accepted costs fall below the fixed sum.
 * - Vollfinanzierung: the grant is the accepted costs (full reduction).
 *
 * The final grant never exceeds what the notice granted; the repayment is what was paid beyond it.
 */

export type FinancingType = (typeof FINANCING_TYPES)[number]

export interface ClosingFacts {
  readonly type: FinancingType
  /** The grant of the latest notice, all years. */
  readonly grantedCents: number
  /** The eligible costs of the binding plan. */
  readonly plannedCostsCents: number
  /** The eligible costs the review of the proof accepted. */
  readonly acceptedCostsCents: number
  /** Own and third-party money actually used (for Fehlbedarfsfinanzierung). */
  readonly actualOwnCents: number
  /** Paid out, net of repayments already made. */
  readonly paidCents: number
}

function cents(n: number, name: string): number {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`${name}: not a non-negative amount of cents: ${n}`)
  return n
}

export function finalGrant(f: ClosingFacts): number {
  const granted = cents(f.grantedCents, 'granted')
  const planned = cents(f.plannedCostsCents, 'planned')
  const accepted = cents(f.acceptedCostsCents, 'accepted')
  const own = cents(f.actualOwnCents, 'own')
  switch (f.type) {
    case 'anteil':
      if (planned === 0) return 0
      return Math.min(granted, Number((BigInt(granted) * BigInt(accepted)) / BigInt(planned)))
    case 'fehlbedarf':
      return Math.min(granted, Math.max(0, accepted - own))
    case 'festbetrag':
    case 'voll':
      return Math.min(granted, accepted)
  }
}

/** The repayment: what was paid beyond the final grant (0 when the recipient got less). */
export function repaymentOf(f: ClosingFacts): { finalGrantCents: number; repaymentCents: number } {
  const finalGrantCents = finalGrant(f)
  return { finalGrantCents, repaymentCents: Math.max(0, cents(f.paidCents, 'paid') - finalGrantCents) }
}

/**
 * An incoming repayment: refused when it is not a positive amount or would take what came back
 * beyond the claim (principal and interest), i.e. leave the claim negative.
 */
export function checkIncoming(
  claim: { repaymentCents: number; interestCents: number; repaidCents: number },
  amountCents: number,
): 'ok' | 'zero' | 'tooMuch' {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return 'zero'
  return claim.repaidCents + amountCents > claim.repaymentCents + claim.interestCents ? 'tooMuch' : 'ok'
}

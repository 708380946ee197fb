import type { MajorityRule } from './tables'

/** Quorum: more than `percent` % of the members are present (HGO § 53: more than half by default). */
export function quorumReached(present: number, members: number, percent: number): boolean {
  if (members <= 0) return false
  return present * 100 > members * percent
}

/** The smallest number present that reaches the quorum. */
export function quorumNeeded(members: number, percent: number): number {
  return Math.floor((members * percent) / 100) + 1
}

/**
 * Decides a vote. simple: more yes than no (abstentions do not count); absolute: more than half of
 * the members vote yes; two_thirds: at least two thirds of the votes cast (yes + no) are yes.
 */
export function voteAdopted(
  rule: MajorityRule,
  counts: { yes: number; no: number; abstain: number },
  members: number,
): boolean {
  switch (rule) {
    case 'simple':
      return counts.yes > counts.no
    case 'absolute':
      return counts.yes * 2 > members
    case 'two_thirds':
      return counts.yes + counts.no > 0 && counts.yes * 3 >= (counts.yes + counts.no) * 2
  }
}

/** True when two closed or open date ranges (YYYY-MM-DD, null = open end) overlap. */
export function rangesOverlap(
  a: { startsOn: string; endsOn: string | null },
  b: { startsOn: string; endsOn: string | null },
): boolean {
  return (a.endsOn === null || b.startsOn <= a.endsOn) && (b.endsOn === null || a.startsOn <= b.endsOn)
}

/**
 * The most ranges that hold on one and the same day within `within` (all closed, null = open end):
 * members who follow one another in a seat count once, members at the same time count each.
 */
export function maxConcurrent(
  ranges: readonly { startsOn: string; endsOn: string | null }[],
  within: { startsOn: string; endsOn: string | null },
): number {
  const inside = ranges.filter((r) => rangesOverlap(r, within))
  let most = 0
  for (const r of inside) {
    const dayOf = laterDay(r.startsOn, within.startsOn)
    const n = inside.filter((o) => o.startsOn <= dayOf && (o.endsOn === null || o.endsOn >= dayOf)).length
    if (n > most) most = n
  }
  return most
}

/** The later of two days (YYYY-MM-DD compare as text). */
export function laterDay(a: string, b: string): string {
  return [a, b].sort()[1]!
}

/** Where a body's public page is: the agah bodies at /agah, the integration conference at /integrationskonferenz. */
export function bodyPath(council: { readonly id: string; readonly kind: string }): string {
  if (council.kind === 'agah' || council.kind === 'agah_board') return '/agah'
  if (council.kind === 'integrationskonferenz') return '/integrationskonferenz'
  return `/beiraete/${council.id}`
}

/**
 * The rules every comment round (Kommentierungsrunde) shares, whatever it is on (a draft of the
 * integration plan, a draft of an integration contract): its phase in time, when comments and the
 * outcome are refused, and what counts as a proposed change of wording. Pure functions; each feature
 * keeps its own round tables and asks these from its own policy module (decision 0006).
 */

export const ROUND_ANSWERS = ['accepted', 'partly', 'rejected'] as const
export type RoundAnswer = (typeof ROUND_ANSWERS)[number]

export interface RoundFacts {
  readonly opensAt: Date
  readonly closesAt: Date
  readonly publishedAt: Date | null
}

export type RoundPhase = 'upcoming' | 'open' | 'closed' | 'published'

export function roundPhase(round: RoundFacts, now: Date): RoundPhase {
  if (round.publishedAt) return 'published'
  if (now < round.opensAt) return 'upcoming'
  if (now < round.closesAt) return 'open'
  return 'closed'
}

/** Why the round takes no comment at `now` (not yet open, closed or published), or null. */
export function commentPhaseRefusal(round: RoundFacts, now: Date): null | 'notOpenYet' | 'closed' {
  const phase = roundPhase(round, now)
  if (phase === 'upcoming') return 'notOpenYet'
  if (phase !== 'open') return 'closed'
  return null
}

/** Why the outcome cannot be published at `now`, or null. */
export function publishPhaseRefusal(
  round: RoundFacts,
  now: Date,
  unanswered: number,
): null | 'stillOpen' | 'unanswered' | 'published' {
  const phase = roundPhase(round, now)
  if (phase === 'published') return 'published'
  if (phase !== 'closed') return 'stillOpen'
  if (unanswered > 0) return 'unanswered'
  return null
}

/** A next wording is written once comments are in: after the round closed (before or after publishing). */
export function revisable(round: RoundFacts, now: Date): boolean {
  const phase = roundPhase(round, now)
  return phase === 'closed' || phase === 'published'
}

/**
 * The wording a comment proposes: the form starts with the draft's wording, so one left as it is
 * (up to surrounding spaces) or emptied proposes no change (null).
 */
export function proposedWording(typed: string | undefined, draft: string): string | null {
  const t = typed?.trim() ?? ''
  return t && t !== draft.trim() ? t : null
}

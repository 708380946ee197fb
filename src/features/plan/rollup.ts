/**
 * Progress of the integration plan, rolled up by weight (as Decidim's accountability component does):
 * a goal's progress is the weighted mean of its measures' progress, a field of action's the weighted
 * mean of its goals', where a goal weighs as much as its measures together. So a field's progress is
 * the weighted mean over all its measures, computed once from the exact sums (no rounding of rounded
 * values). Integer arithmetic only; the one rounding is half up to a whole percent.
 */

export interface Weighted {
  /** A positive integer. */
  readonly weight: number
  /** Whole percent, 0–100. */
  readonly progress: number
}

/** The sums a roll-up is built from: Σ weight and Σ weight × progress. */
export interface Sums {
  readonly weight: number
  readonly weighted: number
}

export const NO_SUMS: Sums = { weight: 0, weighted: 0 }

export function sumsOf(items: readonly Weighted[]): Sums {
  let weight = 0
  let weighted = 0
  for (const i of items) {
    weight += i.weight
    weighted += i.weight * i.progress
  }
  return { weight, weighted }
}

export function addSums(parts: readonly Sums[]): Sums {
  return parts.reduce((a, b) => ({ weight: a.weight + b.weight, weighted: a.weighted + b.weighted }), NO_SUMS)
}

/** Whole percent, rounded half up; null when nothing is weighed (no measures yet). */
export function percentOf(sums: Sums): number | null {
  if (sums.weight === 0) return null
  return Math.floor((2 * sums.weighted + sums.weight) / (2 * sums.weight))
}

/** The progress of a goal from its measures. */
export function goalProgress(measures: readonly Weighted[]): number | null {
  return percentOf(sumsOf(measures))
}

/** The progress of a field of action from its goals' measures. */
export function fieldProgress(goals: readonly (readonly Weighted[])[]): number | null {
  return percentOf(addSums(goals.map(sumsOf)))
}

import type { RuleProblem } from '../rules'
import type { CostPlan, NotificationKind } from '../tables'

/**
 * The rules of a recipient's change request, pure (reference: the financing plan is binding in
 * total; a single cost item may move by up to 20 % of its planned amount when the move is offset
 * elsewhere, without asking; anything beyond that needs a change request and an amending notice).
 */

/** Share of an item's planned amount it may move without a change request: 20 % = 1/5. */
export const FREE_SHIFT_NUMERATOR = 1
export const FREE_SHIFT_DENOMINATOR = 5

/** Field name of one cost item (year, category) in the change-request form. */
export const changeCostField = (year: number, category: string) => `cost_${year}_${category}`

export interface CostShift {
  readonly year: number
  readonly category: string
  readonly oldCents: number
  readonly newCents: number
}

/**
 * Whether moving an item from `oldCents` to `newCents` stays within the free 20 %: integer arithmetic
 * only (|new − old| × 5 ≤ old). A new item (planned 0) needs a request for any amount.
 */
export function withinFreeShift(oldCents: number, newCents: number): boolean {
  return Math.abs(newCents - oldCents) * FREE_SHIFT_DENOMINATOR <= oldCents * FREE_SHIFT_NUMERATOR
}

/** Every item of either plan, in year and category order, with its old and new amount. */
export function costShifts(oldPlan: CostPlan, newPlan: CostPlan): CostShift[] {
  const keys = new Set<string>()
  for (const plan of [oldPlan, newPlan])
    for (const [year, items] of Object.entries(plan))
      for (const category of Object.keys(items)) keys.add(`${year}\u0000${category}`)
  return [...keys]
    .map((k) => {
      const [year, category] = k.split('\u0000') as [string, string]
      return {
        year: Number(year),
        category,
        oldCents: oldPlan[year]?.[category] ?? 0,
        newCents: newPlan[year]?.[category] ?? 0,
      }
    })
    .sort((a, b) => a.year - b.year || a.category.localeCompare(b.category))
}

const yearTotal = (plan: CostPlan, year: string) => Object.values(plan[year] ?? {}).reduce((s, c) => s + c, 0)

/**
 * Checks a proposed cost plan against the binding one: the total of each year stays the same (the
 * financing plan is binding in total), only the line's categories, no negative amounts, and at
 * least one item moves beyond the free 20 % (otherwise no request is needed: the recipient may
 * simply spend so). Problems name the form field they belong to.
 */
export function checkCostChange(
  oldPlan: CostPlan,
  newPlan: CostPlan,
  categories: readonly string[],
): { problems: RuleProblem[]; beyond: CostShift[] } {
  const problems: RuleProblem[] = []
  for (const [year, items] of Object.entries(newPlan)) {
    if (!(year in oldPlan))
      problems.push({ field: '_form', key: 'funding.change.error.costYear', params: { year } })
    for (const [category, cents] of Object.entries(items)) {
      const field = changeCostField(Number(year), category)
      if (!categories.includes(category)) problems.push({ field, key: 'form.choice' })
      else if (!Number.isSafeInteger(cents) || cents < 0)
        problems.push({ field, key: 'funding.money.negative' })
    }
  }
  if (problems.length) return { problems, beyond: [] }
  for (const year of Object.keys(oldPlan).sort()) {
    const before = yearTotal(oldPlan, year)
    const after = yearTotal(newPlan, year)
    if (before !== after) {
      problems.push({
        field: changeCostField(Number(year), categories[categories.length - 1] ?? ''),
        key: 'funding.change.error.costTotal',
        params: { year, before, after },
      })
    }
  }
  const beyond = costShifts(oldPlan, newPlan).filter((s) => !withinFreeShift(s.oldCents, s.newCents))
  if (!problems.length && !beyond.length)
    problems.push({ field: '_form', key: 'funding.change.error.withinFreeShift' })
  return { problems, beyond }
}

/**
 * Checks a new period against the years that carry granted money: a change request may move the
 * end (a delay) or the start, but every year with a grant stays inside the period (moving money
 * between years is an amendment the officer proposes). Unchanged periods are refused.
 */
export function checkPeriodChange(
  current: { start: string; end: string },
  proposed: { start: string; end: string },
  grantYears: readonly number[],
): RuleProblem[] {
  if (proposed.end < proposed.start) return [{ field: 'periodEnd', key: 'funding.rule.periodOrder' }]
  if (proposed.start === current.start && proposed.end === current.end) {
    return [{ field: 'periodEnd', key: 'funding.change.error.samePeriod' }]
  }
  const first = Number(proposed.start.slice(0, 4))
  const last = Number(proposed.end.slice(0, 4))
  const outside = grantYears.filter((y) => y < first || y > last)
  return outside.length
    ? [
        {
          field: outside[0]! < first ? 'periodStart' : 'periodEnd',
          key: 'funding.change.error.grantYearOutside',
          params: { year: outside[0]! },
        },
      ]
    : []
}

export type NotificationConsequence = 'payments_held' | 'grant_review' | 'period_change'

/**
 * What a notification means for the grant: insolvency holds every payment until an officer has dealt
 * with it; other grants and savings put the grant under review (it may fall, depending on the
 * financing type, at the latest with the final notice); a delay calls for a period change request.
 */
export function consequenceOf(kind: NotificationKind): NotificationConsequence {
  switch (kind) {
    case 'insolvency':
      return 'payments_held'
    case 'other_grant':
    case 'savings':
      return 'grant_review'
    case 'delay':
      return 'period_change'
  }
}

/** Other grants and savings state the amount concerned; delays and insolvency do not need one. */
export const NEEDS_AMOUNT: ReadonlySet<NotificationKind> = new Set(['other_grant', 'savings'])

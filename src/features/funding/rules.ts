import Type, { type Static } from 'typebox'
import { Compile } from 'typebox/compile'
import { ORGANISATION_KINDS } from '../directory/tables'
import { shareOf, sumCents } from './money'

/**
 * The rules of a funding line are data (jsonb in funding_lines.rules), validated with this schema
 * whenever they are saved. The functions below are the rule engine: pure, so they are unit-tested
 * without a database, and each returns the problems it found with the field they belong to.
 */

const Cents = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 })
const Text = Type.Object({ de: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) })

export const FINANCING_TYPES = ['anteil', 'fehlbedarf', 'festbetrag', 'voll'] as const

export const CostCategory = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
    label: Text,
    /** Highest eligible amount in this category per year. */
    capPerYearCents: Type.Optional(Cents),
    /** Amounts must be whole multiples of this unit rate (e.g. 5 € per volunteer hour). */
    unitCents: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000 })),
    /** Explanation of a per-unit or per-person limit that the caps summarise. */
    note: Type.Optional(Text),
    /** Money passed on to final recipients (Weiterleitung, VV Nr. 12). */
    passThrough: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)

export const Attachment = Type.Object(
  { key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }), label: Text },
  { additionalProperties: false },
)

export const LineRules = Type.Object(
  {
    /** Directory organisation kinds that may apply. */
    applicantKinds: Type.Array(Type.Enum(ORGANISATION_KINDS), { minItems: 1 }),
    /** Non-municipal applicants must be recognised as non-profit. */
    nonProfitRequired: Type.Boolean(),
    /** Associations must be registered (a register number, "e. V."). */
    registeredAssociationRequired: Type.Boolean(),
    /** When set, only organisations whose place has one of these official keys may apply. */
    eligibleOfficialKeys: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{5}(\\d{3})?$' }))),
    eligibilityNote: Text,
    costCategories: Type.Array(CostCategory, { minItems: 1 }),
    /** Highest grant per year and in total. */
    maxGrantPerYearCents: Type.Optional(Cents),
    maxGrantTotalCents: Type.Optional(Cents),
    financing: Type.Object(
      {
        type: Type.Enum(FINANCING_TYPES),
        /** For Anteilfinanzierung: the highest share of eligible costs, in basis points (8000 = 80 %). */
        rateBasisPoints: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
      },
      { additionalProperties: false },
    ),
    minMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })),
    maxMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })),
    /** Projects starting in year Y must be applied for by this day of year Y−1 (usually 31 December). */
    deadline: Type.Optional(
      Type.Object(
        { month: Type.Integer({ minimum: 1, maximum: 12 }), day: Type.Integer({ minimum: 1, maximum: 31 }) },
        { additionalProperties: false },
      ),
    ),
    requiredAttachments: Type.Array(Attachment),
    /** Months after the end of the project by which the proof of use is due. */
    proofOfUseMonths: Type.Integer({ minimum: 1, maximum: 24 }),
    /** Special conditions printed on the grant notice. */
    specialConditions: Type.Array(Text),
  },
  { additionalProperties: false },
)
export type LineRules = Static<typeof LineRules>

const rulesValidator = Compile(LineRules)

/** A problem found by the rule engine: the field it belongs to and a message key with parameters. */
export interface RuleProblem {
  readonly field: string
  readonly key: string
  readonly params?: Readonly<Record<string, string | number>>
}

/** Validates rules as saved by an administrator; returns readable paths of the problems. */
export function validateRules(
  value: unknown,
): { ok: true; rules: LineRules } | { ok: false; errors: string[] } {
  if (rulesValidator.Check(value)) {
    const rules = value as LineRules
    const errors: string[] = []
    if (rules.financing.type === 'anteil' && rules.financing.rateBasisPoints === undefined) {
      errors.push('/financing/rateBasisPoints: required for Anteilfinanzierung')
    }
    if (rules.minMonths && rules.maxMonths && rules.minMonths > rules.maxMonths) {
      errors.push('/minMonths: greater than maxMonths')
    }
    const keys = rules.costCategories.map((c) => c.key)
    if (new Set(keys).size !== keys.length) errors.push('/costCategories: keys must be unique')
    return errors.length ? { ok: false, errors } : { ok: true, rules }
  }
  return {
    ok: false,
    errors: [...rulesValidator.Errors(value)]
      .slice(0, 20)
      .map((e) => `${e.instancePath || '/'}: ${e.message}`),
  }
}

/** What the rule engine needs to know about an applicant (a directory organisation). */
export interface ApplicantFacts {
  readonly kind: (typeof ORGANISATION_KINDS)[number]
  readonly nonProfit: boolean
  readonly registerNumber: string | null
  readonly officialKey: string | null
}

export function checkEligibility(rules: LineRules, org: ApplicantFacts): RuleProblem[] {
  const out: RuleProblem[] = []
  if (!rules.applicantKinds.includes(org.kind)) out.push({ field: 'lineId', key: 'funding.rule.kind' })
  else if (
    rules.eligibleOfficialKeys &&
    !(org.officialKey && rules.eligibleOfficialKeys.includes(org.officialKey))
  ) {
    out.push({ field: 'lineId', key: 'funding.rule.notListed' })
  } else if (org.kind !== 'municipality') {
    if (rules.nonProfitRequired && !org.nonProfit)
      out.push({ field: 'lineId', key: 'funding.rule.nonProfit' })
    else if (rules.registeredAssociationRequired && !org.registerNumber) {
      out.push({ field: 'lineId', key: 'funding.rule.registered' })
    }
  }
  return out
}

/** YYYY-MM-DD → its parts; the caller has validated the format. */
function ymd(day: string): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number)
  return [y ?? 0, m ?? 1, d ?? 1]
}

/** Calendar months a period touches (1 January – 31 December is 12). */
export function monthsOf(start: string, end: string): number {
  const [y1, m1] = ymd(start)
  const [y2, m2] = ymd(end)
  return (y2 - y1) * 12 + (m2 - m1) + 1
}

/** The budget years a project period covers. */
export function yearsOf(start: string, end: string): number[] {
  const out: number[] = []
  for (let y = ymd(start)[0]; y <= ymd(end)[0]; y++) out.push(y)
  return out
}

export function checkPeriod(rules: LineRules, start: string, end: string): RuleProblem[] {
  if (end < start) return [{ field: 'periodEnd', key: 'funding.rule.periodOrder' }]
  const months = monthsOf(start, end)
  if (rules.maxMonths && months > rules.maxMonths) {
    return [{ field: 'periodEnd', key: 'funding.rule.periodMax', params: { months: rules.maxMonths } }]
  }
  if (rules.minMonths && months < rules.minMonths) {
    return [{ field: 'periodEnd', key: 'funding.rule.periodMin', params: { months: rules.minMonths } }]
  }
  return []
}

/** The last day (YYYY-MM-DD) to apply for a project starting on `start`, or null for rolling lines. */
export function deadlineFor(rules: LineRules, start: string): string | null {
  if (!rules.deadline) return null
  const year = ymd(start)[0] - 1
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${year}-${pad(rules.deadline.month)}-${pad(rules.deadline.day)}`
}

/** `today` is the calendar day in Germany (YYYY-MM-DD). */
export function checkDeadline(rules: LineRules, start: string, today: string): RuleProblem[] {
  const deadline = deadlineFor(rules, start)
  if (deadline && today > deadline) {
    return [{ field: 'periodStart', key: 'funding.rule.deadline', params: { deadline } }]
  }
  return []
}

export interface CostItem {
  readonly year: number
  readonly category: string
  readonly cents: number
}

export const costField = (year: number, category: string) => `cost_${year}_${category}`

export function checkCosts(
  rules: LineRules,
  years: readonly number[],
  items: readonly CostItem[],
): RuleProblem[] {
  const out: RuleProblem[] = []
  const byKey = new Map(rules.costCategories.map((c) => [c.key, c]))
  for (const item of items) {
    const field = costField(item.year, item.category)
    const category = byKey.get(item.category)
    if (!category || !years.includes(item.year)) {
      out.push({ field, key: 'funding.rule.unknownCost' })
      continue
    }
    if (category.capPerYearCents !== undefined && item.cents > category.capPerYearCents) {
      out.push({ field, key: 'funding.rule.costCap', params: { cap: category.capPerYearCents } })
    } else if (category.unitCents && item.cents % category.unitCents !== 0) {
      out.push({ field, key: 'funding.rule.costUnit', params: { unit: category.unitCents } })
    }
  }
  return out
}

export interface FinancingYear {
  readonly year: number
  readonly ownCents: number
  readonly thirdPartyCents: number
  readonly requestedCents: number
}

export const financingField = (year: number, what: 'own' | 'third' | 'requested') => `fin_${year}_${what}`

/**
 * The financing plan per year: own + third-party + requested must equal the costs to the cent,
 * the requested amount must respect the financing type and the line's caps.
 */
export function checkFinancing(
  rules: LineRules,
  costs: readonly CostItem[],
  plan: readonly FinancingYear[],
): RuleProblem[] {
  const out: RuleProblem[] = []
  let totalRequested = 0
  for (const y of plan) {
    const yearCosts = sumCents(costs.filter((c) => c.year === y.year).map((c) => c.cents))
    const funded = sumCents([y.ownCents, y.thirdPartyCents, y.requestedCents])
    const field = financingField(y.year, 'requested')
    totalRequested += y.requestedCents
    if (funded !== yearCosts) {
      out.push({
        field,
        key: 'funding.rule.unbalanced',
        params: { year: y.year, costs: yearCosts, funded, difference: yearCosts - funded },
      })
      continue
    }
    const { type, rateBasisPoints } = rules.financing
    if (
      type === 'anteil' &&
      rateBasisPoints !== undefined &&
      y.requestedCents > shareOf(yearCosts, rateBasisPoints)
    ) {
      out.push({
        field,
        key: 'funding.rule.share',
        params: { rate: rateBasisPoints / 100, max: shareOf(yearCosts, rateBasisPoints) },
      })
    } else if (type === 'voll' && y.requestedCents !== yearCosts) {
      out.push({ field, key: 'funding.rule.full' })
    } else if (rules.maxGrantPerYearCents !== undefined && y.requestedCents > rules.maxGrantPerYearCents) {
      out.push({ field, key: 'funding.rule.yearCap', params: { cap: rules.maxGrantPerYearCents } })
    }
  }
  if (
    rules.maxGrantTotalCents !== undefined &&
    totalRequested > rules.maxGrantTotalCents &&
    out.length === 0
  ) {
    const last = plan[plan.length - 1]
    out.push({
      field: last ? financingField(last.year, 'requested') : 'financing',
      key: 'funding.rule.totalCap',
      params: { cap: rules.maxGrantTotalCents },
    })
  }
  return out
}

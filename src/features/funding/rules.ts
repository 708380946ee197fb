import Type, { type Static } from 'typebox'
import { Compile } from 'typebox/compile'
import { type Locale, numberSeparators } from '../../platform/i18n'
import type { Problem } from '../../platform/outcome'
import { ORGANISATION_KINDS } from '../directory/public'
import { formatMoney, shareOf, sumCents } from './money'

/**
 * The rules of a funding line are data (jsonb in funding_lines.rules), validated with this schema
 * whenever they are saved. The functions below are the rule engine: pure, so they are unit-tested
 * without a database, and each returns the problems it found with the field they belong to.
 */

const Cents = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 })
const Text = Type.Object({ de: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) })
const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' })
/** Largest quantity anyone may state (in the unit's integer steps). */
export const MAX_QUANTITY = 1_000_000

export const FINANCING_TYPES = ['anteil', 'fehlbedarf', 'festbetrag', 'voll'] as const

/**
 * Units of the quantities an applicant states per cost category and year. Each is kept as an integer:
 * full-time equivalents in hundredths (150 = 1.5 posts), counts and hours whole.
 */
export const QUANTITY_UNITS = ['count', 'fte', 'hours'] as const
export type QuantityUnit = (typeof QUANTITY_UNITS)[number]
export const UNIT_SCALE: Readonly<Record<QuantityUnit, number>> = { count: 1, fte: 100, hours: 1 }

export const Quantity = Type.Object(
  {
    /** Unique within the line (form field qty_<year>_<key>). */
    key: Key,
    /** Field label, e.g. "Koordinierungsstellen (Vollzeitäquivalente)". */
    label: Text,
    /** One unit for "je …" phrases, e.g. "Vollzeitstelle". */
    unitLabel: Text,
    unit: Type.Enum(QUANTITY_UNITS),
    /** Highest value per year, in the unit's integer steps (200 = 2 full-time posts). */
    max: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_QUANTITY })),
    /** Cap per whole unit: the category's amount may not exceed Σ value × capCents over its quantities. */
    capCents: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 })),
    /**
     * The value may not exceed Σ max × (value of another quantity of the line), e.g. hours at most
     * 276 per volunteer plus 414 per coordinating volunteer.
     */
    maxPer: Type.Optional(
      Type.Array(
        Type.Object(
          { quantity: Key, max: Type.Integer({ minimum: 1, maximum: MAX_QUANTITY }) },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 10 },
      ),
    ),
  },
  { additionalProperties: false },
)
export type Quantity = Static<typeof Quantity>

export const CostCategory = Type.Object(
  {
    key: Key,
    label: Text,
    /** Highest eligible amount in this category per year. */
    capPerYearCents: Type.Optional(Cents),
    /** Amounts must be whole multiples of this unit rate (e.g. 5 € per volunteer hour). */
    unitCents: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000 })),
    /** What the applicant states per year for this category (posts, volunteers, hours). */
    quantities: Type.Optional(Type.Array(Quantity, { minItems: 1, maxItems: 10 })),
    /**
     * The category may be claimed only when these quantities of the line add up to at least `min`
     * in the year (e.g. the coordination flat rate for pools of at least 5 volunteers).
     */
    minPool: Type.Optional(
      Type.Object(
        {
          quantities: Type.Array(Key, { minItems: 1, maxItems: 10 }),
          min: Type.Integer({ minimum: 1, maximum: MAX_QUANTITY }),
          /** What is counted, e.g. "Lotsinnen und Lotsen im Pool". */
          label: Text,
        },
        { additionalProperties: false },
      ),
    ),
    /** A further explanation shown with the category. */
    note: Type.Optional(Text),
    /** Money passed on to final recipients (Weiterleitung, VV Nr. 12). */
    passThrough: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type CostCategory = Static<typeof CostCategory>

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
    /**
     * Municipal applicants: inhabitants of the applicant's municipality (directory place). Below `min`
     * a municipality may apply only jointly with partner municipalities when `jointBelowMin` is set;
     * then their summed population must reach `min`, and no member may exceed `max`.
     */
    population: Type.Optional(
      Type.Object(
        {
          min: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000 })),
          max: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000 })),
          jointBelowMin: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
    /**
     * Applicants of these kinds may apply only together with a partner organisation named in the
     * application (e.g. municipalities together with a registered non-profit migrant organisation).
     */
    partnerRequired: Type.Optional(
      Type.Object(
        {
          applicantKinds: Type.Array(Type.Enum(ORGANISATION_KINDS), { minItems: 1 }),
          partnerKinds: Type.Array(Type.Enum(ORGANISATION_KINDS), { minItems: 1 }),
          nonProfit: Type.Boolean(),
          registered: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
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
    /**
     * The form of the proof of use: the simple proof (einfacher Verwendungsnachweis: short report, no
     * list of receipts required) and whether volunteer-hour sheets are part of it (Integrationslotsen).
     */
    proofForm: Type.Optional(
      Type.Object(
        { simple: Type.Boolean(), volunteerHours: Type.Boolean() },
        { additionalProperties: false },
      ),
    ),
    /** Special conditions printed on the grant notice. */
    specialConditions: Type.Array(Text),
  },
  { additionalProperties: false },
)
export type LineRules = Static<typeof LineRules>

const rulesValidator = Compile(LineRules)

/** A problem found by a rule check: the platform's one refusal problem (src/platform/outcome.ts). */
export type RuleProblem = Problem

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
    errors.push(...quantityErrors(rules), ...applicantRuleErrors(rules))
    return errors.length ? { ok: false, errors } : { ok: true, rules }
  }
  return {
    ok: false,
    errors: [...rulesValidator.Errors(value)]
      .slice(0, 20)
      .map((e) => `${e.instancePath || '/'}: ${e.message}`),
  }
}

/** Every quantity of a line with the category that declares it. */
export function lineQuantities(rules: LineRules): { category: CostCategory; quantity: Quantity }[] {
  return rules.costCategories.flatMap((category) =>
    (category.quantities ?? []).map((quantity) => ({ category, quantity })),
  )
}

/** Quantities must be unique, refer to quantities that exist, and pools must be reachable. */
function quantityErrors(rules: LineRules): string[] {
  const errors: string[] = []
  const all = lineQuantities(rules)
  const byKey = new Map(all.map((q) => [q.quantity.key, q.quantity]))
  if (byKey.size !== all.length) errors.push('/costCategories: quantity keys must be unique within the line')
  rules.costCategories.forEach((c, i) => {
    c.quantities?.forEach((q, j) => {
      for (const per of q.maxPer ?? []) {
        if (per.quantity === q.key || !byKey.has(per.quantity)) {
          errors.push(
            `/costCategories/${i}/quantities/${j}/maxPer: "${per.quantity}" is no other quantity of the line`,
          )
        }
      }
    })
    if (c.minPool) {
      const pool = c.minPool.quantities.map((k) => byKey.get(k))
      if (pool.some((q) => !q)) {
        errors.push(`/costCategories/${i}/minPool: refers to a quantity the line does not have`)
      } else if (pool.every((q) => q?.max !== undefined)) {
        const reachable = pool.reduce((s, q) => s + Math.floor(q!.max! / UNIT_SCALE[q!.unit]), 0)
        if (reachable < c.minPool.min)
          errors.push(
            `/costCategories/${i}/minPool: min ${c.minPool.min} cannot be reached (at most ${reachable})`,
          )
      }
      if (new Set(c.minPool.quantities).size !== c.minPool.quantities.length)
        errors.push(`/costCategories/${i}/minPool: a quantity is named twice`)
    }
  })
  return errors
}

/** Population limits apply to municipalities; partner rules to kinds that may apply at all. */
function applicantRuleErrors(rules: LineRules): string[] {
  const errors: string[] = []
  const { population: pop, partnerRequired: partner } = rules
  if (pop) {
    if (!rules.applicantKinds.includes('municipality'))
      errors.push('/population: only for lines open to municipalities')
    if (pop.min === undefined && pop.max === undefined) errors.push('/population: needs min or max')
    if (pop.min !== undefined && pop.max !== undefined && pop.min > pop.max)
      errors.push('/population/min: greater than max')
    if (pop.jointBelowMin && pop.min === undefined) errors.push('/population/jointBelowMin: needs min')
  }
  if (partner) {
    if (partner.applicantKinds.some((k) => !rules.applicantKinds.includes(k)))
      errors.push('/partnerRequired/applicantKinds: must be among the applicantKinds of the line')
    if (partner.applicantKinds.some((k) => partner.partnerKinds.includes(k)))
      errors.push('/partnerRequired/partnerKinds: a kind cannot be its own partner')
  }
  return errors
}

/** What the rule engine needs to know about an applicant (a directory organisation). */
export interface ApplicantFacts {
  readonly kind: (typeof ORGANISATION_KINDS)[number]
  readonly nonProfit: boolean
  readonly registerNumber: string | null
  readonly officialKey: string | null
  /** Inhabitants of the organisation's place (directory), when known. */
  readonly population?: number | null
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
  } else if (rules.population) {
    const { min, max, jointBelowMin } = rules.population
    const n = org.population ?? null
    if (n === null) out.push({ field: 'lineId', key: 'funding.rule.populationUnknown' })
    else if (max !== undefined && n > max)
      out.push({ field: 'lineId', key: 'funding.rule.populationMax', params: { population: max } })
    else if (min !== undefined && n < min && !jointBelowMin)
      out.push({ field: 'lineId', key: 'funding.rule.populationMin', params: { population: min } })
  }
  return out
}

/** The partners an application names (project step): municipalities applying jointly, a partner organisation. */
export interface PartnerFacts {
  readonly joint: boolean
  readonly municipalities: readonly { readonly name: string; readonly population: number | null }[]
  readonly organisation: ApplicantFacts | null
}

export const NO_PARTNERS: PartnerFacts = { joint: false, municipalities: [], organisation: null }

/**
 * Joint applications of small municipalities (summed population at least the minimum, no member above
 * the maximum) and applicants that may apply only together with a partner organisation.
 */
export function checkPartners(rules: LineRules, applicant: ApplicantFacts, p: PartnerFacts): RuleProblem[] {
  const out: RuleProblem[] = []
  const pop = applicant.kind === 'municipality' ? rules.population : undefined
  const jointAllowed = !!pop?.jointBelowMin && pop.min !== undefined
  if (p.joint && !jointAllowed) out.push({ field: 'joint', key: 'funding.rule.jointNotAllowed' })
  else if (!p.joint && p.municipalities.length)
    out.push({ field: 'joint', key: 'funding.rule.jointUnticked' })
  else if (p.joint && pop?.min !== undefined) {
    const unknown = p.municipalities.find((m) => m.population === null)
    const tooLarge = p.municipalities.find(
      (m) => pop.max !== undefined && m.population !== null && m.population > pop.max,
    )
    const sum = [applicant.population ?? 0, ...p.municipalities.map((m) => m.population ?? 0)].reduce(
      (s, n) => s + n,
      0,
    )
    if (!p.municipalities.length)
      out.push({ field: 'partnerMunicipalities', key: 'funding.rule.partnersMissing' })
    else if (unknown)
      out.push({
        field: 'partnerMunicipalities',
        key: 'funding.rule.partnerPopulationUnknown',
        params: { name: unknown.name },
      })
    else if (tooLarge)
      out.push({
        field: 'partnerMunicipalities',
        key: 'funding.rule.partnerTooLarge',
        params: { name: tooLarge.name, population: pop.max! },
      })
    else if (sum < pop.min)
      out.push({
        field: 'partnerMunicipalities',
        key: 'funding.rule.jointTooSmall',
        params: { sum, population: pop.min },
      })
  } else if (
    pop?.min !== undefined &&
    applicant.population !== null &&
    applicant.population !== undefined &&
    applicant.population < pop.min
  ) {
    out.push({ field: 'joint', key: 'funding.rule.populationJoint', params: { population: pop.min } })
  }
  const partner = rules.partnerRequired
  const needsPartner = !!partner && partner.applicantKinds.includes(applicant.kind)
  const org = p.organisation
  if (!needsPartner && org)
    out.push({ field: 'partnerOrganisationId', key: 'funding.rule.partnerNotAllowed' })
  else if (needsPartner && !org)
    out.push({ field: 'partnerOrganisationId', key: 'funding.rule.partnerRequired' })
  else if (
    needsPartner &&
    org &&
    (!partner.partnerKinds.includes(org.kind) ||
      (partner.nonProfit && !org.nonProfit) ||
      (partner.registered && !org.registerNumber))
  ) {
    out.push({ field: 'partnerOrganisationId', key: 'funding.rule.partnerNotEligible' })
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

/** A quantity the applicant stated for a year, in the unit's integer steps (FTE in hundredths). */
export interface QuantityItem {
  readonly year: number
  readonly key: string
  readonly value: number
}

export const costField = (year: number, category: string) => `cost_${year}_${category}`
export const quantityField = (year: number, key: string) => `qty_${year}_${key}`

export type QuantityError = 'format' | 'negative' | 'decimals' | 'whole' | 'too_large'

/**
 * Parses a stated quantity without floating point: "1,5" or "1.5" full-time posts become 150
 * hundredths, counts and hours must be whole numbers.
 */
export function parseQuantity(
  input: string,
  unit: QuantityUnit,
): { ok: true; value: number } | { ok: false; error: QuantityError } {
  const s = input.replace(/\u00a0|\u202f/g, ' ').trim()
  if (/^[-−]/.test(s)) return { ok: false, error: 'negative' }
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(s)
  if (!m) return { ok: false, error: 'format' }
  const whole = m[1]!.replace(/^0+(?=\d)/, '')
  const frac = m[2] ?? ''
  const scale = UNIT_SCALE[unit]
  if (scale === 1 && frac.replace(/0+$/, '') !== '') return { ok: false, error: 'whole' }
  if (scale === 100 && frac.length > 2) return { ok: false, error: 'decimals' }
  if (whole.length > 7) return { ok: false, error: 'too_large' }
  const value = Number(whole) * scale + (scale === 100 ? Number(frac.padEnd(2, '0')) : 0)
  if (value > MAX_QUANTITY) return { ok: false, error: 'too_large' }
  return { ok: true, value }
}

/** A quantity as people read and type it: 150 hundredths of a post is "1,5" (de) or "1.5" (en). */
export function formatQuantity(
  value: number,
  unit: QuantityUnit,
  locale: Locale = 'de',
  grouped = true,
): string {
  const scale = UNIT_SCALE[unit]
  const whole = Math.floor(value / scale)
  const sep = numberSeparators(locale)
  const group = (n: number) => (grouped ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep.group) : String(n))
  if (scale === 1) return group(whole)
  const frac = String(value % scale)
    .padStart(2, '0')
    .replace(/0+$/, '')
  return frac ? `${group(whole)}${sep.decimal === ',' ? ',' : '.'}${frac}` : group(whole)
}

/** Message parameters in both languages (problemsToErrors picks `name` for the page's locale). */
function bilingual(name: string, de: string, en: string): Record<string, string> {
  return { [`${name}_de`]: de, [`${name}_en`]: en }
}

const joinText = (parts: readonly { de: string; en: string }[], sep = ', ') => ({
  de: parts.map((p) => p.de).join(sep),
  en: parts.map((p) => p.en).join(sep),
})

/** The cap per category and year that stated quantities allow: Σ value × capCents (FTE scaled). */
export function perUnitCap(category: CostCategory, values: ReadonlyMap<string, number>): number | null {
  const capped = (category.quantities ?? []).filter((q) => q.capCents !== undefined)
  if (!capped.length) return null
  let total = 0n
  for (const q of capped) {
    total += (BigInt(values.get(q.key) ?? 0) * BigInt(q.capCents!)) / BigInt(UNIT_SCALE[q.unit])
  }
  return Number(total)
}

/** "60.000,00 € je Vollzeitstelle" for each capped quantity of a category. */
export function perUnitText(category: CostCategory): { de: string; en: string } {
  return joinText(
    (category.quantities ?? [])
      .filter((q) => q.capCents !== undefined)
      .map((q) => ({
        de: `${formatMoney(q.capCents!, 'de')} je ${q.unitLabel.de}`,
        en: `${formatMoney(q.capCents!, 'en')} per ${q.unitLabel.en}`,
      })),
  )
}

/** "276 je Lotsin/Lotse, 414 je koordinierende Lotsin/koordinierenden Lotsen" for a quantity's maxPer. */
export function maxPerText(rules: LineRules, q: Quantity): { de: string; en: string } {
  const byKey = new Map(lineQuantities(rules).map((x) => [x.quantity.key, x.quantity]))
  return joinText(
    (q.maxPer ?? []).map((per) => {
      const other = byKey.get(per.quantity)
      return {
        de: `${formatQuantity(per.max, q.unit, 'de')} je ${other?.unitLabel.de ?? per.quantity}`,
        en: `${formatQuantity(per.max, q.unit, 'en')} per ${other?.unitLabel.en ?? per.quantity}`,
      }
    }),
  )
}

export function checkCosts(
  rules: LineRules,
  years: readonly number[],
  items: readonly CostItem[],
  quantities: readonly QuantityItem[] = [],
): RuleProblem[] {
  const out: RuleProblem[] = []
  const byKey = new Map(rules.costCategories.map((c) => [c.key, c]))
  const quantityDefs = new Map(lineQuantities(rules).map((x) => [x.quantity.key, x.quantity]))
  const stated = new Map<number, Map<string, number>>(years.map((y) => [y, new Map()]))
  for (const q of quantities) {
    const field = quantityField(q.year, q.key)
    const def = quantityDefs.get(q.key)
    const values = stated.get(q.year)
    if (!def || !values || !Number.isSafeInteger(q.value) || q.value < 0) {
      out.push({ field, key: 'funding.rule.unknownCost' })
      continue
    }
    values.set(q.key, q.value)
  }
  for (const q of quantities) {
    const def = quantityDefs.get(q.key)
    const values = stated.get(q.year)
    if (!def || !values?.has(q.key)) continue
    const field = quantityField(q.year, q.key)
    if (def.max !== undefined && q.value > def.max) {
      out.push({
        field,
        key: 'funding.rule.qtyMax',
        params: bilingual(
          'max',
          formatQuantity(def.max, def.unit, 'de'),
          formatQuantity(def.max, def.unit, 'en'),
        ),
      })
    } else if (def.maxPer) {
      const limit = def.maxPer.reduce((s, per) => {
        const other = quantityDefs.get(per.quantity)
        const n = values.get(per.quantity) ?? 0
        return s + Math.floor((per.max * n) / UNIT_SCALE[other?.unit ?? 'count'])
      }, 0)
      if (q.value > limit) {
        const per = maxPerText(rules, def)
        out.push({
          field,
          key: 'funding.rule.qtyPer',
          params: {
            ...bilingual('max', formatQuantity(limit, def.unit, 'de'), formatQuantity(limit, def.unit, 'en')),
            ...bilingual('per', per.de, per.en),
          },
        })
      }
    }
  }
  for (const item of items) {
    const field = costField(item.year, item.category)
    const category = byKey.get(item.category)
    const values = stated.get(item.year)
    if (!category || !values) {
      out.push({ field, key: 'funding.rule.unknownCost' })
      continue
    }
    const cap = perUnitCap(category, values)
    const poolSize = category.minPool?.quantities.reduce((s, k) => {
      const def = quantityDefs.get(k)
      return s + Math.floor((values.get(k) ?? 0) / UNIT_SCALE[def?.unit ?? 'count'])
    }, 0)
    if (category.capPerYearCents !== undefined && item.cents > category.capPerYearCents) {
      out.push({ field, key: 'funding.rule.costCap', params: { cap: category.capPerYearCents } })
    } else if (category.unitCents && item.cents % category.unitCents !== 0) {
      out.push({ field, key: 'funding.rule.costUnit', params: { unit: category.unitCents } })
    } else if (item.cents > 0 && cap === 0) {
      const what = joinText(
        (category.quantities ?? []).filter((q) => q.capCents !== undefined).map((q) => q.label),
      )
      out.push({ field, key: 'funding.rule.qtyNeeded', params: bilingual('what', what.de, what.en) })
    } else if (cap !== null && item.cents > cap) {
      const per = perUnitText(category)
      out.push({
        field,
        key: 'funding.rule.perUnitCap',
        params: { cap, ...bilingual('per', per.de, per.en) },
      })
    } else if (item.cents > 0 && category.minPool && poolSize! < category.minPool.min) {
      out.push({
        field,
        key: 'funding.rule.minPool',
        params: {
          min: category.minPool.min,
          ...bilingual('what', category.minPool.label.de, category.minPool.label.en),
        },
      })
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

import type { PageContext } from '../../../platform/http/context'
import {
  formatDate,
  formatNumber,
  inSourceLanguage,
  type Locale,
  type Translate,
} from '../../../platform/i18n'
import { formatMoney } from '../money'
import type { FundingLine } from '../queries'
import {
  type CostCategory,
  formatQuantity,
  type LineRules,
  maxPerText,
  perUnitText,
  type Quantity,
  type RuleProblem,
} from '../rules'
import type { ApplicationState } from '../tables'

const MONEY_PARAMS = new Set([
  'cap',
  'max',
  'costs',
  'funded',
  'difference',
  'unit',
  'increase',
  'remaining',
  'before',
  'after',
])
/** Calendar days (YYYY-MM-DD) shown as dates of the page's language. */
const DAY_PARAMS = new Set(['from', 'to'])
/** Counts of people (inhabitants) shown with thousands separators. */
const COUNT_PARAMS = new Set(['population', 'sum'])

/** Translates rule-engine problems into one message per form field; cent parameters are shown as money. */
export function problemsToErrors(
  problems: readonly RuleProblem[],
  t: Translate,
  locale: Locale,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of problems) {
    const params: Record<string, string | number> = {}
    for (const [k, v] of Object.entries(p.params ?? {})) {
      const bilingual = /^(.+)_(de|en)$/.exec(k)
      if (bilingual) {
        const name = bilingual[1]!
        if (bilingual[2] === 'de' && typeof v === 'string')
          params[name] = inSourceLanguage(locale, { de: v, en: String(p.params?.[`${name}_en`] ?? v) })
      } else if (MONEY_PARAMS.has(k) && typeof v === 'number') params[k] = formatMoney(v, locale)
      else if (COUNT_PARAMS.has(k) && typeof v === 'number') params[k] = formatNumber(locale, v)
      else if (DAY_PARAMS.has(k) && typeof v === 'string') params[k] = formatDay(locale, v)
      else params[k] = v
    }
    if (p.key === 'funding.rule.deadline' && typeof params.deadline === 'string') {
      const [y, m, d] = params.deadline.split('-')
      params.deadline = locale === 'en' ? `${y}-${m}-${d}` : `${d}.${m}.${y}`
    }
    if (!out[p.field]) out[p.field] = t(p.key, params)
  }
  return out
}

const PROJECT_FIELDS = new Set([
  'title',
  'aims',
  'targetGroups',
  'municipalities',
  'periodStart',
  'periodEnd',
  'joint',
  'partnerMunicipalities',
  'partnerOrganisationId',
])

/** The task-list step a form field belongs to, so submission errors point at a step of the list. */
export function stepOfField(field: string): string {
  if (PROJECT_FIELDS.has(field)) return 'step_project'
  if (field.startsWith('cost_') || field.startsWith('qty_')) return 'step_costs'
  if (field.startsWith('fin_')) return 'step_financing'
  if (field === 'notStarted' || field === 'truth') return 'step_declarations'
  if (field === 'kind' || field === 'file') return 'step_attachments'
  return field
}

/** Errors of the steps' fields gathered per step (several messages of one step joined). */
export function errorsByStep(errors: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [field, message] of Object.entries(errors)) {
    const step = stepOfField(field)
    out[step] = out[step] ? `${out[step]} ${message}` : message
  }
  return out
}

export const money = (ctx: PageContext, cents: number) => formatMoney(cents, ctx.locale)

export const lineName = (ctx: PageContext, line: Pick<FundingLine, 'nameDe' | 'nameEn'>) =>
  inSourceLanguage(ctx.locale, { de: line.nameDe, en: line.nameEn })

export const text = (ctx: PageContext, value: { de: string; en: string }) =>
  inSourceLanguage(ctx.locale, value)

const STATUS_BADGE: Record<string, string> = {
  draft: 'info',
  submitted: 'info',
  info_requested: 'warning',
  proposed: 'warning',
  approved: 'success',
  partially_approved: 'success',
  rejected: 'danger',
}

export function StatusBadge({ ctx, status }: { ctx: PageContext; status: ApplicationState }) {
  return (
    <span class={`kern-badge kern-badge--${STATUS_BADGE[status] ?? 'info'}`}>
      {ctx.t(`funding.status.${status}`)}
    </span>
  )
}

export function Facts({ items }: { items: readonly [string, preact.ComponentChildren][] }) {
  return (
    <dl class="kern-description-list">
      {items.map(([key, value]) => (
        <div class="kern-description-list-item" key={key}>
          <dt class="kern-description-list-item__key">{key}</dt>
          <dd class="kern-description-list-item__value">{value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** A calendar day (YYYY-MM-DD) as a long date of the language ("1. Dezember 2026"). */
export function formatDay(locale: Locale, day: string): string {
  return formatDate(locale, new Date(`${day}T12:00:00Z`))
}

export function germanOrIso(ctx: PageContext, day: string | null): string {
  if (!day) return '–'
  const [y, m, d] = day.split('-')
  return ctx.locale === 'de' ? `${d}.${m}.${y}` : day
}

/** The hint of a stated quantity: its maximum, its cap per unit and its limit per other quantities. */
export function quantityHint(ctx: PageContext, rules: LineRules, q: Quantity): string | undefined {
  const parts: string[] = []
  if (q.unit === 'fte') parts.push(ctx.t('funding.quantity.fteHint'))
  if (q.max !== undefined)
    parts.push(ctx.t('funding.quantity.maxHint', { max: formatQuantity(q.max, q.unit, ctx.locale) }))
  if (q.capCents !== undefined)
    parts.push(
      ctx.t('funding.quantity.capHint', { cap: money(ctx, q.capCents), unit: text(ctx, q.unitLabel) }),
    )
  if (q.maxPer) parts.push(ctx.t('funding.quantity.perHint', { per: text(ctx, maxPerText(rules, q)) }))
  return parts.length ? parts.join('; ') : undefined
}

/** The hint of a cost category: its yearly cap and the condition of a minimum pool. */
export function costHint(ctx: PageContext, c: CostCategory): string | undefined {
  const parts: string[] = []
  if (c.capPerYearCents !== undefined)
    parts.push(ctx.t('funding.capPerYear', { cap: money(ctx, c.capPerYearCents) }))
  if (c.quantities?.some((q) => q.capCents !== undefined))
    parts.push(ctx.t('funding.perUnit', { per: text(ctx, perUnitText(c)) }))
  if (c.unitCents) parts.push(ctx.t('funding.unitMultiple', { unit: money(ctx, c.unitCents) }))
  if (c.minPool)
    parts.push(ctx.t('funding.minPool', { min: c.minPool.min, what: text(ctx, c.minPool.label) }))
  if (c.note) parts.push(text(ctx, c.note))
  return parts.length ? parts.join('; ') : undefined
}

/** Everything a category's rules say, for the public line page: its own hint and its quantities' limits. */
export function categoryRules(ctx: PageContext, rules: LineRules, c: CostCategory): string[] {
  const parts = costHint(ctx, c) ? [costHint(ctx, c)!] : []
  for (const q of c.quantities ?? []) {
    const limits = [
      q.max !== undefined
        ? ctx.t('funding.quantity.maxHint', { max: formatQuantity(q.max, q.unit, ctx.locale) })
        : '',
      q.maxPer ? ctx.t('funding.quantity.perHint', { per: text(ctx, maxPerText(rules, q)) }) : '',
    ].filter(Boolean)
    if (limits.length) parts.push(`${text(ctx, q.label)}: ${limits.join(', ')}`)
  }
  return parts
}

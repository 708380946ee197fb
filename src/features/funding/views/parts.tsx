import type { PageContext } from '../../../platform/http/context'
import type { Translate } from '../../../platform/i18n'
import { formatMoney } from '../money'
import type { FundingLine } from '../queries'
import type { RuleProblem } from '../rules'

const MONEY_PARAMS = new Set(['cap', 'max', 'costs', 'funded', 'difference', 'unit'])
/** Counts of people (inhabitants) shown with thousands separators. */
const COUNT_PARAMS = new Set(['population', 'sum'])

/** Translates rule-engine problems into one message per form field; cent parameters are shown as money. */
export function problemsToErrors(
  problems: readonly RuleProblem[],
  t: Translate,
  locale: 'de' | 'en',
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of problems) {
    const params: Record<string, string | number> = {}
    for (const [k, v] of Object.entries(p.params ?? {})) {
      const bilingual = /^(.+)_(de|en)$/.exec(k)
      if (bilingual) {
        if (bilingual[2] === locale) params[bilingual[1]!] = v
      } else if (MONEY_PARAMS.has(k) && typeof v === 'number') params[k] = formatMoney(v, locale)
      else if (COUNT_PARAMS.has(k) && typeof v === 'number')
        params[k] = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB').format(v)
      else params[k] = v
    }
    if (p.key === 'funding.rule.deadline' && typeof params.deadline === 'string') {
      const [y, m, d] = params.deadline.split('-')
      params.deadline = locale === 'de' ? `${d}.${m}.${y}` : `${y}-${m}-${d}`
    }
    if (!out[p.field]) out[p.field] = t(p.key, params)
  }
  return out
}

export const money = (ctx: PageContext, cents: number) => formatMoney(cents, ctx.locale)

export const lineName = (ctx: PageContext, line: Pick<FundingLine, 'nameDe' | 'nameEn'>) =>
  ctx.locale === 'de' ? line.nameDe : line.nameEn

export const text = (ctx: PageContext, value: { de: string; en: string }) => value[ctx.locale]

const STATUS_BADGE: Record<string, string> = {
  draft: 'info',
  submitted: 'info',
  info_requested: 'warning',
  proposed: 'warning',
  approved: 'success',
  partially_approved: 'success',
  rejected: 'danger',
}

export function StatusBadge({ ctx, status }: { ctx: PageContext; status: string }) {
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

export function germanOrIso(ctx: PageContext, day: string | null): string {
  if (!day) return '–'
  const [y, m, d] = day.split('-')
  return ctx.locale === 'de' ? `${d}.${m}.${y}` : day
}

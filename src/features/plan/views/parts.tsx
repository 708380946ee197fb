import type { ComponentChildren } from 'preact'
import type { PageContext } from '../../../platform/http/context'
import { formatDate, formatNumber } from '../../../platform/i18n'
import { BarChart } from '../../../platform/ui/charts'
import type { MeasureState } from '../tables'

/** A day ('YYYY-MM-DD') in the page's language. */
export function day(ctx: PageContext, iso: string): string {
  return formatDate(ctx.locale, new Date(`${iso}T12:00:00Z`))
}

export function statusLabel(ctx: PageContext, status: MeasureState): string {
  return ctx.t(`plan.status.${status}`)
}

export function progressText(ctx: PageContext, percent: number | null): string {
  return percent === null
    ? ctx.t('plan.progressNone')
    : ctx.t('plan.progress', { percent: formatNumber(ctx.locale, percent) })
}

/**
 * A progress bar drawn on the server. The value is always written out as text next to it; the bar
 * itself is decoration (hidden from screen readers) and fills from the start of the line, also in
 * right-to-left languages.
 */
export function ProgressBar({ ctx, percent }: { ctx: PageContext; percent: number | null }) {
  const p = percent ?? 0
  return (
    <div class="plan-progress">
      <p class="kern-body plan-progress__text">{progressText(ctx, percent)}</p>
      <svg
        class="plan-progress__bar"
        aria-hidden="true"
        focusable="false"
        viewBox="0 0 100 10"
        preserveAspectRatio="none"
        width="100%"
        height="14"
      >
        <g transform={ctx.dir === 'rtl' ? 'matrix(-1 0 0 1 100 0)' : undefined}>
          <rect x="0" y="0" width="100" height="10" fill="#ffffff" stroke="#595959" stroke-width="0.6" />
          <rect x="0" y="0" width={p} height="10" fill="#0b5e8e" />
        </g>
      </svg>
    </div>
  )
}

export interface ChartPoint {
  readonly measuredOn: string
  readonly value: number
}

/**
 * The measured values of an indicator as bars against its target (a dashed line), with the
 * platform's bar chart. The table after it (the view's own, with the sources) holds the same values
 * as text: the chart's text alternative.
 */
export function IndicatorChart({
  ctx,
  id,
  label,
  target,
  points,
  table,
}: {
  ctx: PageContext
  id: string
  label: string
  target: number
  points: readonly ChartPoint[]
  table: ComponentChildren
}) {
  return (
    <BarChart
      ctx={ctx}
      id={id}
      title={label}
      className="plan-chart"
      orientation="vertical"
      target={{
        value: target,
        label: ctx.t('plan.indicator.target', { target: formatNumber(ctx.locale, target) }),
      }}
      data={points.map((p) => ({ key: p.measuredOn, label: p.measuredOn.slice(0, 7), value: p.value }))}
      table={table}
    />
  )
}

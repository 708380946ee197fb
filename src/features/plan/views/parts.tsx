import type { PageContext } from '../../../platform/http/context'
import { formatDate, formatNumber } from '../../../platform/i18n'
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
 * The measured values of an indicator as bars against its target (a dashed line), as SVG rendered on
 * the server. The table after it holds the same values as text (the chart's text alternative).
 */
export function IndicatorChart({
  ctx,
  id,
  label,
  target,
  points,
}: {
  ctx: PageContext
  id: string
  label: string
  target: number
  points: readonly ChartPoint[]
}) {
  const W = 420
  const H = 240
  const left = 52
  const right = 16
  const top = 20
  const bottom = 40
  const max = Math.max(target, ...points.map((p) => p.value), 1)
  const plotH = H - top - bottom
  const y = (v: number) => top + plotH - Math.round((v / max) * plotH)
  const slot = (W - left - right) / Math.max(points.length, 1)
  const barW = Math.min(56, Math.max(8, slot * 0.6))
  const titleId = `${id}-title`
  const n = (v: number) => formatNumber(ctx.locale, v)
  return (
    <svg
      class="plan-chart"
      role="img"
      aria-labelledby={titleId}
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      dir="ltr"
      focusable="false"
    >
      <title id={titleId}>{label}</title>
      <line x1={left} y1={top + plotH} x2={W - right} y2={top + plotH} stroke="#1f1f1f" stroke-width="1" />
      <line x1={left} y1={top} x2={left} y2={top + plotH} stroke="#1f1f1f" stroke-width="1" />
      <text x={left - 6} y={top + plotH} text-anchor="end" font-size="15" fill="#1f1f1f">
        0
      </text>
      <text x={left - 6} y={y(max) + 4} text-anchor="end" font-size="15" fill="#1f1f1f">
        {n(max)}
      </text>
      {points.map((p, i) => {
        const cx = left + slot * i + slot / 2
        return (
          <g key={p.measuredOn}>
            <rect
              x={cx - barW / 2}
              y={y(p.value)}
              width={barW}
              height={top + plotH - y(p.value)}
              fill="#0b5e8e"
            />
            <text x={cx} y={y(p.value) - 4} text-anchor="middle" font-size="15" fill="#1f1f1f">
              {n(p.value)}
            </text>
            <text x={cx} y={H - bottom + 20} text-anchor="middle" font-size="15" fill="#1f1f1f">
              {p.measuredOn.slice(0, 7)}
            </text>
          </g>
        )
      })}
      <line
        x1={left}
        y1={y(target)}
        x2={W - right}
        y2={y(target)}
        stroke="#a1001a"
        stroke-width="2"
        stroke-dasharray="8 5"
      />
      <text x={W - right} y={y(target) - 6} text-anchor="end" font-size="15" fill="#a1001a">
        {ctx.t('plan.indicator.target', { target: n(target) })}
      </text>
    </svg>
  )
}

/**
 * Bar and line charts drawn on the server as SVG: no script, no third party, no inline style (the
 * strict CSP): colours and sizes are SVG presentation attributes, layout comes from app.css.
 *
 * Every chart is an image with a name and a description (`role="img"`, `aria-labelledby` its
 * `<title>` and `<desc>`), and a data table after it with the same values as text: the table is
 * the text alternative, the description says so. A feature either lets the chart build that table
 * (`table` left out: label and value columns, with the headers it names) or renders its own right
 * after the chart (`table` given: an element, or null when the page shows it below on its own).
 *
 * Charts are drawn left to right in every language (in a right-to-left page the text would anchor
 * at its end), and never run wider than their container.
 */
import type { ComponentChildren } from 'preact'
import type { PageContext } from '../http/context'
import { formatNumber } from '../i18n'
import { Table } from './components'

/** One bar: `value` null draws no bar (a suppressed or missing value); `text` replaces the number. */
export interface BarDatum {
  readonly key: string
  readonly label: string
  readonly value: number | null
  readonly text?: string
}

/** The table the chart builds as its text alternative. */
export interface ChartTable {
  readonly caption: string
  readonly labelHeader: string
  readonly valueHeader: string
}

const INK = '#1f1f1f'
const BAR = '#0b5e8e'
const TARGET = '#a1001a'
/** Lines of a line chart: told apart by colour and by dash pattern (never by colour alone). */
const SERIES = [
  { stroke: '#0b5e8e', dash: undefined, marker: 'circle' },
  { stroke: '#a1001a', dash: '8 4', marker: 'square' },
  { stroke: '#1e6b2f', dash: '3 3', marker: 'diamond' },
  { stroke: '#5b2a86', dash: '12 4 3 4', marker: 'circle' },
] as const

/** A label cut to fit beside a bar; the full label is in the table. */
export function shorten(label: string, max = 30): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label
}

function valueText(ctx: PageContext, d: BarDatum): string {
  return d.text ?? (d.value === null ? '–' : formatNumber(ctx.locale, d.value))
}

function ChartFrame({
  ctx,
  id,
  title,
  description,
  className,
  viewBox,
  children,
}: {
  ctx: PageContext
  id: string
  title: string
  description: string | undefined
  className: string
  viewBox: string
  children: ComponentChildren
}) {
  return (
    <svg
      class={`chart ${className}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      id={id}
      viewBox={viewBox}
      focusable="false"
      direction="ltr"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description ?? ctx.t('ui.chart.desc')}</desc>
      {children}
    </svg>
  )
}

function AutoTable({ ctx, table, rows }: { ctx: PageContext; table: ChartTable; rows: readonly BarDatum[] }) {
  return (
    <Table
      caption={table.caption}
      rows={rows}
      rowKey={(r) => r.key}
      columns={[
        { header: table.labelHeader, cell: (r) => r.label },
        { header: table.valueHeader, cell: (r) => valueText(ctx, r), numeric: true },
      ]}
    />
  )
}

type TableProps = { table: ChartTable } | { table: ComponentChildren }
const isChartTable = (t: unknown): t is ChartTable =>
  typeof t === 'object' && t !== null && 'caption' in t && 'labelHeader' in t && 'valueHeader' in t

/**
 * Bars for values by category. `horizontal` (default) puts each label before its bar, for long
 * labels and many categories; `vertical` puts short labels (months, years) under the bars and can
 * draw a target as a dashed line.
 */
export function BarChart(
  props: {
    ctx: PageContext
    /** Unique on the page; the title and description ids derive from it. */
    id: string
    title: string
    description?: string
    data: readonly BarDatum[]
    orientation?: 'horizontal' | 'vertical'
    target?: { value: number; label: string }
    /** Extra class on the svg (a feature's size rules). */
    className?: string
  } & TableProps,
) {
  const { ctx, id, title, description, data } = props
  const className = props.className ?? ''
  const table = isChartTable(props.table) ? (
    <AutoTable ctx={ctx} table={props.table} rows={data} />
  ) : (
    props.table
  )
  const svg =
    props.orientation === 'vertical' ? (
      <VerticalBars {...props} className={className} />
    ) : (
      <ChartFrame
        ctx={ctx}
        id={id}
        title={title}
        description={description}
        className={`chart--bars ${className}`}
        viewBox={`0 0 600 ${Math.max(1, data.length) * 28}`}
      >
        <HorizontalBars ctx={ctx} data={data} />
      </ChartFrame>
    )
  return (
    <div class="chart-block">
      {svg}
      {table}
    </div>
  )
}

function HorizontalBars({ ctx, data }: { ctx: PageContext; data: readonly BarDatum[] }) {
  const max = Math.max(1, ...data.map((d) => d.value ?? 0))
  const row = 28
  const width = (v: number) => Math.max(2, Math.round((v / max) * 300))
  return (
    <>
      {data.map((d, i) => (
        <g key={d.key}>
          <text x="0" y={i * row + 18} font-size="14" fill={INK}>
            {shorten(d.label)}
          </text>
          {d.value === null ? null : (
            <rect x="250" y={i * row + 5} height="18" width={width(d.value)} fill={BAR} />
          )}
          <text x={d.value === null ? 254 : 256 + width(d.value)} y={i * row + 18} font-size="14" fill={INK}>
            {valueText(ctx, d)}
          </text>
        </g>
      ))}
    </>
  )
}

function VerticalBars({
  ctx,
  id,
  title,
  description,
  data,
  target,
  className,
}: {
  ctx: PageContext
  id: string
  title: string
  description?: string
  data: readonly BarDatum[]
  target?: { value: number; label: string }
  className: string
}) {
  const W = 420
  const H = 240
  const left = 52
  const right = 16
  const top = 20
  const bottom = 40
  const max = Math.max(target?.value ?? 0, ...data.map((d) => d.value ?? 0), 1)
  const plotH = H - top - bottom
  const y = (v: number) => top + plotH - Math.round((v / max) * plotH)
  const slot = (W - left - right) / Math.max(data.length, 1)
  const barW = Math.min(56, Math.max(8, slot * 0.6))
  return (
    <ChartFrame
      ctx={ctx}
      id={id}
      title={title}
      description={description}
      className={`chart--columns ${className}`}
      viewBox={`0 0 ${W} ${H}`}
    >
      <Axes left={left} top={top} plotH={plotH} right={W - right} />
      <text x={left - 6} y={top + plotH} text-anchor="end" font-size="15" fill={INK}>
        0
      </text>
      <text x={left - 6} y={y(max) + 4} text-anchor="end" font-size="15" fill={INK}>
        {formatNumber(ctx.locale, max)}
      </text>
      {data.map((d, i) => {
        const cx = left + slot * i + slot / 2
        return (
          <g key={d.key}>
            {d.value === null ? null : (
              <rect
                x={cx - barW / 2}
                y={y(d.value)}
                width={barW}
                height={top + plotH - y(d.value)}
                fill={BAR}
              />
            )}
            <text x={cx} y={y(d.value ?? 0) - 4} text-anchor="middle" font-size="15" fill={INK}>
              {valueText(ctx, d)}
            </text>
            <text x={cx} y={H - bottom + 20} text-anchor="middle" font-size="15" fill={INK}>
              {shorten(d.label, 10)}
            </text>
          </g>
        )
      })}
      {target ? <TargetLine y={y(target.value)} left={left} right={W - right} label={target.label} /> : null}
    </ChartFrame>
  )
}

function Axes({ left, top, plotH, right }: { left: number; top: number; plotH: number; right: number }) {
  return (
    <>
      <line x1={left} y1={top + plotH} x2={right} y2={top + plotH} stroke={INK} stroke-width="1" />
      <line x1={left} y1={top} x2={left} y2={top + plotH} stroke={INK} stroke-width="1" />
    </>
  )
}

function TargetLine({ y, left, right, label }: { y: number; left: number; right: number; label: string }) {
  return (
    <>
      <line x1={left} y1={y} x2={right} y2={y} stroke={TARGET} stroke-width="2" stroke-dasharray="8 5" />
      <text x={right} y={y - 6} text-anchor="end" font-size="15" fill={TARGET}>
        {label}
      </text>
    </>
  )
}

export interface LineSeries {
  readonly key: string
  readonly label: string
  /** One value per x category, in their order; null leaves a gap in the line. */
  readonly values: readonly (number | null)[]
}

function Marker({ kind, x, y, color }: { kind: string; x: number; y: number; color: string }) {
  if (kind === 'square') return <rect x={x - 4} y={y - 4} width="8" height="8" fill={color} />
  if (kind === 'diamond')
    return <path d={`M${x} ${y - 5}L${x + 5} ${y}L${x} ${y + 5}L${x - 5} ${y}Z`} fill={color} />
  return <circle cx={x} cy={y} r="4" fill={color} />
}

/**
 * Lines over ordered categories (years, quarters, days of measurement), up to four series told apart
 * by colour, dash pattern and marker, named in a legend inside the image. The table (built unless
 * given) has one row per category and one column per series.
 */
export function LineChart({
  ctx,
  id,
  title,
  description,
  categories,
  series,
  target,
  table,
  className,
}: {
  ctx: PageContext
  id: string
  title: string
  description?: string
  /** The x axis: a key and a short label each. */
  categories: readonly { key: string; label: string }[]
  series: readonly LineSeries[]
  target?: { value: number; label: string }
  /** The table caption and first column header, or the feature's own table (null: shown below). */
  table: { caption: string; categoryHeader: string } | ComponentChildren
  className?: string
}) {
  const W = 480
  const legendH = series.length > 1 ? 22 * series.length : 0
  const H = 240 + legendH
  const left = 56
  const right = 20
  const top = 20 + legendH
  const bottom = 40
  const plotH = H - top - bottom
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null))
  const max = Math.max(target?.value ?? 0, ...all, 1)
  const y = (v: number) => top + plotH - Math.round((v / max) * plotH)
  const step = categories.length > 1 ? (W - left - right - 20) / (categories.length - 1) : 0
  const x = (i: number) => left + 10 + step * i
  const n = (v: number | null | undefined) => (v == null ? '–' : formatNumber(ctx.locale, v))
  // Labels under the axis: every one if they fit, otherwise every k-th (all are in the table).
  const every = Math.max(1, Math.ceil(categories.length / 8))
  const own =
    typeof table === 'object' && table !== null && 'categoryHeader' in table
      ? (table as { caption: string; categoryHeader: string })
      : null
  return (
    <div class="chart-block">
      <ChartFrame
        ctx={ctx}
        id={id}
        title={title}
        description={description}
        className={`chart--lines ${className ?? ''}`}
        viewBox={`0 0 ${W} ${H}`}
      >
        {series.length > 1
          ? series.map((s, i) => {
              const style = SERIES[i % SERIES.length]!
              return (
                <g key={`legend-${s.key}`}>
                  <line
                    x1={left}
                    y1={12 + i * 22}
                    x2={left + 28}
                    y2={12 + i * 22}
                    stroke={style.stroke}
                    stroke-width="3"
                    stroke-dasharray={style.dash}
                  />
                  <Marker kind={style.marker} x={left + 14} y={12 + i * 22} color={style.stroke} />
                  <text x={left + 36} y={17 + i * 22} font-size="14" fill={INK}>
                    {shorten(s.label, 40)}
                  </text>
                </g>
              )
            })
          : null}
        <Axes left={left} top={top} plotH={plotH} right={W - right} />
        <text x={left - 6} y={top + plotH} text-anchor="end" font-size="14" fill={INK}>
          0
        </text>
        <text x={left - 6} y={y(max) + 4} text-anchor="end" font-size="14" fill={INK}>
          {n(max)}
        </text>
        {categories.map((c, i) =>
          i % every === 0 || i === categories.length - 1 ? (
            <text key={c.key} x={x(i)} y={H - bottom + 20} text-anchor="middle" font-size="14" fill={INK}>
              {shorten(c.label, 10)}
            </text>
          ) : null,
        )}
        {target ? (
          <TargetLine y={y(target.value)} left={left} right={W - right} label={target.label} />
        ) : null}
        {series.map((s, si) => {
          const style = SERIES[si % SERIES.length]!
          // A null value breaks the line into runs.
          const runs: string[] = []
          let run: string[] = []
          s.values.forEach((v, i) => {
            if (v === null) {
              if (run.length) runs.push(run.join('L'))
              run = []
            } else run.push(`${x(i)} ${y(v)}`)
          })
          if (run.length) runs.push(run.join('L'))
          return (
            <g key={s.key}>
              {runs.map((r) => (
                <path
                  key={r}
                  d={`M${r}`}
                  fill="none"
                  stroke={style.stroke}
                  stroke-width="2.5"
                  stroke-dasharray={style.dash}
                />
              ))}
              {s.values.map((v, i) =>
                v === null ? null : (
                  <Marker
                    key={categories[i]?.key ?? i}
                    kind={style.marker}
                    x={x(i)}
                    y={y(v)}
                    color={style.stroke}
                  />
                ),
              )}
            </g>
          )
        })}
      </ChartFrame>
      {own ? (
        <Table
          caption={own.caption}
          rows={categories.map((c, i) => ({ ...c, i }))}
          rowKey={(r) => r.key}
          columns={[
            { header: own.categoryHeader, cell: (r) => r.label },
            ...series.map((s) => ({
              header: s.label,
              numeric: true,
              cell: (r: { i: number }) => n(s.values[r.i]),
            })),
          ]}
        />
      ) : (
        (table as ComponentChildren)
      )}
    </div>
  )
}

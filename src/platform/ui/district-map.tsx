/**
 * A choropleth map of Hessen's districts (Landkreise and kreisfreie Städte), drawn on the server as
 * SVG. Any feature feeds it one value per district key (the five-digit Kreisschlüssel, e.g. "06412");
 * it sorts the positive values into classes (quantiles, so one large city does not wash out the
 * rest), shades each district by its class, marks zero values as gaps (hatched, not by colour alone)
 * and districts without a value as "no data". The legend and the source note are HTML under the map;
 * the table after it holds every value as text (its text alternative), or the feature shows its own.
 *
 * The outlines are precomputed from the BKG's VG5000 (2021) boundaries by scripts/district-paths.ts
 * into reference-data/hessen/hessen_kreise_pfade.json (licence in reference-data/hessen/README.md).
 * Hanau (district-free from 2026, key 06415) is drawn over the Main-Kinzig-Kreis only when the
 * feature gives it a value: a feature counting by the districts of 2021 never sees it.
 * No inline style (the strict CSP): colours are SVG presentation attributes.
 */
import type { ComponentChildren } from 'preact'
import outlines from '../../../reference-data/hessen/hessen_kreise_pfade.json' with { type: 'json' }
import type { PageContext } from '../http/context'
import { formatNumber } from '../i18n'
import { Table } from './components'

export interface DistrictOutline {
  readonly key: string
  readonly name: string
  readonly d: string
}

/** The outlines of the districts of 2021 and of Hanau (06415), in drawing order. */
export const DISTRICT_OUTLINES: readonly DistrictOutline[] = outlines.districts
export const DISTRICT_VIEWBOX: string = outlines.viewBox
const HANAU = '06415'

export interface DistrictValue {
  /** The Kreisschlüssel (five digits). */
  readonly key: string
  /** The name shown in the table (the feature's own, e.g. "Kassel (Landkreis)"). */
  readonly name: string
  readonly value: number
}

/** Sequential blues, light to dark (each class at least 3:1 apart from white at the dark end). */
const SCALE = ['#deebf7', '#9ecae1', '#4f9bcb', '#2171b5', '#08306b'] as const
const GAP_FILL = '#ffffff'
const GAP_HATCH = '#a1001a'
const NO_DATA = '#d9d9d9'
const BORDER = '#3b3b3b'

export interface MapClass {
  readonly from: number
  readonly to: number
  readonly color: string
}

/**
 * Up to `count` classes over the distinct positive values, by quantile: each class holds about
 * the same number of districts; the breaks are values that occur. As many distinct values as
 * classes or fewer: one class each. Zero and missing values are no class.
 */
export function mapClasses(values: readonly number[], count = 5): MapClass[] {
  const distinct = [...new Set(values.filter((v) => v > 0))].sort((a, b) => a - b)
  if (distinct.length === 0) return []
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b)
  const k = Math.min(count, SCALE.length, distinct.length)
  // Few distinct values: one class each (quantiles over many ties would lump them together).
  const uppers: number[] = distinct.length <= k ? [...distinct] : []
  for (let i = 1; i <= k && distinct.length > k; i++) {
    const at = sorted[Math.min(sorted.length - 1, Math.ceil((i * sorted.length) / k) - 1)]!
    if (uppers.at(-1) !== at) uppers.push(at)
  }
  const colors = pickColors(uppers.length)
  let from = distinct[0]!
  return uppers.map((to, i) => {
    const c = { from, to, color: colors[i]! }
    from = distinct.find((v) => v > to) ?? to
    return c
  })
}

function pickColors(k: number): string[] {
  if (k === 1) return [SCALE[2]]
  return Array.from({ length: k }, (_, i) => SCALE[Math.round((i * (SCALE.length - 1)) / (k - 1))]!)
}

export function classOf(classes: readonly MapClass[], value: number): MapClass | undefined {
  return classes.find((c) => value >= c.from && value <= c.to)
}

function Swatch({ fill, hatch }: { fill: string; hatch?: string }) {
  return (
    <svg
      class="district-map__swatch"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      aria-hidden="true"
      focusable="false"
    >
      <rect x="0.5" y="0.5" width="15" height="15" fill={fill} stroke={BORDER} />
      {hatch ? (
        <path d="M0 16L16 0M-4 4L4 -4M12 20L20 12M0 8L8 0M8 16L16 8" stroke={hatch} stroke-width="2" />
      ) : null}
    </svg>
  )
}

/**
 * The map with legend, caption and source note, then the table of values (built from `values` with
 * `table` naming its caption and headers, or `table` is the feature's own element, or null when the
 * feature shows the values in a table right below).
 */
export function DistrictMap({
  ctx,
  id,
  title,
  caption,
  values,
  format,
  classes: classCount = 5,
  highlightGaps = false,
  gapLabel,
  table,
}: {
  ctx: PageContext
  /** Unique on the page. */
  id: string
  /** The image's name for screen readers, e.g. "Angebote je Kreis". */
  title: string
  /** Shown under the map (figcaption). */
  caption: string
  values: readonly DistrictValue[]
  /** How a value reads (legend, table, tooltips); a number in the page's language by default. */
  format?: (value: number) => string
  classes?: number
  /** Zero values as gaps: hatched in red and named in the legend and the table. */
  highlightGaps?: boolean
  /** The legend's name for a gap (default: "none (gap)"). */
  gapLabel?: string
  table: { caption: string; nameHeader: string; valueHeader: string } | ComponentChildren
}) {
  const { t } = ctx
  const fmt = format ?? ((v: number) => formatNumber(ctx.locale, v))
  const byKey = new Map(values.map((v) => [v.key, v]))
  const classes = mapClasses(
    values.map((v) => v.value),
    classCount,
  )
  const gap = gapLabel ?? t('ui.map.gap')
  const shapes = DISTRICT_OUTLINES.filter((o) => o.key !== HANAU || byKey.has(HANAU))
  const fillOf = (v: DistrictValue | undefined) =>
    v === undefined
      ? NO_DATA
      : v.value === 0 && highlightGaps
        ? `url(#${id}-gap)`
        : (classOf(classes, v.value)?.color ?? GAP_FILL)
  const anyMissing = shapes.some((o) => !byKey.has(o.key))
  const anyGap = values.some((v) => v.value === 0)
  const own =
    typeof table === 'object' && table !== null && 'nameHeader' in table
      ? (table as { caption: string; nameHeader: string; valueHeader: string })
      : null
  const valueCell = (v: DistrictValue) =>
    v.value === 0 && highlightGaps ? `${fmt(0)} – ${gap}` : fmt(v.value)
  return (
    <div class="district-map">
      <figure class="district-map__figure">
        <svg
          class="district-map__svg"
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          id={id}
          viewBox={DISTRICT_VIEWBOX}
          focusable="false"
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{t('ui.map.desc')}</desc>
          <defs>
            <pattern id={`${id}-gap`} patternUnits="userSpaceOnUse" width="8" height="8">
              <rect width="8" height="8" fill={GAP_FILL} />
              <path d="M0 8L8 0M-2 2L2 -2M6 10L10 6" stroke={GAP_HATCH} stroke-width="1.6" />
            </pattern>
          </defs>
          {shapes.map((o) => {
            const v = byKey.get(o.key)
            return (
              <path
                key={o.key}
                d={o.d}
                fill={fillOf(v)}
                stroke={BORDER}
                stroke-width="0.6"
                stroke-linejoin="round"
              >
                <title>
                  {`${v?.name ?? o.name}: ${v === undefined ? t('ui.map.noData') : valueCell(v)}`}
                </title>
              </path>
            )
          })}
        </svg>
        <figcaption class="district-map__caption">
          <span class="kern-body">{caption}</span>
          <ul class="district-map__legend" aria-label={t('ui.map.legend')}>
            {classes.map((c) => (
              <li key={c.from}>
                <Swatch fill={c.color} />
                <span class="kern-body kern-body--small">
                  {c.from === c.to ? fmt(c.from) : t('ui.map.range', { from: fmt(c.from), to: fmt(c.to) })}
                </span>
              </li>
            ))}
            {highlightGaps && anyGap ? (
              <li>
                <Swatch fill={GAP_FILL} hatch={GAP_HATCH} />
                <span class="kern-body kern-body--small">{gap}</span>
              </li>
            ) : null}
            {anyMissing ? (
              <li>
                <Swatch fill={NO_DATA} />
                <span class="kern-body kern-body--small">{t('ui.map.noData')}</span>
              </li>
            ) : null}
          </ul>
          <span class="kern-body kern-body--small district-map__source">
            {t('ui.map.basis')}{' '}
            <a class="kern-link" href="http://www.bkg.bund.de">
              © GeoBasis-DE / BKG 2021
            </a>{' '}
            {t('ui.map.changed')}
          </span>
        </figcaption>
      </figure>
      {own ? (
        <Table
          ctx={ctx}
          layout="scroll"
          caption={own.caption}
          rows={values}
          rowKey={(v) => v.key}
          columns={[
            { header: own.nameHeader, cell: (v) => v.name },
            {
              header: own.valueHeader,
              numeric: true,
              // The gap's name on a line of its own keeps the column narrow on a phone.
              cell: (v) =>
                v.value === 0 && highlightGaps ? (
                  <span class="district-map__gap">
                    {fmt(0)} <span class="district-map__gap-name">{gap}</span>
                  </span>
                ) : (
                  fmt(v.value)
                ),
            },
          ]}
        />
      ) : (
        (table as ComponentChildren)
      )}
    </div>
  )
}

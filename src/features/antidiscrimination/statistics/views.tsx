import type { PageContext } from '../../../platform/http/context'
import type { MessageKey, Translate } from '../../../platform/i18n'
import { PageHeading, Table } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'
import type { Statistics } from './find-statistics'
import type { PublishedTable } from './suppression'

function CountTable({
  ctx,
  caption,
  header,
  table,
  label,
}: {
  ctx: PageContext
  caption: string
  header: string
  table: PublishedTable
  label: (key: string) => string
}) {
  const { t } = ctx
  const rows = table.cells.filter((c) => c.count !== 0)
  if (rows.length === 0) return <p class="kern-body">{t('antidisc.stats.none')}</p>
  return (
    <Table
      caption={caption}
      rows={rows}
      rowKey={(c) => c.key}
      columns={[
        { header, cell: (c) => label(c.key) },
        {
          header: t('antidisc.stats.col.count'),
          cell: (c) => (c.count === null ? t('antidisc.stats.suppressed') : c.count),
          numeric: true,
        },
      ]}
    />
  )
}

/** The tables of the page (and of the CSV file), each with its caption, column and labels. */
export function statisticsTables(t: Translate, stats: Statistics) {
  const quarter = (key: string) => {
    const [year, q] = key.split('-')
    return t('antidisc.stats.quarter', { quarter: q ?? '', year: year ?? '' })
  }
  return [
    {
      id: 'grounds',
      caption: t('antidisc.stats.byGround'),
      header: t('antidisc.stats.col.ground'),
      note: t('antidisc.stats.byGround.note'),
      table: stats.byGround as PublishedTable,
      label: (g: string) => t(`antidisc.ground.${g}` as MessageKey),
    },
    {
      id: 'quarters',
      caption: t('antidisc.stats.byQuarter'),
      header: t('antidisc.stats.col.quarter'),
      note: null,
      table: stats.byQuarter,
      label: quarter,
    },
    {
      id: 'districts',
      caption: t('antidisc.stats.byDistrict'),
      header: t('antidisc.stats.col.district'),
      note: null,
      table: stats.byDistrict,
      label: (id: string) => stats.districtNames[id] ?? '',
    },
    {
      id: 'domains',
      caption: t('antidisc.stats.byDomain'),
      header: t('antidisc.stats.col.domain'),
      note: t('antidisc.stats.byDomain.note'),
      table: stats.byDomain as PublishedTable,
      // Keys from LIFE_DOMAIN_IDS; statistics.test.ts checks every domain has a label.
      label: (d: string) => t(`antidisc.stats.domain.${d}` as MessageKey),
    },
  ]
}

/**
 * A bar chart of a table, drawn on the server (no script, no third party). It only repeats the
 * table beside it, which is its text alternative, so it is hidden from screen readers; suppressed
 * cells get no bar.
 */
function BarChart({ table, label }: { table: PublishedTable; label: (key: string) => string }) {
  const rows = table.cells.filter((c) => c.count !== 0)
  const max = Math.max(1, ...rows.map((c) => c.count ?? 0))
  const rowHeight = 28
  // The full label is in the table beside it; the chart shortens long ones.
  const short = (l: string) => (l.length > 30 ? `${l.slice(0, 29)}…` : l)
  return (
    <svg
      class="stats-chart"
      viewBox={`0 0 600 ${rows.length * rowHeight}`}
      role="presentation"
      aria-hidden="true"
      focusable="false"
      // Drawn left to right in every language: in a right-to-left page the text would anchor at its end.
      direction="ltr"
    >
      {rows.map((c, i) => (
        <g key={c.key}>
          <text x="0" y={i * rowHeight + 18} font-size="14" fill="#171a2b">
            {short(label(c.key))}
          </text>
          {c.count === null ? null : (
            <rect
              x="250"
              y={i * rowHeight + 5}
              height="18"
              width={Math.max(2, (c.count / max) * 300)}
              fill="#2b3a8c"
            />
          )}
          <text
            x={c.count === null ? 254 : 256 + (c.count / max) * 300}
            y={i * rowHeight + 18}
            font-size="14"
            fill="#171a2b"
          >
            {c.count === null ? '–' : String(c.count)}
          </text>
        </g>
      ))}
    </svg>
  )
}

export function StatisticsPage({ ctx, stats }: { ctx: PageContext; stats: Statistics }) {
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t('antidisc.stats.title')} description={t('antidisc.stats.lead')}>
      <PageHeading lead={t('antidisc.stats.lead')}>{t('antidisc.stats.title')}</PageHeading>
      <p class="kern-body">
        {stats.reports === null
          ? t('antidisc.stats.totalHidden')
          : t('antidisc.stats.total', { count: stats.reports })}
      </p>
      <p class="kern-body">{t('antidisc.stats.rule')}</p>
      <p class="kern-body">
        <a class="kern-link" href={ctx.href('/statistik/diskriminierung.csv')} download>
          {t('antidisc.stats.csv')}
        </a>
      </p>
      {statisticsTables(t, stats).map((s) => (
        // No landmark: the table below carries the same name as the heading.
        <div key={s.id}>
          <h2 class="kern-heading-medium" id={`stats-${s.id}`}>
            {s.caption}
          </h2>
          {s.note ? <p class="kern-body">{s.note}</p> : null}
          {s.table.cells.some((c) => c.count !== 0) ? <BarChart table={s.table} label={s.label} /> : null}
          <CountTable ctx={ctx} caption={s.caption} header={s.header} table={s.table} label={s.label} />
        </div>
      ))}
    </Layout>
  )
}

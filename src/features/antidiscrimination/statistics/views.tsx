import type { PageContext } from '../../../platform/http/context'
import type { MessageKey, Translate } from '../../../platform/i18n'
import { BarChart, type BarDatum } from '../../../platform/ui/charts'
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

/** The bars of a table (suppressed cells get none and read "–"); the table beside it says the same. */
function chartData(table: PublishedTable, label: (key: string) => string): BarDatum[] {
  return table.cells
    .filter((c) => c.count !== 0)
    .map((c) => ({ key: c.key, label: label(c.key), value: c.count }))
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
          {s.table.cells.some((c) => c.count !== 0) ? (
            <BarChart
              ctx={ctx}
              id={`chart-${s.id}`}
              title={s.caption}
              className="stats-chart"
              data={chartData(s.table, s.label)}
              table={
                <CountTable ctx={ctx} caption={s.caption} header={s.header} table={s.table} label={s.label} />
              }
            />
          ) : (
            <CountTable ctx={ctx} caption={s.caption} header={s.header} table={s.table} label={s.label} />
          )}
        </div>
      ))}
    </Layout>
  )
}

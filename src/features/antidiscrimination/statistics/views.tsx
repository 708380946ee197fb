import type { PageContext } from '../../../platform/http/context'
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

export function StatisticsPage({ ctx, stats }: { ctx: PageContext; stats: Statistics }) {
  const { t } = ctx
  const quarter = (key: string) => {
    const [year, q] = key.split('-')
    return t('antidisc.stats.quarter', { quarter: q ?? '', year: year ?? '' })
  }
  return (
    <Layout ctx={ctx} title={t('antidisc.stats.title')} description={t('antidisc.stats.lead')}>
      <PageHeading lead={t('antidisc.stats.lead')}>{t('antidisc.stats.title')}</PageHeading>
      <p class="kern-body">
        {stats.reports === null
          ? t('antidisc.stats.totalHidden')
          : t('antidisc.stats.total', { count: stats.reports })}
      </p>
      <p class="kern-body">{t('antidisc.stats.rule')}</p>
      <h2 class="kern-heading-medium">{t('antidisc.stats.byGround')}</h2>
      <p class="kern-body">{t('antidisc.stats.byGround.note')}</p>
      <CountTable
        ctx={ctx}
        caption={t('antidisc.stats.byGround')}
        header={t('antidisc.stats.col.ground')}
        table={stats.byGround}
        label={(g) => t(`antidisc.ground.${g}` as Parameters<typeof t>[0])}
      />
      <h2 class="kern-heading-medium">{t('antidisc.stats.byQuarter')}</h2>
      <CountTable
        ctx={ctx}
        caption={t('antidisc.stats.byQuarter')}
        header={t('antidisc.stats.col.quarter')}
        table={stats.byQuarter}
        label={quarter}
      />
      <h2 class="kern-heading-medium">{t('antidisc.stats.byDistrict')}</h2>
      <CountTable
        ctx={ctx}
        caption={t('antidisc.stats.byDistrict')}
        header={t('antidisc.stats.col.district')}
        table={stats.byDistrict}
        label={(id) => stats.districtNames[id] ?? ''}
      />
    </Layout>
  )
}

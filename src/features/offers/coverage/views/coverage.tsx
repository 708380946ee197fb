import type { PageContext } from '../../../../platform/http/context'
import { formatDate, formatNumber } from '../../../../platform/i18n'
import { PageHeading, Table } from '../../../../platform/ui/components'
import { DistrictMap } from '../../../../platform/ui/district-map'
import { Button, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import { topicLabel } from '../../views/parts'
import { TOPICS } from '../../vocabulary'
import type { DistrictCoverage, SortKey } from '../find-coverage'

/** Per district: offers, offers per 1,000 residents, offers by topic; a topic without offers is marked. */
export function CoveragePage({
  ctx,
  rows,
  sort,
  descending,
}: {
  ctx: PageContext
  rows: readonly DistrictCoverage[]
  sort: SortKey
  descending: boolean
}) {
  const { t } = ctx
  const f = fields(ctx, { values: { sortierung: sort, richtung: descending ? 'ab' : 'auf' }, errors: {} })
  const count = (n: number) =>
    n === 0 ? (
      <span class="coverage-gap">
        0<span class="kern-sr-only"> – {t('offers.coverage.gap')}</span>
      </span>
    ) : (
      formatNumber(ctx.locale, n)
    )
  // Each source and reference day of the foreign-resident figures once, for the note under the table.
  const foreignSources = [
    ...new Map(
      rows.flatMap((r) =>
        r.foreign ? [[`${r.foreign.source}|${r.foreign.referenceDate}|${r.foreign.demo}`, r.foreign]] : [],
      ),
    ).values(),
  ]
  // Whole euros: the table compares districts; the cents are in the CSV file.
  const euros = (cents: number) => `${formatNumber(ctx.locale, Math.round(cents / 100))} €`
  // Kassel the city and Kassel the district: the district says so.
  const districtName = (r: DistrictCoverage) =>
    r.designation !== 'Kreisfreie Stadt' && rows.some((o) => o !== r && o.name === r.name)
      ? t('offers.place.district', { name: r.name })
      : r.name
  return (
    <Layout ctx={ctx} title={t('offers.coverage.title')} description={t('offers.coverage.lead')}>
      <PageHeading lead={t('offers.coverage.lead')}>{t('offers.coverage.title')}</PageHeading>
      {/* The map's values are the offers column of the table below (its text alternative). */}
      <DistrictMap
        ctx={ctx}
        id="coverage-map"
        title={t('offers.coverage.caption')}
        caption={t('offers.coverage.caption')}
        values={rows.map((r) => ({ key: r.officialKey, name: districtName(r), value: r.total }))}
        highlightGaps
        gapLabel={t('offers.coverage.gap')}
        table={null}
      />
      <form method="get" action={ctx.href('/angebote/abdeckung')} class="filter-form">
        <f.Select
          name="sortierung"
          label={t('offers.coverage.sortBy')}
          options={[
            { value: 'name', label: t('offers.coverage.district') },
            { value: 'total', label: t('offers.coverage.offers') },
            { value: 'rate', label: t('offers.coverage.perHundredThousand') },
            { value: 'wir', label: t('offers.coverage.wir') },
            { value: 'foreign', label: t('offers.coverage.perThousandForeign') },
            ...TOPICS.map((x) => ({ value: x, label: topicLabel(ctx, x) })),
          ]}
        />
        <f.Select
          name="richtung"
          label={t('offers.coverage.direction')}
          options={[
            { value: 'auf', label: t('offers.coverage.ascending') },
            { value: 'ab', label: t('offers.coverage.descending') },
          ]}
        />
        <Button variant="secondary">{t('offers.coverage.sort')}</Button>
      </form>
      <p class="kern-body">{t('offers.coverage.gapLegend')}</p>
      <Table
        ctx={ctx}
        layout="scroll"
        caption={t('offers.coverage.caption')}
        rows={rows}
        rowKey={(r) => r.officialKey}
        columns={[
          {
            header: t('offers.coverage.district'),
            cell: districtName,
          },
          {
            header: t('offers.coverage.population'),
            numeric: true,
            cell: (r) => (r.population === null ? '–' : formatNumber(ctx.locale, r.population)),
          },
          { header: t('offers.coverage.offers'), numeric: true, cell: (r) => count(r.total) },
          {
            header: t('offers.coverage.perHundredThousand'),
            numeric: true,
            cell: (r) =>
              r.perHundredThousand === null ? '–' : formatNumber(ctx.locale, r.perHundredThousand, 1),
          },
          {
            header: t('offers.coverage.wir'),
            numeric: true,
            cell: (r) => euros(r.wirCents),
          },
          {
            header: t('offers.coverage.perThousandForeign'),
            numeric: true,
            cell: (r) =>
              r.perThousandForeign === null ? (
                <span class="coverage-nofigure">{t('offers.coverage.noFigure')}</span>
              ) : (
                <>
                  {formatNumber(ctx.locale, r.perThousandForeign, 1)}
                  {r.foreign?.demo ? (
                    <span class="coverage-demo"> ({t('offers.coverage.demoEstimate')})</span>
                  ) : null}
                </>
              ),
          },
          ...TOPICS.map((x) => ({
            header: topicLabel(ctx, x),
            numeric: true,
            cell: (r: DistrictCoverage) => count(r.byTopic[x]),
          })),
        ]}
      />
      <p class="kern-body">
        <a class="kern-link" href={ctx.href('/angebote/abdeckung.csv')} download>
          {t('offers.coverage.csv')}
        </a>
      </p>
      <p class="kern-body kern-body--small">{t('offers.coverage.sources')}</p>
      <p class="kern-body kern-body--small">{t('offers.coverage.wirSource')}</p>
      <p class="kern-body kern-body--small">
        {foreignSources.length
          ? t('offers.coverage.foreignSources', {
              list: foreignSources
                .map((s) =>
                  t(s.demo ? 'offers.coverage.foreignSourceDemo' : 'offers.coverage.foreignSource', {
                    source: s.source,
                    date: formatDate(ctx.locale, new Date(`${s.referenceDate}T00:00:00Z`)),
                  }),
                )
                .join('; '),
            })
          : t('offers.coverage.foreignNone')}
      </p>
    </Layout>
  )
}

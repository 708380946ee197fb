import type { PageContext } from '../../../../platform/http/context'
import { germanContent } from '../../../../platform/i18n'
import { PageHeading, Pagination, Table } from '../../../../platform/ui/components'
import { DistrictMap } from '../../../../platform/ui/district-map'
import { Button, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import { lineName, money } from '../../views/parts'
import type { DistrictTotal, FundedProject, ProjectFacets, ProjectFilter } from '../find-projects'
import { PAGE_SIZE } from '../find-projects'

/** The query string of a filter (German parameter names, as the form sends them). */
export function filterQuery(filter: ProjectFilter, page?: number): string {
  const q = new URLSearchParams()
  if (filter.district) q.set('kreis', filter.district)
  if (filter.municipality) q.set('gemeinde', filter.municipality)
  if (filter.line) q.set('linie', filter.line)
  if (filter.year) q.set('jahr', String(filter.year))
  if (page && page > 1) q.set('seite', String(page))
  const s = q.toString()
  return s ? `?${s}` : ''
}

/** /foerderung/projekte: filters (GET, no JavaScript needed), the list, the CSV link, the map of totals. */
export function ProjectsPage({
  ctx,
  filter,
  facets,
  rows,
  total,
  sumCents,
  page,
  totals,
}: {
  ctx: PageContext
  filter: ProjectFilter
  facets: ProjectFacets
  rows: readonly FundedProject[]
  total: number
  sumCents: number
  page: number
  totals: readonly DistrictTotal[]
}) {
  const { t } = ctx
  const de = germanContent(ctx.locale)
  const base = ctx.href('/foerderung/projekte')
  const f = fields(ctx, {
    values: {
      kreis: filter.district ?? '',
      gemeinde: filter.municipality ?? '',
      linie: filter.line ?? '',
      jahr: filter.year ? String(filter.year) : '',
    },
    errors: {},
  })
  // Kassel the city and Kassel the district: the district says so.
  const districtName = (d: { name: string; designation: string | null }, all: readonly { name: string }[]) =>
    d.designation !== 'Kreisfreie Stadt' && all.filter((o) => o.name === d.name).length > 1
      ? t('funding.projects.districtOf', { name: d.name })
      : d.name
  const anyFilter = Boolean(filter.district || filter.municipality || filter.line || filter.year)
  return (
    <Layout
      ctx={ctx}
      title={t('funding.projects.title')}
      description={t('funding.projects.lead')}
      breadcrumbs={[
        { href: '/foerderung', label: t('funding.title') },
        { label: t('funding.projects.title') },
      ]}
    >
      <PageHeading lead={t('funding.projects.lead')}>{t('funding.projects.title')}</PageHeading>
      <p class="kern-body">{t('funding.projects.note')}</p>
      <form method="get" action={base} class="filter-form" aria-label={t('funding.projects.filter')}>
        <f.Select
          name="kreis"
          optional
          label={t('funding.projects.filter.district')}
          options={facets.districts.map((d) => ({ value: d.key, label: districtName(d, facets.districts) }))}
        />
        <f.Select
          name="gemeinde"
          optional
          label={t('funding.projects.filter.municipality')}
          options={facets.municipalities.map((m) => ({ value: m.key, label: m.name }))}
        />
        <f.Select
          name="linie"
          optional
          label={t('funding.projects.filter.line')}
          options={facets.lines.map((l) => ({ value: l.key, label: lineName(ctx, l) }))}
        />
        <f.Select
          name="jahr"
          optional
          label={t('funding.projects.filter.year')}
          options={facets.years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <Button variant="secondary">{t('funding.projects.filter.submit')}</Button>
      </form>
      {anyFilter ? (
        <p class="kern-body">
          <a class="kern-link" href={base}>
            {t('funding.projects.filter.reset')}
          </a>
        </p>
      ) : null}
      <p class="kern-body" role="status">
        {t('funding.projects.count', { n: total })}
        {total > 0 ? ` ${t('funding.projects.sum', { amount: money(ctx, sumCents) })}` : null}
      </p>
      {rows.length ? (
        <Table
          ctx={ctx}
          layout="scroll"
          caption={t('funding.projects.caption')}
          rows={rows}
          rowKey={(r) => `${r.applicationId}-${r.year}`}
          columns={[
            { header: t('funding.projects.col.recipient'), cell: (r) => <span {...de}>{r.recipient}</span> },
            {
              header: t('funding.projects.col.municipality'),
              cell: (r) => r.municipality ?? t('funding.projects.noPlace'),
            },
            {
              header: t('funding.projects.col.line'),
              cell: (r) => lineName(ctx, { nameDe: r.lineNameDe, nameEn: r.lineNameEn }),
            },
            { header: t('funding.projects.col.year'), cell: (r) => String(r.year), numeric: true },
            {
              header: t('funding.projects.col.amount'),
              cell: (r) => money(ctx, r.amountCents),
              numeric: true,
            },
            { header: t('funding.projects.col.purpose'), cell: (r) => <span {...de}>{r.purpose}</span> },
          ]}
        />
      ) : null}
      <Pagination
        ctx={ctx}
        page={page}
        pageCount={Math.max(1, Math.ceil(total / PAGE_SIZE))}
        hrefFor={(p) => `${base}${filterQuery(filter, p)}`}
      />
      <p class="kern-body">
        <a class="kern-link" href={`${ctx.href('/foerderung/projekte.csv')}${filterQuery(filter)}`} download>
          {t('funding.projects.csv')}
        </a>
      </p>
      <h2 class="kern-heading-medium">{t('funding.projects.map.heading')}</h2>
      <DistrictMap
        ctx={ctx}
        id="projects-map"
        title={t('funding.projects.map.title')}
        caption={t('funding.projects.map.caption')}
        values={totals.map((d) => ({ key: d.key, name: districtName(d, totals), value: d.cents }))}
        format={(cents) => money(ctx, cents)}
        highlightGaps
        gapLabel={t('funding.projects.map.gap')}
        table={{
          caption: t('funding.projects.map.tableCaption'),
          nameHeader: t('funding.projects.map.district'),
          valueHeader: t('funding.projects.map.amount'),
        }}
      />
    </Layout>
  )
}

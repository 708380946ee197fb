import type { auditLog } from '../../../platform/audit/tables'
import type { PageContext } from '../../../platform/http/context'
import { formatDate } from '../../../platform/i18n'
import { PageHeading, Pagination, Table } from '../../../platform/ui/components'
import { Button, type FormState, fields } from '../../../platform/ui/form'
import { Layout } from '../../../platform/ui/layout'

type Entry = typeof auditLog.$inferSelect

export function AuditPage({
  ctx,
  form,
  entries,
  page,
  hasMore,
  query,
}: {
  ctx: PageContext
  form: FormState
  entries: readonly Entry[]
  page: number
  hasMore: boolean
  query: URLSearchParams
}) {
  const f = fields(ctx, form)
  const { t } = ctx
  const hrefFor = (p: number) => {
    const q = new URLSearchParams(query)
    q.set('page', String(p))
    return `${ctx.href('/verwaltung/protokoll')}?${q}`
  }
  return (
    <Layout
      ctx={ctx}
      title={t('admin.audit.title')}
      breadcrumbs={[{ href: '/verwaltung', label: t('admin.title') }, { label: t('admin.audit.title') }]}
    >
      <PageHeading>{t('admin.audit.title')}</PageHeading>
      <form method="get" action={ctx.href('/verwaltung/protokoll')} class="filter-form">
        <f.Text name="actor" optional label={t('admin.audit.actor')} />
        <f.Text name="entityType" optional label={t('admin.audit.entityType')} />
        <f.Text name="entityId" optional label={t('admin.audit.entityId')} />
        <f.Date name="from" optional label={t('admin.audit.from')} />
        <f.Date name="until" optional label={t('admin.audit.until')} />
        <Button variant="secondary">{t('admin.audit.filter')}</Button>
      </form>
      {entries.length === 0 ? (
        <p class="kern-body">{t('admin.audit.none')}</p>
      ) : (
        <Table
          caption={t('admin.audit.caption')}
          rows={entries}
          rowKey={(e) => String(e.id)}
          columns={[
            { header: t('admin.audit.at'), cell: (e) => formatDate(ctx.locale, e.at, true) },
            { header: t('admin.audit.who'), cell: (e) => e.actorLabel },
            { header: t('admin.audit.action'), cell: (e) => <code>{e.action}</code> },
            { header: t('admin.audit.record'), cell: (e) => `${e.entityType} ${e.entityId}` },
            {
              header: t('admin.audit.summary'),
              cell: (e) => <code class="audit-summary">{JSON.stringify(e.summary)}</code>,
            },
          ]}
        />
      )}
      <Pagination ctx={ctx} page={page} pageCount={hasMore ? page + 1 : page} hrefFor={hrefFor} />
    </Layout>
  )
}

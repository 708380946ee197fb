import type { PageContext } from '../../../../platform/http/context'
import { PageHeading, Table } from '../../../../platform/ui/components'
import { Button, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import { formatDay } from '../../views/parts'
import type { RecordedBaseRate } from '../base-rates'

export const BASE_RATES_PATH = '/foerderung/verwaltung/basiszinssatz'

/** A rate in basis points as a percentage in the reader's language: 127 → "1,27 %". */
export function percentOf(locale: string, basisPoints: number): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(basisPoints / 10_000)
}

/** The base-rate history (newest first, the last ten) and the form for a newly published rate. */
export function BaseRatesPage({
  ctx,
  rates,
  form,
}: {
  ctx: PageContext
  rates: readonly RecordedBaseRate[]
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const last = rates.at(-1)?.from ?? ''
  const title = t('funding.baseRate.title')
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[{ href: '/foerderung/verwaltung', label: t('funding.staff.title') }, { label: title }]}
    >
      <PageHeading>{title}</PageHeading>
      <f.Summary />
      <p class="kern-body">{t('funding.baseRate.lead')}</p>
      <Table
        caption={t('funding.baseRate.caption')}
        rows={[...rates].reverse().slice(0, 10)}
        rowKey={(r) => r.from}
        columns={[
          { header: t('funding.baseRate.col.from'), cell: (r) => formatDay(ctx.locale, r.from) },
          {
            header: t('funding.baseRate.col.rate'),
            cell: (r) => percentOf(ctx.locale, r.basisPoints),
            numeric: true,
          },
          {
            header: t('funding.baseRate.col.source'),
            cell: (r) => (r.recordedAt ? r.source : t('funding.baseRate.shipped')),
          },
        ]}
      />
      <h2 class="kern-heading-medium">{t('funding.baseRate.formHeading')}</h2>
      <Form ctx={ctx} action={ctx.href(BASE_RATES_PATH)}>
        <f.Date
          name="validFrom"
          label={t('funding.baseRate.validFrom')}
          hint={t('funding.baseRate.validFromHint', { last: formatDay(ctx.locale, last) })}
        />
        <f.Text
          name="percent"
          label={t('funding.baseRate.percent')}
          hint={t('funding.baseRate.percentHint')}
          width="money"
        />
        <f.Text name="source" label={t('funding.baseRate.source')} hint={t('funding.baseRate.sourceHint')} />
        <Button>{t('funding.baseRate.submit')}</Button>
      </Form>
    </Layout>
  )
}

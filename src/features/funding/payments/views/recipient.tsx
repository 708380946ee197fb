import type { PageContext } from '../../../../platform/http/context'
import { Alert, PageHeading, Table } from '../../../../platform/ui/components'
import { Button, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { ApplicationBundle } from '../../queries'
import { formatDay, lineName, money } from '../../views/parts'
import type { Payment } from '../find-payments'
import type { YearFigures } from '../payment-rules'

export const requestPath = (applicationId: string) => `/foerderung/antraege/${applicationId}/mittelabruf`

/** Approved, paid, open and left per budget year (the recipient's page and the staff page of a payment). */
export function FiguresTable({ ctx, figures }: { ctx: PageContext; figures: readonly YearFigures[] }) {
  const { t } = ctx
  return (
    <Table
      caption={t('funding.pay.figuresCaption')}
      rows={figures}
      rowKey={(r) => String(r.year)}
      columns={[
        { header: t('funding.pay.col.year'), cell: (r) => r.year },
        { header: t('funding.pay.col.approved'), cell: (r) => money(ctx, r.approvedCents), numeric: true },
        { header: t('funding.pay.col.paid'), cell: (r) => money(ctx, r.paidCents), numeric: true },
        { header: t('funding.pay.col.open'), cell: (r) => money(ctx, r.openCents), numeric: true },
        {
          header: t('funding.pay.col.left'),
          cell: (r) => <strong>{money(ctx, Math.max(0, r.leftCents))}</strong>,
          numeric: true,
        },
      ]}
    />
  )
}

export function paymentStatus(ctx: PageContext, p: Pick<Payment, 'status' | 'final' | 'heldUntilProof'>) {
  const status = ctx.t(`funding.pay.status.${p.status}`)
  if (p.heldUntilProof) return `${status} – ${ctx.t('funding.pay.held')}`
  return p.final ? `${status} (${ctx.t('funding.pay.final')})` : status
}

export function PaymentRequestPage({
  ctx,
  b,
  figures,
  payments,
  window,
  form,
}: {
  ctx: PageContext
  b: ApplicationBundle
  figures: readonly YearFigures[]
  payments: readonly Payment[]
  window: { from: string; to: string; days: number }
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const title = t('funding.pay.title')
  const open = figures.filter((y) => y.approvedCents > 0 && y.leftCents > 0)
  const to = formatDay(ctx.locale, window.to)
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/foerderung', label: t('nav.funding') },
        { href: '/foerderung/antraege', label: t('funding.mine.title') },
        { href: `/foerderung/antraege/${b.app.id}`, label: b.app.title ?? t('funding.untitled') },
        { label: title },
      ]}
    >
      <PageHeading
        lead={
          <>
            {lineName(ctx, b.line)} · <bdi dir="ltr">{b.app.fileNumber ?? ''}</bdi>
          </>
        }
      >
        {title}
      </PageHeading>
      <f.Summary />
      <p class="kern-body">{t('funding.pay.lead', { to, days: window.days })}</p>
      <FiguresTable ctx={ctx} figures={figures} />
      <h2 class="kern-heading-medium">{t('funding.pay.formHeading')}</h2>
      {open.length ? (
        <Form ctx={ctx} action={ctx.href(requestPath(b.app.id))}>
          <f.Select
            name="year"
            label={t('funding.pay.year')}
            options={open.map((y) => ({
              value: String(y.year),
              label: t('funding.pay.yearOption', { year: y.year, left: money(ctx, y.leftCents) }),
            }))}
          />
          <f.Text
            name="amount"
            label={t('funding.pay.amount')}
            hint={t('funding.pay.amountHint')}
            width="money"
          />
          <f.Date name="dueOn" label={t('funding.pay.dueOn')} hint={t('funding.pay.dueOnHint', { to })} />
          <f.Textarea
            name="purpose"
            label={t('funding.pay.purpose')}
            hint={t('funding.pay.purposeHint')}
            rows={3}
          />
          <Button>{t('funding.pay.submit')}</Button>
        </Form>
      ) : (
        <Alert kind="info" title={t('funding.pay.nothingLeft')} />
      )}
      {payments.length ? (
        <Table
          caption={t('funding.pay.historyCaption')}
          rows={payments}
          rowKey={(p) => p.id}
          columns={[
            { header: t('funding.pay.col.instalment'), cell: (p) => p.instalment },
            { header: t('funding.pay.col.year'), cell: (p) => p.year },
            { header: t('funding.pay.col.amount'), cell: (p) => money(ctx, p.amountCents), numeric: true },
            { header: t('funding.pay.col.dueOn'), cell: (p) => formatDay(ctx.locale, p.dueOn) },
            { header: t('funding.pay.col.status'), cell: (p) => paymentStatus(ctx, p) },
          ]}
        />
      ) : (
        <>
          <h2 class="kern-heading-medium">{t('funding.pay.historyCaption')}</h2>
          <p class="kern-body">{t('funding.pay.none')}</p>
        </>
      )}
    </Layout>
  )
}

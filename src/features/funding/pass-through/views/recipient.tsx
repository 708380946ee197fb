import type { PageContext } from '../../../../platform/http/context'
import { Alert, PageHeading, Table } from '../../../../platform/ui/components'
import { Button, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { ApplicationBundle } from '../../queries'
import { lineName, money } from '../../views/parts'
import type { SubGrantRow } from '../find-sub-grants'
import type { SubGrantRollUp } from '../sub-grant-budget'

export const subGrantsPath = (applicationId: string) => `/foerderung/antraege/${applicationId}/weiterleitung`
export const subGrantProofPath = (applicationId: string, subGrantId: string) =>
  `${subGrantsPath(applicationId)}/${subGrantId}/nachweis`

export interface YearBudget extends SubGrantRollUp {
  readonly year: number
  readonly budgetCents: number
  readonly leftCents: number
}

function Frame({
  ctx,
  b,
  title,
  parent,
  children,
}: {
  ctx: PageContext
  b: ApplicationBundle
  title: string
  parent?: boolean
  children: preact.ComponentChildren
}) {
  const { t } = ctx
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/foerderung', label: t('nav.funding') },
        { href: '/foerderung/antraege', label: t('funding.mine.title') },
        { href: `/foerderung/antraege/${b.app.id}`, label: b.app.title ?? t('funding.untitled') },
        ...(parent ? [{ href: subGrantsPath(b.app.id), label: t('funding.sub.title') }] : []),
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
      {children}
    </Layout>
  )
}

/** The centre's page: the micro-project money per year, what went to whom, and the form to pass more on. */
export function SubGrantsPage({
  ctx,
  b,
  years,
  subGrants,
  form,
}: {
  ctx: PageContext
  b: ApplicationBundle
  years: readonly YearBudget[]
  subGrants: readonly SubGrantRow[]
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const open = years.filter((y) => y.leftCents > 0)
  return (
    <Frame ctx={ctx} b={b} title={t('funding.sub.title')}>
      <f.Summary />
      <p class="kern-body">{t('funding.sub.lead')}</p>
      <Table
        caption={t('funding.sub.budgetCaption')}
        rows={years}
        rowKey={(y) => String(y.year)}
        columns={[
          { header: t('funding.sub.col.year'), cell: (y) => y.year },
          { header: t('funding.sub.col.budget'), cell: (y) => money(ctx, y.budgetCents), numeric: true },
          { header: t('funding.sub.col.granted'), cell: (y) => money(ctx, y.grantedCents), numeric: true },
          {
            header: t('funding.sub.col.left'),
            cell: (y) => <strong>{money(ctx, y.leftCents)}</strong>,
            numeric: true,
          },
          { header: t('funding.sub.col.used'), cell: (y) => money(ctx, y.usedCents), numeric: true },
          { header: t('funding.sub.col.missing'), cell: (y) => y.proofsMissing, numeric: true },
        ]}
      />
      <h2 class="kern-heading-medium">{t('funding.sub.formHeading')}</h2>
      {open.length ? (
        <Form ctx={ctx} action={ctx.href(subGrantsPath(b.app.id))}>
          <f.Select
            name="year"
            label={t('funding.sub.year')}
            options={open.map((y) => ({
              value: String(y.year),
              label: t('funding.sub.yearOption', { year: y.year, left: money(ctx, y.leftCents) }),
            }))}
          />
          <f.Text
            name="organisationName"
            label={t('funding.sub.organisationName')}
            hint={t('funding.sub.organisationHint')}
          />
          <f.Text name="city" label={t('funding.sub.city')} width="medium" optional />
          <f.Text name="title" label={t('funding.sub.projectTitle')} />
          <f.Text name="amount" label={t('funding.sub.amount')} inputmode="decimal" width="money" />
          <Button>{t('funding.sub.submit')}</Button>
        </Form>
      ) : (
        <Alert kind="info" title={t('funding.sub.error.noBudget')} />
      )}
      {subGrants.length ? (
        <Table
          caption={t('funding.sub.listCaption')}
          rows={subGrants}
          rowKey={(r) => r.subGrant.id}
          columns={[
            { header: t('funding.sub.col.year'), cell: (r) => r.subGrant.year },
            { header: t('funding.sub.col.recipient'), cell: (r) => r.organisation },
            { header: t('funding.sub.col.title'), cell: (r) => r.subGrant.title },
            {
              header: t('funding.sub.col.amount'),
              cell: (r) => money(ctx, r.subGrant.amountCents),
              numeric: true,
            },
            {
              header: t('funding.sub.col.proof'),
              cell: (r) =>
                r.subGrant.usedCents === null ? (
                  <a class="kern-link" href={ctx.href(subGrantProofPath(b.app.id, r.subGrant.id))}>
                    {t('funding.sub.proofLink', { title: r.subGrant.title })}
                  </a>
                ) : (
                  t('funding.sub.proofDone', { used: money(ctx, r.subGrant.usedCents) })
                ),
            },
          ]}
        />
      ) : (
        <>
          <h2 class="kern-heading-medium">{t('funding.sub.listCaption')}</h2>
          <p class="kern-body">{t('funding.sub.none')}</p>
        </>
      )}
    </Frame>
  )
}

/** The simple proof of use of one sub-grant. */
export function SubGrantProofPage({
  ctx,
  b,
  sub,
  form,
}: {
  ctx: PageContext
  b: ApplicationBundle
  sub: { id: string; title: string; amountCents: number }
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const title = t('funding.sub.proofLegend', { title: sub.title })
  return (
    <Frame ctx={ctx} b={b} title={title} parent>
      <f.Summary />
      <p class="kern-body">
        {t('funding.sub.col.amount')}: {money(ctx, sub.amountCents)}
      </p>
      <Form ctx={ctx} action={ctx.href(subGrantProofPath(b.app.id, sub.id))}>
        <f.Text name="used" label={t('funding.sub.used')} inputmode="decimal" width="money" />
        <f.Textarea
          name="report"
          label={t('funding.sub.report')}
          hint={t('funding.sub.reportHint')}
          rows={4}
        />
        <Button>{t('funding.sub.proofSubmit')}</Button>
      </Form>
    </Frame>
  )
}

import type { PageContext } from '../../../../platform/http/context'
import { formatNumber } from '../../../../platform/i18n'
import { Alert, PageHeading, Table } from '../../../../platform/ui/components'
import { Button, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { OpenClaims } from '../../closing/find-claims'
import type { OverdueProofs } from '../../proof/find-overdue'
import { Facts, formatDay, lineName, money } from '../../views/parts'
import { DASHBOARD_ROWS, type PaymentRow, type PaymentWithGrant, type PlanRow } from '../find-payments'
import { daysOverWindow, type YearFigures } from '../payment-rules'
import { OpenClaimsPanel, OverdueProofsPanel } from './dashboard-panels'
import { FiguresTable, paymentStatus } from './recipient'

export const STAFF_PAYMENTS = '/foerderung/verwaltung/zahlungen'
export const staffPaymentPath = (id: string) => `${STAFF_PAYMENTS}/${id}`

const crumbs = (ctx: PageContext) => [
  { href: '/foerderung', label: ctx.t('nav.funding') },
  { href: '/foerderung/verwaltung', label: ctx.t('funding.staff.title') },
]

/** Paid as a share of the plan, in whole percent, rounded down (integer arithmetic). */
export function paidShare(paidCents: number, plannedCents: number): number {
  return plannedCents > 0 ? Math.floor((paidCents * 100) / plannedCents) : 0
}

export function PaymentsDashboardPage({
  ctx,
  plan,
  open,
  risks,
  today,
  openChanges,
  overdue,
  claims,
}: {
  ctx: PageContext
  plan: readonly PlanRow[]
  open: readonly PaymentRow[]
  risks: readonly (PaymentRow & { windowDays: number })[]
  today: string
  /** Change requests waiting for a decision (their list is the change dashboard). */
  openChanges: number
  /** Overdue proofs of use and open repayment claims (from the proof and closing sub-domains). */
  overdue: OverdueProofs
  claims: OpenClaims
}) {
  const { t } = ctx
  const title = t('funding.payStaff.title')
  const link = (r: PaymentRow) => (
    <a class="kern-link" href={ctx.href(staffPaymentPath(r.id))}>
      <bdi dir="ltr">{r.fileNumber ?? '–'}</bdi>
    </a>
  )
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[...crumbs(ctx), { label: title }]}>
      <PageHeading lead={t('funding.payStaff.lead')}>{title}</PageHeading>
      <p class="kern-body">
        <a class="kern-link" href={ctx.href('/foerderung/verwaltung/aenderungen')}>
          {t('funding.changeStaff.desk.open', { n: openChanges })}
        </a>
      </p>
      {plan.length ? (
        <Table
          layout="scroll"
          ctx={ctx}
          caption={t('funding.payStaff.planCaption')}
          rows={plan}
          rowKey={(r) => `${r.lineId}-${r.year}`}
          columns={[
            { header: t('funding.payStaff.col.line'), cell: (r) => lineName(ctx, r) },
            { header: t('funding.payStaff.col.year'), cell: (r) => r.year },
            {
              header: t('funding.payStaff.col.planned'),
              cell: (r) => money(ctx, r.plannedCents),
              numeric: true,
            },
            { header: t('funding.payStaff.col.paid'), cell: (r) => money(ctx, r.paidCents), numeric: true },
            { header: t('funding.payStaff.col.open'), cell: (r) => money(ctx, r.openCents), numeric: true },
            {
              header: t('funding.payStaff.col.left'),
              cell: (r) => money(ctx, r.plannedCents - r.paidCents - r.openCents),
              numeric: true,
            },
            {
              header: t('funding.payStaff.col.share'),
              cell: (r) => formatNumber(ctx.locale, paidShare(r.paidCents, r.plannedCents)),
              numeric: true,
            },
          ]}
        />
      ) : (
        <>
          <h2 class="kern-heading-medium">{t('funding.payStaff.planCaption')}</h2>
          <p class="kern-body">{t('funding.payStaff.noPlan')}</p>
        </>
      )}
      {open.length ? (
        <Table
          caption={t('funding.payStaff.openCaption')}
          rows={open}
          rowKey={(r) => r.id}
          columns={[
            { header: t('funding.payStaff.col.fileNumber'), cell: link },
            { header: t('funding.payStaff.col.recipient'), cell: (r) => r.organisation },
            { header: t('funding.pay.col.instalment'), cell: (r) => `${r.instalment} (${r.year})` },
            { header: t('funding.pay.col.amount'), cell: (r) => money(ctx, r.amountCents), numeric: true },
            { header: t('funding.pay.col.dueOn'), cell: (r) => formatDay(ctx.locale, r.dueOn) },
            { header: t('funding.pay.col.status'), cell: (r) => paymentStatus(ctx, r) },
          ]}
        />
      ) : null}
      {open.length >= DASHBOARD_ROWS ? (
        <p class="kern-body">{t('funding.payStaff.firstRows', { n: open.length })}</p>
      ) : null}
      {open.length ? null : (
        <>
          <h2 class="kern-heading-medium">{t('funding.payStaff.openCaption')}</h2>
          <p class="kern-body">{t('funding.payStaff.noOpen')}</p>
        </>
      )}
      <h2 class="kern-heading-medium" id="zinsrisiko">
        {t('funding.payStaff.riskCaption')}
      </h2>
      <p class="kern-body">{t('funding.payStaff.riskLead')}</p>
      {risks.length ? (
        <Table
          caption={t('funding.payStaff.riskTableCaption')}
          rows={risks}
          rowKey={(r) => r.id}
          columns={[
            { header: t('funding.payStaff.col.fileNumber'), cell: link },
            { header: t('funding.payStaff.col.recipient'), cell: (r) => r.organisation },
            { header: t('funding.pay.col.amount'), cell: (r) => money(ctx, r.amountCents), numeric: true },
            {
              header: t('funding.payStaff.col.releasedOn'),
              cell: (r) => (r.releasedOn ? formatDay(ctx.locale, r.releasedOn) : '–'),
            },
            {
              header: t('funding.payStaff.col.over'),
              cell: (r) => (r.releasedOn ? daysOverWindow(r.releasedOn, today, r.windowDays) : 0),
              numeric: true,
            },
          ]}
        />
      ) : (
        <p class="kern-body">{t('funding.payStaff.noRisk')}</p>
      )}
      {risks.length >= DASHBOARD_ROWS ? (
        <p class="kern-body">{t('funding.payStaff.firstRows', { n: risks.length })}</p>
      ) : null}
      <OverdueProofsPanel ctx={ctx} overdue={overdue} />
      <OpenClaimsPanel ctx={ctx} claims={claims} />
    </Layout>
  )
}

export function PaymentPage({
  ctx,
  p,
  figures,
  checkerLabel,
  form,
}: {
  ctx: PageContext
  p: PaymentWithGrant
  figures: readonly YearFigures[]
  checkerLabel: string | null
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const pay = p.payment
  const title = t('funding.payStaff.detailTitle', {
    fileNumber: p.fileNumber ?? '',
    instalment: pay.instalment,
  })
  const me = ctx.user?.id ?? null
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        ...crumbs(ctx),
        { href: STAFF_PAYMENTS, label: t('funding.payStaff.title') },
        { label: title },
      ]}
    >
      <PageHeading lead={p.title ?? undefined}>{title}</PageHeading>
      <f.Summary />
      <Facts
        items={[
          [t('funding.payStaff.col.recipient'), p.organisation],
          [
            t('funding.payStaff.col.fileNumber'),
            <a
              class="kern-link"
              href={ctx.href(`/foerderung/verwaltung/antraege/${pay.applicationId}`)}
              key="a"
            >
              <bdi dir="ltr">{p.fileNumber ?? '–'}</bdi>
            </a>,
          ],
          [t('funding.pay.col.year'), pay.year],
          [t('funding.pay.col.amount'), money(ctx, pay.amountCents)],
          [t('funding.pay.col.dueOn'), formatDay(ctx.locale, pay.dueOn)],
          [t('funding.payStaff.purpose'), pay.purpose],
          [t('funding.pay.col.status'), paymentStatus(ctx, pay)],
          ...(checkerLabel ? [[t('funding.payStaff.checkedBy'), checkerLabel] as [string, string]] : []),
          ...(pay.rejectionReason
            ? [[t('funding.payStaff.rejectionReason'), pay.rejectionReason] as [string, string]]
            : []),
        ]}
      />
      <FiguresTable ctx={ctx} figures={figures} />
      {pay.status === 'requested' && ctx.can('funding.propose') ? (
        <>
          <h2 class="kern-heading-medium">{t('funding.payStaff.checkHeading')}</h2>
          <Form ctx={ctx} action={ctx.href(`${staffPaymentPath(pay.id)}/pruefung`)}>
            <f.Radios
              name="decision"
              label={t('funding.payStaff.decision')}
              options={[
                { value: 'check', label: t('funding.payStaff.decision.check') },
                { value: 'reject', label: t('funding.payStaff.decision.reject') },
              ]}
            />
            {pay.final ? <f.Checkbox name="hold" label={t('funding.payStaff.hold')} /> : null}
            <f.Textarea name="reason" label={t('funding.payStaff.reason')} optional rows={3} />
            <Button>{t('funding.payStaff.checkSubmit')}</Button>
          </Form>
        </>
      ) : null}
      {pay.status === 'checked' && ctx.can('funding.approve') ? (
        <>
          <h2 class="kern-heading-medium">{t('funding.payStaff.releaseHeading')}</h2>
          {pay.heldUntilProof ? (
            <Alert kind="info" title={t('funding.payStaff.heldText')} />
          ) : pay.checkedBy === me ? (
            <Alert kind="info" title={t('funding.payStaff.fourEyesText')} />
          ) : (
            <Form ctx={ctx} action={ctx.href(`${staffPaymentPath(pay.id)}/freigabe`)}>
              <p class="kern-body">
                {t('funding.payStaff.releaseText', { amount: money(ctx, pay.amountCents) })}
              </p>
              <Button>{t('funding.payStaff.releaseSubmit')}</Button>
            </Form>
          )}
        </>
      ) : null}
    </Layout>
  )
}

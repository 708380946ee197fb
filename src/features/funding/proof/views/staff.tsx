import { berlinDay } from '../../../../platform/days'
import { fileUrl } from '../../../../platform/files'
import type { PageContext } from '../../../../platform/http/context'
import { Alert, PageHeading, Table } from '../../../../platform/ui/components'
import { Button, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { Closing } from '../../closing/manage-closing'
import { hearingAnswerRefusal, hearingDueOf } from '../../policies'
import type { ApplicationBundle } from '../../queries'
import { financingName } from '../../review/notice-pdf'
import { Facts, formatDay, lineName, money, text } from '../../views/parts'
import type { DueProof } from '../find-due'
import type { ProofWithParts } from '../find-proofs'
import { questionsFor } from '../questions'
import { finalNoticePath, periodLabel } from './recipient'

export const STAFF_PROOFS = '/foerderung/verwaltung/nachweise'
export const staffProofPath = (id: string) => `${STAFF_PROOFS}/${id}`

const crumbs = (ctx: PageContext) => [
  { href: '/foerderung', label: ctx.t('nav.funding') },
  { href: '/foerderung/verwaltung', label: ctx.t('funding.staff.title') },
]

export interface SubmittedRow {
  readonly id: string
  readonly period: string
  readonly dueOn: string
  readonly status: string
  readonly fileNumber: string | null
  readonly organisation: string
}

export function ProofsListPage({
  ctx,
  submitted,
  due,
}: {
  ctx: PageContext
  submitted: readonly SubmittedRow[]
  due: readonly DueProof[]
}) {
  const { t } = ctx
  const title = t('funding.proofStaff.title')
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[...crumbs(ctx), { label: title }]}>
      <PageHeading lead={t('funding.proofStaff.lead')}>{title}</PageHeading>
      {submitted.length ? (
        <Table
          caption={t('funding.proofStaff.submittedCaption')}
          rows={submitted}
          rowKey={(r) => r.id}
          columns={[
            {
              header: t('funding.proofStaff.col.file'),
              cell: (r) => (
                <a class="kern-link" href={ctx.href(staffProofPath(r.id))}>
                  <bdi dir="ltr">{r.fileNumber ?? '–'}</bdi>
                </a>
              ),
            },
            { header: t('funding.proofStaff.col.recipient'), cell: (r) => r.organisation },
            { header: t('funding.proofStaff.col.proof'), cell: (r) => periodLabel(ctx, r.period) },
            {
              header: t('funding.proofStaff.col.state'),
              cell: (r) => t(`funding.proof.state.${r.status as 'submitted' | 'accepted'}`),
            },
          ]}
        />
      ) : (
        <p class="kern-body">{t('funding.proofStaff.noneSubmitted')}</p>
      )}
      {due.length ? (
        <Table
          caption={t('funding.proofStaff.dueCaption')}
          rows={due}
          rowKey={(r) => `${r.applicationId}-${r.period}`}
          columns={[
            {
              header: t('funding.proofStaff.col.file'),
              cell: (r) => <bdi dir="ltr">{r.fileNumber ?? '–'}</bdi>,
            },
            { header: t('funding.proofStaff.col.recipient'), cell: (r) => r.organisation },
            { header: t('funding.proofStaff.col.proof'), cell: (r) => periodLabel(ctx, r.period) },
            { header: t('funding.proofStaff.col.dueOn'), cell: (r) => formatDay(ctx.locale, r.dueOn) },
            {
              header: t('funding.proofStaff.col.state'),
              cell: (r) =>
                r.overdue ? (
                  <strong>{t('funding.proof.state.overdue')}</strong>
                ) : (
                  t('funding.proof.state.due')
                ),
            },
          ]}
        />
      ) : (
        <p class="kern-body">{t('funding.proofStaff.noneDue')}</p>
      )}
    </Layout>
  )
}

export interface ClosingView {
  readonly closing: Closing | null
  readonly preview: { finalGrantCents: number; repaymentCents: number; paidCents: number } | null
  readonly defaultUntil: string
}

export function ProofReviewPage({
  ctx,
  b,
  p,
  closing,
  form,
  closingForm,
}: {
  ctx: PageContext
  b: ApplicationBundle
  p: ProofWithParts
  closing: ClosingView
  form: FormState
  closingForm: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const c = fields(ctx, closingForm)
  const title = t('funding.proofStaff.pageTitle', {
    proof: periodLabel(ctx, p.proof.period),
    title: b.app.title ?? '',
  })
  const label = (key: string) => {
    const cat = b.line.rules.costCategories.find((x) => x.key === key)
    return cat ? text(ctx, cat.label) : key
  }
  const actual = p.account.reduce((s, a) => s + a.actualCents, 0)
  const hours = p.hours.reduce((s, h) => s + h.hours, 0)
  const action = (suffix: string) => ctx.href(`${staffProofPath(p.proof.id)}/${suffix}`)
  const cl = closing.closing
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        ...crumbs(ctx),
        { href: STAFF_PROOFS, label: t('funding.proofStaff.title') },
        { label: title },
      ]}
    >
      <PageHeading
        lead={
          <>
            {lineName(ctx, b.line)} · {b.org.name} · <bdi dir="ltr">{b.app.fileNumber ?? ''}</bdi>
          </>
        }
      >
        {title}
      </PageHeading>
      <f.Summary />
      <c.Summary />
      <Facts
        items={[
          [t('funding.proofStaff.col.dueOn'), formatDay(ctx.locale, p.proof.dueOn)],
          [t('funding.proofStaff.col.state'), t(`funding.proof.state.${p.proof.status}`)],
          [
            t('funding.proofStaff.incomeLabel'),
            t('funding.proofStaff.income', {
              own: money(ctx, Number(p.proof.actualOwnCents)),
              third: money(ctx, Number(p.proof.actualThirdPartyCents)),
            }),
          ],
        ]}
      />
      {p.proof.attachmentFileId && p.proof.attachmentName ? (
        <p class="kern-body">
          <a
            class="kern-link"
            href={fileUrl({ id: p.proof.attachmentFileId, originalName: p.proof.attachmentName })}
          >
            {t('funding.proofStaff.attachment', { name: p.proof.attachmentName })}
          </a>
        </p>
      ) : null}
      <Table
        caption={t('funding.proofStaff.accountCaption')}
        rows={p.account}
        rowKey={(r) => r.category}
        columns={[
          { header: t('funding.proofStaff.col.line'), cell: (r) => label(r.category) },
          {
            header: t('funding.proofStaff.col.planned'),
            cell: (r) => money(ctx, r.plannedCents),
            numeric: true,
          },
          {
            header: t('funding.proofStaff.col.actual'),
            cell: (r) => money(ctx, r.actualCents),
            numeric: true,
          },
          {
            header: t('funding.proofStaff.col.difference'),
            cell: (r) => money(ctx, r.actualCents - r.plannedCents),
            numeric: true,
          },
        ]}
      />
      <h2 class="kern-heading-medium">{t('funding.proof.reportHeading')}</h2>
      <dl class="proof-answers">
        {questionsFor(b.line.key, p.proof.simple).map((q) => (
          <>
            <dt class="kern-label">{t(`funding.proof.q.${q}`)}</dt>
            <dd class="kern-body">{p.proof.answers[q] ?? '–'}</dd>
          </>
        ))}
        <dt class="kern-label">{t('funding.proof.report')}</dt>
        <dd class="kern-body">{p.proof.report || '–'}</dd>
      </dl>
      {p.receipts.length ? (
        <Table
          layout="scroll"
          ctx={ctx}
          caption={t('funding.proofStaff.receiptsCaption', { n: p.receipts.length })}
          rows={p.receipts}
          rowKey={(r) => String(r.row)}
          columns={[
            { header: t('funding.proofStaff.col.day'), cell: (r) => formatDay(ctx.locale, r.day) },
            { header: t('funding.proofStaff.col.payee'), cell: (r) => r.payee },
            { header: t('funding.proofStaff.col.purpose'), cell: (r) => r.purpose },
            { header: t('funding.proofStaff.col.line'), cell: (r) => label(r.category) },
            {
              header: t('funding.proofStaff.col.amount'),
              cell: (r) => money(ctx, Number(r.amountCents)),
              numeric: true,
            },
          ]}
        />
      ) : (
        <p class="kern-body">{t('funding.proofStaff.noReceipts')}</p>
      )}
      {p.hours.length ? (
        <Table
          caption={t('funding.proofStaff.hoursCaption', { n: hours })}
          rows={p.hours}
          rowKey={(r) => String(r.row)}
          columns={[
            { header: t('funding.proofStaff.col.volunteer'), cell: (r) => r.volunteer },
            { header: t('funding.proofStaff.col.month'), cell: (r) => r.month },
            { header: t('funding.proofStaff.col.hours'), cell: (r) => r.hours, numeric: true },
          ]}
        />
      ) : null}
      <h2 class="kern-heading-medium">{t('funding.proofStaff.reviewHeading')}</h2>
      {p.proof.status === 'submitted' ? (
        <Form ctx={ctx} action={action('pruefung')}>
          <f.Radios
            name="checkKind"
            label={t('funding.proofStaff.checkKind')}
            options={[
              { value: 'summary', label: t('funding.proofStaff.check.summary') },
              { value: 'in_depth', label: t('funding.proofStaff.check.in_depth') },
            ]}
          />
          <f.Textarea
            name="findings"
            label={t('funding.proofStaff.findings')}
            hint={t('funding.proofStaff.findingsHint')}
            rows={4}
            optional
          />
          <f.Text
            name="accepted"
            label={t('funding.proofStaff.accepted')}
            hint={t('funding.proofStaff.acceptedHint', { actual: money(ctx, actual) })}
            width="money"
          />
          <Button>{t('funding.proofStaff.submit')}</Button>
        </Form>
      ) : (
        <>
          <p class="kern-body">
            {t('funding.proofStaff.reviewResult', {
              check: t(`funding.proofStaff.check.${p.proof.checkKind ?? 'summary'}`),
              accepted: money(ctx, Number(p.proof.acceptedCents ?? 0)),
            })}
          </p>
          {p.proof.findings ? <p class="kern-body">{p.proof.findings}</p> : null}
        </>
      )}
      {p.proof.period === 'final' && p.proof.status === 'accepted' ? (
        <>
          <h2 class="kern-heading-medium">{t('funding.closing.heading')}</h2>
          {!cl && closing.preview ? (
            <>
              <p class="kern-body">
                {t('funding.closing.preview', {
                  type: financingName(b.line.rules.financing.type),
                  final: money(ctx, closing.preview.finalGrantCents),
                  paid: money(ctx, closing.preview.paidCents),
                  repayment: money(ctx, closing.preview.repaymentCents),
                })}
              </p>
              <Form ctx={ctx} action={action('anhoerung')}>
                <c.Date
                  name="until"
                  label={t('funding.closing.until')}
                  hint={t('funding.closing.untilHint')}
                />
                <Button>
                  {closing.preview.repaymentCents > 0
                    ? t('funding.closing.openHearing')
                    : t('funding.closing.noRepayment')}
                </Button>
              </Form>
            </>
          ) : null}
          {cl?.status === 'hearing' ? (
            <>
              <p class="kern-body">
                {t('funding.closing.hearing', {
                  since: formatDay(ctx.locale, cl.hearingAt.toISOString().slice(0, 10)),
                  final: money(ctx, Number(cl.finalGrantCents)),
                  repayment: money(ctx, Number(cl.repaymentCents)),
                  interest: money(ctx, Number(cl.interestCents)),
                  until: cl.interestUntil ? formatDay(ctx.locale, cl.interestUntil) : '–',
                })}
              </p>
              <h3 class="kern-heading-small">{t('funding.closing.answerHeading')}</h3>
              {cl.hearingAnswerAt ? (
                <>
                  <p class="kern-body">
                    {t('funding.closing.answerOn', {
                      on: formatDay(ctx.locale, berlinDay(cl.hearingAnswerAt)),
                    })}
                  </p>
                  <blockquote class="kern-body">{cl.hearingAnswer}</blockquote>
                  {cl.hearingAnswerFileId && cl.hearingAnswerFileName ? (
                    <p class="kern-body">
                      <a
                        class="kern-link"
                        href={fileUrl({ id: cl.hearingAnswerFileId, originalName: cl.hearingAnswerFileName })}
                      >
                        {t('funding.closing.answerFile', { name: cl.hearingAnswerFileName })}
                      </a>
                    </p>
                  ) : null}
                </>
              ) : (
                <p class="kern-body">
                  {t(
                    hearingAnswerRefusal(cl, berlinDay()) === 'late'
                      ? 'funding.closing.noAnswerLate'
                      : 'funding.closing.noAnswer',
                    { due: formatDay(ctx.locale, hearingDueOf(cl) ?? '') },
                  )}
                </p>
              )}
              <Form ctx={ctx} action={action('schlussbescheid')}>
                <c.Textarea
                  name="hearingReply"
                  label={t('funding.closing.hearingReply')}
                  hint={t('funding.closing.hearingReplyHint')}
                  rows={3}
                  optional
                />
                <Button>{t('funding.closing.issue')}</Button>
              </Form>
            </>
          ) : null}
          {cl && cl.status !== 'hearing' ? (
            <>
              <p class="kern-body">
                {t('funding.closing.claimed', {
                  on: formatDay(ctx.locale, (cl.noticeAt ?? new Date()).toISOString().slice(0, 10)),
                  total: money(ctx, Number(cl.repaymentCents) + Number(cl.interestCents)),
                  repaid: money(ctx, Number(cl.repaidCents)),
                  open: money(
                    ctx,
                    Number(cl.repaymentCents) + Number(cl.interestCents) - Number(cl.repaidCents),
                  ),
                })}
              </p>
              <p class="kern-body">
                <a class="kern-link" href={ctx.href(finalNoticePath(b.app.id))}>
                  {t('funding.proof.noticeDownload')}
                </a>
              </p>
              {cl.status === 'claimed' ? (
                <>
                  <h3 class="kern-heading-small">{t('funding.closing.repaymentHeading')}</h3>
                  <Form ctx={ctx} action={action('rueckzahlung')}>
                    <c.Text name="amount" label={t('funding.closing.amount')} width="money" />
                    <c.Date name="receivedOn" label={t('funding.closing.receivedOn')} />
                    <Button>{t('funding.closing.record')}</Button>
                  </Form>
                </>
              ) : (
                <Alert kind="success" title={t('funding.closing.settled')} />
              )}
            </>
          ) : null}
        </>
      ) : null}
    </Layout>
  )
}

import { berlinDay } from '../../../../platform/days'
import { fileUrl } from '../../../../platform/files'
import type { PageContext } from '../../../../platform/http/context'
import { Alert, PageHeading, Table } from '../../../../platform/ui/components'
import { Button, Fieldset, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { Closing } from '../../closing/manage-closing'
import { hearingAnswerRefusal, hearingDueOf } from '../../policies'
import type { ApplicationBundle } from '../../queries'
import { formatDay, lineName, money, text } from '../../views/parts'
import type { Proof } from '../find-proofs'
import type { ProofPeriod } from '../proof-rules'
import { questionsFor } from '../questions'

export const proofPath = (applicationId: string) =>
  `/foerderung/antraege/${applicationId}/verwendungsnachweis`
export const finalNoticePath = (applicationId: string) =>
  `/foerderung/antraege/${applicationId}/schlussbescheid.pdf`

export type ProofRow = ProofPeriod & { state: 'due' | 'overdue' | 'submitted' | 'accepted'; proof?: Proof }

export function periodLabel(ctx: PageContext, period: string): string {
  return period === 'final'
    ? ctx.t('funding.proof.period.final')
    : ctx.t('funding.proof.period.interim', { year: period })
}

/** What the recipient sees of the closing: the hearing (with the answer form), then the final notice. */
export function ClosingPanel({
  ctx,
  closing,
  applicationId,
  finalProof,
  form,
  today,
}: {
  ctx: PageContext
  closing: Closing
  applicationId: string
  finalProof: Proof | undefined
  form: FormState
  today: string
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const total = Number(closing.repaymentCents) + Number(closing.interestCents)
  const due = hearingDueOf(closing) ?? ''
  const refusal = hearingAnswerRefusal(closing, today)
  return (
    <>
      <h2 class="kern-heading-medium">{t('funding.proof.closingHeading')}</h2>
      {closing.status === 'hearing' ? (
        <section aria-labelledby="hearing-heading">
          <h3 class="kern-heading-small" id="hearing-heading">
            {t('funding.hearing.heading')}
          </h3>
          <p class="kern-body">
            {t('funding.proof.hearingText', {
              final: money(ctx, Number(closing.finalGrantCents)),
              paid: money(ctx, Number(closing.finalGrantCents) + Number(closing.repaymentCents)),
              repayment: money(ctx, Number(closing.repaymentCents)),
              interest: money(ctx, Number(closing.interestCents)),
              until: formatDay(ctx.locale, due),
            })}
          </p>
          <p class="kern-body">
            {t('funding.hearing.reason', {
              accepted: money(ctx, Number(finalProof?.acceptedCents ?? 0)),
              final: money(ctx, Number(closing.finalGrantCents)),
            })}
          </p>
          {finalProof?.findings ? (
            <>
              <p class="kern-body">{t('funding.hearing.findings')}</p>
              <blockquote class="kern-body">{finalProof.findings}</blockquote>
            </>
          ) : null}
          {closing.hearingAnswerAt ? (
            <>
              <p class="kern-body">
                {t('funding.hearing.yourAnswer', {
                  on: formatDay(ctx.locale, berlinDay(closing.hearingAnswerAt)),
                })}
              </p>
              <blockquote class="kern-body">{closing.hearingAnswer}</blockquote>
              {closing.hearingAnswerFileId && closing.hearingAnswerFileName ? (
                <p class="kern-body">
                  <a
                    class="kern-link"
                    href={fileUrl({
                      id: closing.hearingAnswerFileId,
                      originalName: closing.hearingAnswerFileName,
                    })}
                  >
                    {t('funding.hearing.yourFile', { name: closing.hearingAnswerFileName })}
                  </a>
                </p>
              ) : null}
            </>
          ) : refusal === 'late' ? (
            <Alert kind="info" title={t('funding.hearing.closed', { due: formatDay(ctx.locale, due) })} />
          ) : (
            <Form ctx={ctx} action={ctx.href(`${proofPath(applicationId)}/anhoerung`)} multipart>
              <f.Textarea
                name="answer"
                label={t('funding.hearing.answer')}
                hint={t('funding.hearing.answerHint')}
                rows={6}
              />
              <f.File
                name="attachment"
                label={t('funding.hearing.attachment')}
                hint={t('funding.hearing.attachmentHint')}
                accept=".pdf,.docx,.xlsx,.pptx"
                optional
              />
              <Button>{t('funding.hearing.submit')}</Button>
            </Form>
          )}
        </section>
      ) : (
        <>
          <p class="kern-body">
            {t('funding.proof.noticeText', {
              total: money(ctx, total),
              repaid: money(ctx, Number(closing.repaidCents)),
            })}
          </p>
          <p class="kern-body">
            <a class="kern-link" href={ctx.href(finalNoticePath(applicationId))}>
              {t('funding.proof.noticeDownload')}
            </a>
          </p>
        </>
      )}
    </>
  )
}

export function ProofPage({
  ctx,
  b,
  rows,
  closing,
  form,
  today,
}: {
  ctx: PageContext
  b: ApplicationBundle
  rows: readonly ProofRow[]
  closing: Closing | null
  form: FormState
  today: string
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const title = t('funding.proof.title')
  const open = rows.filter((r) => r.state === 'due' || r.state === 'overdue')
  const waiting = rows.find((r) => r.state === 'submitted')?.proof
  const simple = b.line.rules.proofForm?.simple === true
  const hours = b.line.rules.proofForm?.volunteerHours === true
  const questions = questionsFor(b.line.key, simple)
  const planned = (category: string) =>
    b.costs.filter((c) => c.category === category).reduce((s, c) => s + c.cents, 0)
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
      <p class="kern-body">{t('funding.proof.lead')}</p>
      <Table
        caption={t('funding.proof.periodsCaption')}
        rows={rows}
        rowKey={(r) => r.period}
        columns={[
          { header: t('funding.proof.col.proof'), cell: (r) => periodLabel(ctx, r.period) },
          { header: t('funding.proof.col.dueOn'), cell: (r) => formatDay(ctx.locale, r.dueOn) },
          {
            header: t('funding.proof.col.state'),
            cell: (r) =>
              r.state === 'overdue' ? (
                <strong>{t('funding.proof.state.overdue')}</strong>
              ) : (
                t(`funding.proof.state.${r.state}`)
              ),
          },
          {
            header: t('funding.proof.col.accepted'),
            cell: (r) => (r.proof?.acceptedCents != null ? money(ctx, Number(r.proof.acceptedCents)) : '–'),
            numeric: true,
          },
        ]}
      />
      {closing ? (
        <ClosingPanel
          ctx={ctx}
          closing={closing}
          applicationId={b.app.id}
          finalProof={rows.find((r) => r.period === 'final')?.proof}
          form={form}
          today={today}
        />
      ) : null}
      {waiting ? (
        <>
          <h2 class="kern-heading-medium">{t('funding.proof.attachmentHeading')}</h2>
          {waiting.attachmentName ? (
            <p class="kern-body">{t('funding.proof.attachmentCurrent', { name: waiting.attachmentName })}</p>
          ) : null}
          <Form ctx={ctx} action={ctx.href(`${proofPath(b.app.id)}/anlage`)} multipart>
            <f.File
              name="attachment"
              label={t('funding.proof.attachment')}
              hint={t('funding.proof.attachmentHint')}
              accept=".pdf,.docx,.xlsx,.pptx"
            />
            <Button>{t('funding.proof.attachmentSubmit')}</Button>
          </Form>
        </>
      ) : null}
      {open.length ? (
        <>
          <h2 class="kern-heading-medium">{t('funding.proof.formHeading')}</h2>
          {simple ? <Alert kind="info" title={t('funding.proof.simpleNote')} /> : null}
          <Form ctx={ctx} action={ctx.href(proofPath(b.app.id))} multipart>
            <f.Select
              name="period"
              label={t('funding.proof.period')}
              options={open.map((r) => ({
                value: r.period,
                label: t('funding.proof.periodOption', {
                  label: periodLabel(ctx, r.period),
                  due: formatDay(ctx.locale, r.dueOn),
                }),
              }))}
            />
            <Fieldset legend={t('funding.proof.reportHeading')} heading>
              {questions.map((q) => (
                <f.Textarea
                  name={`q_${q}`}
                  label={t(`funding.proof.q.${q}`)}
                  hint={t(`funding.proof.q.${q}.hint`)}
                  rows={3}
                />
              ))}
              <f.Textarea
                name="report"
                label={t('funding.proof.report')}
                hint={t('funding.proof.reportHint')}
                rows={4}
                optional={simple}
              />
            </Fieldset>
            <Fieldset
              legend={t('funding.proof.accountHeading')}
              hint={t('funding.proof.accountLead')}
              heading
            >
              {b.line.rules.costCategories.map((c) => (
                <f.Text
                  name={`actual_${c.key}`}
                  label={t('funding.proof.actual', { line: text(ctx, c.label) })}
                  hint={t('funding.proof.actualHint', { planned: money(ctx, planned(c.key)) })}
                  width="money"
                />
              ))}
              <f.Text name="actualOwn" label={t('funding.proof.actualOwn')} width="money" optional />
              <f.Text
                name="actualThirdParty"
                label={t('funding.proof.actualThirdParty')}
                width="money"
                optional
              />
            </Fieldset>
            <f.File
              name="receipts"
              label={t('funding.proof.receipts')}
              hint={t('funding.proof.receiptsHint')}
              accept=".csv,text/csv"
              optional={simple}
            />
            {hours ? (
              <f.Textarea
                name="hours"
                label={t('funding.proof.hours')}
                hint={t('funding.proof.hoursHint')}
                rows={6}
              />
            ) : null}
            <Button>{t('funding.proof.submit')}</Button>
          </Form>
        </>
      ) : rows.length ? (
        <p class="kern-body">{t('funding.proof.nothingOpen')}</p>
      ) : null}
    </Layout>
  )
}

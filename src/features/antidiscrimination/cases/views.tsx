import type { PageContext } from '../../../platform/http/context'
import { formatDate, formatNumber, type MessageKey } from '../../../platform/i18n'
import { Alert, PageHeading, Table } from '../../../platform/ui/components'
import { Button, ErrorSummary, Form, type FormState, fields } from '../../../platform/ui/form'
import { Layout } from '../../../platform/ui/layout'
import type { Centre } from '../network/find-network'
import { candidateCentres } from '../policies'
import { MessageList } from '../reporting/views'
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from './attachments'
import { aggDeadline, deadlineState } from './case-vocabulary'
import type { RevealRequest } from './identity'
import type { CaseView, ReportSummary } from './read-report'
import { CaseFileSection, deadlineText, isoDay, ReferSection } from './views-file'

const languageName = (ctx: PageContext, code: string) =>
  new Intl.DisplayNames([ctx.locale], { type: 'language' }).of(code) ?? code
const groundList = (ctx: PageContext, grounds: readonly string[]) =>
  grounds.map((g) => ctx.t(`antidisc.ground.${g}` as MessageKey)).join(', ')

export function InboxPage({
  ctx,
  centreId,
  reports,
  today,
}: {
  ctx: PageContext
  centreId: string | null
  reports: readonly ReportSummary[]
  /** The day (Berlin) the AGG deadlines are measured against. */
  today: string
}) {
  const { t } = ctx
  const state = (r: ReportSummary) => deadlineState(r, today)
  const urgent = reports.filter((r) => {
    const s = state(r)
    return s === 'soon' || s === 'passed'
  })
  return (
    <Layout ctx={ctx} title={t('antidisc.staff.inbox.title')}>
      <PageHeading lead={t('antidisc.staff.inbox.lead')}>{t('antidisc.staff.inbox.title')}</PageHeading>
      {urgent.length ? (
        <Alert kind="warning" title={t('antidisc.staff.deadline.alert', { n: urgent.length })}>
          <p class="kern-body">{t('antidisc.staff.deadline.alert.text')}</p>
        </Alert>
      ) : null}
      {!centreId ? (
        <Alert kind="info" title={t('antidisc.staff.inbox.noCentre')} />
      ) : reports.length === 0 ? (
        <p class="kern-body">{t('antidisc.staff.inbox.empty')}</p>
      ) : (
        <Table
          caption={t('antidisc.staff.inbox.caption')}
          rows={reports}
          rowKey={(r) => r.id}
          columns={[
            {
              header: t('antidisc.staff.col.received'),
              cell: (r) => formatDate(ctx.locale, r.createdAt, true),
            },
            { header: t('antidisc.staff.col.occurred'), cell: (r) => isoDay(ctx, r.occurredOn) },
            { header: t('antidisc.staff.col.district'), cell: (r) => r.district },
            { header: t('antidisc.staff.col.grounds'), cell: (r) => groundList(ctx, r.grounds) },
            { header: t('antidisc.staff.col.messages'), cell: (r) => r.messages, numeric: true },
            {
              header: t('antidisc.staff.col.status'),
              cell: (r) => t(`antidisc.staff.status.${r.status}`),
            },
            {
              header: t('antidisc.staff.col.deadline'),
              cell: (r) => {
                const s = state(r)
                const text = deadlineText(ctx, s, r.deadline)
                return s === 'soon' || s === 'passed' ? <strong data-deadline={s}>{text}</strong> : text
              },
            },
            {
              header: t('antidisc.staff.col.action'),
              cell: (r) => (
                <a class="kern-link" href={ctx.href(`/beratung/meldungen/${r.id}`)}>
                  {t('antidisc.staff.open')}
                </a>
              ),
            },
          ]}
        />
      )}
    </Layout>
  )
}

export function CasePage({
  ctx,
  report,
  district,
  forms,
  today,
  otherCentres,
}: {
  ctx: PageContext
  report: CaseView
  district: string
  forms: {
    readonly answer?: FormState
    readonly intervention?: FormState
    readonly refer?: FormState
    readonly withdraw?: FormState
    readonly identity?: FormState
    readonly document?: FormState
  }
  today: string
  /** The other centres of the network, to refer the report to. */
  otherCentres: readonly { readonly id: string; readonly name: string }[]
}) {
  const { t } = ctx
  const answer = forms.answer ?? { values: {}, errors: {} }
  const intervention = forms.intervention ?? { values: {}, errors: {} }
  const refer = forms.refer ?? { values: {}, errors: {} }
  const withdraw = forms.withdraw ?? { values: {}, errors: {} }
  const w = fields(ctx, withdraw)
  const identityForm = forms.identity ?? { values: {}, errors: {} }
  const idf = fields(ctx, identityForm)
  const documentForm = forms.document ?? { values: {}, errors: {} }
  const df = fields(ctx, documentForm)
  const f = fields(ctx, answer)
  const deadlineDay = aggDeadline(report.file?.deadlineFrom ?? report.occurredOn)
  const deadline = {
    day: deadlineDay,
    state: deadlineState(
      {
        deadline: deadlineDay,
        status: report.file?.status ?? 'open',
        aggCovered: report.file?.aggCovered ?? null,
      },
      today,
    ),
  }
  const title = t('antidisc.staff.case.title', { date: formatDate(ctx.locale, report.createdAt, true) })
  const contact = report.contact?.email ?? report.contact?.phone
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[{ href: '/beratung', label: t('antidisc.staff.inbox.title') }, { label: title }]}
    >
      <PageHeading>{title}</PageHeading>
      <ErrorSummary ctx={ctx} form={[answer, intervention, refer, withdraw, identityForm, documentForm]} />
      <div class="case-page">
        <dl class="kern-description-list">
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('antidisc.staff.case.occurred')}</dt>
            <dd class="kern-description-list-item__value">{isoDay(ctx, report.occurredOn)}</dd>
          </div>
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('antidisc.staff.col.district')}</dt>
            <dd class="kern-description-list-item__value">{district}</dd>
          </div>
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('antidisc.staff.col.grounds')}</dt>
            <dd class="kern-description-list-item__value">{groundList(ctx, report.grounds)}</dd>
          </div>
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('antidisc.staff.col.language')}</dt>
            <dd class="kern-description-list-item__value">{languageName(ctx, report.language)}</dd>
          </div>
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{t('antidisc.staff.case.contact')}</dt>
            <dd class="kern-description-list-item__value">
              {contact ? <bdi dir="ltr">{contact}</bdi> : t('antidisc.staff.case.anonymous')}
            </dd>
          </div>
        </dl>
        {report.identity.state === 'none' ? null : (
          <section aria-labelledby="identitaet">
            <h2 class="kern-heading-medium" id="identitaet">
              {t('antidisc.staff.identity.heading')}
            </h2>
            {report.identity.state === 'approved' ? (
              <>
                <p class="kern-body preserve-lines" dir="auto" data-identity>
                  {report.identity.identity}
                </p>
                <p class="kern-body kern-body--small">
                  {t('antidisc.staff.identity.approved', {
                    date: formatDate(ctx.locale, report.identity.approvedAt, true),
                  })}
                </p>
              </>
            ) : report.identity.state === 'requested' ? (
              <p class="kern-body">
                {t('antidisc.staff.identity.requested', {
                  date: formatDate(ctx.locale, report.identity.requestedAt, true),
                })}
              </p>
            ) : (
              <>
                <p class="kern-body">{t('antidisc.staff.identity.disclosed')}</p>
                <Form ctx={ctx} action={`/beratung/meldungen/${report.id}/identitaet`}>
                  <idf.Textarea
                    name="reason"
                    label={t('antidisc.staff.identity.reason')}
                    hint={t('antidisc.staff.identity.reason.hint')}
                    rows={3}
                  />
                  <Button variant="secondary">{t('antidisc.staff.identity.request')}</Button>
                </Form>
              </>
            )}
          </section>
        )}
        <h2 class="kern-heading-medium">{t('antidisc.staff.case.narrative')}</h2>
        <p class="kern-body preserve-lines">{report.narrative}</p>
        <h2 class="kern-heading-medium">{t('antidisc.staff.case.attachments')}</h2>
        {report.attachments.length ? (
          <ul class="kern-list">
            {report.attachments.map((a) => (
              <li key={a.id}>
                <a class="kern-link" href={ctx.href(`/beratung/meldungen/${report.id}/anhaenge/${a.id}`)}>
                  <bdi>{a.name}</bdi>
                </a>{' '}
                ({formatNumber(ctx.locale, Math.ceil(a.size / 1024))} KB,{' '}
                {t(
                  a.author === 'counsellor'
                    ? 'antidisc.staff.document.byCentre'
                    : 'antidisc.staff.document.byReporter',
                )}
                )
              </li>
            ))}
          </ul>
        ) : (
          <p class="kern-body">{t('antidisc.staff.document.none')}</p>
        )}
        <Form ctx={ctx} action={ctx.href(`/beratung/meldungen/${report.id}/dokumente`)} multipart>
          <df.File
            name="attachment"
            label={t('antidisc.staff.document.label')}
            hint={t('antidisc.attach.hint', { mb: MAX_ATTACHMENT_BYTES / 1024 / 1024 })}
            accept={ATTACHMENT_TYPES.join(',')}
          />
          <Button variant="secondary">{t('antidisc.staff.document.submit')}</Button>
        </Form>
        <h2 class="kern-heading-medium">{t('antidisc.staff.case.messages')}</h2>
        {report.messages.length ? (
          <MessageList ctx={ctx} messages={report.messages} mine="counsellor" />
        ) : (
          <p class="kern-body">{t('antidisc.staff.case.noMessages')}</p>
        )}
        <Form ctx={ctx} action={ctx.href(`/beratung/meldungen/${report.id}/antwort`)}>
          <f.Textarea name="body" label={t('antidisc.staff.case.answer')} rows={5} />
          <Button>{t('antidisc.staff.case.send')}</Button>
        </Form>
        <CaseFileSection
          ctx={ctx}
          reportId={report.id}
          file={report.file}
          interventions={report.interventions}
          deadline={deadline}
          form={intervention}
        />
        <ReferSection ctx={ctx} reportId={report.id} centres={otherCentres} form={refer} />
        <h2 class="kern-heading-medium">{t('antidisc.staff.subject.heading')}</h2>
        <p class="kern-body">{t('antidisc.staff.subject.export.text')}</p>
        <Form ctx={ctx} action={`/beratung/meldungen/${report.id}/export`}>
          <Button variant="secondary">{t('antidisc.staff.subject.export.submit')}</Button>
        </Form>
        <p class="kern-body">{t('antidisc.staff.subject.withdraw.text')}</p>
        <Form ctx={ctx} action={`/beratung/meldungen/${report.id}/loeschen`}>
          <w.Checkbox name="confirm" label={t('antidisc.staff.subject.withdraw.confirm')} />
          <Button variant="secondary">{t('antidisc.staff.subject.withdraw.submit')}</Button>
        </Form>
      </div>
    </Layout>
  )
}

export function OfficePage({
  ctx,
  reports,
  centres,
  forms,
}: {
  ctx: PageContext
  reports: readonly ReportSummary[]
  centres: readonly Centre[]
  forms: Readonly<Record<string, FormState>>
}) {
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t('antidisc.staff.office.title')}>
      <PageHeading lead={t('antidisc.staff.office.lead')}>{t('antidisc.staff.office.title')}</PageHeading>
      {reports.length === 0 ? (
        <p class="kern-body">{t('antidisc.staff.inbox.empty')}</p>
      ) : (
        <Table
          caption={t('antidisc.staff.office.caption')}
          rows={reports}
          rowKey={(r) => r.id}
          columns={[
            {
              header: t('antidisc.staff.col.received'),
              cell: (r) => formatDate(ctx.locale, r.createdAt, true),
            },
            { header: t('antidisc.staff.col.district'), cell: (r) => r.district },
            { header: t('antidisc.staff.col.grounds'), cell: (r) => groundList(ctx, r.grounds) },
            { header: t('antidisc.staff.col.language'), cell: (r) => languageName(ctx, r.language) },
            {
              header: t('antidisc.staff.col.action'),
              cell: (r) => {
                const form = forms[r.id] ?? { values: {}, errors: {} }
                const f = fields(ctx, form)
                const suggested = new Set(
                  candidateCentres(centres, { districtId: r.districtId, language: r.language }).map(
                    (c) => c.id,
                  ),
                )
                return (
                  <Form ctx={ctx} action={ctx.href(`/beratung/verteilen/${r.id}`)}>
                    <f.Select
                      name="centreId"
                      label={t('antidisc.staff.office.centre', {
                        date: formatDate(ctx.locale, r.createdAt, true),
                      })}
                      placeholder
                      options={centres.map((c) => ({
                        value: c.id,
                        label: suggested.has(c.id)
                          ? t('antidisc.staff.office.suggested', { name: c.name })
                          : c.name,
                      }))}
                    />
                    <Button variant="secondary">{t('antidisc.staff.office.route')}</Button>
                  </Form>
                )
              },
            },
          ]}
        />
      )}
    </Layout>
  )
}

/** The custodian's list: requests for disclosed identities, with their reasons (never the identity). */
export function CustodyPage({
  ctx,
  requests,
  centres,
  form,
}: {
  ctx: PageContext
  requests: readonly RevealRequest[]
  centres: readonly Centre[]
  form?: FormState
}) {
  const { t } = ctx
  const state = form ?? { values: {}, errors: {} }
  return (
    <Layout ctx={ctx} title={t('antidisc.staff.custody.title')}>
      <PageHeading lead={t('antidisc.staff.custody.lead')}>{t('antidisc.staff.custody.title')}</PageHeading>
      <ErrorSummary ctx={ctx} form={state} />
      {requests.length === 0 ? (
        <p class="kern-body">{t('antidisc.staff.custody.none')}</p>
      ) : (
        <Table
          caption={t('antidisc.staff.custody.caption')}
          rows={requests}
          rowKey={(r) => r.reportId}
          columns={[
            {
              header: t('antidisc.staff.custody.col.requested'),
              cell: (r) => formatDate(ctx.locale, r.requestedAt, true),
            },
            {
              header: t('antidisc.staff.custody.col.centre'),
              cell: (r) => centres.find((c) => c.id === r.centreId)?.name ?? '',
            },
            {
              header: t('antidisc.staff.custody.col.reason'),
              cell: (r) => (
                <span class="preserve-lines" dir="auto">
                  {r.reason}
                </span>
              ),
            },
            {
              header: t('antidisc.staff.custody.col.action'),
              cell: (r) => (
                <Form ctx={ctx} action={`/beratung/freigaben/${r.reportId}`}>
                  <Button variant="secondary">{t('antidisc.staff.custody.approve')}</Button>
                </Form>
              ),
            },
          ]}
        />
      )}
    </Layout>
  )
}

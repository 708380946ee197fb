import type { PageContext } from '../../../../platform/http/context'
import { Alert, PageHeading, Table } from '../../../../platform/ui/components'
import { Button, Fieldset, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { ApplicationBundle } from '../../queries'
import { type ChangeKind, NOTIFICATION_KINDS } from '../../tables'
import { formatDay, lineName, money, text } from '../../views/parts'
import { changeCostField } from '../change-rules'
import type { ChangeRequestRow, Notification } from '../find-changes'

export const changesPath = (applicationId: string) => `/foerderung/antraege/${applicationId}/aenderungen`
export const notifyPath = (applicationId: string) => `/foerderung/antraege/${applicationId}/mitteilung`

/** The path segment of each kind of change request (German, like every route). */
export const CHANGE_SLUGS = { zeitraum: 'period', kostenplan: 'costs', zweck: 'purpose' } as const
export type ChangeSlug = keyof typeof CHANGE_SLUGS
export const slugOf = (kind: ChangeKind): ChangeSlug =>
  (Object.keys(CHANGE_SLUGS) as ChangeSlug[]).find((s) => CHANGE_SLUGS[s] === kind)!

const ACCEPT = '.pdf,.docx,.xlsx,.odt,.ods,application/pdf'

function GrantLayout({
  ctx,
  b,
  title,
  children,
  parent,
}: {
  ctx: PageContext
  b: ApplicationBundle
  title: string
  children: preact.ComponentChildren
  parent?: boolean
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
        ...(parent ? [{ href: changesPath(b.app.id), label: t('funding.change.title') }] : []),
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

/** The recipient's overview: what it may change, its requests and its notifications. */
export function ChangesPage({
  ctx,
  b,
  requests,
  notifications,
}: {
  ctx: PageContext
  b: ApplicationBundle
  requests: readonly ChangeRequestRow[]
  notifications: readonly Notification[]
}) {
  const { t } = ctx
  const open = requests.some((r) => r.progress === 'submitted')
  return (
    <GrantLayout ctx={ctx} b={b} title={t('funding.change.title')}>
      <p class="kern-body">{t('funding.change.lead')}</p>
      <Alert kind="info" title={t('funding.change.freeShiftTitle')}>
        <p class="kern-body">{t('funding.change.freeShift')}</p>
      </Alert>
      <h2 class="kern-heading-medium">{t('funding.change.newHeading')}</h2>
      {open ? (
        <p class="kern-body">{t('funding.change.error.open')}</p>
      ) : (
        <ul class="kern-list">
          {(['period', 'costs', 'purpose'] as const).map((kind) => (
            <li key={kind}>
              <a class="kern-link" href={ctx.href(`${changesPath(b.app.id)}/${slugOf(kind)}`)}>
                {t(`funding.change.kind.${kind}`)}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p class="kern-body">
        <a class="kern-btn kern-btn--secondary" href={ctx.href(notifyPath(b.app.id))}>
          <span class="kern-label">{t('funding.change.notify')}</span>
        </a>
      </p>
      {requests.length ? (
        <Table
          caption={t('funding.change.requestsCaption')}
          rows={requests}
          rowKey={(r) => r.id}
          columns={[
            { header: t('funding.change.col.kind'), cell: (r) => t(`funding.change.kindShort.${r.kind}`) },
            {
              header: t('funding.change.col.submitted'),
              cell: (r) => formatDay(ctx.locale, r.submittedAt.toISOString().slice(0, 10)),
            },
            {
              header: t('funding.change.col.status'),
              cell: (r) => (
                <>
                  {t(`funding.change.status.${r.progress}`)}
                  {r.progress === 'rejected' && r.decisionNote ? <>: {r.decisionNote}</> : null}
                </>
              ),
            },
          ]}
        />
      ) : (
        <>
          <h2 class="kern-heading-medium">{t('funding.change.requestsCaption')}</h2>
          <p class="kern-body">{t('funding.change.noRequests')}</p>
        </>
      )}
      {notifications.length ? (
        <Table
          caption={t('funding.change.notificationsCaption')}
          rows={notifications}
          rowKey={(n) => n.id}
          columns={[
            { header: t('funding.change.col.kind'), cell: (n) => t(`funding.notify.kind.${n.kind}`) },
            { header: t('funding.change.col.occurred'), cell: (n) => formatDay(ctx.locale, n.occurredOn) },
            {
              header: t('funding.change.col.consequence'),
              cell: (n) =>
                n.handledAt ? t('funding.notify.handled') : t(`funding.notify.consequence.${n.consequence}`),
            },
          ]}
        />
      ) : (
        <>
          <h2 class="kern-heading-medium">{t('funding.change.notificationsCaption')}</h2>
          <p class="kern-body">{t('funding.change.noNotifications')}</p>
        </>
      )}
    </GrantLayout>
  )
}

/** The form of one kind of change request: the new values, the reason, an optional attachment. */
export function ChangeFormPage({
  ctx,
  b,
  kind,
  form,
}: {
  ctx: PageContext
  b: ApplicationBundle
  kind: ChangeKind
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const title = t(`funding.change.kind.${kind}`)
  const current = (value: string) => t('funding.change.current', { value })
  const years = [...new Set(b.costs.map((c) => c.year))].sort()
  return (
    <GrantLayout ctx={ctx} b={b} title={title} parent>
      <f.Summary />
      {kind === 'costs' ? <p class="kern-body">{t('funding.change.freeShift')}</p> : null}
      <Form ctx={ctx} action={ctx.href(`${changesPath(b.app.id)}/${slugOf(kind)}`)} multipart>
        {kind === 'period' ? (
          <>
            <p class="kern-body">{t('funding.change.periodHint')}</p>
            <f.Date
              name="periodStart"
              label={t('funding.change.periodStart')}
              hint={current(formatDay(ctx.locale, b.app.periodStart ?? ''))}
            />
            <f.Date
              name="periodEnd"
              label={t('funding.change.periodEnd')}
              hint={current(formatDay(ctx.locale, b.app.periodEnd ?? ''))}
            />
          </>
        ) : null}
        {kind === 'costs'
          ? years.map((year) => {
              const items = b.costs.filter((c) => c.year === year)
              const total = items.reduce((s, c) => s + c.cents, 0)
              return (
                <Fieldset
                  key={year}
                  heading
                  legend={t('funding.change.costsLegend', { year })}
                  hint={t('funding.change.costsHint', { total: money(ctx, total) })}
                  id={`costs-${year}`}
                >
                  {b.line.rules.costCategories.map((c) => {
                    const planned = items.find((i) => i.category === c.key)?.cents ?? 0
                    return (
                      <f.Text
                        key={c.key}
                        name={changeCostField(year, c.key)}
                        label={`${text(ctx, c.label)} ${year}`}
                        hint={current(money(ctx, planned))}
                        inputmode="decimal"
                        width="money"
                      />
                    )
                  })}
                </Fieldset>
              )
            })
          : null}
        {kind === 'purpose' ? (
          <f.Textarea
            name="purpose"
            label={t('funding.change.purpose')}
            hint={current(b.app.aims ?? '')}
            rows={5}
          />
        ) : null}
        <f.Textarea
          name="reason"
          label={t('funding.change.reason')}
          hint={t('funding.change.reasonHint')}
          rows={4}
        />
        <f.File
          name="attachment"
          label={t('funding.change.attachment')}
          hint={t('funding.change.attachmentHint')}
          accept={ACCEPT}
          optional
        />
        <Button>{t('funding.change.submit')}</Button>
      </Form>
    </GrantLayout>
  )
}

/** The recipient reports what it must (Mitteilungspflichten). */
export function NotificationPage({
  ctx,
  b,
  form,
}: {
  ctx: PageContext
  b: ApplicationBundle
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  return (
    <GrantLayout ctx={ctx} b={b} title={t('funding.notify.title')} parent>
      <f.Summary />
      <p class="kern-body">{t('funding.notify.lead')}</p>
      <Form ctx={ctx} action={ctx.href(notifyPath(b.app.id))} multipart>
        <f.Radios
          name="kind"
          label={t('funding.notify.kind')}
          options={NOTIFICATION_KINDS.map((k) => ({ value: k, label: t(`funding.notify.kind.${k}`) }))}
        />
        <f.Date name="occurredOn" label={t('funding.notify.occurredOn')} />
        <f.Text
          name="amount"
          label={t('funding.notify.amount')}
          hint={t('funding.notify.amountHint')}
          inputmode="decimal"
          width="money"
          optional
        />
        <f.Textarea name="details" label={t('funding.notify.details')} rows={4} />
        <f.File
          name="attachment"
          label={t('funding.change.attachment')}
          hint={t('funding.change.attachmentHint')}
          accept={ACCEPT}
          optional
        />
        <Button>{t('funding.notify.submit')}</Button>
      </Form>
    </GrantLayout>
  )
}

import { fileUrl } from '../../../../platform/files'
import type { PageContext } from '../../../../platform/http/context'
import { PageHeading, Table } from '../../../../platform/ui/components'
import { Button, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { ApplicationBundle } from '../../queries'
import { costPlanOf } from '../../review/amend-grant'
import { Facts, formatDay, money } from '../../views/parts'
import { costShifts } from '../change-rules'
import type { ChangeRequestDetail, OpenChangeRow, OpenNotificationRow } from '../find-changes'

export const STAFF_CHANGES = '/foerderung/verwaltung/aenderungen'
export const staffChangePath = (id: string) => `${STAFF_CHANGES}/${id}`
export const staffNotificationPath = (id: string) => `/foerderung/verwaltung/mitteilungen/${id}/erledigt`

const day = (ctx: PageContext, d: Date) => formatDay(ctx.locale, d.toISOString().slice(0, 10))

/** Staff: open change requests and notifications not yet dealt with. */
export function ChangesDashboardPage({
  ctx,
  open,
  notifications,
}: {
  ctx: PageContext
  open: readonly OpenChangeRow[]
  notifications: readonly OpenNotificationRow[]
}) {
  const { t } = ctx
  const title = t('funding.changeStaff.title')
  const mayDecide = ctx.can('funding.propose')
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[{ href: '/foerderung/verwaltung', label: t('funding.staff.title') }, { label: title }]}
    >
      <PageHeading>{title}</PageHeading>
      <p class="kern-body">{t('funding.changeStaff.lead')}</p>
      {open.length ? (
        <Table
          caption={t('funding.changeStaff.openCaption')}
          rows={open}
          rowKey={(r) => r.request.id}
          columns={[
            {
              header: t('funding.changeStaff.col.fileNumber'),
              cell: (r) => (
                <a class="kern-link" href={ctx.href(staffChangePath(r.request.id))}>
                  <bdi dir="ltr">{r.fileNumber ?? ''}</bdi>
                </a>
              ),
            },
            { header: t('funding.changeStaff.col.recipient'), cell: (r) => r.organisation },
            {
              header: t('funding.change.col.kind'),
              cell: (r) => t(`funding.change.kindShort.${r.request.kind}`),
            },
            { header: t('funding.change.col.submitted'), cell: (r) => day(ctx, r.request.submittedAt) },
          ]}
        />
      ) : (
        <>
          <h2 class="kern-heading-medium">{t('funding.changeStaff.openCaption')}</h2>
          <p class="kern-body">{t('funding.changeStaff.noneOpen')}</p>
        </>
      )}
      {notifications.length ? (
        <Table
          caption={t('funding.changeStaff.notificationsCaption')}
          rows={notifications}
          rowKey={(r) => r.notification.id}
          columns={[
            {
              header: t('funding.changeStaff.col.fileNumber'),
              cell: (r) => <bdi dir="ltr">{r.fileNumber ?? ''}</bdi>,
            },
            { header: t('funding.changeStaff.col.recipient'), cell: (r) => r.organisation },
            {
              header: t('funding.change.col.kind'),
              cell: (r) => (
                <>
                  {t(`funding.notify.kind.${r.notification.kind}`)}
                  {r.notification.amountCents ? <> ({money(ctx, r.notification.amountCents)})</> : null}
                  <br />
                  {r.notification.details}
                </>
              ),
            },
            {
              header: t('funding.change.col.consequence'),
              cell: (r) => t(`funding.notify.consequence.${r.notification.consequence}`),
            },
            {
              header: t('funding.changeStaff.decision'),
              cell: (r) =>
                mayDecide ? (
                  <Form ctx={ctx} action={ctx.href(staffNotificationPath(r.notification.id))}>
                    <Button variant="secondary">{t('funding.changeStaff.handle')}</Button>
                  </Form>
                ) : (
                  '–'
                ),
            },
          ]}
        />
      ) : (
        <>
          <h2 class="kern-heading-medium">{t('funding.changeStaff.notificationsCaption')}</h2>
          <p class="kern-body">{t('funding.changeStaff.noNotifications')}</p>
        </>
      )}
    </Layout>
  )
}

/** What the request asks for against what the notice says, as lines of text. */
function requested(ctx: PageContext, r: ChangeRequestDetail, b: ApplicationBundle): [string, string][] {
  const { t } = ctx
  const d = (s: string | null) => formatDay(ctx.locale, s ?? '')
  if (r.kind === 'period')
    return [
      [`${d(b.app.periodStart)} – ${d(b.app.periodEnd)}`, `${d(r.newPeriodStart)} – ${d(r.newPeriodEnd)}`],
    ]
  if (r.kind === 'purpose') return [[b.app.aims ?? '', r.newPurpose ?? '']]
  const labels = new Map(
    b.line.rules.costCategories.map((c) => [c.key, ctx.locale === 'de' ? c.label.de : c.label.en]),
  )
  return costShifts(costPlanOf(b), r.newCosts ?? {})
    .filter((s) => s.oldCents !== s.newCents)
    .map((s) => [
      `${s.year} · ${labels.get(s.category) ?? s.category}: ${money(ctx, s.oldCents)}`,
      `${money(ctx, s.newCents)}${t('funding.changeStaff.shift', { percent: shiftPercent(s.oldCents, s.newCents) })}`,
    ])
}

/** The shift of an item in whole percent of its planned amount (for display only). */
export function shiftPercent(oldCents: number, newCents: number): string {
  if (oldCents === 0) return '∞'
  const delta = newCents - oldCents
  const pct = Math.round((Math.abs(delta) * 100) / oldCents)
  return `${delta < 0 ? '−' : '+'}${pct}`
}

export function ChangeRequestPage({
  ctx,
  r,
  b,
  form,
}: {
  ctx: PageContext
  r: ChangeRequestDetail
  b: ApplicationBundle
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const title = t('funding.changeStaff.requestTitle', { kind: t(`funding.change.kindShort.${r.kind}`) })
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/foerderung/verwaltung', label: t('funding.staff.title') },
        { href: STAFF_CHANGES, label: t('funding.changeStaff.title') },
        { label: title },
      ]}
    >
      <PageHeading
        lead={
          <>
            {b.org.name} · <bdi dir="ltr">{b.app.fileNumber ?? ''}</bdi>
          </>
        }
      >
        {title}
      </PageHeading>
      <f.Summary />
      <Facts
        items={[
          [t('funding.change.col.status'), t(`funding.change.status.${r.progress}`)],
          [t('funding.change.col.submitted'), day(ctx, r.submittedAt)],
          [t('funding.changeStaff.reason'), r.reason],
        ]}
      />
      <Table
        caption={t('funding.changeStaff.requested')}
        rows={requested(ctx, r, b)}
        rowKey={(row) => row.join('|')}
        columns={[
          { header: t('funding.changeStaff.currently'), cell: (row) => row[0] },
          { header: t('funding.changeStaff.requested'), cell: (row) => row[1] },
        ]}
      />
      {r.files.length ? (
        <>
          <h2 class="kern-heading-medium">{t('funding.changeStaff.attachments')}</h2>
          <ul class="kern-list">
            {r.files.map((file) => (
              <li key={file.id}>
                <a class="kern-link" href={fileUrl(file)}>
                  {file.fileName}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {r.status === 'submitted' && ctx.can('funding.propose') ? (
        <>
          <h2 class="kern-heading-medium">{t('funding.changeStaff.decision')}</h2>
          <Form ctx={ctx} action={ctx.href(`${staffChangePath(r.id)}/entscheidung`)}>
            <f.Radios
              name="decision"
              label={t('funding.changeStaff.decision')}
              options={[
                { value: 'accept', label: t('funding.changeStaff.accept') },
                { value: 'reject', label: t('funding.changeStaff.reject') },
              ]}
            />
            <f.Textarea name="note" label={t('funding.changeStaff.note')} rows={4} optional />
            <Button>{t('funding.changeStaff.submit')}</Button>
          </Form>
        </>
      ) : null}
      <p class="kern-body">
        <a class="kern-link" href={ctx.href(`/foerderung/verwaltung/antraege/${b.app.id}`)}>
          {t('funding.changeStaff.toApplication')}
        </a>
      </p>
    </Layout>
  )
}

import type { PageContext } from '../../../platform/http/context'
import { formatDate } from '../../../platform/i18n'
import { outboxText } from '../../../platform/mail'
import type { mailOutbox } from '../../../platform/mail/tables'
import { Alert, PageHeading, Table } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'

type Mail = typeof mailOutbox.$inferSelect

const STATUS_KEYS = {
  queued: 'admin.outbox.status.queued',
  sending: 'admin.outbox.status.sending',
  sent: 'admin.outbox.status.sent',
  failed: 'admin.outbox.status.failed',
  kept: 'admin.outbox.status.kept',
} as const satisfies Record<Mail['status'], string>

export function OutboxPage({
  ctx,
  mails,
  sends,
}: {
  ctx: PageContext
  mails: readonly Mail[]
  sends: boolean
}) {
  const { t } = ctx
  return (
    <Layout
      ctx={ctx}
      title={t('admin.outbox.title')}
      breadcrumbs={[{ href: '/verwaltung', label: t('admin.title') }, { label: t('admin.outbox.title') }]}
    >
      <PageHeading>{t('admin.outbox.title')}</PageHeading>
      {sends ? null : <Alert kind="info" title={t('admin.outbox.noSmtp')} />}
      {mails.length === 0 ? (
        <p class="kern-body">{t('admin.outbox.none')}</p>
      ) : (
        <Table
          caption={t('admin.outbox.caption')}
          rows={mails}
          rowKey={(m) => m.id}
          columns={[
            { header: t('admin.outbox.created'), cell: (m) => formatDate(ctx.locale, m.createdAt, true) },
            { header: t('admin.outbox.to'), cell: (m) => m.to },
            {
              header: t('admin.outbox.subject'),
              cell: (m) => (
                <details>
                  <summary>{m.subject}</summary>
                  <pre class="mail-text">{outboxText(m)}</pre>
                </details>
              ),
            },
            {
              header: t('admin.outbox.status'),
              cell: (m) => (
                <>
                  {t(STATUS_KEYS[m.status])}
                  {m.lastError ? (
                    <p class="kern-body kern-body--small">
                      {t('admin.outbox.attempts', { n: m.attempts, error: m.lastError })}
                    </p>
                  ) : null}
                </>
              ),
            },
          ]}
        />
      )}
    </Layout>
  )
}

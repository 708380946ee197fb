import type { PageContext } from '../../../platform/http/context'
import { formatDate } from '../../../platform/i18n'
import { PageHeading, Table } from '../../../platform/ui/components'
import { Button, Form, type FormState, fields } from '../../../platform/ui/form'
import { Layout } from '../../../platform/ui/layout'
import type { Contact, Topic } from '../queries'
import type { ReleaseStatus } from '../tables'

const DESK = '/presse/redaktion'

export function DeskIndexPage({
  ctx,
  releases,
}: {
  ctx: PageContext
  releases: readonly {
    id: string
    title: string
    status: ReleaseStatus
    publishAt: Date | null
    publishedAt: Date | null
    updatedAt: Date
  }[]
}) {
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t('press.desk.title')}>
      <PageHeading>{t('press.desk.title')}</PageHeading>
      <ul class="kern-list kern-list--horizontal press-desk__links">
        <li>
          <a class="kern-btn kern-btn--primary" href={ctx.href(`${DESK}/neu`)}>
            <span class="kern-label">{t('press.desk.new')}</span>
          </a>
        </li>
        <li>
          <a class="kern-link" href={ctx.href(`${DESK}/themen`)}>
            {t('press.topics.title')}
          </a>
        </li>
        <li>
          <a class="kern-link" href={ctx.href(`${DESK}/kontakte`)}>
            {t('press.contacts.title')}
          </a>
        </li>
      </ul>
      {releases.length === 0 ? (
        <p class="kern-body">{t('press.desk.none')}</p>
      ) : (
        <Table
          caption={t('press.desk.caption')}
          rows={releases}
          rowKey={(r) => r.id}
          columns={[
            {
              header: t('press.form.title'),
              cell: (r) => (
                <a class="kern-link" href={ctx.href(`${DESK}/${r.id}`)}>
                  {r.title}
                </a>
              ),
            },
            {
              header: t('press.desk.status'),
              cell: (r) =>
                r.status === 'scheduled' && r.publishAt
                  ? `${t('press.status.scheduled')}: ${formatDate(ctx.locale, r.publishAt, true)}`
                  : t(`press.status.${r.status}`),
            },
            {
              header: t('press.desk.published'),
              cell: (r) => (r.publishedAt ? formatDate(ctx.locale, r.publishedAt) : '–'),
            },
            { header: t('press.desk.changed'), cell: (r) => formatDate(ctx.locale, r.updatedAt, true) },
          ]}
        />
      )}
    </Layout>
  )
}

export function TopicsPage({
  ctx,
  topics,
  form,
}: {
  ctx: PageContext
  topics: readonly Topic[]
  form: FormState
}) {
  const f = fields(ctx, form)
  const { t } = ctx
  return (
    <Layout
      ctx={ctx}
      title={t('press.topics.title')}
      breadcrumbs={[{ href: DESK, label: t('press.desk.title') }, { label: t('press.topics.title') }]}
    >
      <PageHeading>{t('press.topics.title')}</PageHeading>
      {topics.length === 0 ? (
        <p class="kern-body">{t('press.topics.none')}</p>
      ) : (
        <Table
          caption={t('press.topics.caption')}
          rows={topics}
          rowKey={(x) => x.id}
          columns={[
            { header: t('press.topics.name'), cell: (x) => x.name },
            {
              header: t('press.form.slug'),
              cell: (x) => (
                <a class="kern-link" href={`${ctx.href('/presse')}?thema=${encodeURIComponent(x.slug)}`}>
                  {x.slug}
                </a>
              ),
            },
          ]}
        />
      )}
      <h2 class="kern-heading-medium">{t('press.topics.create')}</h2>
      <f.Summary />
      <Form ctx={ctx} action={ctx.href(`${DESK}/themen`)}>
        <f.Text name="name" label={t('press.topics.name')} />
        <f.Text name="slug" optional label={t('press.form.slug')} hint={t('press.form.slugHint')} />
        <Button>{t('press.topics.create')}</Button>
      </Form>
    </Layout>
  )
}

export function ContactsPage({ ctx, contacts }: { ctx: PageContext; contacts: readonly Contact[] }) {
  const { t } = ctx
  return (
    <Layout
      ctx={ctx}
      title={t('press.contacts.title')}
      breadcrumbs={[{ href: DESK, label: t('press.desk.title') }, { label: t('press.contacts.title') }]}
    >
      <PageHeading>{t('press.contacts.title')}</PageHeading>
      <p class="kern-body">
        <a class="kern-btn kern-btn--primary" href={ctx.href(`${DESK}/kontakte/neu`)}>
          <span class="kern-label">{t('press.contacts.new')}</span>
        </a>
      </p>
      {contacts.length === 0 ? (
        <p class="kern-body">{t('press.contacts.none')}</p>
      ) : (
        <Table
          caption={t('press.contacts.caption')}
          rows={contacts}
          rowKey={(c) => c.id}
          columns={[
            {
              header: t('press.contacts.name'),
              cell: (c) => (
                <a class="kern-link" href={ctx.href(`${DESK}/kontakte/${c.id}`)}>
                  {c.name}
                </a>
              ),
            },
            { header: t('press.contacts.organisation'), cell: (c) => c.organisation },
            { header: t('press.contacts.phone'), cell: (c) => c.phone ?? '–' },
            { header: t('press.contacts.email'), cell: (c) => c.email ?? '–' },
          ]}
        />
      )}
    </Layout>
  )
}

export function ContactFormPage({
  ctx,
  form,
  contactId,
}: {
  ctx: PageContext
  form: FormState
  /** Undefined for a new contact. */
  contactId?: string
}) {
  const f = fields(ctx, form)
  const { t } = ctx
  const title = contactId ? t('press.contacts.edit') : t('press.contacts.new')
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: DESK, label: t('press.desk.title') },
        { href: `${DESK}/kontakte`, label: t('press.contacts.title') },
        { label: title },
      ]}
    >
      <PageHeading>{title}</PageHeading>
      <f.Summary />
      <Form ctx={ctx} action={ctx.href(`${DESK}/kontakte/${contactId ?? 'neu'}`)}>
        <f.Text name="name" label={t('press.contacts.name')} autocomplete="off" />
        <f.Text name="organisation" label={t('press.contacts.organisation')} />
        <f.Text name="street" optional label={t('press.contacts.street')} />
        <f.Text
          name="postalCode"
          optional
          width="postcode"
          inputmode="numeric"
          label={t('press.contacts.postalCode')}
        />
        <f.Text name="city" optional label={t('press.contacts.city')} />
        <f.Text name="phone" optional type="tel" width="phone" label={t('press.contacts.phone')} />
        <f.Text name="fax" optional type="tel" width="phone" label={t('press.contacts.fax')} />
        <f.Text name="email" optional type="email" label={t('press.contacts.email')} />
        <Button>{t('press.form.save')}</Button>
      </Form>
    </Layout>
  )
}

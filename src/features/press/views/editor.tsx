import type { PageContext } from '../../../platform/http/context'
import { formatDate } from '../../../platform/i18n'
import { Alert, PageHeading, SubNav, Table } from '../../../platform/ui/components'
import { Button, ErrorSummary, Form, type FormState, fields } from '../../../platform/ui/form'
import { Layout } from '../../../platform/ui/layout'
import type { Contact, ReleaseDetail, Topic } from '../queries'
import type { ReleaseSnapshot } from '../tables'
import { downloadHref, fileInfo } from './parts'

const DESK = '/presse/redaktion'

function ReleaseFields({
  ctx,
  form,
  topics,
  contacts,
}: {
  ctx: PageContext
  form: FormState
  topics: readonly Topic[]
  contacts: readonly Contact[]
}) {
  const f = fields(ctx, form)
  const { t } = ctx
  return (
    <>
      <f.Text name="title" label={t('press.form.title')} />
      <f.Textarea
        name="subtitle"
        optional
        rows={3}
        label={t('press.form.subtitle')}
        hint={t('press.form.subtitleHint')}
      />
      <f.Text name="slug" optional label={t('press.form.slug')} hint={t('press.form.slugHint')} />
      <f.Text
        name="dateline"
        optional
        width="medium"
        label={t('press.form.dateline')}
        hint={t('press.form.datelineHint')}
      />
      <f.Textarea name="body" rows={16} label={t('press.form.body')} hint={t('press.form.bodyHint')} />
      <f.Textarea
        name="teaser"
        optional
        rows={3}
        label={t('press.form.teaser')}
        hint={t('press.form.teaserHint')}
      />
      <f.Select
        name="contactId"
        optional
        label={t('press.form.contact')}
        options={contacts.map((c) => ({ value: c.id, label: `${c.name} (${c.organisation})` }))}
      />
      {topics.length > 0 ? (
        <f.Checkboxes
          name="topicIds"
          optional
          label={t('press.form.topics')}
          options={topics.map((x) => ({ value: x.id, label: x.name }))}
        />
      ) : null}
    </>
  )
}

export function NewReleasePage({
  ctx,
  form,
  topics,
  contacts,
}: {
  ctx: PageContext
  form: FormState
  topics: readonly Topic[]
  contacts: readonly Contact[]
}) {
  const f = fields(ctx, form)
  const { t } = ctx
  return (
    <Layout
      ctx={ctx}
      title={t('press.desk.new')}
      breadcrumbs={[{ href: DESK, label: t('press.desk.title') }, { label: t('press.desk.new') }]}
    >
      <PageHeading>{t('press.desk.new')}</PageHeading>
      <f.Summary />
      <Form ctx={ctx} action={ctx.href(`${DESK}/neu`)} class="press-editor">
        <ReleaseFields ctx={ctx} form={form} topics={topics} contacts={contacts} />
        <Button>{t('press.form.create')}</Button>
      </Form>
    </Layout>
  )
}

export interface EditForms {
  release: FormState
  status: FormState
  upload: FormState
}

/** The editor's sub-pages: the text, its downloads, and (for those who may publish) publication. */
export type EditSection = 'content' | 'downloads' | 'publication'

export const editSectionHref = (id: string, section: EditSection): string =>
  section === 'content'
    ? `${DESK}/${id}`
    : `${DESK}/${id}/${section === 'downloads' ? 'downloads' : 'veroeffentlichung'}`

const SECTION_LABEL = {
  content: 'press.edit.content',
  downloads: 'press.downloads',
  publication: 'press.publication.title',
} as const

export function EditReleasePage({
  ctx,
  detail,
  section,
  forms,
  topics,
  contacts,
  maxMb,
}: {
  ctx: PageContext
  detail: ReleaseDetail
  section: EditSection
  forms: EditForms
  topics: readonly Topic[]
  contacts: readonly Contact[]
  maxMb: number
}) {
  const forms_statusF = fields(ctx, forms.status)
  const forms_uploadF = fields(ctx, forms.upload)
  const { t } = ctx
  const r = detail.release
  const base = `${DESK}/${r.id}`
  const sections: EditSection[] = ctx.can('press.publish')
    ? ['content', 'downloads', 'publication']
    : ['content', 'downloads']
  const sectionLabel = t(SECTION_LABEL[section])
  return (
    <Layout
      ctx={ctx}
      title={`${sectionLabel} – ${t('press.edit.title', { title: r.title })}`}
      breadcrumbs={[
        { href: DESK, label: t('press.desk.title') },
        section === 'content' ? { label: r.title } : { href: base, label: r.title },
        ...(section === 'content' ? [] : [{ label: sectionLabel }]),
      ]}
    >
      <PageHeading lead={t('press.edit.status', { status: t(`press.status.${r.status}`) })}>
        {t('press.edit.title', { title: r.title })}
      </PageHeading>
      <SubNav
        ctx={ctx}
        label={t('press.edit.sections')}
        current={editSectionHref(r.id, section)}
        items={sections.map((s) => ({ href: editSectionHref(r.id, s), label: t(SECTION_LABEL[s]) }))}
      />
      {/* On every sub-page: a scheduled release says when it goes public. */}
      {r.status === 'scheduled' && r.publishAt ? (
        <Alert
          kind="info"
          title={t('press.publication.scheduledFor', { date: formatDate(ctx.locale, r.publishAt, true) })}
        />
      ) : null}
      <ErrorSummary ctx={ctx} form={[forms.release, forms.upload, forms.status]} />
      <ul class="kern-list kern-list--horizontal press-editor__links">
        <li>
          <a class="kern-link" href={ctx.href(`${base}/vorschau`)}>
            {t('press.preview.link')}
          </a>
        </li>
        <li>
          <a class="kern-link" href={ctx.href(`${base}/versionen`)}>
            {t('press.revisions.title')}
          </a>
        </li>
        {r.status === 'published' ? (
          <li>
            <a class="kern-link" href={ctx.href(`/presse/${r.slug}`)}>
              {t('press.public.link')}
            </a>
          </li>
        ) : null}
      </ul>

      {section === 'content' ? (
        <section aria-labelledby="press-edit-content">
          <h2 class="kern-heading-medium" id="press-edit-content">
            {t('press.edit.content')}
          </h2>
          <Form ctx={ctx} action={ctx.href(base)} class="press-editor">
            <input type="hidden" name="version" value={String(forms.release.values.version ?? r.version)} />
            <ReleaseFields ctx={ctx} form={forms.release} topics={topics} contacts={contacts} />
            <Button>{t('press.form.save')}</Button>
          </Form>
        </section>
      ) : null}

      {section === 'downloads' ? (
        <section aria-labelledby="press-edit-downloads">
          <h2 class="kern-heading-medium" id="press-edit-downloads">
            {t('press.downloads')}
          </h2>
          {detail.attachments.length === 0 ? (
            <p class="kern-body">{t('press.attachments.none')}</p>
          ) : (
            <ul class="kern-list">
              {detail.attachments.map((a) => (
                <li key={a.id} class="press-attachment">
                  <a class="kern-link" href={downloadHref(ctx, r.slug, a)}>
                    {a.title}
                  </a>{' '}
                  ({fileInfo(ctx, a)})
                  <Form
                    ctx={ctx}
                    action={ctx.href(`${base}/anhaenge/${a.id}/entfernen`)}
                    class="press-inline-form"
                  >
                    <button type="submit" class="kern-btn kern-btn--tertiary kern-btn--x-small">
                      <span class="kern-label">
                        {t('press.attachments.remove')}
                        <span class="kern-sr-only">: {a.title}</span>
                      </span>
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
          <Form ctx={ctx} action={ctx.href(`${base}/anhaenge`)} multipart>
            <forms_uploadF.File
              name="file"
              label={t('press.attachments.file')}
              hint={t('press.attachments.hint', { mb: maxMb })}
              accept=".pdf,.docx,.xlsx,.pptx,.odt,.ods,.jpg,.jpeg,.png,.webp,.gif"
            />
            <forms_uploadF.Text name="fileTitle" optional label={t('press.attachments.fileTitle')} />
            <Button variant="secondary">{t('press.attachments.upload')}</Button>
          </Form>
        </section>
      ) : null}

      {section === 'publication' && ctx.can('press.publish') ? (
        <section aria-labelledby="press-edit-publication">
          <h2 class="kern-heading-medium" id="press-edit-publication">
            {t('press.publication.title')}
          </h2>
          {r.status !== 'published' ? (
            <Form ctx={ctx} method="get" action={ctx.href(`${base}/veroeffentlichen`)}>
              <Button>{t('press.action.publish')}</Button>
            </Form>
          ) : (
            <Form ctx={ctx} action={ctx.href(`${base}/status`)}>
              <Button name="action" value="unpublish" variant="secondary">
                {t('press.action.unpublish')}
              </Button>
            </Form>
          )}
          {r.status !== 'published' ? (
            <Form ctx={ctx} action={ctx.href(`${base}/status`)} class="press-schedule">
              <forms_statusF.Date
                name="publishAt"
                withTime
                label={t('press.form.publishAt')}
                hint={t('press.form.publishAtHint')}
              />
              <Button name="action" value="schedule" variant="secondary">
                {t('press.action.schedule')}
              </Button>
            </Form>
          ) : null}
          {r.status !== 'archived' ? (
            <Form ctx={ctx} action={ctx.href(`${base}/status`)}>
              <Button name="action" value="archive" variant="tertiary">
                {t('press.action.archive')}
              </Button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </Layout>
  )
}

/** The step between "Jetzt veröffentlichen" and the release going public: says what will happen. */
export function ConfirmPublishPage({
  ctx,
  detail,
  publicUrl,
}: {
  ctx: PageContext
  detail: ReleaseDetail
  publicUrl: string
}) {
  const { t } = ctx
  const r = detail.release
  const base = `${DESK}/${r.id}`
  return (
    <Layout
      ctx={ctx}
      title={t('press.confirmPublish.title')}
      breadcrumbs={[
        { href: DESK, label: t('press.desk.title') },
        { href: base, label: r.title },
        { href: editSectionHref(r.id, 'publication'), label: t('press.publication.title') },
        { label: t('press.confirmPublish.title') },
      ]}
    >
      <PageHeading>{t('press.confirmPublish.title')}</PageHeading>
      <p class="kern-body">{t('press.confirmPublish.what', { title: r.title })}</p>
      <p class="kern-body">
        <code>{`${publicUrl}/presse/${r.slug}`}</code>
      </p>
      {r.status === 'scheduled' && r.publishAt ? (
        <Alert
          kind="info"
          title={t('press.confirmPublish.replacesSchedule', {
            date: formatDate(ctx.locale, r.publishAt, true),
          })}
        />
      ) : null}
      <Form ctx={ctx} action={ctx.href(`${base}/status`)} class="confirm-actions">
        <input type="hidden" name="action" value="publish" />
        <input type="hidden" name="confirm" value="ja" />
        <Button>{t('press.confirmPublish.yes')}</Button>
        <a class="kern-btn kern-btn--secondary" href={ctx.href(editSectionHref(r.id, 'publication'))}>
          <span class="kern-label">{t('press.confirmPublish.no')}</span>
        </a>
      </Form>
    </Layout>
  )
}

export function RevisionsPage({
  ctx,
  detail,
  revisions,
}: {
  ctx: PageContext
  detail: ReleaseDetail
  revisions: readonly { id: string; version: number; createdByLabel: string; createdAt: Date }[]
}) {
  const { t } = ctx
  const r = detail.release
  const base = `${DESK}/${r.id}`
  return (
    <Layout
      ctx={ctx}
      title={t('press.revisions.titleFor', { title: r.title })}
      breadcrumbs={[
        { href: DESK, label: t('press.desk.title') },
        { href: base, label: r.title },
        { label: t('press.revisions.title') },
      ]}
    >
      <PageHeading>{t('press.revisions.titleFor', { title: r.title })}</PageHeading>
      <Table
        caption={t('press.revisions.caption')}
        rows={revisions}
        rowKey={(v) => v.id}
        columns={[
          {
            header: t('press.revisions.version'),
            cell: (v) => (
              <a class="kern-link" href={ctx.href(`${base}/versionen/${v.id}`)}>
                {t('press.revisions.versionN', { n: v.version })}
                {v.version === r.version ? ` (${t('press.revisions.current')})` : ''}
              </a>
            ),
          },
          { header: t('press.revisions.by'), cell: (v) => v.createdByLabel },
          { header: t('press.revisions.at'), cell: (v) => formatDate(ctx.locale, v.createdAt, true) },
        ]}
      />
    </Layout>
  )
}

export function RevisionPage({
  ctx,
  detail,
  revision,
}: {
  ctx: PageContext
  detail: ReleaseDetail
  revision: {
    id: string
    version: number
    snapshot: ReleaseSnapshot
    createdByLabel: string
    createdAt: Date
  }
}) {
  const { t } = ctx
  const r = detail.release
  const base = `${DESK}/${r.id}`
  const s = revision.snapshot
  const rows: [string, string | null][] = [
    [t('press.form.title'), s.title],
    [t('press.form.subtitle'), s.subtitle],
    [t('press.form.slug'), s.slug],
    [t('press.form.dateline'), s.dateline],
    [t('press.form.teaser'), s.teaser],
  ]
  return (
    <Layout
      ctx={ctx}
      title={t('press.revisions.versionN', { n: revision.version })}
      breadcrumbs={[
        { href: DESK, label: t('press.desk.title') },
        { href: base, label: r.title },
        { href: `${base}/versionen`, label: t('press.revisions.title') },
        { label: t('press.revisions.versionN', { n: revision.version }) },
      ]}
    >
      <PageHeading
        lead={t('press.revisions.savedBy', {
          who: revision.createdByLabel,
          at: formatDate(ctx.locale, revision.createdAt, true),
        })}
      >
        {t('press.revisions.versionN', { n: revision.version })}
      </PageHeading>
      <dl class="press-revision">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt class="kern-label">{label}</dt>
            <dd class="kern-body">{value ?? '–'}</dd>
          </div>
        ))}
        <div>
          <dt class="kern-label">{t('press.form.body')}</dt>
          <dd>
            <pre class="press-revision__body">{s.body}</pre>
          </dd>
        </div>
      </dl>
      {revision.version !== r.version ? (
        <Form ctx={ctx} action={ctx.href(`${base}/versionen/${revision.id}/wiederherstellen`)}>
          <Button>{t('press.revisions.restore')}</Button>
        </Form>
      ) : null}
    </Layout>
  )
}

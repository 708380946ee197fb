import { fileUrl } from '../../../../platform/files'
import type { PageContext } from '../../../../platform/http/context'
import { Alert, PageHeading } from '../../../../platform/ui/components'
import { Button, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { CouncilFileRow } from '../manage-files'

/** Accepted in the file picker; the server decides from the bytes (COUNCIL_FILE_TYPES). */
export const FILE_ACCEPT = '.pdf,.docx,.xlsx,.pptx,.odt,.ods,.jpg,.jpeg,.png,.webp,.gif'

/** "PDF, 120 KB" */
export function fileInfo(ctx: PageContext, f: Pick<CouncilFileRow, 'extension' | 'size'>): string {
  const nf = new Intl.NumberFormat(ctx.locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 })
  const size =
    f.size >= 1024 * 1024
      ? `${nf.format(f.size / (1024 * 1024))} MB`
      : `${nf.format(Math.max(1, Math.round(f.size / 1024)))} KB`
  return ctx.t('councils.files.info', { type: f.extension.toUpperCase(), size })
}

/**
 * A list of downloads; the link text carries name, type and size, so it reads well on its own
 * (WCAG 2.4.4). `minutes` names the main file "minutes (document)".
 */
export function FileList({
  ctx,
  files,
  label,
  minutes,
}: {
  ctx: PageContext
  files: readonly CouncilFileRow[]
  label: string
  minutes?: boolean
}) {
  if (files.length === 0) return null
  return (
    <ul class="kern-list council-files" aria-label={label}>
      {files.map((f) => (
        <li key={f.id}>
          <a class="kern-link" href={ctx.href(fileUrl({ id: f.fileId, originalName: f.fileName }))}>
            {f.name} ({fileInfo(ctx, f)})
          </a>
          {f.role === 'main'
            ? ` – ${ctx.t(minutes ? 'councils.files.minutesMain' : 'councils.files.main')}`
            : ''}
        </li>
      ))}
    </ul>
  )
}

/** The staff page of the files of a paper or of a meeting's minutes: list, remove, upload. */
export function FilesStaffPage({
  ctx,
  title,
  lead,
  back,
  action,
  files,
  form,
  canRemove,
  canUpload,
  notice,
  maxMb,
  minutes,
}: {
  ctx: PageContext
  title: string
  lead: string
  back: { href: string; label: string }
  /** Locale-free path of the upload form; removal posts to `${action}/<id>/entfernen`. */
  action: string
  files: readonly CouncilFileRow[]
  form: FormState
  canRemove: boolean
  canUpload: boolean
  notice?: string | undefined
  maxMb: number
  minutes?: boolean
}) {
  const { t } = ctx
  const hasMain = files.some((f) => f.role === 'main')
  const mainLabel = t(minutes ? 'councils.files.minutesMain' : 'councils.files.main')
  const roleForm: FormState = form.values.role
    ? form
    : { ...form, values: { ...form.values, role: hasMain ? 'attachment' : 'main' } }
  const f = fields(ctx, form)
  const roleFormF = fields(ctx, roleForm)
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[{ href: back.href, label: back.label }, { label: t('councils.files.title') }]}
    >
      <PageHeading lead={lead}>{title}</PageHeading>
      <f.Summary />
      {notice ? <Alert kind="info" title={notice} /> : null}
      <p class="kern-body">
        <a class="kern-link" href={ctx.href(back.href)}>
          {back.label}
        </a>
      </p>
      <h2 class="kern-heading-medium">{t('councils.files.title')}</h2>
      {files.length === 0 ? (
        <p class="kern-body">{t('councils.files.none')}</p>
      ) : (
        <ul class="kern-list council-files">
          {files.map((f) => (
            <li key={f.id}>
              <a class="kern-link" href={ctx.href(fileUrl({ id: f.fileId, originalName: f.fileName }))}>
                {f.name} ({fileInfo(ctx, f)})
              </a>{' '}
              – {f.role === 'main' ? mainLabel : t('councils.files.attachment')}
              {canRemove ? (
                <Form ctx={ctx} action={ctx.href(`${action}/${f.id}/entfernen`)} class="press-inline-form">
                  <button type="submit" class="kern-btn kern-btn--tertiary kern-btn--x-small">
                    <span class="kern-label">
                      {t('councils.files.remove')}
                      <span class="kern-sr-only">: {f.name}</span>
                    </span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canUpload ? (
        <>
          <h2 class="kern-heading-medium">{t('councils.files.upload')}</h2>
          <Form ctx={ctx} action={ctx.href(action)} multipart>
            <f.File
              name="file"
              label={t('councils.files.file')}
              hint={t('councils.files.hint', { mb: maxMb })}
              accept={FILE_ACCEPT}
            />
            <f.Text
              name="name"
              optional
              label={t('councils.files.name')}
              hint={t('councils.files.nameHint')}
            />
            <roleFormF.Radios
              name="role"
              label={t('councils.files.role')}
              options={[
                { value: 'main', label: mainLabel },
                { value: 'attachment', label: t('councils.files.attachment') },
              ]}
            />
            <Button variant="secondary">{t('councils.files.upload')}</Button>
          </Form>
        </>
      ) : null}
    </Layout>
  )
}

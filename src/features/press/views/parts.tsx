import type { PageContext } from '../../../platform/http/context'
import { formatDate } from '../../../platform/i18n'
import type { Attachment, Contact, Topic } from '../queries'

export function ReleaseDate({ ctx, date }: { ctx: PageContext; date: Date | null }) {
  if (!date) return null
  return <time dateTime={date.toISOString()}>{formatDate(ctx.locale, date)}</time>
}

export function readingTime(ctx: PageContext, minutes: number): string {
  return ctx.t('press.readingTime.many', { n: minutes })
}

/** "PDF, 1,2 MB" */
export function fileInfo(ctx: PageContext, a: Pick<Attachment, 'extension' | 'size'>): string {
  const nf = new Intl.NumberFormat(ctx.locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 })
  const size =
    a.size >= 1024 * 1024
      ? `${nf.format(a.size / (1024 * 1024))} MB`
      : `${nf.format(Math.max(1, Math.round(a.size / 1024)))} KB`
  return `${a.extension.toUpperCase()}, ${size}`
}

export function downloadHref(
  ctx: PageContext,
  slug: string,
  a: Pick<Attachment, 'fileId' | 'fileName'>,
): string {
  return ctx.href(`/presse/${slug}/dateien/${a.fileId}/${encodeURIComponent(a.fileName)}`)
}

export function TopicLinks({ ctx, topics }: { ctx: PageContext; topics: readonly Topic[] }) {
  if (topics.length === 0) return null
  return (
    <section class="press-topics" aria-labelledby="press-topics-title">
      <h2 class="kern-heading-small" id="press-topics-title">
        {ctx.t('press.topics')}
      </h2>
      <ul class="kern-list kern-list--horizontal">
        {topics.map((t) => (
          <li key={t.id}>
            <a class="kern-link" href={`${ctx.href('/presse')}?thema=${encodeURIComponent(t.slug)}`}>
              {t.name}
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}

export function ContactBlock({ ctx, contact }: { ctx: PageContext; contact: Contact }) {
  const { t } = ctx
  return (
    <section class="press-contact" aria-labelledby="press-contact-title">
      <h2 class="kern-heading-small" id="press-contact-title">
        {t('press.contact.title')}
      </h2>
      <address class="kern-body">
        {contact.name}
        <br />
        {contact.organisation}
        {contact.street ? (
          <>
            <br />
            {contact.street}
          </>
        ) : null}
        {contact.postalCode || contact.city ? (
          <>
            <br />
            {[contact.postalCode, contact.city].filter(Boolean).join(' ')}
          </>
        ) : null}
      </address>
      {contact.phone || contact.fax || contact.email ? (
        <dl class="press-contact__lines kern-body">
          {contact.phone ? (
            <>
              <dt>{t('press.contact.phone')}</dt>
              <dd>
                <a class="kern-link" dir="ltr" href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>
                  {contact.phone}
                </a>
              </dd>
            </>
          ) : null}
          {contact.fax ? (
            <>
              <dt>{t('press.contact.fax')}</dt>
              <dd>{contact.fax}</dd>
            </>
          ) : null}
          {contact.email ? (
            <>
              <dt>{t('press.contact.email')}</dt>
              <dd>
                <a class="kern-link" dir="ltr" href={`mailto:${contact.email}`}>
                  {contact.email}
                </a>
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </section>
  )
}

export function Downloads({
  ctx,
  slug,
  attachments,
}: {
  ctx: PageContext
  slug: string
  attachments: readonly Attachment[]
}) {
  if (attachments.length === 0) return null
  return (
    <section class="press-downloads" aria-labelledby="press-downloads-title">
      <h2 class="kern-heading-small" id="press-downloads-title">
        {ctx.t('press.downloads')}
      </h2>
      <ul class="kern-list">
        {attachments.map((a) => (
          <li key={a.id}>
            <a class="kern-link" href={downloadHref(ctx, slug, a)} download={a.fileName}>
              {a.title}
            </a>{' '}
            <span class="kern-body kern-body--small">({fileInfo(ctx, a)})</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

export function SearchForm({ ctx, q }: { ctx: PageContext; q: string }) {
  return (
    <form method="get" action={ctx.href('/presse/suche')} class="filter-form press-search">
      <div class="kern-form-input">
        <label class="kern-label" for="press-q">
          {ctx.t('press.search.label')}
        </label>
        <input class="kern-form-input__input" id="press-q" name="q" type="search" value={q} maxLength={200} />
      </div>
      <button type="submit" class="kern-btn kern-btn--secondary">
        <span class="kern-label">{ctx.t('press.search.button')}</span>
      </button>
    </form>
  )
}

export function FeedLink({ ctx, href, label }: { ctx: PageContext; href: string; label: string }) {
  return (
    <p class="kern-body press-feed-link">
      <a class="kern-link" href={ctx.href(href)} type="application/atom+xml">
        {label}
      </a>
    </p>
  )
}

import type { PageContext } from '../../../platform/http/context'
import { germanContent } from '../../../platform/i18n'
import type { Operator } from '../../../platform/operator'
import { Alert } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'
import { withDateline } from '../markdown'
import type { Contact, ReleaseDetail } from '../queries'
import { ContactBlock, Downloads, ReleaseDate, readingTime, TopicLinks } from './parts'

/** The public page of one release; also the preview for the press office (`preview`). */
export function ReleasePage({
  ctx,
  detail,
  publicUrl,
  preview,
}: {
  ctx: PageContext
  detail: ReleaseDetail
  publicUrl: string
  preview?: boolean
}) {
  const { t } = ctx
  const r = detail.release
  const canonical = `${publicUrl}${ctx.href(`/presse/${r.slug}`)}`
  const head = (
    <>
      {preview ? <meta name="robots" content="noindex" /> : <link rel="canonical" href={canonical} />}
      <link
        rel="alternate"
        type="application/atom+xml"
        title={t('press.feed.all')}
        href={ctx.href('/presse/feed.atom')}
      />
      <meta property="og:type" content="article" />
      <meta property="og:title" content={r.title} />
      <meta property="og:description" content={r.teaser} />
      <meta property="og:url" content={canonical} />
      <meta property="og:site_name" content={t('site.name')} />
      <meta property="og:locale" content={ctx.locale === 'de' ? 'de_DE' : 'en_GB'} />
      {r.publishedAt ? (
        <meta property="article:published_time" content={r.publishedAt.toISOString()} />
      ) : null}
      <meta property="article:modified_time" content={r.updatedAt.toISOString()} />
    </>
  )
  return (
    <Layout
      ctx={ctx}
      title={r.title}
      description={r.teaser}
      head={head}
      breadcrumbs={[{ href: '/presse', label: t('press.title') }, { label: r.title }]}
    >
      {preview ? (
        <Alert kind="info" title={t('press.preview.title')}>
          <p class="kern-body">{t(`press.status.${r.status}`)}</p>
        </Alert>
      ) : null}
      {ctx.locale === 'de' ? null : (
        <Alert kind="info" title={t('ui.language.germanOnly')}>
          <p class="kern-body">{t('press.germanOnly')}</p>
        </Alert>
      )}
      <article class="press-release">
        <header class="kern-hgroup page-heading">
          <p class="kern-preline">
            <ReleaseDate ctx={ctx} date={r.publishedAt ?? r.publishAt} />
          </p>
          <h1 class="kern-heading-large" {...germanContent(ctx.locale)}>
            {r.title}
          </h1>
          {r.subtitle ? (
            <p class="kern-subline" {...germanContent(ctx.locale)}>
              {r.subtitle}
            </p>
          ) : null}
        </header>
        <p class="kern-body kern-body--small press-reading-time">{readingTime(ctx, r.readingMinutes)}</p>
        <div
          class="kern-body press-body prose"
          {...germanContent(ctx.locale)}
          dangerouslySetInnerHTML={{ __html: withDateline(r.bodyHtml, r.dateline) }}
        />
        <TopicLinks ctx={ctx} topics={detail.topics} />
        {detail.contact ? (
          <ContactBlock ctx={ctx} contact={detail.contact} />
        ) : ctx.operator ? (
          <ContactBlock ctx={ctx} contact={operatorContact(ctx.operator)} />
        ) : null}
        <Downloads ctx={ctx} slug={r.slug} attachments={detail.attachments} />
      </article>
    </Layout>
  )
}

/** A release without a contact of its own names the operator's press office (one place, see Operator). */
function operatorContact(o: Operator): Contact {
  return {
    id: 'operator',
    name: o.pressOffice,
    organisation: o.name,
    street: o.street,
    postalCode: o.postcode,
    city: o.city,
    phone: o.pressPhone,
    fax: null,
    email: o.pressEmail,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  }
}

import type { PageContext } from '../../../platform/http/context'
import { germanContent } from '../../../platform/i18n'
import { PageHeading, Pagination } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'
import type { ReleaseSummary, Topic } from '../queries'
import { FeedLink, ReleaseDate, readingTime, SearchForm } from './parts'

export function ReleaseList({ ctx, rows }: { ctx: PageContext; rows: readonly ReleaseSummary[] }) {
  return (
    <ol class="press-list">
      {rows.map((r) => (
        <li key={r.id} class="press-list__item">
          <article>
            <p class="kern-preline">
              <ReleaseDate ctx={ctx} date={r.publishedAt} />
            </p>
            <h2 class="kern-heading-medium" {...germanContent(ctx.locale)}>
              <a class="kern-link" href={ctx.href(`/presse/${r.slug}`)}>
                {r.title}
              </a>
            </h2>
            <p class="kern-body" {...germanContent(ctx.locale)}>
              {r.teaser}
            </p>
            <p class="kern-body kern-body--small">{readingTime(ctx, r.readingMinutes)}</p>
          </article>
        </li>
      ))}
    </ol>
  )
}

export function PressListPage({
  ctx,
  rows,
  total,
  page,
  pageCount,
  topics,
  years,
  topic,
  year,
  publicUrl,
}: {
  ctx: PageContext
  rows: readonly ReleaseSummary[]
  total: number
  page: number
  pageCount: number
  topics: readonly Topic[]
  years: readonly number[]
  topic: Topic | null
  year: number | undefined
  publicUrl: string
}) {
  const { t } = ctx
  const query = (p: number) => {
    const q = new URLSearchParams()
    if (topic) q.set('thema', topic.slug)
    if (year) q.set('jahr', String(year))
    if (p > 1) q.set('seite', String(p))
    const s = q.toString()
    return `${ctx.href('/presse')}${s ? `?${s}` : ''}`
  }
  const feedHref = topic ? `/presse/themen/${topic.slug}/feed.atom` : '/presse/feed.atom'
  const title = topic ? t('press.list.topicTitle', { topic: topic.name }) : t('press.title')
  return (
    <Layout
      ctx={ctx}
      title={page > 1 ? `${title} – ${t('ui.pagination.page')} ${page}` : title}
      description={t('press.list.description')}
      head={
        <>
          <link rel="canonical" href={`${publicUrl}${query(page)}`} />
          <link
            rel="alternate"
            type="application/atom+xml"
            title={topic ? t('press.feed.topic', { topic: topic.name }) : t('press.feed.all')}
            href={ctx.href(feedHref)}
          />
          <meta property="og:type" content="website" />
          <meta property="og:title" content={title} />
          <meta property="og:description" content={t('press.list.description')} />
          <meta property="og:url" content={`${publicUrl}${query(page)}`} />
        </>
      }
    >
      <PageHeading lead={t('press.list.description')}>{title}</PageHeading>
      <SearchForm ctx={ctx} q="" />
      <form method="get" action={ctx.href('/presse')} class="filter-form press-filter">
        <div class="kern-form-input">
          <label class="kern-label" for="press-thema">
            {t('press.filter.topic')}
          </label>
          <div class="kern-form-input__select-wrapper">
            <select class="kern-form-input__select" id="press-thema" name="thema">
              <option value="">{t('press.filter.allTopics')}</option>
              {topics.map((x) => (
                <option key={x.id} value={x.slug} selected={topic?.id === x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div class="kern-form-input">
          <label class="kern-label" for="press-jahr">
            {t('press.filter.year')}
          </label>
          <div class="kern-form-input__select-wrapper">
            <select class="kern-form-input__select" id="press-jahr" name="jahr">
              <option value="">{t('press.filter.allYears')}</option>
              {years.map((y) => (
                <option key={y} value={String(y)} selected={year === y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{t('press.filter.apply')}</span>
        </button>
      </form>
      <p class="kern-body" role="status">
        {t('press.list.count', { n: total })}
      </p>
      {rows.length > 0 ? (
        <ReleaseList ctx={ctx} rows={rows} />
      ) : (
        <p class="kern-body">{t('press.list.none')}</p>
      )}
      <Pagination ctx={ctx} page={page} pageCount={pageCount} hrefFor={query} />
      <FeedLink
        ctx={ctx}
        href={feedHref}
        label={topic ? t('press.feed.topic', { topic: topic.name }) : t('press.feed.all')}
      />
    </Layout>
  )
}

import type { PageContext } from '../../../platform/http/context'
import { germanContent } from '../../../platform/i18n'
import { PageHeading, Pagination } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'
import type { SearchHit } from '../search-releases'
import { ReleaseDate, readingTime, SearchForm } from './parts'

export function SearchPage({
  ctx,
  q,
  hits,
  total,
  page,
  pageCount,
}: {
  ctx: PageContext
  q: string
  hits: readonly SearchHit[]
  total: number
  page: number
  pageCount: number
}) {
  const { t } = ctx
  const hrefFor = (p: number) =>
    `${ctx.href('/presse/suche')}?${new URLSearchParams({ q, ...(p > 1 ? { seite: String(p) } : {}) })}`
  return (
    <Layout
      ctx={ctx}
      title={q ? t('press.search.titleFor', { q }) : t('press.search.title')}
      head={<meta name="robots" content="noindex" />}
      breadcrumbs={[{ href: '/presse', label: t('press.title') }, { label: t('press.search.title') }]}
    >
      <PageHeading>{t('press.search.title')}</PageHeading>
      <SearchForm ctx={ctx} q={q} />
      {!q ? (
        <p class="kern-body">{t('press.search.empty')}</p>
      ) : (
        <>
          <p class="kern-body" role="status">
            {total === 0 ? t('press.search.none', { q }) : t('press.search.count', { n: total, q })}
          </p>
          <ol class="press-list">
            {hits.map((h) => (
              <li key={h.id} class="press-list__item">
                <article>
                  <p class="kern-preline">
                    <ReleaseDate ctx={ctx} date={h.publishedAt} />
                  </p>
                  <h2 class="kern-heading-medium" {...germanContent(ctx.locale)}>
                    <a class="kern-link" href={ctx.href(`/presse/${h.slug}`)}>
                      {h.title}
                    </a>
                  </h2>
                  <p
                    class="kern-body press-snippet"
                    {...germanContent(ctx.locale)}
                    dangerouslySetInnerHTML={{ __html: h.snippetHtml }}
                  />
                  <p class="kern-body kern-body--small">{readingTime(ctx, h.readingMinutes)}</p>
                </article>
              </li>
            ))}
          </ol>
          <Pagination ctx={ctx} page={page} pageCount={pageCount} hrefFor={hrefFor} />
        </>
      )}
    </Layout>
  )
}

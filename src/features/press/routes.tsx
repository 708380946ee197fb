import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { App, AppDeps } from '../../platform/feature'
import { contentDisposition } from '../../platform/files'
import { frontCache } from '../../platform/http/front-cache'
import { html } from '../../platform/http/plugin'
import { securityHeaders } from '../../platform/http/security'
import { sitemap } from '../../platform/http/sitemaps'
import { Uuid } from '../../platform/ids'
import { whoOf } from '../../platform/policy'
import { type CachedPage, MAX_AGE_MS, pageCache } from './cache'
import { cachedPage, etagOf, isAnonymous, latest, sendCached, sendConditional } from './conditional'
import { atomFeed } from './feed'
import { seesUnpublished } from './policies'
import {
  attachmentFile,
  feedEntries,
  findAnyBySlug,
  findPublishedBySlug,
  listPublished,
  listTopics,
  publishedYears,
  sitemapEntries,
  topicBySlug,
  topicsOf,
} from './queries'
import { cleanQuery, searchReleases } from './search-releases'
import { staffRoutes } from './staff-routes'
import { PressListPage } from './views/release-list'
import { ReleasePage } from './views/release-page'
import { SearchPage } from './views/search-page'

const PAGE_SIZE = 10

/** Query values stay strings (a repeated one an array): the handlers answer malformed ones themselves. */
const queryValue = () => Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]))
const ListQuery = Type.Object({ seite: queryValue(), jahr: queryValue(), thema: queryValue() })
const SearchQuery = Type.Object({ q: queryValue(), seite: queryValue() })
const TopicParams = Type.Object({ topic: Type.String() })
const SlugParams = Type.Object({ slug: Type.String() })
const AttachmentParams = Type.Object({ slug: Type.String(), fileId: Uuid(), name: Type.String() })
const SEARCH_PAGE_SIZE = 10
const MAX_PAGE = 10_000

function pageParam(raw: unknown): number | null {
  if (raw === undefined || raw === '') return 1
  if (typeof raw !== 'string' || !/^\d{1,5}$/.test(raw)) return null
  const n = Number(raw)
  return n >= 1 && n <= MAX_PAGE ? n : null
}

/** Sends a rendered public page: conditional (ETag/304) for anonymous visitors, private otherwise. */
function sendPage(request: FastifyRequest, reply: FastifyReply, body: string, lastModified: Date) {
  if (!isAnonymous(request)) {
    return reply.header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(body)
  }
  return sendConditional(
    request,
    reply,
    { body, etag: etagOf(body), lastModified },
    'text/html; charset=utf-8',
  )
}

export function pressRoutes(app: App, deps: AppDeps): void {
  const { db } = deps
  const publicUrl = deps.config.publicUrl
  const baseHeaders = securityHeaders(deps.config.secure)
  // Invalidations from other nodes reach this cache from the start, not from its first page.
  pageCache.attach(db)

  app.get('/presse', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const q = request.query
    const page = pageParam(q.seite)
    const yearRaw = typeof q.jahr === 'string' ? q.jahr : ''
    if (page === null || (yearRaw && !/^\d{4}$/.test(yearRaw))) return reply.errorPage(404)
    const year = yearRaw ? Number(yearRaw) : undefined
    const topicSlug = typeof q.thema === 'string' ? q.thema : ''
    const topic = topicSlug ? await topicBySlug(db, topicSlug) : null
    if (topicSlug && !topic) return reply.errorPage(404)
    const { rows, total } = await listPublished(db, {
      topicId: topic?.id,
      year,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    })
    const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE))
    if (page > pageCount) return reply.errorPage(404)
    const [topics, years] = await Promise.all([listTopics(db), publishedYears(db)])
    const ctx = request.pageContext()
    const body = html(
      <PressListPage
        ctx={ctx}
        rows={rows}
        total={total}
        page={page}
        pageCount={pageCount}
        topics={topics}
        years={years}
        topic={topic}
        year={year}
        publicUrl={publicUrl}
      />,
    )
    const lastModified = latest(rows.map((r) => r.updatedAt))
    return sendPage(request, reply, body, lastModified)
  })

  app.get('/presse/suche', { schema: { querystring: SearchQuery } }, async (request, reply) => {
    const query = request.query
    const q = cleanQuery(query.q)
    const page = pageParam(query.seite) ?? 1
    const { hits, total } = await searchReleases(db, q, {
      limit: SEARCH_PAGE_SIZE,
      offset: (Math.min(page, 1000) - 1) * SEARCH_PAGE_SIZE,
    })
    const pageCount = Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE))
    return reply
      .header('cache-control', 'no-store')
      .page(
        <SearchPage
          ctx={request.pageContext()}
          q={q}
          hits={hits}
          total={total}
          page={page}
          pageCount={pageCount}
        />,
      )
  })

  const feedOptions = (request: FastifyRequest, selfPath: string, pagePath: string, title: string) => ({
    selfUrl: `${publicUrl}${selfPath}`,
    pageUrl: `${publicUrl}${pagePath}`,
    title,
    author: deps.installation.operator?.pressOffice ?? request.t('site.name'),
    lang: request.locale,
    releaseUrl: (slug: string) => `${publicUrl}/presse/${slug}`,
    topicUrl: (slug: string) => `${publicUrl}/presse?thema=${encodeURIComponent(slug)}`,
  })

  app.get('/presse/feed.atom', async (request, reply) => {
    const entries = await feedEntries(db)
    const topics = await topicsOf(
      db,
      entries.map((e) => e.id),
    )
    const body = atomFeed(
      entries,
      topics,
      feedOptions(
        request,
        '/presse/feed.atom',
        '/presse',
        request.t('press.feed.titleAll', { site: request.t('site.name') }),
      ),
    )
    const lastModified = latest(entries.map((e) => e.updatedAt))
    return sendConditional(
      request,
      reply,
      { body, etag: etagOf(body), lastModified },
      'application/atom+xml; charset=utf-8',
    )
  })

  app.get('/presse/themen/:topic/feed.atom', { schema: { params: TopicParams } }, async (request, reply) => {
    const { topic: slug } = request.params
    const topic = await topicBySlug(db, slug)
    if (!topic) return reply.errorPage(404)
    const entries = await feedEntries(db, topic.id)
    const topics = await topicsOf(
      db,
      entries.map((e) => e.id),
    )
    const body = atomFeed(
      entries,
      topics,
      feedOptions(
        request,
        `/presse/themen/${topic.slug}/feed.atom`,
        `/presse?thema=${encodeURIComponent(topic.slug)}`,
        request.t('press.feed.titleTopic', { topic: topic.name, site: request.t('site.name') }),
      ),
    )
    const lastModified = latest(entries.map((e) => e.updatedAt))
    return sendConditional(
      request,
      reply,
      { body, etag: etagOf(body), lastModified },
      'application/atom+xml; charset=utf-8',
    )
  })

  app.get('/presse/sitemap.xml', async (request, reply) => {
    const rows = await sitemapEntries(db)
    const body = sitemap([
      { loc: `${publicUrl}/presse` },
      ...rows.map((r) => ({ loc: `${publicUrl}/presse/${r.slug}`, lastmod: r.updatedAt })),
    ])
    const lastModified = latest(rows.map((r) => r.updatedAt))
    return sendConditional(
      request,
      reply,
      { body, etag: etagOf(body), lastModified },
      'application/xml; charset=utf-8',
    )
  })

  const keepInFront = (url: string, page: CachedPage) =>
    frontCache.put(
      db,
      { url, route: '/presse/:slug', version: deps.installation.version, maxAgeMs: MAX_AGE_MS },
      page,
    )

  app.get('/presse/:slug', { schema: { params: SlugParams } }, async (request, reply) => {
    const { slug } = request.params
    const anonymous = isAnonymous(request)
    // The installation's version is part of the key: a page naming the operator is re-rendered once it changes.
    const key = `${request.locale}:${deps.installation.version}:${slug}`
    if (anonymous) {
      // The fast path: a cached page costs no database query and no rendering.
      const hit = pageCache.get(db, key)
      if (hit) {
        keepInFront(request.originalUrl, hit)
        return sendCached(request, reply, hit)
      }
    }
    if (slug.length > 200) return reply.errorPage(404)
    const found = await findPublishedBySlug(db, slug)
    if (found.kind === 'moved')
      return reply.redirect(request.pageContext().href(`/presse/${found.slug}`), 301)
    if (found.kind === 'missing') {
      // Staff see drafts through the preview; for everyone else it does not exist.
      if (seesUnpublished(whoOf(request))) {
        const any = await findAnyBySlug(db, slug)
        if (any)
          return reply.redirect(
            request.pageContext().href(`/presse/redaktion/${any.release.id}/vorschau`),
            303,
          )
      }
      return reply.errorPage(404)
    }
    // A page kept for every anonymous visitor must not carry this visitor's language suggestion.
    const ctx = anonymous ? { ...request.pageContext(), suggestion: undefined } : request.pageContext()
    const body = html(<ReleasePage ctx={ctx} detail={found.detail} publicUrl={publicUrl} />)
    if (!anonymous) {
      return reply.header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(body)
    }
    const page = cachedPage(body, found.detail.release.updatedAt, 'text/html; charset=utf-8', baseHeaders)
    pageCache.set(db, key, page)
    keepInFront(request.originalUrl, page)
    return sendCached(request, reply, page)
  })

  app.get(
    '/presse/:slug/dateien/:fileId/:name',
    { schema: { params: AttachmentParams } },
    async (request, reply) => {
      const { slug, fileId } = request.params
      const staff = seesUnpublished(whoOf(request))
      let releaseId: string | null = null
      const found = await findPublishedBySlug(db, slug)
      if (found.kind === 'found') releaseId = found.detail.release.id
      else if (staff) releaseId = (await findAnyBySlug(db, slug))?.release.id ?? null
      if (!releaseId || !(await attachmentFile(db, releaseId, fileId))) return reply.errorPage(404)
      const meta = await deps.files.meta(db, fileId)
      if (!meta) return reply.errorPage(404)
      const bytes = await deps.files.read(meta.sha256)
      return reply
        .header('content-disposition', contentDisposition(meta.originalName))
        .header('cache-control', found.kind === 'found' ? 'public, max-age=3600' : 'private, no-store')
        .header('etag', `"${meta.sha256}"`)
        .type(meta.mediaType)
        .send(bytes)
    },
  )

  staffRoutes(app, deps)
}

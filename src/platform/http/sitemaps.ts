import type { App, AppDeps, Feature } from '../feature'
import { LOCALE_LIST, localePath } from '../i18n'

// biome-ignore lint/suspicious/noControlCharactersInRegex: characters XML 1.0 forbids
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g

export function escapeXml(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

export interface SitemapUrl {
  readonly loc: string
  readonly lastmod?: Date | undefined
}

/**
 * A sitemap (sitemaps.org 0.9). Each URL is given in German (`loc`); the sitemap lists it in every
 * language, each entry with rel="alternate" hreflang links to all of them.
 */
export function sitemap(urls: readonly SitemapUrl[]): string {
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
  ]
  for (const u of urls) {
    const url = new URL(u.loc)
    const path = `${url.pathname}${url.search}`
    const variants = LOCALE_LIST.map((l) => ({ locale: l, loc: url.origin + localePath(l, path) }))
    const links = variants
      .map((v) => `<xhtml:link rel="alternate" hreflang="${v.locale}" href="${escapeXml(v.loc)}"/>`)
      .join('')
    const lastmod = u.lastmod ? `<lastmod>${u.lastmod.toISOString()}</lastmod>` : ''
    for (const v of variants) out.push(`<url><loc>${escapeXml(v.loc)}</loc>${lastmod}${links}</url>`)
  }
  out.push('</urlset>')
  return `${out.join('\n')}\n`
}

const PAGES_SITEMAP = '/sitemap-seiten.xml'

/**
 * /robots.txt, the sitemap index /sitemap.xml and a general sitemap of the features' main pages
 * (in every language), /sitemap.xml, built from what each feature declares: the sitemaps
 * it serves and the path prefixes search engines should leave alone (staff and personal pages, which
 * need sign-in anyway, and search result pages). Every locale is covered: /en/…, /ar/… mirror every path.
 */
export function discoveryRoutes(app: App, deps: AppDeps, features: readonly Feature[]): void {
  const base = deps.config.publicUrl
  const pages = features.flatMap((f) => f.discovery?.pages ?? [])
  const sitemaps = [PAGES_SITEMAP, ...features.flatMap((f) => f.discovery?.sitemaps ?? [])]
  const general = sitemap(pages.map((p) => ({ loc: base + p })))
  const noIndex = features.flatMap((f) => f.discovery?.noIndex ?? [])
  const robots = [
    'User-agent: *',
    ...noIndex.flatMap((p) => LOCALE_LIST.map((l) => `Disallow: ${localePath(l, p)}`)),
    '',
    `Sitemap: ${base}/sitemap.xml`,
    '',
  ].join('\n')
  const index = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...sitemaps.map((p) => `<sitemap><loc>${escapeXml(base + p)}</loc></sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n')

  app.get('/robots.txt', async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(robots),
  )
  app.get('/sitemap.xml', async (_request, reply) =>
    reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(index),
  )
  app.get(PAGES_SITEMAP, async (_request, reply) =>
    reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(general),
  )
}

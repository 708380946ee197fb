import { escapeXml } from '../../platform/http/sitemaps'
import { latest } from './conditional'
import type { Release, Topic } from './queries'

export interface FeedOptions {
  /** Absolute URL of the feed itself. */
  selfUrl: string
  /** Absolute URL of the HTML page the feed mirrors. */
  pageUrl: string
  title: string
  author: string
  lang: string
  /** Absolute URL of a release page by slug. */
  releaseUrl: (slug: string) => string
  /** Absolute URL of the topic page by slug. */
  topicUrl: (slug: string) => string
}

/** An Atom 1.0 feed (RFC 4287): id, title, updated and author on the feed, id/title/updated/link per entry. */
export function atomFeed(entries: readonly Release[], topics: Map<string, Topic[]>, o: FeedOptions): string {
  const feedUpdated = entries.length
    ? latest(entries.map((e) => e.updatedAt))
    : new Date(Date.UTC(2026, 0, 1))
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(o.lang)}">`,
    `<id>${escapeXml(o.selfUrl)}</id>`,
    `<title>${escapeXml(o.title)}</title>`,
    `<updated>${feedUpdated.toISOString()}</updated>`,
    `<author><name>${escapeXml(o.author)}</name></author>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(o.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(o.pageUrl)}"/>`,
  ]
  for (const e of entries) {
    const url = o.releaseUrl(e.slug)
    out.push(
      '<entry>',
      `<id>urn:uuid:${e.id}</id>`,
      `<title>${escapeXml(e.title)}</title>`,
      `<updated>${e.updatedAt.toISOString()}</updated>`,
      ...(e.publishedAt ? [`<published>${e.publishedAt.toISOString()}</published>`] : []),
      `<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
      `<summary>${escapeXml(e.teaser)}</summary>`,
      `<content type="html">${escapeXml(e.bodyHtml)}</content>`,
      ...(topics.get(e.id) ?? []).map(
        (t) =>
          `<category term="${escapeXml(t.slug)}" label="${escapeXml(t.name)}" scheme="${escapeXml(o.topicUrl(''))}"/>`,
      ),
      '</entry>',
    )
  }
  out.push('</feed>')
  return `${out.join('\n')}\n`
}

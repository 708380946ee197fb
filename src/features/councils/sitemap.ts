import { and, desc, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import type { App, AppDeps } from '../../platform/feature'
import { type SitemapUrl, sitemap } from '../../platform/http/sitemaps'
import { agendaItems, councils, meetings, papers } from './tables'

/**
 * The public pages of the councils for search engines: every council, every meeting (its non-public
 * items are never on its public page) and every paper that is public, by the same rule as the paper
 * page: a paper (or the motion a resolution belongs to) on no agenda item, or on at least one public one.
 */
export async function councilSitemapUrls(db: Db, base: string): Promise<SitemapUrl[]> {
  const councilRows = await db
    .select({ id: councils.id, updatedAt: councils.updatedAt })
    .from(councils)
    .where(isNull(councils.deletedAt))
    .orderBy(councils.name)
  const meetingRows = await db
    .select({ id: meetings.id, updatedAt: meetings.updatedAt })
    .from(meetings)
    .where(isNull(meetings.deletedAt))
    .orderBy(desc(meetings.startsAt))
  const onAgenda = (publicOnly: boolean) => sql`exists (
    select 1 from ${agendaItems}
    where ${agendaItems.deletedAt} is null
      and ${agendaItems.paperId} in (${papers.id}, ${papers.relatedPaperId})
      ${publicOnly ? sql`and ${agendaItems.public}` : sql``})`
  const paperRows = await db
    .select({ id: papers.id, updatedAt: papers.updatedAt })
    .from(papers)
    .where(and(isNull(papers.deletedAt), sql`(not ${onAgenda(false)} or ${onAgenda(true)})`))
    .orderBy(desc(papers.date))
  return [
    ...councilRows.map((r) => ({ loc: `${base}/beiraete/${r.id}`, lastmod: r.updatedAt })),
    ...meetingRows.map((r) => ({ loc: `${base}/sitzungen/${r.id}`, lastmod: r.updatedAt })),
    ...paperRows.map((r) => ({ loc: `${base}/vorlagen/${r.id}`, lastmod: r.updatedAt })),
  ]
}

export const COUNCILS_SITEMAP = '/beiraete/sitemap.xml'

export function councilSitemapRoutes(app: App, deps: AppDeps): void {
  app.get(COUNCILS_SITEMAP, async (_request, reply) =>
    reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', 'public, max-age=600')
      .send(sitemap(await councilSitemapUrls(deps.db, deps.config.publicUrl))),
  )
}

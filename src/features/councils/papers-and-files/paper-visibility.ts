import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { agendaItems, papers } from '../tables'

/**
 * The one visibility rule for papers, for the web pages, file downloads and the OParl interface
 * (whose `hiddenClosure` applies it to a whole list at once): a paper is hidden from the public
 * when it, or a paper it derives from (`related_paper_id`, transitively: the motion an amendment
 * changes), is on a live non-public agenda item. So a public amendment never shows the title of a
 * non-public motion ("Bezug: …").
 */
export async function paperIsPublic(
  db: Db,
  paper: { id: string; relatedPaperId: string | null },
): Promise<boolean> {
  const chain = [paper.id]
  let next = paper.relatedPaperId
  while (next && !chain.includes(next) && chain.length < 50) {
    chain.push(next)
    const [row] = await db
      .select({ relatedPaperId: papers.relatedPaperId })
      .from(papers)
      .where(eq(papers.id, next))
    next = row?.relatedPaperId ?? null
  }
  const secret = await db
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(
      and(inArray(agendaItems.paperId, chain), eq(agendaItems.public, false), isNull(agendaItems.deletedAt)),
    )
    .limit(1)
  return secret.length === 0
}

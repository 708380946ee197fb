import { eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { pageCache } from './cache'
import { pressTopics } from './tables'
import { slugify, slugProblem } from './text'

export type CreateTopicResult =
  | { ok: true; id: string; slug: string }
  | { ok: false; errors: { name?: 'required'; slug?: 'slug_taken' | 'slug_too_long' | 'slug_pattern' } }

export async function createTopic(
  db: Db,
  actor: Actor,
  input: { name: string; slug?: string | undefined },
): Promise<CreateTopicResult> {
  const name = input.name.trim()
  if (!name) return { ok: false, errors: { name: 'required' } }
  const slug = input.slug?.trim().toLowerCase() || slugify(name)
  const problem = slugProblem(slug)
  if (problem === 'too_long') return { ok: false, errors: { slug: 'slug_too_long' } }
  if (problem === 'pattern') return { ok: false, errors: { slug: 'slug_pattern' } }
  const result = await inTransaction(db, async (tx): Promise<CreateTopicResult> => {
    const [taken] = await tx
      .select({ id: pressTopics.id })
      .from(pressTopics)
      .where(eq(pressTopics.slug, slug))
    if (taken) return { ok: false, errors: { slug: 'slug_taken' } }
    const [row] = await tx.insert(pressTopics).values({ name, slug }).returning({ id: pressTopics.id })
    await writeAudit(tx, actor, {
      action: 'press.topic.create',
      entityType: 'press_topic',
      entityId: row!.id,
      summary: { name, slug },
    })
    return { ok: true, id: row!.id, slug }
  })
  if (result.ok) pageCache.invalidate(db)
  return result
}

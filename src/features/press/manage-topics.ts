import { eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { type Outcome, ok, refuse } from '../../platform/outcome'
import { pageCache } from './cache'
import { pressTopics } from './tables'
import { slugify, slugProblem } from './text'

export type CreateTopicResult = Outcome<{ id: string; slug: string }>

export async function createTopic(
  db: Db,
  actor: Actor,
  input: { name: string; slug?: string | undefined },
): Promise<CreateTopicResult> {
  const name = input.name.trim()
  if (!name) return refuse('form.required', 'name')
  const slug = input.slug?.trim().toLowerCase() || slugify(name)
  const problem = slugProblem(slug)
  if (problem === 'too_long') return refuse('press.error.slug_too_long', 'slug')
  if (problem === 'pattern') return refuse('press.error.slug_pattern', 'slug')
  const result = await inTransaction(db, async (tx): Promise<CreateTopicResult> => {
    const [taken] = await tx
      .select({ id: pressTopics.id })
      .from(pressTopics)
      .where(eq(pressTopics.slug, slug))
    if (taken) return refuse('press.error.slug_taken', 'slug')
    const [row] = await tx.insert(pressTopics).values({ name, slug }).returning({ id: pressTopics.id })
    await writeAudit(tx, actor, {
      action: 'press.topic.create',
      entityType: 'press_topic',
      entityId: row!.id,
      summary: { name, slug },
    })
    return ok({ id: row!.id, slug })
  })
  if (result.ok) await pageCache.invalidate(db)
  return result
}

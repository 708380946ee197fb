import { and, eq, inArray, isNull } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import { type Outcome, ok, type Refusal, refuse } from '../../../platform/outcome'
import { agendaItems, councils, type PaperKind, papers, votes } from '../tables'

type Paper = typeof papers.$inferSelect

/** True when the paper was voted on (under any agenda item) or a resolution came from it. */
export async function paperDecided(tx: Db, paperId: string): Promise<boolean> {
  const voted = await tx
    .select({ id: votes.id })
    .from(votes)
    .innerJoin(agendaItems, eq(agendaItems.id, votes.agendaItemId))
    .where(and(eq(agendaItems.paperId, paperId), isNull(votes.deletedAt)))
    .limit(1)
  if (voted.length) return true
  const resolved = await tx
    .select({ id: papers.id })
    .from(papers)
    .where(and(eq(papers.relatedPaperId, paperId), eq(papers.kind, 'resolution'), isNull(papers.deletedAt)))
    .limit(1)
  return resolved.length > 0
}

/** Why a paper cannot be changed any more, or null. */
async function lockedReason(tx: Db, paper: Paper): Promise<Refusal | null> {
  if (paper.kind === 'resolution') return refuse('councils.error.resolutionFinal')
  if (paper.withdrawnAt) return refuse('councils.error.paperWithdrawn')
  if (await paperDecided(tx, paper.id)) return refuse('councils.error.paperDecided')
  return null
}

export interface PaperChange {
  kind: Exclude<PaperKind, 'resolution'>
  title: string
  body: string | null
  submittedByCouncilId: string | null
  submittedByText: string | null
  relatedPaperId: string | null
}

/**
 * Changes a motion, amendment or report before it is decided. The reference (e.g. "A-2026/3") stays
 * as it was, also when the kind changes: it is how the paper is cited. Resolutions never change.
 */
export async function updatePaper(
  db: Db,
  actor: Actor,
  paperId: string,
  change: PaperChange,
): Promise<Outcome<string>> {
  if (change.kind === 'amendment' && !change.relatedPaperId)
    return refuse('meetings.error.amendmentNeedsPaper', 'relatedPaperId')
  return inTransaction(db, async (tx) => {
    const [paper] = await tx
      .select()
      .from(papers)
      .where(and(eq(papers.id, paperId), isNull(papers.deletedAt)))
    if (!paper) return refuse('councils.error.notFound')
    const locked = await lockedReason(tx, paper)
    if (locked) return locked
    if (change.relatedPaperId) {
      const [related] = await tx.select().from(papers).where(eq(papers.id, change.relatedPaperId))
      if (
        !related ||
        related.deletedAt ||
        related.id === paper.id ||
        related.councilId !== paper.councilId ||
        related.kind === 'resolution'
      )
        return refuse('councils.error.notFound', 'relatedPaperId')
    }
    if (change.submittedByCouncilId) {
      const [c] = await tx
        .select({ id: councils.id })
        .from(councils)
        .where(and(eq(councils.id, change.submittedByCouncilId), isNull(councils.deletedAt)))
      if (!c) return refuse('councils.error.notFound', 'submittedByCouncilId')
    }
    const now = new Date()
    await tx
      .update(papers)
      .set({ ...change, updatedAt: now })
      .where(eq(papers.id, paperId))
    // The agenda items consulting it carry its title.
    await tx
      .update(agendaItems)
      .set({ title: change.title, updatedAt: now })
      .where(and(eq(agendaItems.paperId, paperId), eq(agendaItems.title, paper.title)))
    await writeAudit(tx, actor, {
      action: 'paper.update',
      entityType: 'paper',
      entityId: paperId,
      summary: {
        reference: paper.reference,
        before: { kind: paper.kind, title: paper.title, submittedByText: paper.submittedByText },
        after: { kind: change.kind, title: change.title, submittedByText: change.submittedByText },
      },
    })
    return ok(paperId)
  })
}

/**
 * Withdraws a motion or amendment that has not been decided: it stays listed (marked withdrawn), its
 * open agenda items show "withdrawn", and it can no longer be voted on.
 */
export async function withdrawPaper(
  db: Db,
  actor: Actor,
  paperId: string,
  now = new Date(),
): Promise<Outcome<string>> {
  return inTransaction(db, async (tx) => {
    const [paper] = await tx
      .select()
      .from(papers)
      .where(and(eq(papers.id, paperId), isNull(papers.deletedAt)))
    if (!paper) return refuse('councils.error.notFound')
    if (paper.kind !== 'motion' && paper.kind !== 'amendment')
      return refuse('councils.error.onlyMotionsWithdraw')
    const locked = await lockedReason(tx, paper)
    if (locked) return locked
    await tx.update(papers).set({ withdrawnAt: now, updatedAt: now }).where(eq(papers.id, paperId))
    const items = await tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.paperId, paperId), isNull(agendaItems.deletedAt)))
    if (items.length)
      await tx
        .update(agendaItems)
        .set({ result: 'withdrawn', updatedAt: now })
        .where(
          inArray(
            agendaItems.id,
            items.map((i) => i.id),
          ),
        )
    await writeAudit(tx, actor, {
      action: 'paper.withdraw',
      entityType: 'paper',
      entityId: paperId,
      summary: { reference: paper.reference },
    })
    return ok(paperId)
  })
}

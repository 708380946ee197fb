import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { isUuid } from '../../../platform/ids'
import {
  planComments,
  planRevisionComments,
  planRevisions,
  planRoundSections,
  planRounds,
  planVersions,
} from '../tables'

/** Queries of the comment rounds (the routes call these; no query lives in a route file). */

export type PlanRound = typeof planRounds.$inferSelect
export type RoundSection = typeof planRoundSections.$inferSelect
export type PlanComment = typeof planComments.$inferSelect

export interface RoundRow extends PlanRound {
  readonly versionTitle: string
}

/** Rounds, newest first, with the title of the version they are on. */
export async function listRounds(db: Db): Promise<RoundRow[]> {
  const rows = await db
    .select({ round: planRounds, versionTitle: planVersions.title })
    .from(planRounds)
    .innerJoin(planVersions, eq(planVersions.id, planRounds.versionId))
    .orderBy(desc(planRounds.opensAt))
  return rows.map((r) => ({ ...r.round, versionTitle: r.versionTitle }))
}

export interface Revision {
  readonly id: string
  readonly text: string
  readonly createdAt: Date
  readonly commentIds: readonly string[]
}

export interface SectionWithComments {
  readonly section: RoundSection
  readonly comments: readonly PlanComment[]
  /** The latest next wording of the section, with the comments behind it; null while unchanged. */
  readonly revision: Revision | null
}

export interface RoundDetails {
  readonly round: RoundRow
  readonly sections: readonly SectionWithComments[]
}

/** A round with its sections, every comment and the latest revision of each section; null if unknown. */
export async function roundDetails(db: Db, id: string): Promise<RoundDetails | null> {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({ round: planRounds, versionTitle: planVersions.title })
    .from(planRounds)
    .innerJoin(planVersions, eq(planVersions.id, planRounds.versionId))
    .where(eq(planRounds.id, id))
  if (!row) return null
  const sections = await db
    .select()
    .from(planRoundSections)
    .where(eq(planRoundSections.roundId, id))
    .orderBy(asc(planRoundSections.position))
  const sectionIds = sections.map((s) => s.id)
  const comments = sectionIds.length
    ? await db
        .select()
        .from(planComments)
        .where(inArray(planComments.sectionId, sectionIds))
        .orderBy(asc(planComments.createdAt), asc(planComments.id))
    : []
  const revisions = sectionIds.length
    ? await db
        .select()
        .from(planRevisions)
        .where(inArray(planRevisions.sectionId, sectionIds))
        .orderBy(desc(planRevisions.createdAt))
    : []
  const links = revisions.length
    ? await db
        .select()
        .from(planRevisionComments)
        .where(
          inArray(
            planRevisionComments.revisionId,
            revisions.map((r) => r.id),
          ),
        )
    : []
  return {
    round: { ...row.round, versionTitle: row.versionTitle },
    sections: sections.map((section) => {
      const latest = revisions.find((r) => r.sectionId === section.id)
      return {
        section,
        comments: comments.filter((c) => c.sectionId === section.id),
        revision: latest
          ? {
              id: latest.id,
              text: latest.text,
              createdAt: latest.createdAt,
              commentIds: links.filter((l) => l.revisionId === latest.id).map((l) => l.commentId),
            }
          : null,
      }
    }),
  }
}

/** A section with its round, or null. */
export async function sectionById(db: Db, id: string) {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({ section: planRoundSections, round: planRounds })
    .from(planRoundSections)
    .innerJoin(planRounds, eq(planRounds.id, planRoundSections.roundId))
    .where(eq(planRoundSections.id, id))
  return row ?? null
}

/** The comments an account wrote on a section, oldest first. */
export function ownComments(db: Db, sectionId: string, userId: string): Promise<PlanComment[]> {
  return db
    .select()
    .from(planComments)
    .where(and(eq(planComments.sectionId, sectionId), eq(planComments.userId, userId)))
    .orderBy(asc(planComments.createdAt))
}

/** The round a comment belongs to (for the answer form's redirect), or null. */
export async function roundOfComment(db: Db, commentId: string): Promise<string | null> {
  if (!isUuid(commentId)) return null
  const [row] = await db
    .select({ roundId: planRoundSections.roundId })
    .from(planComments)
    .innerJoin(planRoundSections, eq(planRoundSections.id, planComments.sectionId))
    .where(eq(planComments.id, commentId))
  return row?.roundId ?? null
}

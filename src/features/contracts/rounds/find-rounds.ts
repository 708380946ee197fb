import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { isUuid } from '../../../platform/ids'
import { organisations } from '../../directory/public'
import {
  contractComments,
  contractRevisionComments,
  contractRevisions,
  contractRoundSections,
  contractRounds,
  integrationContracts,
} from '../tables'

/** Queries of the comment rounds on contract drafts (the routes call these). */

export type ContractRound = typeof contractRounds.$inferSelect
export type ContractRoundSection = typeof contractRoundSections.$inferSelect
export type ContractComment = typeof contractComments.$inferSelect

export interface ContractRoundRow extends ContractRound {
  readonly topic: string
  readonly partnerName: string
}

const roundColumns = {
  round: contractRounds,
  topic: integrationContracts.topic,
  partnerName: organisations.name,
}

function roundQuery(db: Db) {
  return db
    .select(roundColumns)
    .from(contractRounds)
    .innerJoin(integrationContracts, eq(integrationContracts.id, contractRounds.contractId))
    .innerJoin(organisations, eq(organisations.id, integrationContracts.organisationId))
}

const toRow = (r: { round: ContractRound; topic: string; partnerName: string }): ContractRoundRow => ({
  ...r.round,
  topic: r.topic,
  partnerName: r.partnerName,
})

/** Every round, newest first (the caller filters by what the actor may see). */
export async function listContractRounds(db: Db): Promise<ContractRoundRow[]> {
  return (await roundQuery(db).orderBy(desc(contractRounds.opensAt))).map(toRow)
}

/** The rounds of one contract, newest first. */
export async function roundsOfContract(db: Db, contractId: string): Promise<ContractRoundRow[]> {
  return (
    await roundQuery(db)
      .where(eq(contractRounds.contractId, contractId))
      .orderBy(desc(contractRounds.opensAt))
  ).map(toRow)
}

export interface ContractRevision {
  readonly id: string
  readonly text: string
  readonly createdAt: Date
  readonly commentIds: readonly string[]
}

export interface ContractSectionWithComments {
  readonly section: ContractRoundSection
  readonly comments: readonly ContractComment[]
  /** The latest next wording of the section with the comments behind it; null while unchanged. */
  readonly revision: ContractRevision | null
}

export interface ContractRoundDetails {
  readonly round: ContractRoundRow
  readonly sections: readonly ContractSectionWithComments[]
}

/** A round with its sections, every comment and the latest revision of each section; null if unknown. */
export async function contractRoundDetails(db: Db, id: string): Promise<ContractRoundDetails | null> {
  if (!isUuid(id)) return null
  const [row] = await roundQuery(db).where(eq(contractRounds.id, id))
  if (!row) return null
  const sections = await db
    .select()
    .from(contractRoundSections)
    .where(eq(contractRoundSections.roundId, id))
    .orderBy(asc(contractRoundSections.side), asc(contractRoundSections.position))
  const sectionIds = sections.map((s) => s.id)
  const comments = sectionIds.length
    ? await db
        .select()
        .from(contractComments)
        .where(inArray(contractComments.sectionId, sectionIds))
        .orderBy(asc(contractComments.createdAt), asc(contractComments.id))
    : []
  const revisions = sectionIds.length
    ? await db
        .select()
        .from(contractRevisions)
        .where(inArray(contractRevisions.sectionId, sectionIds))
        .orderBy(desc(contractRevisions.createdAt), desc(contractRevisions.id))
    : []
  const links = revisions.length
    ? await db
        .select()
        .from(contractRevisionComments)
        .where(
          inArray(
            contractRevisionComments.revisionId,
            revisions.map((r) => r.id),
          ),
        )
    : []
  return {
    round: toRow(row),
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

/** The round a section belongs to, or null. */
export async function roundOfSection(db: Db, sectionId: string): Promise<string | null> {
  if (!isUuid(sectionId)) return null
  const [row] = await db
    .select({ roundId: contractRoundSections.roundId })
    .from(contractRoundSections)
    .where(eq(contractRoundSections.id, sectionId))
  return row?.roundId ?? null
}

/** The round a comment belongs to, or null. */
export async function roundOfComment(db: Db, commentId: string): Promise<string | null> {
  if (!isUuid(commentId)) return null
  const [row] = await db
    .select({ roundId: contractRoundSections.roundId })
    .from(contractComments)
    .innerJoin(contractRoundSections, eq(contractRoundSections.id, contractComments.sectionId))
    .where(eq(contractComments.id, commentId))
  return row?.roundId ?? null
}

/** The comments an account wrote on a section, oldest first. */
export function ownContractComments(db: Db, sectionId: string, userId: string): Promise<ContractComment[]> {
  return db
    .select()
    .from(contractComments)
    .where(and(eq(contractComments.sectionId, sectionId), eq(contractComments.userId, userId)))
    .orderBy(asc(contractComments.createdAt))
}

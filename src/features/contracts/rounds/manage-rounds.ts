import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import { NOT_FOUND, type Outcome, Refused, refusable, refuse } from '../../../platform/outcome'
import type { Who } from '../../../platform/policy'
import { proposedWording, type RoundAnswer } from '../../../platform/rounds/rules'
import { conferenceMemberOf } from '../../councils/public'
import {
  answersContractComment,
  contractCommentRefusal,
  contractPublishRefusal,
  opensContractRound,
  revisesContractSection,
} from '../policies'
import {
  contractComments,
  contractObligations,
  contractRevisionComments,
  contractRevisions,
  contractRoundSections,
  contractRounds,
  integrationContracts,
} from '../tables'

/**
 * The use cases of comment rounds on a contract draft (decision 0006). Each runs in one transaction,
 * asks the contracts' policies (which use the shared round rules of src/platform/rounds) and writes
 * its audit entry in the same transaction; a refusal writes nothing. `now` is the moment the rules
 * are judged at (the request's time; tests pass their own).
 */

async function lockRound(tx: Db, roundId: string) {
  const [round] = await tx.select().from(contractRounds).where(eq(contractRounds.id, roundId)).for('update')
  if (!round) throw new Refused(refuse(NOT_FOUND))
  return round
}

async function sectionWithRound(tx: Db, sectionId: string) {
  const [section] = await tx
    .select()
    .from(contractRoundSections)
    .where(eq(contractRoundSections.id, sectionId))
  if (!section) throw new Refused(refuse(NOT_FOUND))
  return { section, round: await lockRound(tx, section.roundId) }
}

async function lockContract(tx: Db, id: string) {
  const [c] = await tx
    .select({ status: integrationContracts.status })
    .from(integrationContracts)
    .where(eq(integrationContracts.id, id))
    .for('update')
  if (!c) throw new Refused(refuse(NOT_FOUND))
  return c
}

export interface ContractRoundInput {
  title: string
  opensAt: Date
  closesAt: Date
}

/** Opens a comment round on a contract in negotiation: its obligations, as they read now, are the sections. */
export function openContractRound(
  db: Db,
  actor: Actor,
  who: Who,
  contractId: string,
  input: ContractRoundInput,
): Promise<Outcome<string>> {
  if (input.closesAt <= input.opensAt)
    return Promise.resolve(refuse('contracts.error.roundPeriod', 'closesAt'))
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const c = await lockContract(tx, contractId)
      if (!opensContractRound(who, c))
        throw new Refused(refuse('contracts.error.roundNotDraft', 'roundTitle'))
      const obligations = await tx
        .select()
        .from(contractObligations)
        .where(eq(contractObligations.contractId, contractId))
        .orderBy(asc(contractObligations.side), asc(contractObligations.position))
      if (obligations.length === 0) throw new Refused(refuse('contracts.error.roundEmpty', 'roundTitle'))
      const [round] = await tx
        .insert(contractRounds)
        .values({ contractId, title: input.title.trim(), opensAt: input.opensAt, closesAt: input.closesAt })
        .returning({ id: contractRounds.id })
      // Sections are numbered within each side ("Der Partner: Pflicht 2"), as the contract reads.
      const numbered = new Map<string, number>()
      await tx.insert(contractRoundSections).values(
        obligations.map((o) => {
          const n = (numbered.get(o.side) ?? 0) + 1
          numbered.set(o.side, n)
          return { roundId: round!.id, obligationId: o.id, side: o.side, position: n, text: o.text }
        }),
      )
      await writeAudit(tx, actor, {
        action: 'contracts.round.open',
        entityType: 'contract_round',
        entityId: round!.id,
        summary: {
          contractId,
          title: input.title,
          opensAt: input.opensAt.toISOString(),
          closesAt: input.closesAt.toISOString(),
        },
      })
      return round!.id
    }),
  )
}

/** Ends an open (or not yet open) round now, before its planned end. */
export function closeContractRound(
  db: Db,
  actor: Actor,
  who: Who,
  roundId: string,
  now = new Date(),
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const round = await lockRound(tx, roundId)
      if (!answersContractComment(who, round) || round.closesAt <= now)
        throw new Refused(refuse('contracts.round.error.closed'))
      await tx
        .update(contractRounds)
        .set({ closesAt: new Date(Math.max(now.getTime(), round.opensAt.getTime() + 1)) })
        .where(eq(contractRounds.id, roundId))
      await writeAudit(tx, actor, {
        action: 'contracts.round.close',
        entityType: 'contract_round',
        entityId: roundId,
        summary: { planned: round.closesAt.toISOString(), closedAt: now.toISOString() },
      })
      return roundId
    }),
  )
}

const COMMENT_REFUSALS = {
  notMember: 'contracts.round.error.notMember',
  notOpenYet: 'contracts.round.error.notOpen',
  closed: 'contracts.round.error.closed',
} as const

/**
 * A conference member comments on a section, optionally proposing a changed wording. Refused when
 * the account stands for no current member of the conference, or the round is not open at `now`.
 */
export function addContractComment(
  db: Db,
  actor: Actor,
  who: Who,
  sectionId: string,
  input: { body: string; proposedText?: string | undefined },
  now = new Date(),
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const { section, round } = await sectionWithRound(tx, sectionId)
      const member = who.id ? await conferenceMemberOf(tx, who.id, now) : null
      const refusal = contractCommentRefusal({ ...who, conferenceMember: !!member }, round, now)
      if (refusal || !member || !who.id)
        throw new Refused(refuse(COMMENT_REFUSALS[refusal ?? 'notMember'], 'body'))
      const body = input.body.trim()
      if (!body) throw new Refused(refuse('contracts.round.error.body', 'body'))
      const proposed = proposedWording(input.proposedText, section.text)
      const [row] = await tx
        .insert(contractComments)
        .values({
          sectionId,
          userId: who.id,
          authorName: member.name,
          organisationName: member.organisationName,
          body,
          proposedText: proposed,
          createdAt: now,
        })
        .returning({ id: contractComments.id })
      await writeAudit(tx, actor, {
        action: 'contracts.comment.add',
        entityType: 'contract_round',
        entityId: round.id,
        summary: { commentId: row!.id, sectionId, proposesWording: proposed !== null },
      })
      return row!.id
    }),
  )
}

/** The ministry answers a comment: accepted, partly or not, always with a reason. */
export function answerContractComment(
  db: Db,
  actor: Actor,
  who: Who,
  commentId: string,
  input: { answer: RoundAnswer; reason: string },
  now = new Date(),
): Promise<Outcome<string>> {
  const reason = input.reason.trim()
  if (!reason) return Promise.resolve(refuse('contracts.error.answerReason', 'reason'))
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const [comment] = await tx.select().from(contractComments).where(eq(contractComments.id, commentId))
      if (!comment) throw new Refused(refuse(NOT_FOUND))
      const { round } = await sectionWithRound(tx, comment.sectionId)
      if (!answersContractComment(who, round))
        throw new Refused(refuse('contracts.error.outcomePublished', 'answer'))
      await tx
        .update(contractComments)
        .set({ answer: input.answer, answerReason: reason, answeredAt: now })
        .where(eq(contractComments.id, commentId))
      await writeAudit(tx, actor, {
        action: 'contracts.comment.answer',
        entityType: 'contract_round',
        entityId: round.id,
        summary: { commentId, answer: input.answer, before: comment.answer },
      })
      return commentId
    }),
  )
}

const PUBLISH_REFUSALS = {
  forbidden: NOT_FOUND,
  stillOpen: 'contracts.error.roundStillOpen',
  unanswered: 'contracts.error.unanswered',
  published: 'contracts.error.outcomePublished',
} as const

/** Publishes the round's outcome with every answer: only after it closed and when all are answered. */
export function publishContractOutcome(
  db: Db,
  actor: Actor,
  who: Who,
  roundId: string,
  now = new Date(),
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const round = await lockRound(tx, roundId)
      const [open] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(contractComments)
        .innerJoin(contractRoundSections, eq(contractRoundSections.id, contractComments.sectionId))
        .where(and(eq(contractRoundSections.roundId, roundId), isNull(contractComments.answer)))
      const unanswered = open?.n ?? 0
      const refusal = contractPublishRefusal(who, round, now, unanswered)
      if (refusal) throw new Refused(refuse(PUBLISH_REFUSALS[refusal], 'form', { count: unanswered }))
      await tx.update(contractRounds).set({ publishedAt: now }).where(eq(contractRounds.id, roundId))
      await writeAudit(tx, actor, {
        action: 'contracts.round.publish',
        entityType: 'contract_round',
        entityId: roundId,
      })
      return roundId
    }),
  )
}

/**
 * The next wording of a section, written into the contract's obligation, with the comments (of this
 * section) behind the change. Only after the round has closed, while the contract is in negotiation.
 */
export function reviseContractSection(
  db: Db,
  actor: Actor,
  who: Who,
  sectionId: string,
  input: { text: string; commentIds: readonly string[] },
  now = new Date(),
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const { section, round } = await sectionWithRound(tx, sectionId)
      const c = await lockContract(tx, round.contractId)
      if (!revisesContractSection(who, round, now, c))
        throw new Refused(refuse('contracts.error.revisionNotNow', 'text'))
      const text = input.text.trim()
      if (!text) throw new Refused(refuse('contracts.error.obligationText', 'text'))
      const ids = [...new Set(input.commentIds)]
      const own = ids.length
        ? await tx
            .select({ id: contractComments.id })
            .from(contractComments)
            .where(and(inArray(contractComments.id, ids), eq(contractComments.sectionId, sectionId)))
        : []
      if (own.length !== ids.length) throw new Refused(refuse(NOT_FOUND, 'commentIds'))
      const [obligation] = section.obligationId
        ? await tx
            .update(contractObligations)
            .set({ text })
            .where(eq(contractObligations.id, section.obligationId))
            .returning({ id: contractObligations.id })
        : []
      if (!obligation) throw new Refused(refuse(NOT_FOUND, 'text'))
      const [revision] = await tx
        .insert(contractRevisions)
        .values({ sectionId, text, createdAt: now })
        .returning({ id: contractRevisions.id })
      if (ids.length)
        await tx
          .insert(contractRevisionComments)
          .values(ids.map((commentId) => ({ revisionId: revision!.id, commentId })))
      await writeAudit(tx, actor, {
        action: 'contracts.section.revise',
        entityType: 'contract_round',
        entityId: round.id,
        summary: { sectionId, obligationId: obligation.id, commentIds: ids },
      })
      return revision!.id
    }),
  )
}

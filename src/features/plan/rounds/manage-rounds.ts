import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import { type Outcome, Refused, refusable, refuse } from '../../../platform/outcome'
import type { Who } from '../../../platform/policy'
import { conferenceMemberOf } from '../../councils/public'
import type { PlanActor } from '../manage-plan'
import {
  answersComment,
  commentRefusal,
  opensRound,
  publishRefusal,
  type RoundFacts,
  revisesSection,
} from '../policies'
import {
  type PlanAnswer,
  planComments,
  planFields,
  planRevisionComments,
  planRevisions,
  planRoundSections,
  planRounds,
  planVersions,
} from '../tables'

/**
 * The use cases of comment rounds (Kommentierungsrunden). Each runs in one transaction, asks the
 * plan's policies about the round it touches and writes its audit entry in the same transaction.
 * `now` is the moment the rules are judged at (the request's time; tests pass their own).
 */

const whoOf = (actor: PlanActor): Who => ({ id: actor.id, can: (p) => actor.can(p) })

async function lockRound(tx: Db, roundId: string) {
  const [round] = await tx.select().from(planRounds).where(eq(planRounds.id, roundId)).for('update')
  if (!round) throw new Refused(refuse('plan.error.notFound'))
  return round
}

async function sectionWithRound(tx: Db, sectionId: string) {
  const [row] = await tx
    .select({ section: planRoundSections, roundId: planRoundSections.roundId })
    .from(planRoundSections)
    .where(eq(planRoundSections.id, sectionId))
  if (!row) throw new Refused(refuse('plan.error.notFound'))
  return { section: row.section, round: await lockRound(tx, row.roundId) }
}

export interface RoundInput {
  title: string
  opensAt: Date
  closesAt: Date
}

/** Opens a comment round on a draft: its fields of action become the sections, as they read now. */
export function openRound(
  db: Db,
  actor: PlanActor,
  versionId: string,
  input: RoundInput,
): Promise<Outcome<string>> {
  if (input.closesAt <= input.opensAt) return Promise.resolve(refuse('plan.error.roundPeriod', 'closesAt'))
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const [v] = await tx
        .select({ status: planVersions.status })
        .from(planVersions)
        .where(eq(planVersions.id, versionId))
        .for('update')
      if (!v) throw new Refused(refuse('plan.error.notFound'))
      if (!opensRound(whoOf(actor), v.status)) throw new Refused(refuse('plan.error.notDraft'))
      const fields = await tx
        .select()
        .from(planFields)
        .where(eq(planFields.versionId, versionId))
        .orderBy(asc(planFields.position))
      if (fields.length === 0) throw new Refused(refuse('plan.error.roundEmpty'))
      const [round] = await tx
        .insert(planRounds)
        .values({ versionId, ...input })
        .returning({ id: planRounds.id })
      await tx.insert(planRoundSections).values(
        fields.map((f) => ({
          roundId: round!.id,
          code: f.code,
          position: f.position,
          heading: f.title,
          text: f.description,
        })),
      )
      await writeAudit(tx, actor, {
        action: 'plan.round.open',
        entityType: 'plan_round',
        entityId: round!.id,
        summary: {
          versionId,
          title: input.title,
          opensAt: input.opensAt.toISOString(),
          closesAt: input.closesAt.toISOString(),
        },
      })
      return round!.id
    }),
  )
}

/** Ends an open round now (before its planned end). */
export function closeRound(
  db: Db,
  actor: PlanActor,
  roundId: string,
  now = new Date(),
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const round = await lockRound(tx, roundId)
      if (!answersComment(whoOf(actor), round) || round.closesAt <= now)
        throw new Refused(refuse('plan.error.roundClosed'))
      // The period stays a period: a round not yet open ends a moment after it opens.
      await tx
        .update(planRounds)
        .set({ closesAt: new Date(Math.max(now.getTime(), round.opensAt.getTime() + 1)) })
        .where(eq(planRounds.id, roundId))
      await writeAudit(tx, actor, {
        action: 'plan.round.close',
        entityType: 'plan_round',
        entityId: roundId,
        summary: { planned: round.closesAt.toISOString(), closedAt: now.toISOString() },
      })
      return roundId
    }),
  )
}

export interface CommentInput {
  body: string
  /** A changed wording of the whole section, or empty. */
  proposedText?: string | undefined
}

const COMMENT_REFUSALS = {
  notMember: 'plan.member.error.notMember',
  notOpenYet: 'plan.member.error.roundNotOpen',
  closed: 'plan.member.error.roundClosed',
} as const

/**
 * A conference member comments on a section (optionally proposing a changed wording). Refused when
 * the account stands for no current member, or the round is not open at `now`.
 */
export function addComment(
  db: Db,
  actor: PlanActor,
  sectionId: string,
  input: CommentInput,
  now = new Date(),
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const { section, round } = await sectionWithRound(tx, sectionId)
      const member = actor.id ? await conferenceMemberOf(tx, actor.id, now) : null
      const refusal = commentRefusal({ ...whoOf(actor), conferenceMember: !!member }, round, now)
      if (refusal || !member || !actor.id)
        throw new Refused(refuse(COMMENT_REFUSALS[refusal ?? 'notMember'], 'body'))
      // The form starts with the draft's wording: left as it is, it proposes no change.
      const typed = input.proposedText?.trim() ?? ''
      const proposed = typed && typed !== section.text.trim() ? typed : null
      const [row] = await tx
        .insert(planComments)
        .values({
          sectionId,
          userId: actor.id,
          authorName: member.name,
          organisationName: member.organisationName,
          body: input.body.trim(),
          proposedText: proposed,
          createdAt: now,
        })
        .returning({ id: planComments.id })
      await writeAudit(tx, actor, {
        action: 'plan.comment.add',
        entityType: 'plan_round',
        entityId: round.id,
        summary: { commentId: row!.id, sectionId, proposesWording: proposed !== null },
      })
      return row!.id
    }),
  )
}

/** The ministry answers a comment: accepted, partly or not, always with a reason. */
export function answerComment(
  db: Db,
  actor: PlanActor,
  commentId: string,
  input: { answer: PlanAnswer; reason: string },
): Promise<Outcome<string>> {
  const reason = input.reason.trim()
  if (!reason) return Promise.resolve(refuse('plan.error.answerReason', 'reason'))
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const [comment] = await tx.select().from(planComments).where(eq(planComments.id, commentId))
      if (!comment) throw new Refused(refuse('plan.error.notFound'))
      const { round } = await sectionWithRound(tx, comment.sectionId)
      if (!answersComment(whoOf(actor), round)) throw new Refused(refuse('plan.error.outcomePublished'))
      await tx
        .update(planComments)
        .set({ answer: input.answer, answerReason: reason, answeredAt: new Date() })
        .where(eq(planComments.id, commentId))
      await writeAudit(tx, actor, {
        action: 'plan.comment.answer',
        entityType: 'plan_round',
        entityId: round.id,
        summary: { commentId, answer: input.answer, before: comment.answer },
      })
      return commentId
    }),
  )
}

const PUBLISH_REFUSALS = {
  forbidden: 'plan.error.notFound',
  stillOpen: 'plan.error.roundStillOpen',
  unanswered: 'plan.error.unanswered',
  published: 'plan.error.outcomePublished',
} as const

/** Publishes the round's outcome with every answer; only after it closed and when all are answered. */
export function publishOutcome(
  db: Db,
  actor: PlanActor,
  roundId: string,
  now = new Date(),
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const round = await lockRound(tx, roundId)
      const [open] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(planComments)
        .innerJoin(planRoundSections, eq(planRoundSections.id, planComments.sectionId))
        .where(and(eq(planRoundSections.roundId, roundId), isNull(planComments.answer)))
      const unanswered = open?.n ?? 0
      const refusal = publishRefusal(whoOf(actor), round, now, unanswered)
      if (refusal) throw new Refused(refuse(PUBLISH_REFUSALS[refusal], 'form', { count: unanswered }))
      await tx.update(planRounds).set({ publishedAt: now }).where(eq(planRounds.id, roundId))
      await writeAudit(tx, actor, {
        action: 'plan.round.publish',
        entityType: 'plan_round',
        entityId: roundId,
      })
      return roundId
    }),
  )
}

/**
 * The next wording of a section, written into the draft's field of action of the same code, with
 * the comments (of this section) behind the change. Only after the round has closed, on a draft.
 */
export function reviseSection(
  db: Db,
  actor: PlanActor,
  sectionId: string,
  input: { text: string; commentIds: readonly string[] },
  now = new Date(),
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const { section, round } = await sectionWithRound(tx, sectionId)
      const [v] = await tx
        .select({ status: planVersions.status })
        .from(planVersions)
        .where(eq(planVersions.id, round.versionId))
        .for('update')
      if (!v || !revisesSection(whoOf(actor), round as RoundFacts, now, v.status))
        throw new Refused(refuse('plan.error.revisionNotNow'))
      const ids = [...new Set(input.commentIds)]
      const own = ids.length
        ? await tx
            .select({ id: planComments.id })
            .from(planComments)
            .where(and(inArray(planComments.id, ids), eq(planComments.sectionId, sectionId)))
        : []
      if (own.length !== ids.length) throw new Refused(refuse('plan.error.notFound', 'commentIds'))
      const text = input.text.trim()
      const [field] = await tx
        .update(planFields)
        .set({ description: text })
        .where(and(eq(planFields.versionId, round.versionId), eq(planFields.code, section.code)))
        .returning({ id: planFields.id })
      if (!field) throw new Refused(refuse('plan.error.notFound'))
      const [revision] = await tx
        .insert(planRevisions)
        .values({ sectionId, text })
        .returning({ id: planRevisions.id })
      if (ids.length)
        await tx
          .insert(planRevisionComments)
          .values(ids.map((commentId) => ({ revisionId: revision!.id, commentId })))
      await writeAudit(tx, actor, {
        action: 'plan.section.revise',
        entityType: 'plan_round',
        entityId: round.id,
        summary: { sectionId, fieldId: field.id, commentIds: ids },
      })
      return revision!.id
    }),
  )
}

import { and, asc, eq, inArray, isNull, like, max, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import { type Outcome, ok, Refused, refusable, refuse } from '../../../platform/outcome'
import { isoDay } from '../../directory/public'
import { membersOn } from '../bodies-and-members/find-councils'
import { quorumReached, voteAdopted } from '../rules'
import {
  agendaItems,
  attendance,
  councils,
  type MajorityRule,
  meetings,
  type PaperKind,
  papers,
  voteBallots,
  votes,
} from '../tables'

async function loadMeeting(tx: Db, meetingId: string) {
  const [m] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), isNull(meetings.deletedAt)))
  if (!m) throw new Refused(refuse('councils.error.notFound'))
  return m
}

export interface NewMeeting {
  councilId: string
  title: string
  startsAt: Date
  endsAt?: Date | null
  locationName?: string | null
  locationAddress?: string | null
}

export async function createMeeting(db: Db, actor: Actor, input: NewMeeting): Promise<Outcome<string>> {
  if (input.endsAt && input.endsAt < input.startsAt) return refuse('councils.error.endBeforeStart', 'endsAt')
  return inTransaction(db, async (tx) => {
    const [c] = await tx
      .select({ id: councils.id })
      .from(councils)
      .where(and(eq(councils.id, input.councilId), isNull(councils.deletedAt)))
    if (!c) return refuse('councils.error.notFound')
    const [row] = await tx.insert(meetings).values(input).returning({ id: meetings.id })
    await writeAudit(tx, actor, {
      action: 'meeting.create',
      entityType: 'meeting',
      entityId: row!.id,
      summary: { title: input.title, startsAt: input.startsAt.toISOString() },
    })
    return ok(row!.id)
  })
}

/** Sends the invitation: only for a planned meeting in the future. */
export async function inviteMeeting(
  db: Db,
  actor: Actor,
  meetingId: string,
  now: Date = new Date(),
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const m = await loadMeeting(tx, meetingId)
      if (m.state === 'cancelled') throw new Refused(refuse('meetings.error.cancelled'))
      if (m.state !== 'planned') throw new Refused(refuse('meetings.error.alreadyInvited'))
      if (m.startsAt <= now) throw new Refused(refuse('meetings.error.pastInvite'))
      await tx
        .update(meetings)
        .set({ state: 'invited', invitedAt: now, updatedAt: now })
        .where(eq(meetings.id, meetingId))
      await writeAudit(tx, actor, { action: 'meeting.invite', entityType: 'meeting', entityId: meetingId })
      return meetingId
    }),
  )
}

export async function cancelMeeting(db: Db, actor: Actor, meetingId: string): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const m = await loadMeeting(tx, meetingId)
      if (m.state === 'held') throw new Refused(refuse('meetings.error.alreadyHeld'))
      await tx
        .update(meetings)
        .set({ state: 'cancelled', updatedAt: new Date() })
        .where(eq(meetings.id, meetingId))
      await writeAudit(tx, actor, { action: 'meeting.cancel', entityType: 'meeting', entityId: meetingId })
      return meetingId
    }),
  )
}

const REFERENCE_PREFIX: Record<PaperKind, string> = {
  motion: 'A',
  amendment: 'ÄA',
  report: 'B',
  resolution: 'BS',
}

export interface NewPaper {
  councilId: string
  kind: Exclude<PaperKind, 'resolution'>
  title: string
  body?: string | null
  submittedByCouncilId?: string | null
  submittedByText?: string | null
  date: string
  relatedPaperId?: string | null
}

/** Creates a paper with the next reference of its kind and year, e.g. "A-2026/3". */
export async function createPaper(db: Db, actor: Actor, input: NewPaper): Promise<Outcome<string>> {
  if (input.kind === 'amendment' && !input.relatedPaperId)
    return refuse('meetings.error.amendmentNeedsPaper', 'relatedPaperId')
  return inTransaction(db, async (tx) => {
    if (input.relatedPaperId) {
      const [related] = await tx.select().from(papers).where(eq(papers.id, input.relatedPaperId))
      if (!related || related.deletedAt || related.councilId !== input.councilId)
        return refuse('councils.error.notFound', 'relatedPaperId')
    }
    const prefix = `${REFERENCE_PREFIX[input.kind]}-${input.date.slice(0, 4)}/`
    const [last] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(papers)
      .where(and(eq(papers.councilId, input.councilId), like(papers.reference, `${prefix}%`)))
    const reference = `${prefix}${Number(last?.n ?? 0) + 1}`
    const [row] = await tx
      .insert(papers)
      .values({ ...input, reference })
      .returning({ id: papers.id })
    await writeAudit(tx, actor, {
      action: 'paper.create',
      entityType: 'paper',
      entityId: row!.id,
      summary: { reference, kind: input.kind, title: input.title },
    })
    return ok(row!.id)
  })
}

export interface NewAgendaItem {
  meetingId: string
  title: string
  public: boolean
  paperId?: string | null
  majorityRule?: MajorityRule
}

/** Appends an item to the agenda (before the meeting is held). */
export async function addAgendaItem(db: Db, actor: Actor, input: NewAgendaItem): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const m = await loadMeeting(tx, input.meetingId)
      if (m.state === 'cancelled') throw new Refused(refuse('meetings.error.cancelled'))
      const [last] = await tx
        .select({ p: max(agendaItems.position) })
        .from(agendaItems)
        .where(eq(agendaItems.meetingId, input.meetingId))
      const position = Number(last?.p ?? 0) + 1
      const [row] = await tx
        .insert(agendaItems)
        .values({ ...input, position })
        .returning({ id: agendaItems.id })
      await tx.update(meetings).set({ updatedAt: new Date() }).where(eq(meetings.id, m.id))
      await writeAudit(tx, actor, {
        action: 'meeting.agenda.add',
        entityType: 'meeting',
        entityId: input.meetingId,
        summary: { position, title: input.title, public: input.public },
      })
      return row!.id
    }),
  )
}

/** Adds a new motion and puts it on the agenda, in one transaction. */
export async function addMotionToAgenda(
  db: Db,
  actor: Actor,
  input: {
    meetingId: string
    title: string
    body?: string | null
    submittedByText?: string | null
    public: boolean
    majorityRule: MajorityRule
    kind?: NewPaper['kind']
    relatedPaperId?: string | null
  },
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const m = await loadMeeting(tx, input.meetingId)
      const paper = await createPaper(tx, actor, {
        councilId: m.councilId,
        kind: input.kind ?? 'motion',
        relatedPaperId: input.relatedPaperId ?? null,
        title: input.title,
        body: input.body ?? null,
        submittedByText: input.submittedByText ?? null,
        date: isoDay(new Date()),
      })
      if (!paper.ok) throw new Refused(paper)
      const item = await addAgendaItem(tx, actor, {
        meetingId: m.id,
        title: input.title,
        public: input.public,
        paperId: paper.value,
        majorityRule: input.majorityRule,
      })
      if (!item.ok) throw new Refused(item)
      return item.value
    }),
  )
}

/** Who counts as a member of the body on the meeting's day (delegates for the plenary). */
export async function eligibleMembers(db: Db, meeting: typeof meetings.$inferSelect) {
  return membersOn(db, meeting.councilId, isoDay(meeting.startsAt))
}

/** Records who is present (replacing the previous list); only members of the body may be listed. */
export async function setAttendance(
  db: Db,
  actor: Actor,
  meetingId: string,
  personIds: readonly string[],
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const m = await loadMeeting(tx, meetingId)
      if (m.state === 'cancelled') throw new Refused(refuse('meetings.error.cancelled'))
      const eligible = new Set((await eligibleMembers(tx, m)).map((e) => e.personId))
      const unique = [...new Set(personIds)]
      if (unique.some((p) => !eligible.has(p)))
        throw new Refused(refuse('meetings.error.notAMember', 'present'))
      await tx.delete(attendance).where(eq(attendance.meetingId, meetingId))
      if (unique.length)
        await tx.insert(attendance).values(unique.map((personId) => ({ meetingId, personId })))
      await tx.update(meetings).set({ updatedAt: new Date() }).where(eq(meetings.id, meetingId))
      await writeAudit(tx, actor, {
        action: 'meeting.attendance',
        entityType: 'meeting',
        entityId: meetingId,
        summary: { present: unique.length },
      })
      return meetingId
    }),
  )
}

export async function quorumOf(db: Db, meeting: typeof meetings.$inferSelect) {
  const [members, present, [council]] = await Promise.all([
    eligibleMembers(db, meeting),
    db.select().from(attendance).where(eq(attendance.meetingId, meeting.id)),
    db.select().from(councils).where(eq(councils.id, meeting.councilId)),
  ])
  const percent = council?.quorumPercent ?? 50
  return {
    members: members.length,
    present: present.length,
    presentIds: new Set(present.map((p) => p.personId)),
    percent,
    reached: quorumReached(present.length, members.length, percent),
  }
}

/** The agenda item voted on, and the meeting it must belong to (the meeting of the staff page). */
interface ItemOfMeeting {
  meetingId: string
  agendaItemId: string
}

export type VoteInput =
  | (ItemOfMeeting & { yes: number; no: number; abstain: number; majorityRule?: MajorityRule })
  | (ItemOfMeeting & {
      ballots: Readonly<Record<string, 'yes' | 'no' | 'abstain'>>
      majorityRule?: MajorityRule
    })

/**
 * The live agenda item of the meeting, for a vote or an election on it. An unknown id and an item
 * of another meeting are refused alike, at the form's agenda item field; a removed item as a whole.
 */
export async function agendaItemOfMeeting(tx: Db, input: ItemOfMeeting) {
  const [item] = await tx.select().from(agendaItems).where(eq(agendaItems.id, input.agendaItemId))
  if (!item || item.meetingId !== input.meetingId)
    throw new Refused(refuse('councils.error.notFound', 'agendaItemId'))
  if (item.deletedAt) throw new Refused(refuse('councils.error.notFound'))
  return item
}

/**
 * Records the vote on an agenda item. Refused without quorum, when counts exceed those present, when
 * a ballot comes from someone absent, or when the item was already voted on. The majority rule
 * decides the outcome; an adopted motion becomes a resolution with the next running number.
 */
export async function recordVote(
  db: Db,
  actor: Actor,
  input: VoteInput,
): Promise<Outcome<{ voteId: string; adopted: boolean; resolutionId: string | null }>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const item = await agendaItemOfMeeting(tx, input)
      const m = await loadMeeting(tx, item.meetingId)
      if (m.state === 'cancelled') throw new Refused(refuse('meetings.error.cancelled'))
      const [existing] = await tx.select().from(votes).where(eq(votes.agendaItemId, item.id))
      if (existing) throw new Refused(refuse('meetings.error.alreadyVoted'))
      if (item.paperId) {
        const [p] = await tx
          .select({ withdrawnAt: papers.withdrawnAt })
          .from(papers)
          .where(eq(papers.id, item.paperId))
        if (p?.withdrawnAt) throw new Refused(refuse('meetings.error.paperWithdrawn'))
      }
      const q = await quorumOf(tx, m)
      if (!q.reached) throw new Refused(refuse('meetings.error.noQuorum'))
      let counts: { yes: number; no: number; abstain: number }
      const rollCall = 'ballots' in input
      if ('ballots' in input) {
        counts = { yes: 0, no: 0, abstain: 0 }
        for (const [personId, choice] of Object.entries(input.ballots)) {
          if (!q.presentIds.has(personId)) throw new Refused(refuse('meetings.error.ballotNotPresent'))
          counts[choice]++
        }
      } else {
        counts = { yes: input.yes, no: input.no, abstain: input.abstain }
        if ([counts.yes, counts.no, counts.abstain].some((n) => !Number.isInteger(n) || n < 0))
          throw new Refused(refuse('meetings.error.countsInvalid', 'yes'))
      }
      if (counts.yes + counts.no + counts.abstain > q.present)
        throw new Refused(refuse('meetings.error.countsExceedPresent', 'yes'))
      const rule = input.majorityRule ?? item.majorityRule
      const adopted = voteAdopted(rule, counts, q.members)
      const [vote] = await tx
        .insert(votes)
        .values({
          agendaItemId: item.id,
          ...counts,
          present: q.present,
          members: q.members,
          majorityRule: rule,
          adopted,
          rollCall,
        })
        .returning({ id: votes.id })
      if ('ballots' in input) {
        const rows = Object.entries(input.ballots).map(([personId, choice]) => ({
          voteId: vote!.id,
          personId,
          choice,
        }))
        if (rows.length) await tx.insert(voteBallots).values(rows)
      }
      const now = new Date()
      await tx
        .update(agendaItems)
        .set({ result: adopted ? 'adopted' : 'rejected', majorityRule: rule, updatedAt: now })
        .where(eq(agendaItems.id, item.id))
      await tx.update(meetings).set({ state: 'held', updatedAt: now }).where(eq(meetings.id, m.id))
      let resolutionId: string | null = null
      if (adopted && item.paperId) {
        const [paper] = await tx.select().from(papers).where(eq(papers.id, item.paperId))
        if (paper && (paper.kind === 'motion' || paper.kind === 'amendment')) {
          const year = isoDay(m.startsAt).slice(0, 4)
          const [last] = await tx
            .select({ n: max(papers.resolutionNumber) })
            .from(papers)
            .where(
              and(
                eq(papers.councilId, m.councilId),
                eq(papers.kind, 'resolution'),
                like(papers.reference, `BS-${year}/%`),
              ),
            )
          const number = Number(last?.n ?? 0) + 1
          const [res] = await tx
            .insert(papers)
            .values({
              councilId: m.councilId,
              kind: 'resolution',
              reference: `BS-${year}/${number}`,
              resolutionNumber: number,
              title: paper.title,
              body: paper.body,
              date: isoDay(m.startsAt),
              relatedPaperId: paper.id,
              submittedByCouncilId: paper.submittedByCouncilId,
              submittedByText: paper.submittedByText,
            })
            .returning({ id: papers.id })
          resolutionId = res!.id
        }
      }
      await writeAudit(tx, actor, {
        action: 'meeting.vote',
        entityType: 'agenda_item',
        entityId: item.id,
        summary: { ...counts, rule, adopted, rollCall, resolutionId },
      })
      return { voteId: vote!.id, adopted, resolutionId }
    }),
  )
}

/** Saves draft minutes per agenda item; published minutes are final. */
export async function saveMinutes(
  db: Db,
  actor: Actor,
  meetingId: string,
  texts: Readonly<Record<string, string>>,
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const m = await loadMeeting(tx, meetingId)
      if (m.minutesState === 'approved' || m.minutesState === 'published')
        throw new Refused(refuse('meetings.error.minutesFinal'))
      const items = await tx
        .select({ id: agendaItems.id })
        .from(agendaItems)
        .where(and(eq(agendaItems.meetingId, meetingId), inArray(agendaItems.id, Object.keys(texts))))
      if (items.length !== Object.keys(texts).length) throw new Refused(refuse('councils.error.notFound'))
      const now = new Date()
      for (const [id, text] of Object.entries(texts))
        await tx.update(agendaItems).set({ minutes: text, updatedAt: now }).where(eq(agendaItems.id, id))
      await tx
        .update(meetings)
        .set({ minutesState: 'draft', updatedAt: now })
        .where(eq(meetings.id, meetingId))
      await writeAudit(tx, actor, {
        action: 'meeting.minutes.draft',
        entityType: 'meeting',
        entityId: meetingId,
      })
      return meetingId
    }),
  )
}

/**
 * Approves the minutes at a later meeting of the same body, one that has taken place: minutes are
 * approved by the members present, so not "in" a meeting still to come.
 */
export async function approveMinutes(
  db: Db,
  actor: Actor,
  meetingId: string,
  approvingMeetingId: string,
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const m = await loadMeeting(tx, meetingId)
      if (m.minutesState !== 'draft') throw new Refused(refuse('meetings.error.minutesNotDraft'))
      const later = await loadMeeting(tx, approvingMeetingId)
      if (later.councilId !== m.councilId || later.startsAt <= m.startsAt || later.state === 'cancelled')
        throw new Refused(refuse('meetings.error.approveAtLater', 'approvedAt'))
      if (later.startsAt > new Date())
        throw new Refused(refuse('meetings.error.approveNotHeld', 'approvedAt'))
      await tx
        .update(meetings)
        .set({ minutesState: 'approved', minutesApprovedAtId: later.id, updatedAt: new Date() })
        .where(eq(meetings.id, meetingId))
      await writeAudit(tx, actor, {
        action: 'meeting.minutes.approve',
        entityType: 'meeting',
        entityId: meetingId,
        summary: { approvedAt: later.id },
      })
      return meetingId
    }),
  )
}

export async function publishMinutes(db: Db, actor: Actor, meetingId: string): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const m = await loadMeeting(tx, meetingId)
      if (m.minutesState !== 'approved') throw new Refused(refuse('meetings.error.minutesNotApproved'))
      // Minutes recorded as approved at a meeting still to come (before that was refused) stay unpublished.
      const at = m.minutesApprovedAtId ? await loadMeeting(tx, m.minutesApprovedAtId) : null
      if (!at || at.startsAt > new Date()) throw new Refused(refuse('meetings.error.approveNotHeld'))
      await tx
        .update(meetings)
        .set({ minutesState: 'published', updatedAt: new Date() })
        .where(eq(meetings.id, meetingId))
      await writeAudit(tx, actor, {
        action: 'meeting.minutes.publish',
        entityType: 'meeting',
        entityId: meetingId,
      })
      return meetingId
    }),
  )
}

/** The agenda of a meeting with each item's paper and vote, in order. */
export async function agendaOf(db: Db, meetingId: string) {
  return db
    .select({ item: agendaItems, paper: papers, vote: votes })
    .from(agendaItems)
    .leftJoin(papers, eq(papers.id, agendaItems.paperId))
    .leftJoin(votes, eq(votes.agendaItemId, agendaItems.id))
    .where(and(eq(agendaItems.meetingId, meetingId), isNull(agendaItems.deletedAt)))
    .orderBy(asc(agendaItems.position))
}

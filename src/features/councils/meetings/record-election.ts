import { and, eq, isNull } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import { type Outcome, Refused, refusable, refuse, refuseAll } from '../../../platform/outcome'
import { isoDay, people } from '../../directory/public'
import { addMembership } from '../bodies-and-members/manage-councils'
import { agendaItems, councils, electionCandidates, type MemberRole, meetings, votes } from '../tables'
import { agendaItemOfMeeting, eligibleMembers, quorumOf } from './manage-meetings'

export interface ElectionInput {
  /** The meeting of the staff page: the agenda item must be one of its items. */
  meetingId: string
  agendaItemId: string
  role: MemberRole
  /** How many are elected (the best `seats` candidates). */
  seats: number
  /** Votes per candidate (person id). */
  candidates: Readonly<Record<string, number>>
}

/**
 * Records an election (e.g. of the agah board) under an agenda item: needs quorum, at most
 * `seats` votes per person present, at least one vote for each elected candidate, and no tie at
 * the last seat (a run-off is needed then). When the plenary elects, the winners become members of
 * the agah board from the meeting day. All or nothing.
 */
export async function recordElection(db: Db, actor: Actor, input: ElectionInput): Promise<Outcome<string[]>> {
  const entries = Object.entries(input.candidates)
  if (entries.length === 0) return refuse('meetings.error.noCandidates', 'candidates')
  if (!Number.isInteger(input.seats) || input.seats < 1 || input.seats > 50)
    return refuse('meetings.error.seats', 'seats')
  if (entries.some(([, v]) => !Number.isInteger(v) || v < 0))
    return refuse('meetings.error.countsInvalid', 'candidates')
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const item = await agendaItemOfMeeting(tx, input)
      const [m] = await tx.select().from(meetings).where(eq(meetings.id, item.meetingId))
      if (!m || m.deletedAt) throw new Refused(refuse('councils.error.notFound'))
      if (m.state === 'cancelled') throw new Refused(refuse('meetings.error.cancelled'))
      // Only the members who may attend the meeting stand as candidates.
      const members = new Set((await eligibleMembers(tx, m)).map((e) => e.personId))
      if (entries.some(([personId]) => !members.has(personId)))
        throw new Refused(refuse('meetings.error.notAMember'))
      const already = await tx
        .select({ id: electionCandidates.id })
        .from(electionCandidates)
        .where(eq(electionCandidates.agendaItemId, item.id))
      const [voted] = await tx.select({ id: votes.id }).from(votes).where(eq(votes.agendaItemId, item.id))
      if (already.length || voted) throw new Refused(refuse('meetings.error.alreadyVoted'))
      const q = await quorumOf(tx, m)
      if (!q.reached) throw new Refused(refuse('meetings.error.noQuorum'))
      const total = entries.reduce((sum, [, v]) => sum + v, 0)
      if (total > q.present * input.seats)
        throw new Refused(refuse('meetings.error.countsExceedPresent', 'candidates'))
      const ranked = [...entries].sort((a, b) => b[1] - a[1])
      const cut = ranked[input.seats - 1]?.[1]
      const next = ranked[input.seats]?.[1]
      if (cut !== undefined && cut > 0 && next === cut)
        throw new Refused(refuse('meetings.error.tie', 'candidates'))
      const elected = new Set(
        ranked
          .slice(0, input.seats)
          .filter(([, v]) => v > 0)
          .map(([p]) => p),
      )
      await tx.insert(electionCandidates).values(
        entries.map(([personId, v]) => ({
          agendaItemId: item.id,
          personId,
          role: input.role,
          votes: v,
          elected: elected.has(personId),
        })),
      )
      const now = new Date()
      await tx
        .update(agendaItems)
        .set({ result: elected.size ? 'elected' : 'rejected', updatedAt: now })
        .where(eq(agendaItems.id, item.id))
      await tx.update(meetings).set({ state: 'held', updatedAt: now }).where(eq(meetings.id, m.id))
      // The plenary elects the board: winners join it from the meeting day.
      const [body] = await tx.select().from(councils).where(eq(councils.id, m.councilId))
      if (body?.kind === 'agah') {
        const [board] = await tx
          .select()
          .from(councils)
          .where(
            and(eq(councils.parentId, body.id), eq(councils.kind, 'agah_board'), isNull(councils.deletedAt)),
          )
        if (board) {
          for (const personId of elected) {
            const r = await addMembership(tx, actor, {
              councilId: board.id,
              personId,
              role: input.role,
              startsOn: isoDay(m.startsAt),
            })
            if (!r.ok) throw new Refused(refuseAll(r.problems.map((p) => ({ ...p, field: 'candidates' }))))
          }
        }
      }
      await writeAudit(tx, actor, {
        action: 'meeting.election',
        entityType: 'agenda_item',
        entityId: item.id,
        summary: { role: input.role, seats: input.seats, candidates: entries.length, elected: elected.size },
      })
      return [...elected]
    }),
  )
}

/** Candidates of the elections of a meeting, with names, by agenda item. */
export async function electionsOf(db: Db, meetingId: string) {
  return db
    .select({
      agendaItemId: electionCandidates.agendaItemId,
      role: electionCandidates.role,
      votes: electionCandidates.votes,
      elected: electionCandidates.elected,
      givenName: people.givenName,
      familyName: people.familyName,
    })
    .from(electionCandidates)
    .innerJoin(agendaItems, eq(agendaItems.id, electionCandidates.agendaItemId))
    .innerJoin(people, eq(people.id, electionCandidates.personId))
    .where(and(eq(agendaItems.meetingId, meetingId), isNull(electionCandidates.deletedAt)))
}

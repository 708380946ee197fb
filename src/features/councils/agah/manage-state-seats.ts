import { and, eq, isNull } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import { type Outcome, ok, type Refusal, refuse } from '../../../platform/outcome'
import { people } from '../../directory/public'
import { rangesOverlap } from '../rules'
import { agahStateSeats } from '../tables'

export interface StateSeatInput {
  bodyName: string
  /** Which seat in the body, e.g. "Mitglied" or "Stellvertretung"; the same seat is held by one person at a time. */
  seat: string
  personId: string | null
  startsOn: string
  endsOn: string | null
}

const EARLIEST = '0001-01-01'
const seatKey = (bodyName: string, seat: string | null) =>
  `${bodyName.trim().toLowerCase()}\u0000${(seat ?? '').trim().toLowerCase()}`

/** Refuses wrong dates, an unknown holder and a seat held twice at the same time. */
async function checkSeat(tx: Db, input: StateSeatInput, exceptId: string | null): Promise<Refusal | null> {
  if (input.endsOn !== null && input.endsOn < input.startsOn)
    return refuse('councils.error.endBeforeStart', 'endsOn')
  if (input.personId) {
    const [p] = await tx.select({ id: people.id }).from(people).where(eq(people.id, input.personId))
    if (!p) return refuse('councils.error.personNotFound', 'personId')
  }
  const key = seatKey(input.bodyName, input.seat)
  const same = (await tx.select().from(agahStateSeats).where(isNull(agahStateSeats.deletedAt))).filter(
    (s) => s.id !== exceptId && seatKey(s.bodyName, s.seat) === key,
  )
  if (same.some((s) => rangesOverlap({ startsOn: s.startsOn ?? EARLIEST, endsOn: s.endsOn }, input)))
    return refuse('councils.error.stateSeatOverlap', 'startsOn')
  return null
}

/** Records a seat of the agah in a state body and who holds it from when. */
export async function createStateSeat(db: Db, actor: Actor, input: StateSeatInput): Promise<Outcome<string>> {
  return inTransaction(db, async (tx) => {
    const refused = await checkSeat(tx, input, null)
    if (refused) return refused
    const [row] = await tx.insert(agahStateSeats).values(input).returning({ id: agahStateSeats.id })
    await writeAudit(tx, actor, {
      action: 'agah.stateSeat.create',
      entityType: 'agah_state_seat',
      entityId: row!.id,
      summary: { ...input },
    })
    return ok(row!.id)
  })
}

/** Changes a seat (body, seat, holder, dates) under the same rules. */
export async function updateStateSeat(
  db: Db,
  actor: Actor,
  seatId: string,
  input: StateSeatInput,
): Promise<Outcome<string>> {
  return inTransaction(db, async (tx) => {
    const [before] = await tx
      .select()
      .from(agahStateSeats)
      .where(and(eq(agahStateSeats.id, seatId), isNull(agahStateSeats.deletedAt)))
    if (!before) return refuse('councils.error.notFound')
    const refused = await checkSeat(tx, input, seatId)
    if (refused) return refused
    await tx
      .update(agahStateSeats)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(agahStateSeats.id, seatId))
    await writeAudit(tx, actor, {
      action: 'agah.stateSeat.update',
      entityType: 'agah_state_seat',
      entityId: seatId,
      summary: {
        before: {
          bodyName: before.bodyName,
          seat: before.seat,
          personId: before.personId,
          startsOn: before.startsOn,
          endsOn: before.endsOn,
        },
        after: { ...input },
      },
    })
    return ok(seatId)
  })
}

/** Ends the holding of a seat on a day (it stays in the history; a successor can follow the day after). */
export async function endStateSeat(
  db: Db,
  actor: Actor,
  seatId: string,
  endsOn: string,
): Promise<Outcome<string>> {
  return inTransaction(db, async (tx) => {
    const [s] = await tx
      .select()
      .from(agahStateSeats)
      .where(and(eq(agahStateSeats.id, seatId), isNull(agahStateSeats.deletedAt)))
    if (!s) return refuse('councils.error.notFound')
    if (s.startsOn && endsOn < s.startsOn) return refuse('councils.error.endBeforeStart', 'lastDay')
    if (s.endsOn !== null && endsOn > s.endsOn) return refuse('councils.error.endAfterEnd', 'lastDay')
    await tx
      .update(agahStateSeats)
      .set({ endsOn, updatedAt: new Date() })
      .where(eq(agahStateSeats.id, seatId))
    await writeAudit(tx, actor, {
      action: 'agah.stateSeat.end',
      entityType: 'agah_state_seat',
      entityId: seatId,
      summary: { endsOn },
    })
    return ok(seatId)
  })
}

import { and, eq, gte, isNull, lte, or } from 'drizzle-orm'
import type { FastifyRequest } from 'fastify'
import { type Actor, writeAudit } from '../../platform/audit'
import { users } from '../../platform/auth/tables'
import { type Db, inTransaction } from '../../platform/db'
import { isoDay } from '../directory/find-places'
import { people } from '../directory/tables'
import { type Outcome, refuse } from './manage-councils'
import { councilMemberships, councilStaff, councils } from './tables'

/**
 * Links a staff account to the council it manages (role council_secretary) and/or to its person
 * record (role delegate: sees the non-public items of the meetings of bodies the person belongs to).
 */
export async function assignCouncilStaff(
  db: Db,
  actor: Actor,
  input: { email: string; councilId?: string | undefined; personId?: string | undefined },
): Promise<Outcome> {
  if (!input.councilId && !input.personId) return refuse('councils.error.notFound')
  return inTransaction(db, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, input.email.toLowerCase()))
    if (!user) return refuse('councils.error.userNotFound', 'email')
    if (input.councilId) {
      const [c] = await tx
        .select({ id: councils.id })
        .from(councils)
        .where(and(eq(councils.id, input.councilId), isNull(councils.deletedAt)))
      if (!c) return refuse('councils.error.notFound', 'councilId')
    }
    if (input.personId) {
      const [p] = await tx.select({ id: people.id }).from(people).where(eq(people.id, input.personId))
      if (!p) return refuse('councils.error.personNotFound', 'personId')
    }
    const values = { userId: user.id, councilId: input.councilId ?? null, personId: input.personId ?? null }
    await tx
      .insert(councilStaff)
      .values(values)
      .onConflictDoUpdate({
        target: councilStaff.userId,
        set: { councilId: values.councilId, personId: values.personId },
      })
    await writeAudit(tx, actor, {
      action: 'council.staff.assign',
      entityType: 'user',
      entityId: user.id,
      summary: { councilId: values.councilId, personId: values.personId },
    })
    return { ok: true, id: user.id }
  })
}

/**
 * Whether the signed-in person may see the non-public items of a meeting of a body: the agah office,
 * the body's secretary, or a delegate who is a member of the body on the meeting day.
 */
export async function canReadNonPublic(
  db: Db,
  request: FastifyRequest,
  councilId: string,
  on: Date,
): Promise<boolean> {
  if (!request.user || !request.can('meetings.readNonPublic')) return false
  if (request.can('councils.manage')) return true
  const [link] = await db.select().from(councilStaff).where(eq(councilStaff.userId, request.user.id))
  if (!link) return false
  if (request.can('councils.manageOwn') && link.councilId === councilId) return true
  if (!link.personId) return false
  const day = isoDay(on)
  const [m] = await db
    .select({ id: councilMemberships.id })
    .from(councilMemberships)
    .where(
      and(
        eq(councilMemberships.councilId, councilId),
        eq(councilMemberships.personId, link.personId),
        isNull(councilMemberships.deletedAt),
        lte(councilMemberships.startsOn, day),
        or(isNull(councilMemberships.endsOn), gte(councilMemberships.endsOn, day)),
      ),
    )
  return !!m
}

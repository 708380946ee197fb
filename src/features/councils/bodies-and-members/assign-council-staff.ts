import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { users } from '../../../platform/auth/tables'
import { type Db, inTransaction } from '../../../platform/db'
import { type Outcome, ok, refuse } from '../../../platform/outcome'
import { people } from '../../directory/public'
import { councilStaff, councils } from '../tables'

/**
 * Links a staff account to the council it manages (role council_secretary) and/or to its person
 * record (role delegate: sees the non-public items of the meetings of bodies the person belongs to).
 * A link that is not given stays as it was. Shared by the CLI and the agah office's screen.
 */
export async function assignCouncilStaff(
  db: Db,
  actor: Actor,
  input: { email: string; councilId?: string | undefined; personId?: string | undefined },
): Promise<Outcome<string>> {
  if (!input.councilId && !input.personId) return refuse('councils.error.notFound')
  return inTransaction(db, async (tx) => {
    const [user] = await tx
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, input.email.trim().toLowerCase()))
    if (!user) return refuse('councils.error.userNotFound', 'email')
    if (input.councilId) {
      if (!user.roles.includes('council_secretary')) return refuse('councils.error.notSecretary', 'email')
      const [c] = await tx
        .select({ id: councils.id })
        .from(councils)
        .where(and(eq(councils.id, input.councilId), isNull(councils.deletedAt)))
      if (!c) return refuse('councils.error.notFound', 'councilId')
    }
    if (input.personId) {
      // A delegate's or a conference member's account stands for a person (decision 0005).
      if (!user.roles.includes('delegate') && !user.roles.includes('conference_member'))
        return refuse('councils.error.notDelegate', 'email')
      const [p] = await tx.select({ id: people.id }).from(people).where(eq(people.id, input.personId))
      if (!p) return refuse('councils.error.personNotFound', 'personId')
    }
    const set = {
      ...(input.councilId ? { councilId: input.councilId } : {}),
      ...(input.personId ? { personId: input.personId } : {}),
    }
    const [link] = await tx
      .insert(councilStaff)
      .values({ userId: user.id, councilId: input.councilId ?? null, personId: input.personId ?? null })
      .onConflictDoUpdate({ target: councilStaff.userId, set })
      .returning()
    await writeAudit(tx, actor, {
      action: 'council.staff.assign',
      entityType: 'user',
      entityId: user.id,
      summary: { councilId: link?.councilId ?? null, personId: link?.personId ?? null },
    })
    return ok(user.id)
  })
}

/** Removes an account's links (council and person); the account and its roles stay. */
export async function unlinkCouncilStaff(db: Db, actor: Actor, userId: string): Promise<Outcome<string>> {
  return inTransaction(db, async (tx) => {
    const [link] = await tx.delete(councilStaff).where(eq(councilStaff.userId, userId)).returning()
    if (!link) return refuse('councils.error.notFound')
    await writeAudit(tx, actor, {
      action: 'council.staff.unlink',
      entityType: 'user',
      entityId: userId,
      summary: { councilId: link.councilId, personId: link.personId },
    })
    return ok(userId)
  })
}

/** Accounts with role council_secretary or delegate, with the council and person they are linked to. */
export async function councilStaffAccounts(db: Db) {
  return db
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      roles: users.roles,
      active: users.active,
      councilId: councilStaff.councilId,
      councilName: councils.name,
      personId: councilStaff.personId,
      givenName: people.givenName,
      familyName: people.familyName,
    })
    .from(users)
    .leftJoin(councilStaff, eq(councilStaff.userId, users.id))
    .leftJoin(councils, eq(councils.id, councilStaff.councilId))
    .leftJoin(people, eq(people.id, councilStaff.personId))
    .where(sql`${users.roles} && array['council_secretary', 'delegate']::text[]`)
    .orderBy(asc(sql`lower(${users.email})`))
}

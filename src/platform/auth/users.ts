import { eq, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../audit'
import { type Db, inTransaction } from '../db'
import { hashPassword, PASSWORD_MIN_LENGTH } from './passwords'
import { users } from './tables'

export type CreateUserResult =
  | { ok: true; id: string }
  | { ok: false; error: 'email_taken' | 'password_too_short' | 'unknown_role'; detail?: string }

export async function findUserByEmail(db: Db, email: string) {
  const rows = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1)
  return rows[0] ?? null
}

/** Creates a staff account (CLI, demo data, admin). */
export async function createUser(
  db: Db,
  actor: Actor,
  input: { email: string; displayName: string; password: string; roles: readonly string[] },
  knownRoles: ReadonlySet<string>,
): Promise<CreateUserResult> {
  if (input.password.length < PASSWORD_MIN_LENGTH) return { ok: false, error: 'password_too_short' }
  const unknown = input.roles.find((r) => !knownRoles.has(r))
  if (unknown) return { ok: false, error: 'unknown_role', detail: unknown }
  const passwordHash = await hashPassword(input.password)
  return inTransaction(db, async (tx) => {
    if (await findUserByEmail(tx, input.email)) return { ok: false, error: 'email_taken' } as const
    const [row] = await tx
      .insert(users)
      .values({
        email: input.email.trim(),
        displayName: input.displayName,
        passwordHash,
        roles: [...input.roles],
      })
      .returning({ id: users.id })
    const id = row!.id
    await writeAudit(tx, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      summary: { email: input.email.trim(), roles: input.roles },
    })
    return { ok: true, id } as const
  })
}

export async function findUserById(db: Db, id: string) {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1)
  return rows[0] ?? null
}

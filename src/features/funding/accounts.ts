import { and, eq, isNotNull } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../platform/audit'
import { users } from '../../platform/auth/tables'
import { type Db, inTransaction } from '../../platform/db'
import type { Recipient } from '../../platform/mail/compose'
import { fundingApplicantUsers } from './tables'

/**
 * The link between platform accounts and the directory organisations they act for, as other
 * features use it: the offers finder lets an organisation's accounts keep its offers. The link
 * itself stays funding's (funding_applicant_users); nobody keeps a copy of it.
 */

/** The organisation an account acts for, once its e-mail address is confirmed; null otherwise. */
export async function organisationOfAccount(db: Db, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ organisationId: fundingApplicantUsers.organisationId })
    .from(fundingApplicantUsers)
    .where(and(eq(fundingApplicantUsers.userId, userId), isNotNull(fundingApplicantUsers.emailConfirmedAt)))
  return row?.organisationId ?? null
}

/** The confirmed accounts of an organisation as mail recipients, each with their language. */
export async function organisationAccountRecipients(
  db: Db,
  organisationId: string,
): Promise<(Recipient & { displayName: string })[]> {
  return db
    .select({ email: users.email, locale: users.locale, displayName: users.displayName })
    .from(fundingApplicantUsers)
    .innerJoin(users, eq(users.id, fundingApplicantUsers.userId))
    .where(
      and(
        eq(fundingApplicantUsers.organisationId, organisationId),
        isNotNull(fundingApplicantUsers.emailConfirmedAt),
      ),
    )
    .orderBy(users.email)
}

/**
 * Links an existing account (role applicant) to an organisation with its address taken as
 * confirmed: for accounts an administrator creates (demo data, the CLI). Audited.
 */
export async function linkOrganisationAccount(
  db: Db,
  actor: Actor,
  userId: string,
  organisationId: string,
  now: Date = new Date(),
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx
      .insert(fundingApplicantUsers)
      .values({ userId, organisationId, emailConfirmedAt: now })
      .onConflictDoUpdate({
        target: fundingApplicantUsers.userId,
        set: { organisationId, emailConfirmedAt: now },
      })
    await writeAudit(tx, actor, {
      action: 'funding.applicant.link',
      entityType: 'user',
      entityId: userId,
      summary: { organisationId },
    })
  })
}

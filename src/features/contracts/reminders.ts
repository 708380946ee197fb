import { and, eq, inArray, sql } from 'drizzle-orm'
import { SYSTEM_ACTOR, writeAudit } from '../../platform/audit'
import { users } from '../../platform/auth/tables'
import { inTransaction } from '../../platform/db'
import type { AppDeps } from '../../platform/feature'
import { asLocale, formatDate, localePath } from '../../platform/i18n'
import { composeMail } from '../../platform/mail/compose'
import { organisationAccountRecipients } from '../funding/public'
import { openMilestonesDue } from './find-contracts'
import { contractsMessages } from './messages'
import { contractMilestones } from './tables'

export const REMINDER_JOB = 'contracts.reminders'
export const REMINDER_EVERY_MS = 24 * 3600_000
/** A milestone is announced this many days before it is due. */
export const REMIND_DAYS_BEFORE = 14

const MAIL_PART = { name: 'contracts', messages: contractsMessages } as const
const PARTNER_ROLE = 'contract_partner'

const isoDay = (d: Date) => d.toISOString().slice(0, 10)
function daysAfter(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000)
}

export interface ReminderReport {
  /** Milestones named as due soon / as overdue without a report. */
  readonly dueSoon: number
  readonly overdue: number
  readonly mails: number
}

/**
 * The reminder job: a milestone without a report is announced once, REMIND_DAYS_BEFORE days before
 * it is due (`remindedAt`), and once more when its day has passed and still no report came
 * (`overdueRemindedAt`). One mail per partner account (role contract_partner, linked to the
 * contract's organisation) and contract, in the account's language, with the link to report. A
 * partner without such an account is left for the ministry's list and asked once it has one. Each
 * contract in its own transaction with its audit entry.
 */
export async function remindMilestones(
  deps: Pick<AppDeps, 'db' | 'mail' | 'jobs' | 'config'>,
  now: Date = new Date(),
): Promise<ReminderReport> {
  const today = isoDay(now)
  const rows = await openMilestonesDue(deps.db, isoDay(daysAfter(now, REMIND_DAYS_BEFORE)))
  const byContract = new Map<string, typeof rows>()
  for (const r of rows) {
    const overdue = r.milestone.dueOn < today
    if (overdue ? r.milestone.overdueRemindedAt : r.milestone.remindedAt) continue
    byContract.set(r.contractId, [...(byContract.get(r.contractId) ?? []), r])
  }
  let dueSoon = 0
  let overdueCount = 0
  let mails = 0
  for (const [contractId, list] of byContract) {
    const first = list[0]!
    const linked = await organisationAccountRecipients(deps.db, first.organisationId)
    if (!linked.length) continue
    const partners = await deps.db
      .select({ email: users.email })
      .from(users)
      .where(
        and(
          inArray(
            users.email,
            linked.map((r) => r.email),
          ),
          eq(users.active, true),
          sql`${PARTNER_ROLE} = any(${users.roles})`,
        ),
      )
    const allowed = new Set(partners.map((p) => p.email))
    const recipients = linked.filter((r) => allowed.has(r.email))
    if (!recipients.length) continue
    const soon = list.filter((r) => r.milestone.dueOn >= today)
    const late = list.filter((r) => r.milestone.dueOn < today)
    await inTransaction(deps.db, async (tx) => {
      for (const r of recipients) {
        const locale = asLocale(r.locale)
        const line = (x: (typeof list)[number]) =>
          `- ${x.milestone.title} (${formatDate(locale, new Date(`${x.milestone.dueOn}T12:00:00Z`))})`
        const params = {
          name: r.displayName,
          organisation: first.partnerName,
          topic: first.topic,
          days: REMIND_DAYS_BEFORE,
          link: `${deps.config.publicUrl}${localePath(locale, `/integrationsvertraege/berichte/${contractId}`)}`,
        }
        if (soon.length) {
          await deps.mail.enqueue(
            tx,
            deps.jobs,
            composeMail(
              MAIL_PART,
              r,
              {
                subject: 'contracts.mail.due.subject',
                greeting: 'contracts.mail.greeting',
                text: 'contracts.mail.due.text',
              },
              { ...params, list: soon.map(line).join('\n') },
            ),
          )
          mails++
        }
        if (late.length) {
          await deps.mail.enqueue(
            tx,
            deps.jobs,
            composeMail(
              MAIL_PART,
              r,
              {
                subject: 'contracts.mail.overdue.subject',
                greeting: 'contracts.mail.greeting',
                text: 'contracts.mail.overdue.text',
              },
              { ...params, list: late.map(line).join('\n') },
            ),
          )
          mails++
        }
      }
      for (const x of soon)
        await tx
          .update(contractMilestones)
          .set({ remindedAt: now })
          .where(eq(contractMilestones.id, x.milestone.id))
      for (const x of late)
        await tx
          .update(contractMilestones)
          .set({ overdueRemindedAt: now })
          .where(eq(contractMilestones.id, x.milestone.id))
      await writeAudit(tx, SYSTEM_ACTOR, {
        action: 'contracts.milestone.remind',
        entityType: 'integration_contract',
        entityId: contractId,
        summary: { dueSoon: soon.length, overdue: late.length, recipients: recipients.length },
      })
    })
    dueSoon += soon.length
    overdueCount += late.length
  }
  return { dueSoon, overdue: overdueCount, mails }
}

import { SYSTEM_ACTOR, writeAudit } from '../../../platform/audit'
import { berlinDay } from '../../../platform/days'
import { inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { asLocale, localePath } from '../../../platform/i18n'
import { composeMail } from '../../../platform/mail/compose'
import { FUNDING_MAIL_PART } from '../mails'
import { addDays } from '../payments/payment-rules'
import { applicantRecipients } from '../queries'
import { fundingProofReminders } from '../tables'
import { formatDay } from '../views/parts'
import { type DueProof, proofsDue } from './find-due'
import { proofPath } from './views/recipient'

export const PROOF_REMINDER_JOB = 'funding.proof-reminders'
export const PROOF_REMINDER_EVERY_MS = 24 * 3600_000
/** The reminder before a deadline goes out this many days ahead. */
export const REMIND_BEFORE_DAYS = 28

/** Which reminder a due proof gets today, if any: 'before' within the last four weeks, 'after' once overdue. */
export function reminderKind(dueOn: string, today: string): 'before' | 'after' | null {
  if (today > dueOn) return 'after'
  return today >= addDays(dueOn, -REMIND_BEFORE_DAYS) ? 'before' : null
}

export interface ReminderReport {
  readonly proofs: number
  readonly mails: number
}

/**
 * The reminder job (a recurring job of the platform queue): for every proof of use not yet
 * submitted, one mail to each account of the recipient organisation four weeks before the deadline
 * and one once it has passed, in the account's language, through the mail outbox. Each reminder is
 * recorded (grant, period, kind, deadline) in the transaction that queues its mails and writes its
 * audit entry, so a reminder is sent once, however often the job runs; a new deadline (an amended
 * period) gets its own reminders. Organisations without an account are left for the staff list.
 */
export async function remindProofs(
  deps: Pick<AppDeps, 'db' | 'mail' | 'jobs' | 'config'>,
  today: string = berlinDay(),
): Promise<ReminderReport> {
  let proofs = 0
  let mails = 0
  const due: DueProof[] = await proofsDue(deps.db, today)
  for (const p of due) {
    const kind = reminderKind(p.dueOn, today)
    if (!kind) continue
    const recipients = await applicantRecipients(deps.db, p.organisationId)
    if (!recipients.length) continue
    const sent = await inTransaction(deps.db, async (tx) => {
      const rows = await tx
        .insert(fundingProofReminders)
        .values({ applicationId: p.applicationId, period: p.period, kind, dueOn: p.dueOn })
        .onConflictDoNothing()
        .returning({ id: fundingProofReminders.applicationId })
      if (!rows.length) return 0
      for (const r of recipients) {
        const locale = asLocale(r.locale)
        await deps.mail.enqueue(
          tx,
          deps.jobs,
          composeMail(
            FUNDING_MAIL_PART,
            r,
            {
              subject:
                kind === 'before'
                  ? 'funding.mail.proofReminder.subject'
                  : 'funding.mail.proofOverdue.subject',
              greeting: 'funding.mail.greeting',
              text: kind === 'before' ? 'funding.mail.proofReminder.text' : 'funding.mail.proofOverdue.text',
            },
            {
              title: p.title ?? '',
              fileNumber: p.fileNumber ?? '',
              kind: p.period === 'final' ? 'final' : 'interim',
              year: p.period,
              due: formatDay(locale, p.dueOn),
              link: `${deps.config.publicUrl}${localePath(locale, proofPath(p.applicationId))}`,
            },
          ),
        )
      }
      await writeAudit(tx, SYSTEM_ACTOR, {
        action: 'funding.proof.remind',
        entityType: 'funding_application',
        entityId: p.applicationId,
        summary: { period: p.period, kind, dueOn: p.dueOn, recipients: recipients.length },
      })
      return recipients.length
    })
    if (sent) {
      proofs++
      mails += sent
    }
  }
  return { proofs, mails }
}

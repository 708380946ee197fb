import { and, eq, exists, isNull, lt, sql } from 'drizzle-orm'
import { type Actor, SYSTEM_ACTOR, writeAudit } from '../../../platform/audit'
import { users } from '../../../platform/auth/tables'
import { type Db, inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { formatDate } from '../../../platform/i18n'
import { composeMail } from '../../../platform/mail/compose'
import {
  antidiscAttachments,
  antidiscCaseFiles,
  antidiscCounsellors,
  antidiscIdentities,
  antidiscInterventions,
  antidiscMessages,
  antidiscReports,
} from '../tables'
import { retentionMessages } from './messages-retention'

/**
 * Retention of the anti-discrimination network (issue 15, § 22 BDSG: no longer than needed):
 *
 * - a closed case is anonymised `closedCaseYears` after it was closed;
 * - an anonymous report that no counsellor answered and that has no case file expires after
 *   `unansweredReportDays` (nobody can be asked whether it is still wanted); the counsellors of its
 *   centre, or the network office while it has none, are reminded by mail `reminderDays` before.
 *
 * Anonymising destroys the report's wrapped data key (so nothing sealed with it opens again, even
 * from a backup of the database), its sealed texts, the messages, the attachments, the free texts of the case file and
 * of the interventions, and the receipt code's hash. What is left are the facts the statistics count
 * (date, district, grounds, language, the case file's categories). Each report is anonymised in its
 * own transaction with its audit entry.
 */
export const RETENTION_JOB = 'antidisc.retention'
export const RETENTION_EVERY_MS = 6 * 3600_000

export interface RetentionResult {
  readonly closedAnonymised: number
  readonly expired: number
  readonly reminded: number
}

const DAY_MS = 86_400_000

function yearsBefore(now: Date, years: number): Date {
  const d = new Date(now)
  d.setUTCFullYear(d.getUTCFullYear() - years)
  return d
}

/** An anonymous report no counsellor answered and no case file was started for. */
const unanswered = and(
  eq(antidiscReports.contactWish, 'anonymous'),
  isNull(antidiscReports.anonymisedAt),
  sql`not exists (select 1 from ${antidiscMessages} m where m.report_id = ${antidiscReports.id} and m.author = 'counsellor')`,
  sql`not exists (select 1 from ${antidiscCaseFiles} c where c.report_id = ${antidiscReports.id})`,
)

/** Destroys what identifies or tells of the person; answers false when it was anonymised already. */
export async function anonymiseReport(
  tx: Db,
  actor: Actor,
  reportId: string,
  reason: 'closed' | 'expired' | 'withdrawn',
  now: Date,
): Promise<boolean> {
  const done = await tx
    .update(antidiscReports)
    .set({
      keyId: null,
      dataKey: null,
      narrativeSealed: null,
      contactSealed: null,
      receiptHash: null,
      anonymisedAt: now,
    })
    .where(and(eq(antidiscReports.id, reportId), isNull(antidiscReports.anonymisedAt)))
    .returning({ id: antidiscReports.id })
  if (done.length === 0) return false
  await tx.delete(antidiscMessages).where(eq(antidiscMessages.reportId, reportId))
  await tx.delete(antidiscAttachments).where(eq(antidiscAttachments.reportId, reportId))
  await tx.delete(antidiscIdentities).where(eq(antidiscIdentities.reportId, reportId))
  await tx
    .update(antidiscCaseFiles)
    .set({ factsSealed: null, consequencesSealed: null, goalSealed: null, notesSealed: null })
    .where(eq(antidiscCaseFiles.reportId, reportId))
  await tx
    .update(antidiscInterventions)
    .set({ noteSealed: null })
    .where(eq(antidiscInterventions.reportId, reportId))
  await writeAudit(tx, actor, {
    action: 'antidisc.report.anonymise',
    entityType: 'antidisc_report',
    entityId: reportId,
    summary: { reason },
  })
  return true
}

/** Who is reminded of a report: the active counsellors of its centre, or the network office. */
async function remindees(db: Db, centreId: string | null) {
  const base = db.select({ email: users.email, locale: users.locale }).from(users)
  return centreId
    ? base
        .innerJoin(antidiscCounsellors, eq(antidiscCounsellors.userId, users.id))
        .where(and(eq(antidiscCounsellors.centreId, centreId), eq(users.active, true)))
    : base.where(and(sql`'network_office' = any(${users.roles})`, eq(users.active, true)))
}

/** One run of the retention rules at `now` (the job runs it every six hours; tests pass the clock). */
export async function runRetention(deps: AppDeps, now = new Date()): Promise<RetentionResult> {
  const { closedCaseYears, unansweredReportDays, reminderDays } = deps.config.antidiscRetention
  const closedBefore = yearsBefore(now, closedCaseYears)
  const expireBefore = new Date(now.getTime() - unansweredReportDays * DAY_MS)
  const remindBefore = new Date(now.getTime() - (unansweredReportDays - reminderDays) * DAY_MS)
  const { db } = deps

  const closed = await db
    .select({ id: antidiscReports.id })
    .from(antidiscReports)
    .where(
      and(
        isNull(antidiscReports.anonymisedAt),
        exists(
          db
            .select({ one: sql`1` })
            .from(antidiscCaseFiles)
            .where(
              and(
                eq(antidiscCaseFiles.reportId, antidiscReports.id),
                eq(antidiscCaseFiles.status, 'closed'),
                lt(antidiscCaseFiles.closedAt, closedBefore),
              ),
            ),
        ),
      ),
    )
  let closedAnonymised = 0
  for (const { id } of closed)
    if (await inTransaction(db, (tx) => anonymiseReport(tx, SYSTEM_ACTOR, id, 'closed', now)))
      closedAnonymised++

  const expiring = await db
    .select({ id: antidiscReports.id })
    .from(antidiscReports)
    .where(and(unanswered, lt(antidiscReports.createdAt, expireBefore)))
  let expired = 0
  for (const { id } of expiring)
    if (await inTransaction(db, (tx) => anonymiseReport(tx, SYSTEM_ACTOR, id, 'expired', now))) expired++

  const due = await db
    .select({
      id: antidiscReports.id,
      centreId: antidiscReports.centreId,
      createdAt: antidiscReports.createdAt,
    })
    .from(antidiscReports)
    .where(
      and(unanswered, isNull(antidiscReports.expiryRemindedAt), lt(antidiscReports.createdAt, remindBefore)),
    )
  let reminded = 0
  for (const report of due) {
    const expiresOn = new Date(report.createdAt.getTime() + unansweredReportDays * DAY_MS)
    await inTransaction(db, async (tx) => {
      const marked = await tx
        .update(antidiscReports)
        .set({ expiryRemindedAt: now })
        .where(and(eq(antidiscReports.id, report.id), isNull(antidiscReports.expiryRemindedAt)))
        .returning({ id: antidiscReports.id })
      if (marked.length === 0) return
      const recipients = await remindees(tx, report.centreId)
      for (const r of recipients) {
        const locale = r.locale === 'en' ? 'en' : 'de'
        await deps.mail.enqueue(
          tx,
          deps.jobs,
          composeMail(
            { name: 'antidiscrimination', messages: retentionMessages },
            r,
            {
              subject: 'antidisc.staff.mail.expiry.subject',
              greeting: 'antidisc.staff.mail.greeting',
              text: 'antidisc.staff.mail.expiry.text',
            },
            {
              received: formatDate(locale, report.createdAt),
              expires: formatDate(locale, expiresOn),
              url: `${deps.config.publicUrl}${report.centreId ? `/beratung/meldungen/${report.id}` : '/beratung/verteilen'}`,
            },
          ),
        )
      }
      await writeAudit(tx, SYSTEM_ACTOR, {
        action: 'antidisc.report.expiryReminder',
        entityType: 'antidisc_report',
        entityId: report.id,
        summary: { recipients: recipients.length },
      })
      reminded++
    })
  }
  return { closedAnonymised, expired, reminded }
}

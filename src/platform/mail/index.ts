import { and, asc, count, desc, eq } from 'drizzle-orm'
import nodemailer, { type Transporter } from 'nodemailer'
import type { Db } from '../db'
import type { JobQueue } from '../jobs'
import { mailOutbox } from './tables'

export interface OutgoingMail {
  readonly to: string
  readonly subject: string
  readonly text: string
}

export const MAIL_SEND_JOB = 'mail.send'
/** Six attempts with the queue's back-off (30 s … 8 min) span about a quarter of an hour. */
export const MAIL_MAX_ATTEMPTS = 6

/**
 * Mail goes into the outbox inside the caller's transaction, so it is sent exactly when the change
 * it reports is committed. A job sends it through SMTP when SMTP_URL is set; otherwise it stays in
 * the outbox ("kept") for the admin page. Failed sends are retried with back-off by the job queue.
 */
export class Mailer {
  private readonly transport: Transporter | undefined

  constructor(
    smtpUrl: string | undefined,
    private readonly from: string,
  ) {
    // Short timeouts: a hanging server must fail the attempt (and be retried), not hold the worker.
    this.transport = smtpUrl
      ? nodemailer.createTransport({
          url: smtpUrl,
          connectionTimeout: 15_000,
          greetingTimeout: 15_000,
          socketTimeout: 60_000,
        })
      : undefined
  }

  get sends(): boolean {
    return this.transport !== undefined
  }

  async enqueue(tx: Db, jobs: JobQueue, mail: OutgoingMail): Promise<string> {
    const [row] = await tx
      .insert(mailOutbox)
      .values({ ...mail, status: this.transport ? 'queued' : 'kept' })
      .returning({ id: mailOutbox.id })
    const id = row!.id
    if (this.transport) await jobs.enqueue(tx, MAIL_SEND_JOB, { id }, { maxAttempts: MAIL_MAX_ATTEMPTS })
    return id
  }

  /**
   * The job handler: sends one queued message; throws to be retried. After the last attempt the
   * message is marked failed (it stays on the admin page with the last error).
   */
  async send(db: Db, id: string, attempt: number, maxAttempts = MAIL_MAX_ATTEMPTS): Promise<void> {
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id))
    if (!mail || (mail.status !== 'queued' && mail.status !== 'sending')) return
    if (mail.status === 'sending') {
      // An earlier attempt stopped (the process died) between handing the mail to the SMTP server
      // and recording its answer: it may have been delivered. Never send a mail twice; mark it failed
      // so that a person checks and passes it on by hand if it did not arrive.
      await db
        .update(mailOutbox)
        .set({ status: 'failed', attempts: attempt, lastError: INTERRUPTED })
        .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'sending')))
      return
    }
    if (!this.transport) {
      // Queued while SMTP_URL was set, now running without it: keep it visible instead of losing it.
      await db.update(mailOutbox).set({ status: 'kept' }).where(eq(mailOutbox.id, id))
      return
    }
    const claimed = await db
      .update(mailOutbox)
      .set({ status: 'sending' })
      .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'queued')))
      .returning({ id: mailOutbox.id })
    if (claimed.length === 0) return
    try {
      await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text })
    } catch (err) {
      // Refused or unreachable: not delivered, so it may be tried again.
      const message = err instanceof Error ? err.message : String(err)
      await db
        .update(mailOutbox)
        .set({ attempts: attempt, lastError: message, status: attempt >= maxAttempts ? 'failed' : 'queued' })
        .where(eq(mailOutbox.id, id))
      throw err
    }
    await db
      .update(mailOutbox)
      .set({ status: 'sent', sentAt: new Date(), attempts: attempt, lastError: null })
      .where(eq(mailOutbox.id, id))
  }
}

/** Why a mail is marked failed after its sender died mid-send (shown in the outbox). */
export const INTERRUPTED =
  'interrupted while being sent (the process stopped): it may have been delivered; check before sending it again'

/**
 * One-time links (password, e-mail confirmation) are the recipient's secrets. The outbox page shows
 * them only while a person has to pass the mail on by hand (kept without SMTP, or failed); once a mail
 * is on its way or delivered, its tokens are masked.
 */
export function outboxText(mail: { status: string; text: string }): string {
  if (mail.status === 'kept' || mail.status === 'failed') return mail.text
  return mail.text.replace(/([?&]token=)[A-Za-z0-9_-]+/g, '$1…')
}

export function listOutbox(db: Db, limit = 100, offset = 0) {
  return db
    .select()
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.createdAt), asc(mailOutbox.id))
    .limit(limit)
    .offset(offset)
}

/** How many mails could not be sent after the last attempt (the administration's desk shows it). */
export async function countFailedMail(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(mailOutbox).where(eq(mailOutbox.status, 'failed'))
  return Number(row?.n ?? 0)
}

import { and, asc, desc, eq } from 'drizzle-orm'
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
const MAX_ATTEMPTS = 6

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
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined
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
    if (this.transport) await jobs.enqueue(tx, MAIL_SEND_JOB, { id }, { maxAttempts: MAX_ATTEMPTS })
    return id
  }

  /** The job handler: sends one queued message; throws to be retried. */
  async send(db: Db, id: string, attempt: number): Promise<void> {
    const [mail] = await db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'queued')))
    if (!mail || !this.transport) return
    try {
      await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text })
      await db
        .update(mailOutbox)
        .set({ status: 'sent', sentAt: new Date(), attempts: attempt, lastError: null })
        .where(eq(mailOutbox.id, id))
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      await db
        .update(mailOutbox)
        .set({ attempts: attempt, lastError: message, status: attempt >= MAX_ATTEMPTS ? 'failed' : 'queued' })
        .where(eq(mailOutbox.id, id))
      throw err
    }
  }
}

export function listOutbox(db: Db, limit = 100, offset = 0) {
  return db
    .select()
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.createdAt), asc(mailOutbox.id))
    .limit(limit)
    .offset(offset)
}

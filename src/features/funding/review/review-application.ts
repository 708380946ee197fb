import { and, eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { type Outcome, ok, refuse } from '../../../platform/outcome'
import { fundingMail } from '../mails'
import { applicantRecipients, applicationBundle } from '../queries'
import { fundingApplications, fundingComments } from '../tables'

/** The review checklist (VV zu § 44 LHO): what an officer confirms before proposing a decision. */
export const CHECKLIST = [
  'eligible_applicant',
  'not_started',
  'eligible_costs',
  'financing_secured',
  'pay_cap',
  'attachments_complete',
] as const

export async function saveChecklist(
  db: Db,
  actor: Actor,
  id: string,
  ticked: readonly string[],
): Promise<Outcome<void>> {
  const checklist = Object.fromEntries(CHECKLIST.map((k) => [k, ticked.includes(k)]))
  const changed = await inTransaction(db, async (tx) => {
    const rows = await tx
      .update(fundingApplications)
      .set({ checklist, updatedAt: new Date() })
      .where(and(eq(fundingApplications.id, id), eq(fundingApplications.status, 'submitted')))
      .returning({ id: fundingApplications.id })
    if (rows.length) {
      await writeAudit(tx, actor, {
        action: 'funding.review.checklist',
        entityType: 'funding_application',
        entityId: id,
        summary: checklist,
      })
    }
    return rows.length > 0
  })
  return changed ? ok(undefined) : refuse('funding.error.notInReview')
}

export async function addComment(db: Db, actor: Actor, id: string, body: string): Promise<Outcome<void>> {
  const b = await applicationBundle(db, id)
  if (!b || b.app.status === 'draft') return refuse('funding.error.notFound')
  await inTransaction(db, async (tx) => {
    await tx
      .insert(fundingComments)
      .values({ applicationId: id, authorId: actor.id, authorLabel: actor.label, kind: 'comment', body })
    await writeAudit(tx, actor, {
      action: 'funding.review.comment',
      entityType: 'funding_application',
      entityId: id,
    })
  })
  return ok(undefined)
}

/** Sends the application back to the applicant with a question; they answer and submit again. */
export async function requestInformation(
  deps: Pick<AppDeps, 'db' | 'mail' | 'jobs'>,
  actor: Actor,
  id: string,
  question: string,
): Promise<Outcome<void>> {
  const b = await applicationBundle(deps.db, id)
  if (!b) return refuse('funding.error.notFound')
  const done = await inTransaction(deps.db, async (tx) => {
    const rows = await tx
      .update(fundingApplications)
      .set({ status: 'info_requested', updatedAt: new Date() })
      .where(and(eq(fundingApplications.id, id), eq(fundingApplications.status, 'submitted')))
      .returning({ id: fundingApplications.id })
    if (!rows.length) return false
    await tx.insert(fundingComments).values({
      applicationId: id,
      authorId: actor.id,
      authorLabel: actor.label,
      kind: 'info_request',
      body: question,
    })
    await writeAudit(tx, actor, {
      action: 'funding.review.request_info',
      entityType: 'funding_application',
      entityId: id,
    })
    for (const to of await applicantRecipients(tx, b.app.organisationId)) {
      await deps.mail.enqueue(
        tx,
        deps.jobs,
        fundingMail(
          to,
          { subject: 'funding.mail.question.subject', text: 'funding.mail.question.text' },
          { fileNumber: b.app.fileNumber ?? '', question },
        ),
      )
    }
    return true
  })
  return done ? ok(undefined) : refuse('funding.error.notInReview')
}

import { and, desc, eq, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { berlinDay } from '../../../platform/days'
import { type Db, inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { MEDIA_TYPES } from '../../../platform/files'
import { asLocale, localePath } from '../../../platform/i18n'
import { notFound, type Outcome, ok, Refused, refusable, refuse } from '../../../platform/outcome'
import { fundingMail } from '../mails'
import { formatMoney } from '../money'
import { accountsOf, ledgerConstraintRefusal, post } from '../payments/ledger'
import { addDays } from '../payments/payment-rules'
import {
  type FundingWho,
  finalNoticeRefusal,
  HEARING_ANSWER_DAYS,
  hearingAnswerRefusal,
  mayOnProof,
} from '../policies'
import { proofPath } from '../proof/views/recipient'
import { type ApplicationBundle, applicantRecipients, applicationBundle, programmeOf } from '../queries'
import { fundingClosings, fundingPayments, fundingProofs } from '../tables'
import { baseRatesOf } from './base-rates'
import { type FinalNoticeFacts, renderFinalNoticePdf } from './final-notice-pdf'
import { allocateRepayment, type PaidPart, repaymentInterest } from './interest'
import { checkIncoming, repaymentOf } from './repayment'

type Deps = Pick<AppDeps, 'db'>

/** The owner key of the files answering a hearing (download rule: closing/file-access.ts). */
export const HEARING_FILE_OWNER = 'funding.hearing'

export type Closing = typeof fundingClosings.$inferSelect

export async function closingOf(db: Db, applicationId: string): Promise<Closing | null> {
  const [row] = await db
    .select()
    .from(fundingClosings)
    .where(eq(fundingClosings.applicationId, applicationId))
  return row ?? null
}

/** The accepted final proof of a grant, or null. */
async function acceptedFinalProof(db: Db, applicationId: string) {
  const [p] = await db
    .select()
    .from(fundingProofs)
    .where(
      and(
        eq(fundingProofs.applicationId, applicationId),
        eq(fundingProofs.period, 'final'),
        eq(fundingProofs.status, 'accepted'),
      ),
    )
  return p ?? null
}

/** The released payments of a grant: the days and amounts interest runs from. */
async function releasedPayments(db: Db, applicationId: string): Promise<(PaidPart & { year: number })[]> {
  const rows = await db
    .select({
      releasedAt: fundingPayments.releasedAt,
      cents: fundingPayments.amountCents,
      year: fundingPayments.year,
    })
    .from(fundingPayments)
    .where(and(eq(fundingPayments.applicationId, applicationId), eq(fundingPayments.status, 'released')))
    .orderBy(desc(fundingPayments.releasedAt))
  return rows.map((r) => ({ paidOn: berlinDay(r.releasedAt!), cents: Number(r.cents), year: r.year }))
}

/** What the closing of a grant comes to: the final grant, the repayment and its interest until a day. */
export async function closingPreview(db: Db, b: ApplicationBundle, until: string) {
  const proof = await acceptedFinalProof(db, b.app.id)
  if (!proof) return null
  const accounts = await accountsOf(db, b.app.id)
  const paidCents = accounts.reduce((s, a) => s + a.paidCents - a.repaidCents, 0)
  const facts = {
    type: b.line.rules.financing.type,
    grantedCents: b.grants.reduce((s, g) => s + g.cents, 0),
    plannedCostsCents: b.costs.reduce((s, c) => s + c.cents, 0),
    acceptedCostsCents: Number(proof.acceptedCents ?? 0),
    actualOwnCents: Number(proof.actualOwnCents) + Number(proof.actualThirdPartyCents),
    paidCents,
  }
  const { finalGrantCents, repaymentCents } = repaymentOf(facts)
  const payments = await releasedPayments(db, b.app.id)
  const rates = repaymentCents > 0 ? await baseRatesOf(db) : []
  const interestCents = repaymentCents > 0 ? repaymentInterest(payments, repaymentCents, until, rates) : 0
  const lastPaid =
    payments
      .map((p) => p.paidOn)
      .sort()
      .at(-1) ?? ''
  return { proof, facts, finalGrantCents, repaymentCents, interestCents, payments, lastPaid }
}

/**
 * The hearing (Anhörung, § 28 HVwVfG) before the final notice: the computed final grant, repayment
 * and interest until the payment deadline are recorded and shown to the recipient. Once per grant.
 */
export async function openHearing(
  deps: Deps,
  actor: Actor,
  who: FundingWho,
  applicationId: string,
  input: { until: string },
  today: string = berlinDay(),
): Promise<Outcome<void>> {
  const b = await applicationBundle(deps.db, applicationId)
  if (!b) return notFound()
  if (!mayOnProof(who, 'review', { organisationId: b.app.organisationId })) {
    return refuse('funding.proofStaff.error.mayNotReview')
  }
  const preview = await closingPreview(deps.db, b, input.until)
  if (!preview) return refuse('funding.closing.error.notFinal')
  if (preview.lastPaid && input.until <= preview.lastPaid)
    return refuse('funding.closing.error.until', 'until')
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      const rows = await tx
        .insert(fundingClosings)
        .values({
          applicationId,
          proofId: preview.proof.id,
          finalGrantCents: preview.finalGrantCents,
          repaymentCents: preview.repaymentCents,
          interestCents: preview.interestCents,
          interestUntil: preview.repaymentCents > 0 ? input.until : null,
          hearingDue: addDays(today, HEARING_ANSWER_DAYS),
          hearingBy: actor.id,
        })
        .onConflictDoNothing()
        .returning({ id: fundingClosings.id })
      if (!rows.length) throw new Refused(refuse('funding.closing.error.exists'))
      await writeAudit(tx, actor, {
        action: 'funding.closing.hearing',
        entityType: 'funding_application',
        entityId: applicationId,
        summary: {
          finalGrantCents: preview.finalGrantCents,
          repaymentCents: preview.repaymentCents,
          interestCents: preview.interestCents,
          until: input.until,
          hearingDue: addDays(today, HEARING_ANSWER_DAYS),
        },
      })
    }),
  )
}

/**
 * The recipient's answer to the hearing (Stellungnahme), in the portal: a text and optionally one
 * document (through the platform file store). Once, up to and including the hearing's last day
 * (policies.ts); the answer, its file and the audit entry are written together or not at all. The
 * officer sees it on the closing screen before the final notice is issued.
 */
export async function answerHearing(
  deps: Pick<AppDeps, 'db' | 'files'>,
  actor: Actor,
  who: FundingWho,
  applicationId: string,
  input: {
    readonly answer: string
    readonly attachment?: {
      readonly fileName: string
      readonly bytes: Uint8Array
      readonly truncated: boolean
    }
  },
  today: string = berlinDay(),
): Promise<Outcome<void>> {
  const b = await applicationBundle(deps.db, applicationId)
  if (!b || !mayOnProof(who, 'submit', { organisationId: b.app.organisationId })) return notFound()
  const closing = await closingOf(deps.db, applicationId)
  if (!closing) return notFound()
  const answer = input.answer.trim()
  const early = hearingAnswerRefusal(closing, today)
  if (early) return refuse(`funding.hearing.error.${early}`)
  if (!answer) return refuse('funding.hearing.error.answer', 'answer')
  if (input.attachment?.truncated) return refuse('funding.error.fileTooLarge', 'attachment')
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      const [c] = await tx
        .select()
        .from(fundingClosings)
        .where(eq(fundingClosings.id, closing.id))
        .for('update')
      const refusal = c ? hearingAnswerRefusal(c, today) : 'notHearing'
      if (refusal) throw new Refused(refuse(`funding.hearing.error.${refusal}`))
      let file: { id: string; name: string } | null = null
      if (input.attachment && input.attachment.bytes.length > 0) {
        const stored = await deps.files.store(
          tx,
          {
            bytes: input.attachment.bytes,
            originalName: input.attachment.fileName,
            createdBy: actor.id,
            owner: HEARING_FILE_OWNER,
          },
          MEDIA_TYPES.documents,
        )
        if (!stored.ok) {
          throw new Refused(
            refuse(
              stored.error === 'too_large' ? 'funding.error.fileTooLarge' : 'funding.error.fileType',
              'attachment',
            ),
          )
        }
        file = { id: stored.id, name: input.attachment.fileName.slice(0, 200) }
      }
      await tx
        .update(fundingClosings)
        .set({
          hearingAnswer: answer,
          hearingAnswerBy: actor.id,
          hearingAnswerAt: new Date(),
          hearingAnswerFileId: file?.id ?? null,
          hearingAnswerFileName: file?.name ?? null,
        })
        .where(eq(fundingClosings.id, closing.id))
      await writeAudit(tx, actor, {
        action: 'funding.closing.hearingAnswer',
        entityType: 'funding_application',
        entityId: applicationId,
        summary: { chars: answer.length, file: file?.name ?? null },
      })
    }),
  )
}

/**
 * The final notice (Schlussbescheid): issued after the hearing by an approver who did not review the
 * proof (four eyes); its PDF and facts are stored with the closing in the same transaction as the
 * audit entry. Without a repayment the grant is settled at once.
 */
export async function issueFinalNotice(
  deps: Pick<AppDeps, 'db' | 'mail' | 'jobs' | 'config'>,
  actor: Actor,
  who: FundingWho,
  applicationId: string,
  input: { hearingReply: string },
  today: string = berlinDay(),
): Promise<Outcome<void>> {
  const b = await applicationBundle(deps.db, applicationId)
  const closing = await closingOf(deps.db, applicationId)
  if (!b || !closing) return notFound()
  if (closing.status !== 'hearing') return refuse('funding.closing.error.notHearing')
  const [proof] = await deps.db.select().from(fundingProofs).where(eq(fundingProofs.id, closing.proofId))
  if (
    !proof ||
    !mayOnProof(who, 'close', { organisationId: b.app.organisationId, reviewedBy: proof.reviewedBy })
  ) {
    return refuse('funding.closing.error.mayNotClose')
  }
  if (finalNoticeRefusal(closing, input.hearingReply, today)) {
    return refuse('funding.closing.error.hearingRunning', 'hearingReply')
  }
  const programme = await programmeOf(deps.db, b.line)
  const accounts = await accountsOf(deps.db, applicationId)
  const facts: FinalNoticeFacts = {
    issuedOn: today,
    authority: programme?.authority ?? '',
    programme: programme?.name ?? '',
    line: b.line.nameDe,
    recipient: {
      name: b.org.name,
      address: [b.org.street, [b.org.postcode, b.org.city].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', '),
    },
    fileNumber: b.app.fileNumber ?? '',
    title: b.app.title ?? '',
    financingType: b.line.rules.financing.type,
    grantedCents: b.grants.reduce((s, g) => s + g.cents, 0),
    acceptedCostsCents: Number(proof.acceptedCents ?? 0),
    finalGrantCents: Number(closing.finalGrantCents),
    paidCents: accounts.reduce((s, a) => s + a.paidCents - a.repaidCents, 0),
    repaymentCents: Number(closing.repaymentCents),
    interestCents: Number(closing.interestCents),
    interestUntil: closing.interestUntil,
    checkKind: proof.checkKind ?? 'summary',
    findings: proof.findings,
    hearingOn: berlinDay(closing.hearingAt),
    // What the officer notes (an answer by letter) or else the recipient's answer in the portal.
    hearingReply: input.hearingReply.trim() || closing.hearingAnswer || null,
  }
  const pdf = await renderFinalNoticePdf(facts)
  const settled = facts.repaymentCents + facts.interestCents === 0
  const done = await inTransaction(deps.db, async (tx) => {
    const rows = await tx
      .update(fundingClosings)
      .set({
        status: settled ? 'settled' : 'claimed',
        hearingReply: facts.hearingReply,
        noticePdf: pdf,
        noticeFacts: facts as unknown as Record<string, unknown>,
        noticeBy: actor.id,
        noticeAt: new Date(),
      })
      .where(and(eq(fundingClosings.id, closing.id), eq(fundingClosings.status, 'hearing')))
      .returning({ id: fundingClosings.id })
    if (!rows.length) return false
    await writeAudit(tx, actor, {
      action: 'funding.closing.notice',
      entityType: 'funding_application',
      entityId: applicationId,
      summary: {
        finalGrantCents: facts.finalGrantCents,
        repaymentCents: facts.repaymentCents,
        interestCents: facts.interestCents,
      },
    })
    // The recipient learns of the notice by mail, in their language, with the link to its portal page.
    for (const to of await applicantRecipients(tx, b.app.organisationId)) {
      const locale = asLocale(to.locale)
      await deps.mail.enqueue(
        tx,
        deps.jobs,
        fundingMail(
          to,
          { subject: 'funding.mail.finalNotice.subject', text: 'funding.mail.finalNotice.text' },
          {
            title: b.app.title ?? '',
            fileNumber: b.app.fileNumber ?? '',
            repayment: settled ? 'no' : 'yes',
            total: formatMoney(facts.repaymentCents + facts.interestCents, locale),
            link: `${deps.config.publicUrl}${localePath(locale, proofPath(applicationId))}`,
          },
        ),
      )
    }
    return true
  })
  return done ? ok(undefined) : refuse('funding.closing.error.notHearing')
}

/**
 * An incoming repayment: interest first, then the principal (§ 367 (1) BGB, applied by analogy);
 * the principal part is posted in the payment ledger as a repayment (recipient → commitment), taken
 * from the latest budget years first, like the allocation of the claim. Refused when it is not
 * positive or more than is still open; the closing's CHECK and the ledger's refuse it too.
 */
export async function recordRepayment(
  deps: Deps,
  actor: Actor,
  who: FundingWho,
  applicationId: string,
  input: { amountCents: number; receivedOn: string },
): Promise<Outcome<void>> {
  const b = await applicationBundle(deps.db, applicationId)
  if (!b) return notFound()
  if (!mayOnProof(who, 'review', { organisationId: b.app.organisationId })) {
    return refuse('funding.proofStaff.error.mayNotReview')
  }
  return refusable(
    () =>
      inTransaction(deps.db, async (tx) => {
        const [c] = await tx
          .select()
          .from(fundingClosings)
          .where(eq(fundingClosings.applicationId, applicationId))
          .for('update')
        if (c?.status !== 'claimed') throw new Refused(refuse('funding.closing.error.notClaimed'))
        const claim = {
          repaymentCents: Number(c.repaymentCents),
          interestCents: Number(c.interestCents),
          repaidCents: Number(c.repaidCents),
        }
        const verdict = checkIncoming(claim, input.amountCents)
        if (verdict === 'zero') throw new Refused(refuse('funding.closing.error.zero', 'amount'))
        if (verdict === 'tooMuch') {
          throw new Refused(
            refuse('funding.closing.error.tooMuch', 'amount', {
              remaining: claim.repaymentCents + claim.interestCents - claim.repaidCents,
            }),
          )
        }
        const interestOpen = Math.max(0, claim.interestCents - claim.repaidCents)
        const principal = Math.max(0, input.amountCents - interestOpen)
        if (principal > 0) {
          const accounts = await accountsOf(tx, applicationId)
          const byYear = allocateRepayment(
            accounts.map((a) => ({ paidOn: `${a.year}-12-31`, cents: a.paidCents - a.repaidCents })),
            principal,
          )
          for (const part of byYear) {
            await post(tx, actor, {
              applicationId,
              lineId: b.line.id,
              year: Number(part.paidOn.slice(0, 4)),
              kind: 'repayment',
              debit: 'commitment',
              credit: 'recipient',
              amountCents: part.cents,
            })
          }
        }
        const repaid = claim.repaidCents + input.amountCents
        const settled = repaid === claim.repaymentCents + claim.interestCents
        await tx
          .update(fundingClosings)
          .set({
            repaidCents: sql`${fundingClosings.repaidCents} + ${input.amountCents}`,
            ...(settled ? { status: 'settled' as const } : {}),
          })
          .where(eq(fundingClosings.id, c.id))
        await writeAudit(tx, actor, {
          action: 'funding.closing.repayment',
          entityType: 'funding_application',
          entityId: applicationId,
          summary: {
            amountCents: input.amountCents,
            principalCents: principal,
            receivedOn: input.receivedOn,
            settled,
          },
        })
      }),
    (err) => {
      const ledger = ledgerConstraintRefusal(err)
      return ledger ? refuse('funding.closing.error.ledger', 'amount') : null
    },
  )
}

export async function closingNoticePdf(db: Db, applicationId: string): Promise<Buffer | null> {
  const c = await closingOf(db, applicationId)
  return c?.noticePdf ?? null
}

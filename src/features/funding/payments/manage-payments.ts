import { and, eq, max, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { berlinDay } from '../../../platform/days'
import { inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { notFound, type Outcome, ok, Refused, refusable, refuse, refuseAll } from '../../../platform/outcome'
import { paymentsHeld } from '../changes/find-changes'
import { type FundingWho, mayOnPayment } from '../policies'
import { applicationBundle } from '../queries'
import { isGranted } from '../review/amend-grant'
import { fundingApplications, fundingPayments } from '../tables'
import { figuresOf, needWindowOf, paymentById } from './find-payments'
import { ledgerConstraintRefusal, post, syncCommitment } from './ledger'
import { checkPaymentRequest, isFinalInstalment, needWindow, type PaymentRequestInput } from './payment-rules'

type Deps = Pick<AppDeps, 'db'>

/**
 * The recipient requests money of a grant (Mittelabruf): for payments due within the programme's
 * need window, from one budget year, at most what is left of it. Nothing is written when a rule
 * refuses; the grant's row is locked while the request is counted, so two requests at once cannot
 * together ask for more than is left.
 */
export async function requestPayment(
  deps: Deps,
  actor: Actor,
  who: FundingWho,
  applicationId: string,
  input: PaymentRequestInput,
  today: string = berlinDay(),
): Promise<Outcome<string>> {
  const b = await applicationBundle(deps.db, applicationId)
  if (!b || !mayOnPayment(who, 'request', { organisationId: b.app.organisationId })) return notFound()
  if (!isGranted(b) || !b.grants.length) return refuse('funding.pay.error.notGranted')
  // A reported insolvency holds every payment until an officer has dealt with it.
  if (await paymentsHeld(deps.db, applicationId)) return refuse('funding.pay.error.insolvency')
  const window = needWindow(today, await needWindowOf(deps.db, b.line.id))
  const grants = b.grants.map((g) => ({ year: g.year, cents: g.cents }))
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      await tx
        .select({ id: fundingApplications.id })
        .from(fundingApplications)
        .where(eq(fundingApplications.id, applicationId))
        .for('update')
      const figures = await figuresOf(tx, applicationId, grants)
      const problems = checkPaymentRequest(input, figures, window)
      if (problems.length) throw new Refused(refuseAll(problems))
      const [last] = await tx
        .select({ n: max(fundingPayments.instalment) })
        .from(fundingPayments)
        .where(eq(fundingPayments.applicationId, applicationId))
      const instalment = Number(last?.n ?? 0) + 1
      const final = isFinalInstalment(input, figures)
      const [row] = await tx
        .insert(fundingPayments)
        .values({
          applicationId,
          year: input.year,
          instalment,
          amountCents: input.amountCents,
          dueOn: input.dueOn,
          purpose: input.purpose,
          final,
          requestedBy: actor.id,
        })
        .returning({ id: fundingPayments.id })
      await writeAudit(tx, actor, {
        action: 'funding.payment.request',
        entityType: 'funding_payment',
        entityId: row!.id,
        summary: { applicationId, year: input.year, instalment, amountCents: input.amountCents, final },
      })
      return row!.id
    }),
  )
}

export interface PaymentCheck {
  readonly decision: 'check' | 'reject'
  /** Hold a final instalment back until the proof of use is accepted. */
  readonly hold: boolean
  readonly reason: string
}

/**
 * The officer checks a request (its facts against the grant) and passes it on for release, or rejects
 * it with a reason. Only a final instalment can be held back.
 */
export async function checkPayment(
  deps: Deps,
  actor: Actor,
  who: FundingWho,
  paymentId: string,
  input: PaymentCheck,
): Promise<Outcome<void>> {
  const p = await paymentById(deps.db, paymentId)
  if (!p) return notFound()
  if (!mayOnPayment(who, 'check', p)) return refuse('funding.payStaff.error.mayNotCheck')
  if (p.payment.status !== 'requested') return refuse('funding.payStaff.error.notRequested')
  if (input.decision === 'reject' && !input.reason.trim()) {
    return refuse('funding.payStaff.error.reasonRequired', 'reason')
  }
  if (input.hold && !p.payment.final) return refuse('funding.payStaff.error.holdNotFinal', 'hold')
  const rejected = input.decision === 'reject'
  const done = await inTransaction(deps.db, async (tx) => {
    const rows = await tx
      .update(fundingPayments)
      .set(
        rejected
          ? { status: 'rejected', rejectionReason: input.reason.trim() }
          : {
              status: 'checked',
              checkedBy: actor.id,
              checkedAt: new Date(),
              heldUntilProof: input.hold,
            },
      )
      .where(and(eq(fundingPayments.id, paymentId), eq(fundingPayments.status, 'requested')))
      .returning({ id: fundingPayments.id })
    if (!rows.length) return false
    await writeAudit(tx, actor, {
      action: rejected ? 'funding.payment.reject' : 'funding.payment.check',
      entityType: 'funding_payment',
      entityId: paymentId,
      summary: rejected ? { reason: input.reason.trim() } : { held: input.hold },
    })
    return true
  })
  return done ? ok(undefined) : refuse('funding.payStaff.error.notRequested')
}

/**
 * Releases a checked payment (a second person, never the one who checked it): in ONE transaction the
 * payment is marked released, the ledger's commitment follows the latest notice, the payment is
 * posted (commitment → recipient) and the audit entry written. Should any step fail, nothing of it
 * stays: the payment is still waiting and the ledger unchanged. A held final instalment is not
 * released until the proof of use is accepted.
 */
export async function releasePayment(
  deps: Deps,
  actor: Actor,
  who: FundingWho,
  paymentId: string,
): Promise<Outcome<void>> {
  const p = await paymentById(deps.db, paymentId)
  if (!p) return notFound()
  if (p.payment.status !== 'checked') return refuse('funding.payStaff.error.notChecked')
  if (!mayOnPayment(who, 'release', { organisationId: p.organisationId, checkedBy: p.payment.checkedBy })) {
    return refuse('funding.payStaff.error.fourEyes')
  }
  if (p.payment.heldUntilProof) return refuse('funding.payStaff.error.held')
  const b = await applicationBundle(deps.db, p.payment.applicationId)
  if (!b || !isGranted(b)) return refuse('funding.pay.error.notGranted')
  return refusable(
    () =>
      inTransaction(deps.db, async (tx) => {
        const rows = await tx
          .update(fundingPayments)
          .set({ status: 'released', releasedBy: actor.id, releasedAt: new Date() })
          .where(
            and(
              eq(fundingPayments.id, paymentId),
              eq(fundingPayments.status, 'checked'),
              eq(fundingPayments.heldUntilProof, false),
              sql`${fundingPayments.checkedBy} is distinct from ${actor.id}`,
            ),
          )
          .returning({ id: fundingPayments.id })
        if (!rows.length) throw new Refused(refuse('funding.payStaff.error.notChecked'))
        if (await paymentsHeld(tx, b.app.id)) throw new Refused(refuse('funding.payStaff.error.insolvency'))
        await syncCommitment(tx, actor, {
          applicationId: b.app.id,
          lineId: b.line.id,
          grants: b.grants.map((g) => ({ year: g.year, cents: g.cents })),
        })
        await post(tx, actor, {
          applicationId: b.app.id,
          lineId: b.line.id,
          year: p.payment.year,
          kind: 'payment',
          debit: 'recipient',
          credit: 'commitment',
          amountCents: p.payment.amountCents,
          paymentId,
        })
        await writeAudit(tx, actor, {
          action: 'funding.payment.release',
          entityType: 'funding_payment',
          entityId: paymentId,
          summary: {
            applicationId: b.app.id,
            year: p.payment.year,
            instalment: p.payment.instalment,
            amountCents: p.payment.amountCents,
          },
        })
      }),
    ledgerConstraintRefusal,
  )
}

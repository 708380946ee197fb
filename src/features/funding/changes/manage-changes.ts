import { and, eq, isNull } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { MEDIA_TYPES } from '../../../platform/files'
import { isUuid } from '../../../platform/ids'
import {
  FORM,
  isUniqueViolation,
  notFound,
  type Outcome,
  ok,
  Refused,
  refusable,
  refuse,
  refuseAll,
} from '../../../platform/outcome'
import { type FundingWho, mayOnChange } from '../policies'
import { type ApplicationBundle, applicationBundle } from '../queries'
import { costPlanOf, grantState, isGranted, proposeAmendment } from '../review/amend-grant'
import { checkCosts, checkPeriod } from '../rules'
import {
  type CostPlan,
  fundingChangeFiles,
  fundingChangeRequests,
  fundingNotifications,
  type NotificationKind,
} from '../tables'
import { checkCostChange, checkPeriodChange, consequenceOf, NEEDS_AMOUNT } from './change-rules'
import { changeRequestById } from './find-changes'

/** Owner key of the files attached to change requests and notifications (download rule in feature.ts). */
export const CHANGE_FILE_OWNER = 'funding-change'

export interface Upload {
  readonly fileName: string
  readonly bytes: Uint8Array
  readonly truncated: boolean
}

export type ChangeInput =
  | { readonly kind: 'period'; readonly periodStart: string; readonly periodEnd: string }
  | { readonly kind: 'costs'; readonly costs: CostPlan }
  | { readonly kind: 'purpose'; readonly purpose: string }

/** The problems of a proposed change against the grant as it stands (pure once the bundle is loaded). */
export function changeProblems(b: ApplicationBundle, input: ChangeInput) {
  switch (input.kind) {
    case 'period': {
      const rules = checkPeriod(b.line.rules, input.periodStart, input.periodEnd)
      if (rules.length) return rules
      return checkPeriodChange(
        { start: b.app.periodStart ?? '', end: b.app.periodEnd ?? '' },
        { start: input.periodStart, end: input.periodEnd },
        b.grants.map((g) => g.year),
      )
    }
    case 'costs': {
      // The line's limits per item still hold (checkCosts), and the change must be one (checkCostChange).
      const years = Object.keys(input.costs).map(Number)
      const items = Object.entries(input.costs).flatMap(([year, row]) =>
        Object.entries(row).map(([category, cents]) => ({ year: Number(year), category, cents })),
      )
      const limits = checkCosts(b.line.rules, years, items, b.quantities).filter((p) => p.field !== FORM)
      const change = checkCostChange(
        costPlanOf(b),
        input.costs,
        b.line.rules.costCategories.map((c) => c.key),
      ).problems
      return [...limits, ...change]
    }
    case 'purpose':
      return input.purpose.trim() === (b.app.aims ?? '').trim()
        ? [{ field: 'purpose', key: 'funding.change.error.samePurpose' as const }]
        : []
  }
}

async function storeUpload(
  tx: Db,
  files: AppDeps['files'],
  actor: Actor,
  upload: Upload,
  owner: { changeRequestId: string } | { notificationId: string },
): Promise<void> {
  if (upload.truncated) throw new Refused(refuse('funding.change.error.fileTooLarge', 'attachment'))
  const stored = await files.store(
    tx,
    { bytes: upload.bytes, originalName: upload.fileName, createdBy: actor.id, owner: CHANGE_FILE_OWNER },
    MEDIA_TYPES.documents,
  )
  if (!stored.ok) {
    throw new Refused(
      refuse(
        stored.error === 'too_large' ? 'funding.change.error.fileTooLarge' : 'funding.change.error.file',
        'attachment',
      ),
    )
  }
  await tx.insert(fundingChangeFiles).values({ ...owner, fileId: stored.id, fileName: upload.fileName })
}

/**
 * The recipient files a change request for its own approved grant, with a reason and optionally an
 * attachment. Refused with the field's message when the change is not one (the same period, cost
 * shifts within the free 20 %, the same purpose) or breaks the line's rules; one request per grant
 * is open at a time. Request, file and audit entry are written together or not at all.
 */
export async function fileChangeRequest(
  deps: Pick<AppDeps, 'db' | 'files'>,
  actor: Actor,
  who: FundingWho,
  applicationId: string,
  input: ChangeInput & { readonly reason: string; readonly attachment?: Upload },
): Promise<Outcome<string>> {
  const b = await applicationBundle(deps.db, applicationId)
  if (!b || !mayOnChange(who, 'file', { organisationId: b.app.organisationId })) return notFound()
  if (!isGranted(b) || !b.grants.length) return refuse('funding.change.error.notGranted')
  const problems = changeProblems(b, input)
  if (problems.length) return refuseAll([...problems])
  try {
    return await refusable(() =>
      inTransaction(deps.db, async (tx) => {
        const [row] = await tx
          .insert(fundingChangeRequests)
          .values({
            applicationId,
            kind: input.kind,
            reason: input.reason.trim(),
            newPeriodStart: input.kind === 'period' ? input.periodStart : null,
            newPeriodEnd: input.kind === 'period' ? input.periodEnd : null,
            newCosts: input.kind === 'costs' ? input.costs : null,
            newPurpose: input.kind === 'purpose' ? input.purpose.trim() : null,
            submittedBy: actor.id,
          })
          .returning({ id: fundingChangeRequests.id })
        const id = row!.id
        if (input.attachment)
          await storeUpload(tx, deps.files, actor, input.attachment, { changeRequestId: id })
        await writeAudit(tx, actor, {
          action: 'funding.change.file',
          entityType: 'funding_application',
          entityId: applicationId,
          summary: { changeRequest: id, kind: input.kind, attachment: input.attachment?.fileName ?? null },
        })
        return id
      }),
    )
  } catch (err) {
    // The partial unique index allows one open request per grant, also for two submissions at once.
    if (isUniqueViolation(err, 'funding_change_requests_one_open_idx'))
      return refuse('funding.change.error.open')
    throw err
  }
}

export interface ChangeDecision {
  readonly decision: 'accept' | 'reject'
  readonly note: string
}

/**
 * The officer decides on a change request. Accepting it proposes the amendment through the existing
 * use case (proposeAmendment: the line's rules, the budget, one open proposal per grant) in the same
 * transaction as the request's new state and the audit entry; a second person then approves the
 * amendment, which issues the amending notice (approveAmendment). Rejecting needs reasons.
 */
export async function decideChangeRequest(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  who: FundingWho,
  requestId: string,
  input: ChangeDecision,
): Promise<Outcome<{ applicationId: string; amendmentId: string | null }>> {
  const r = await changeRequestById(deps.db, requestId)
  if (!r) return notFound()
  if (!mayOnChange(who, 'decide', r)) return refuse('funding.changeStaff.error.mayNotDecide')
  if (r.status !== 'submitted') return refuse('funding.changeStaff.error.notOpen')
  const note = input.note.trim()
  if (input.decision === 'reject' && !note) return refuse('funding.changeStaff.error.noteRequired', 'note')
  const b = await applicationBundle(deps.db, r.applicationId)
  const current = b && isGranted(b) ? await grantState(deps.db, b) : null
  if (!b || !current) return refuse('funding.change.error.notGranted')
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      let amendmentId: string | null = null
      if (input.decision === 'accept') {
        const proposed = await proposeAmendment({ db: tx }, actor, r.applicationId, {
          amounts: Object.fromEntries(current.amounts),
          periodStart: r.newPeriodStart ?? current.periodStart,
          periodEnd: r.newPeriodEnd ?? current.periodEnd,
          specialConditions: current.specialConditions,
          reason: note ? `${r.reason}\n\n${note}` : r.reason,
          ...(r.newCosts ? { costs: r.newCosts } : {}),
          ...(r.newPurpose !== null ? { purpose: r.newPurpose } : {}),
          changeRequestId: r.id,
        })
        // The amendment's own refusals (budget, rules, an open proposal) concern the whole request here.
        if (!proposed.ok) throw new Refused(refuseAll(proposed.problems.map((p) => ({ ...p, field: FORM }))))
        amendmentId = proposed.value
      }
      const rows = await tx
        .update(fundingChangeRequests)
        .set({
          status: input.decision === 'accept' ? 'accepted' : 'rejected',
          decidedBy: actor.id,
          decidedAt: new Date(),
          decisionNote: note || null,
          amendmentId,
        })
        .where(and(eq(fundingChangeRequests.id, r.id), eq(fundingChangeRequests.status, 'submitted')))
        .returning({ id: fundingChangeRequests.id })
      if (!rows.length) throw new Refused(refuse('funding.changeStaff.error.notOpen'))
      await writeAudit(tx, actor, {
        action: input.decision === 'accept' ? 'funding.change.accept' : 'funding.change.reject',
        entityType: 'funding_application',
        entityId: r.applicationId,
        summary: { changeRequest: r.id, kind: r.kind, amendment: amendmentId, note: note || null },
      })
      return { applicationId: r.applicationId, amendmentId }
    }),
  )
}

export interface NotificationInput {
  readonly kind: NotificationKind
  readonly occurredOn: string
  readonly details: string
  readonly amountCents: number | null
  readonly attachment?: Upload
}

/**
 * The recipient reports what it must (other grants, savings, delays, insolvency). The consequence is
 * recorded with it (consequenceOf): an insolvency holds every payment of the grant until an officer
 * has dealt with the notification.
 */
export async function recordNotification(
  deps: Pick<AppDeps, 'db' | 'files'>,
  actor: Actor,
  who: FundingWho,
  applicationId: string,
  input: NotificationInput,
): Promise<Outcome<string>> {
  const b = await applicationBundle(deps.db, applicationId)
  if (!b || !mayOnChange(who, 'file', { organisationId: b.app.organisationId })) return notFound()
  if (!isGranted(b) || !b.grants.length) return refuse('funding.change.error.notGranted')
  if (NEEDS_AMOUNT.has(input.kind) && !(input.amountCents && input.amountCents > 0)) {
    return refuse('funding.notify.error.amount', 'amount')
  }
  const consequence = consequenceOf(input.kind)
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      const [row] = await tx
        .insert(fundingNotifications)
        .values({
          applicationId,
          kind: input.kind,
          occurredOn: input.occurredOn,
          details: input.details.trim(),
          amountCents: NEEDS_AMOUNT.has(input.kind) ? input.amountCents : null,
          consequence,
          reportedBy: actor.id,
        })
        .returning({ id: fundingNotifications.id })
      const id = row!.id
      if (input.attachment) await storeUpload(tx, deps.files, actor, input.attachment, { notificationId: id })
      await writeAudit(tx, actor, {
        action: 'funding.notification.record',
        entityType: 'funding_application',
        entityId: applicationId,
        summary: { notification: id, kind: input.kind, consequence, amountCents: input.amountCents },
      })
      return id
    }),
  )
}

/** An officer has dealt with a notification (a held payment may go out again). */
export async function handleNotification(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  who: FundingWho,
  notificationId: string,
  note: string,
): Promise<Outcome<string>> {
  if (!isUuid(notificationId)) return notFound()
  const [n] = await deps.db
    .select()
    .from(fundingNotifications)
    .where(eq(fundingNotifications.id, notificationId))
  if (!n) return notFound()
  if (!mayOnChange(who, 'decide', { organisationId: '' }))
    return refuse('funding.changeStaff.error.mayNotDecide')
  const done = await inTransaction(deps.db, async (tx) => {
    const rows = await tx
      .update(fundingNotifications)
      .set({ handledBy: actor.id, handledAt: new Date(), handlingNote: note.trim() || null })
      .where(and(eq(fundingNotifications.id, notificationId), isNull(fundingNotifications.handledAt)))
      .returning({ id: fundingNotifications.id })
    if (!rows.length) return false
    await writeAudit(tx, actor, {
      action: 'funding.notification.handle',
      entityType: 'funding_application',
      entityId: n.applicationId,
      summary: { notification: n.id, kind: n.kind, consequence: n.consequence },
    })
    return true
  })
  return done ? ok(n.applicationId) : refuse('funding.changeStaff.error.handled')
}

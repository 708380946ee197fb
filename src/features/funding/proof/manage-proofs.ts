import { and, eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { berlinDay } from '../../../platform/days'
import { inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { MEDIA_TYPES } from '../../../platform/files'
import {
  isUniqueViolation,
  notFound,
  type Outcome,
  ok,
  type Problem,
  Refused,
  refusable,
  refuse,
  refuseAll,
} from '../../../platform/outcome'
import { type FundingWho, mayOnProof } from '../policies'
import { type ApplicationBundle, applicationBundle } from '../queries'
import { isGranted } from '../review/amend-grant'
import {
  fundingPayments,
  fundingProofAccount,
  fundingProofHours,
  fundingProofReceipts,
  fundingProofs,
} from '../tables'
import { proofById, proofsOf } from './find-proofs'
import {
  type AccountLine,
  actualTotal,
  checkReceipts,
  type HourRow,
  type ProofPeriod,
  parseHoursCsv,
  parseReceiptsCsv,
  proofPeriods,
  type Receipt,
  type RowProblem,
} from './proof-rules'
import { questionsFor } from './questions'

type Deps = Pick<AppDeps, 'db' | 'files'>

/** Proof attachments are confidential like application documents (download rule: attachment-access.ts). */
export const PROOF_FILE_OWNER = 'funding.proof'

/** The highest number of volunteer hours a year (coordinating guides: 414 h, WIR Integrationslotsen). */
export const MAX_VOLUNTEER_HOURS = 414

/** The proofs a grant owes, from its years, its end and its line's rules. */
export function periodsOf(b: ApplicationBundle): ProofPeriod[] {
  if (!b.app.periodEnd) return []
  return proofPeriods(
    b.grants.map((g) => g.year),
    b.app.periodEnd,
    b.line.rules.proofOfUseMonths,
  )
}

export const isSimpleProof = (b: ApplicationBundle) => b.line.rules.proofForm?.simple === true
export const needsVolunteerHours = (b: ApplicationBundle) => b.line.rules.proofForm?.volunteerHours === true

/** The planned costs per plan line for a proof: its budget year (interim) or the whole plan (final). */
export function plannedOf(b: ApplicationBundle, period: ProofPeriod): Record<string, number> {
  const out: Record<string, number> = {}
  for (const c of b.line.rules.costCategories) out[c.key] = 0
  for (const c of b.costs) {
    const counts = period.kind === 'final' || period.years.includes(c.year)
    if (counts && c.category in out) out[c.category] = (out[c.category] ?? 0) + c.cents
  }
  return out
}

/** The days receipts may fall on: the project's period within the years the proof covers. */
export function receiptWindow(b: ApplicationBundle, period: ProofPeriod) {
  const first = Math.min(...period.years)
  const last = Math.max(...period.years)
  const start = b.app.periodStart ?? `${first}-01-01`
  const end = b.app.periodEnd ?? `${last}-12-31`
  const from = start > `${first}-01-01` ? start : `${first}-01-01`
  const to = end < `${last}-12-31` ? end : `${last}-12-31`
  return { from, to }
}

export interface ProofInput {
  readonly period: string
  readonly answers: Readonly<Record<string, string>>
  readonly report: string
  /** Actual costs per plan line (category key), in cents. */
  readonly actual: Readonly<Record<string, number>>
  readonly actualOwnCents: number
  readonly actualThirdPartyCents: number
  /** The list of receipts as CSV text (may be empty for the simple proof). */
  readonly receiptsCsv: string
  /** Volunteer-hour sheet as CSV text (Integrationslotsen). */
  readonly hoursCsv: string
  readonly attachment?: { readonly fileName: string; readonly bytes: Uint8Array; readonly truncated: boolean }
}

/** CSV refusals as problems of their field, each with its line in the file. */
export interface CsvProblem extends Problem {
  readonly rows?: readonly RowProblem[]
}

/**
 * The recipient submits a proof of use: all of it at once (report, account, receipts, hours,
 * attachment) in ONE transaction with the audit entry, or nothing. A proof is submitted once per
 * period: a second submission is refused (and the database's unique index refuses it too, should
 * two arrive at the same moment).
 */
export async function submitProof(
  deps: Deps,
  actor: Actor,
  who: FundingWho,
  applicationId: string,
  input: ProofInput,
): Promise<Outcome<string, CsvProblem>> {
  const b = await applicationBundle(deps.db, applicationId)
  if (!b || !mayOnProof(who, 'submit', { organisationId: b.app.organisationId })) return notFound()
  if (!isGranted(b) || !b.grants.length) return refuse('funding.proof.error.notGranted')
  const period = periodsOf(b).find((p) => p.period === input.period)
  if (!period) return refuse('funding.proof.error.period', 'period')
  const submitted = await proofsOf(deps.db, applicationId)
  if (submitted.some((p) => p.period === input.period)) return refuse('funding.proof.error.twice', 'period')
  const simple = isSimpleProof(b)

  const problems: CsvProblem[] = []
  const answers: Record<string, string> = {}
  for (const q of questionsFor(b.line.key, simple)) {
    const a = (input.answers[q] ?? '').trim()
    if (!a) problems.push({ field: `q_${q}`, key: 'funding.proof.error.answer' })
    answers[q] = a.slice(0, 5000)
  }
  if (!input.report.trim() && !simple) problems.push({ field: 'report', key: 'funding.proof.error.report' })
  const planned = plannedOf(b, period)
  const lines: AccountLine[] = b.line.rules.costCategories.map((c) => ({
    category: c.key,
    plannedCents: planned[c.key] ?? 0,
    actualCents: input.actual[c.key] ?? 0,
  }))
  const window = receiptWindow(b, period)
  const categories = b.line.rules.costCategories.map((c) => ({ key: c.key, names: [c.label.de, c.label.en] }))
  let receipts: Receipt[] = []
  if (input.receiptsCsv.trim()) {
    const parsed = parseReceiptsCsv(input.receiptsCsv, categories, window)
    if (parsed.ok) receipts = parsed.rows
    else problems.push({ field: 'receipts', key: 'funding.proof.error.receiptsFile', rows: parsed.problems })
  }
  if (!problems.some((p) => p.field === 'receipts')) {
    for (const p of checkReceipts(lines, receipts, { simple })) {
      const c = b.line.rules.costCategories.find((x) => x.key === p.params?.line)
      problems.push(c ? { ...p, params: { ...p.params, line_de: c.label.de, line_en: c.label.en } } : p)
    }
  }
  let hours: HourRow[] = []
  if (needsVolunteerHours(b)) {
    if (!input.hoursCsv.trim()) problems.push({ field: 'hours', key: 'funding.proof.error.hoursMissing' })
    else {
      const parsed = parseHoursCsv(input.hoursCsv, window, MAX_VOLUNTEER_HOURS)
      if (parsed.ok) hours = parsed.rows
      else problems.push({ field: 'hours', key: 'funding.proof.error.hoursFile', rows: parsed.problems })
    }
  }
  if (input.attachment?.truncated) problems.push({ field: 'attachment', key: 'funding.error.fileTooLarge' })
  if (problems.length) return refuseAll(problems)

  return refusable<string, CsvProblem>(
    () =>
      inTransaction(deps.db, async (tx) => {
        let file: { id: string; name: string } | null = null
        if (input.attachment?.bytes.length) {
          const stored = await deps.files.store(
            tx,
            {
              bytes: input.attachment.bytes,
              originalName: input.attachment.fileName,
              createdBy: actor.id,
              owner: PROOF_FILE_OWNER,
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
        const [row] = await tx
          .insert(fundingProofs)
          .values({
            applicationId,
            period: period.period,
            dueOn: period.dueOn,
            simple,
            answers,
            report: input.report.trim().slice(0, 20_000),
            actualOwnCents: input.actualOwnCents,
            actualThirdPartyCents: input.actualThirdPartyCents,
            attachmentFileId: file?.id ?? null,
            attachmentName: file?.name ?? null,
            submittedBy: actor.id,
          })
          .returning({ id: fundingProofs.id })
        const proofId = row!.id
        await tx.insert(fundingProofAccount).values(lines.map((l) => ({ proofId, ...l })))
        if (receipts.length)
          await tx.insert(fundingProofReceipts).values(receipts.map((r) => ({ proofId, ...r })))
        if (hours.length) await tx.insert(fundingProofHours).values(hours.map((h) => ({ proofId, ...h })))
        await writeAudit(tx, actor, {
          action: 'funding.proof.submit',
          entityType: 'funding_proof',
          entityId: proofId,
          summary: {
            applicationId,
            period: period.period,
            actualCents: actualTotal(lines),
            receipts: receipts.length,
            hours: hours.reduce((s, h) => s + h.hours, 0),
          },
        })
        return proofId
      }),
    (err) =>
      isUniqueViolation(err, 'funding_proofs_period_idx')
        ? refuse('funding.proof.error.twice', 'period')
        : null,
  )
}

export interface ProofReview {
  readonly checkKind: 'summary' | 'in_depth'
  readonly findings: string
  /** The eligible costs the review accepts. */
  readonly acceptedCents: number
}

/**
 * The officer reviews a submitted proof: a summary or an in-depth check, the findings, the accepted
 * eligible costs (at most the actual costs; findings are required when less is accepted). Accepting
 * the final proof releases the hold on the grant's final instalment, in the same transaction.
 */
export async function reviewProof(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  who: FundingWho,
  proofId: string,
  input: ProofReview,
): Promise<Outcome<void>> {
  const p = await proofById(deps.db, proofId)
  if (!p) return notFound()
  if (!mayOnProof(who, 'review', p)) return refuse('funding.proofStaff.error.mayNotReview')
  if (p.proof.status !== 'submitted') return refuse('funding.proofStaff.error.reviewed')
  const actual = actualTotal(p.account)
  const problems: Problem[] = []
  if (!Number.isSafeInteger(input.acceptedCents) || input.acceptedCents < 0) {
    problems.push({ field: 'accepted', key: 'funding.proofStaff.error.accepted' })
  } else if (input.acceptedCents > actual) {
    problems.push({
      field: 'accepted',
      key: 'funding.proofStaff.error.acceptedTooMuch',
      params: { costs: actual },
    })
  } else if (input.acceptedCents < actual && !input.findings.trim()) {
    problems.push({ field: 'findings', key: 'funding.proofStaff.error.findingsRequired' })
  }
  if (problems.length) return refuseAll(problems)
  const done = await inTransaction(deps.db, async (tx) => {
    const rows = await tx
      .update(fundingProofs)
      .set({
        status: 'accepted',
        checkKind: input.checkKind,
        findings: input.findings.trim() || null,
        acceptedCents: input.acceptedCents,
        reviewedBy: actor.id,
        reviewedAt: new Date(),
      })
      .where(and(eq(fundingProofs.id, proofId), eq(fundingProofs.status, 'submitted')))
      .returning({ id: fundingProofs.id })
    if (!rows.length) return false
    let released: string[] = []
    if (p.proof.period === 'final') {
      const held = await tx
        .update(fundingPayments)
        .set({ heldUntilProof: false })
        .where(
          and(
            eq(fundingPayments.applicationId, p.proof.applicationId),
            eq(fundingPayments.heldUntilProof, true),
          ),
        )
        .returning({ id: fundingPayments.id })
      released = held.map((h) => h.id)
    }
    await writeAudit(tx, actor, {
      action: 'funding.proof.review',
      entityType: 'funding_proof',
      entityId: proofId,
      summary: {
        checkKind: input.checkKind,
        acceptedCents: input.acceptedCents,
        actualCents: actual,
        holdsCleared: released.length,
      },
    })
    return true
  })
  return done ? ok(undefined) : refuse('funding.proofStaff.error.reviewed')
}

/** Days of the proofs a grant owes today: due, overdue, submitted, accepted. */
export function proofState(
  period: ProofPeriod,
  submitted: { period: string; status: string } | undefined,
  today: string = berlinDay(),
): 'accepted' | 'submitted' | 'overdue' | 'due' {
  if (submitted) return submitted.status === 'accepted' ? 'accepted' : 'submitted'
  return today > period.dueOn ? 'overdue' : 'due'
}

/**
 * An attachment to a submitted proof (photos, press reports, attendance lists in one document),
 * uploaded after the proof went in (the platform's upload takes one file per form; the proof's own
 * form carries the receipts). Until the review; a new upload replaces the old one. The file and the
 * proof's reference to it are written in one transaction with the audit entry.
 */
export async function attachToProof(
  deps: Deps,
  actor: Actor,
  who: FundingWho,
  applicationId: string,
  input: { readonly fileName: string; readonly bytes: Uint8Array; readonly truncated: boolean },
): Promise<Outcome<void>> {
  const b = await applicationBundle(deps.db, applicationId)
  if (!b || !mayOnProof(who, 'submit', { organisationId: b.app.organisationId })) return notFound()
  const open = (await proofsOf(deps.db, applicationId)).find((p) => p.status === 'submitted')
  if (!open) return refuse('funding.proof.error.noOpenProof', 'attachment')
  if (input.truncated) return refuse('funding.error.fileTooLarge', 'attachment')
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      const stored = await deps.files.store(
        tx,
        { bytes: input.bytes, originalName: input.fileName, createdBy: actor.id, owner: PROOF_FILE_OWNER },
        MEDIA_TYPES.documents,
      )
      if (!stored.ok) {
        throw new Refused(
          refuse(
            stored.error === 'too_large'
              ? 'funding.error.fileTooLarge'
              : stored.error === 'empty'
                ? 'form.required'
                : 'funding.error.fileType',
            'attachment',
          ),
        )
      }
      const name = input.fileName.slice(0, 200)
      const rows = await tx
        .update(fundingProofs)
        .set({ attachmentFileId: stored.id, attachmentName: name })
        .where(and(eq(fundingProofs.id, open.id), eq(fundingProofs.status, 'submitted')))
        .returning({ id: fundingProofs.id })
      if (!rows.length) throw new Refused(refuse('funding.proof.error.noOpenProof', 'attachment'))
      await writeAudit(tx, actor, {
        action: 'funding.proof.attachment',
        entityType: 'funding_proof',
        entityId: open.id,
        summary: { file: name },
      })
    }),
  )
}

import { and, eq, inArray, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { berlinDay } from '../../../platform/days'
import { inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { type Outcome, ok, Refused, refusable, refuse } from '../../../platform/outcome'
import { fundingMail, lineNameFor } from '../mails'
import { applicantRecipients, applicationBundle } from '../queries'
import {
  checkCosts,
  checkDeadline,
  checkEligibility,
  checkFinancing,
  checkPartners,
  checkPeriod,
  type RuleProblem,
} from '../rules'
import { fundingApplications, fundingComments, fundingFileCounters } from '../tables'
import { periodYears, STEPS } from './save-application'
import { submissionDeclaration } from './submission'

/**
 * The file number (Aktenzeichen): programme, line, year of submission and a gapless counter per line
 * and year, e.g. WIR-MSO-2026-00017 (see docs/decisions/funding-file-number.md).
 */
export function formatFileNumber(programme: string, line: string, year: number, n: number): string {
  return `${programme}-${line}-${year}-${String(n).padStart(5, '0')}`
}

/** Every check of the line's rules against the saved application, for submission and review. */
export function checkComplete(
  b: NonNullable<Awaited<ReturnType<typeof applicationBundle>>>,
  day: string,
): RuleProblem[] {
  const out: RuleProblem[] = []
  for (const step of STEPS)
    if (!b.app.doneSteps.includes(step))
      out.push({ field: `step_${step}`, key: `funding.error.step.${step}` })
  if (out.length) return out
  const rules = b.line.rules
  const { periodStart, periodEnd } = b.app
  out.push(...checkEligibility(rules, b.org.facts))
  out.push(...checkPartners(rules, b.org.facts, b.partners.facts))
  out.push(...checkPeriod(rules, periodStart!, periodEnd!))
  out.push(...checkDeadline(rules, periodStart!, day))
  out.push(...checkCosts(rules, periodYears(b), b.costs, b.quantities))
  out.push(...checkFinancing(rules, b.costs, b.financing))
  const requested = b.financing.reduce((s, y) => s + y.requestedCents, 0)
  if (requested <= 0) out.push({ field: 'step_financing', key: 'funding.error.nothingRequested' })
  return out
}

/**
 * Submits a draft (or a draft returned for more information) once the applicant has checked their
 * answers and made the line's declaration (submissionDeclaration): checks everything, gives the file
 * number, keeps the declaration in the audit entry, mails a confirmation.
 */
export async function submitApplication(
  deps: Pick<AppDeps, 'db' | 'mail' | 'jobs'>,
  actor: Actor,
  id: string,
  input: { readonly declared: boolean; readonly reply?: string | undefined },
): Promise<Outcome<string>> {
  const { reply } = input
  const b = await applicationBundle(deps.db, id)
  if (!b) return refuse('funding.error.notFound')
  if (b.app.status !== 'draft' && b.app.status !== 'info_requested')
    return refuse('funding.error.notEditable')
  const problems = checkComplete(b, berlinDay())
  if (!input.declared) problems.push({ field: 'declaration', key: 'funding.error.declaration' })
  if (problems.length) return { ok: false, problems }
  const declaration = submissionDeclaration(b)
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      let fileNumber = b.app.fileNumber
      if (!fileNumber) {
        const year = Number(berlinDay().slice(0, 4))
        await tx.insert(fundingFileCounters).values({ lineKey: b.line.key, year }).onConflictDoNothing()
        const [counter] = await tx
          .update(fundingFileCounters)
          .set({ last: sql`${fundingFileCounters.last} + 1` })
          .where(and(eq(fundingFileCounters.lineKey, b.line.key), eq(fundingFileCounters.year, year)))
          .returning({ last: fundingFileCounters.last })
        fileNumber = formatFileNumber('WIR', b.line.key, year, counter!.last)
      }
      const updated = await tx
        .update(fundingApplications)
        .set({
          status: 'submitted',
          fileNumber,
          submittedAt: b.app.submittedAt ?? new Date(),
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(fundingApplications.id, id),
            inArray(fundingApplications.status, ['draft', 'info_requested']),
          ),
        )
        .returning({ id: fundingApplications.id })
      if (!updated.length) throw new Refused(refuse('funding.error.notEditable'))
      if (reply) {
        await tx.insert(fundingComments).values({
          applicationId: id,
          authorId: actor.id,
          authorLabel: actor.label,
          kind: 'applicant_reply',
          body: reply,
        })
      }
      await writeAudit(tx, actor, {
        action: b.app.status === 'draft' ? 'funding.application.submit' : 'funding.application.resubmit',
        entityType: 'funding_application',
        entityId: id,
        summary: { fileNumber, declaration },
      })
      for (const to of await applicantRecipients(tx, b.app.organisationId)) {
        await deps.mail.enqueue(
          tx,
          deps.jobs,
          fundingMail(
            to,
            { subject: 'funding.mail.received.subject', text: 'funding.mail.received.text' },
            { fileNumber, title: b.app.title ?? '', line: lineNameFor(to, b.line) },
          ),
        )
      }
      return fileNumber
    }),
  ).then((r) => (r.ok ? ok(r.value) : r))
}

import { and, eq, max, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { berlinDay } from '../../../platform/days'
import { type Db, inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { FORM, type Outcome, ok, Refused, refusable, refuse } from '../../../platform/outcome'
import { budgetConstraintRefusal, commitBudget, remainingBudget } from '../budget'
import { fundingMail } from '../mails'
import { formatMoney } from '../money'
import { isSecondPerson } from '../policies'
import { type ApplicationBundle, applicantRecipients, applicationBundle, programmeOf } from '../queries'
import { fundingApplications, fundingGrants, fundingNotices } from '../tables'
import { type NoticeFacts, renderNoticePdf } from './notice-pdf'

export type Decision = 'approve' | 'approve_part' | 'reject'

/**
 * First step of a decision (funding_officer): the proposal with reasons and, for a partial approval,
 * the amounts per year. A rejection takes effect at once; an approval waits for a second person.
 */
export async function proposeDecision(
  deps: Pick<AppDeps, 'db' | 'mail' | 'jobs'>,
  actor: Actor,
  id: string,
  input: { decision: Decision; reasons: string; amounts?: Readonly<Record<number, number>> },
): Promise<Outcome<void>> {
  const b = await applicationBundle(deps.db, id)
  if (!b) return refuse('funding.error.notFound')
  if (b.app.status !== 'submitted') return refuse('funding.error.notInReview')
  let amounts: Record<string, number> | null = null
  if (input.decision !== 'reject') {
    amounts = {}
    for (const y of b.financing) {
      const wanted = input.decision === 'approve' ? y.requestedCents : (input.amounts?.[y.year] ?? -1)
      if (wanted < 0 || wanted > y.requestedCents) {
        return refuse('funding.error.partAmount', `amount_${y.year}`, { max: y.requestedCents })
      }
      if (wanted > 0) amounts[String(y.year)] = wanted
    }
    const total = Object.values(amounts).reduce((s, v) => s + v, 0)
    if (total === 0) return refuse('funding.error.partZero', `amount_${b.financing[0]?.year ?? ''}`)
    if (
      input.decision === 'approve_part' &&
      total === b.financing.reduce((s, y) => s + y.requestedCents, 0)
    ) {
      input = { ...input, decision: 'approve' }
    }
  }
  const status = input.decision === 'reject' ? 'rejected' : 'proposed'
  const done = await inTransaction(deps.db, async (tx) => {
    const rows = await tx
      .update(fundingApplications)
      .set({
        status,
        proposedDecision: input.decision,
        proposedAmounts: amounts,
        decisionReasons: input.reasons,
        proposedBy: actor.id,
        proposedAt: new Date(),
        ...(status === 'rejected' ? { decidedBy: actor.id, decidedAt: new Date() } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(fundingApplications.id, id), eq(fundingApplications.status, 'submitted')))
      .returning({ id: fundingApplications.id })
    if (!rows.length) return false
    await writeAudit(tx, actor, {
      action: status === 'rejected' ? 'funding.decision.reject' : 'funding.decision.propose',
      entityType: 'funding_application',
      entityId: id,
      summary: { decision: input.decision, amounts },
    })
    if (status === 'rejected') {
      for (const to of await applicantRecipients(tx, b.app.organisationId)) {
        await deps.mail.enqueue(
          tx,
          deps.jobs,
          fundingMail(
            to,
            { subject: 'funding.mail.rejected.subject', text: 'funding.mail.rejected.text' },
            { fileNumber: b.app.fileNumber ?? '', reasons: input.reasons },
          ),
        )
      }
    }
    return true
  })
  return done ? ok(undefined) : refuse('funding.error.notInReview')
}

/**
 * A calendar day `months` later. From the last day of a month it lands on the last day of the target
 * month (a period ending 30 June plus six months: 31 December), otherwise on the same day, or the
 * month's last day when the target month is shorter.
 */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const lastOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()
  const total = y * 12 + (m - 1) + months
  const ny = Math.floor(total / 12)
  const nm = (total % 12) + 1
  const last = lastOf(ny, nm)
  const nd = d === lastOf(y, m) ? last : Math.min(d, last)
  return `${ny}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`
}

export async function noticeFacts(
  db: Db,
  b: ApplicationBundle,
  amounts: readonly { year: number; cents: number }[],
  version: number,
  reasons: string | null,
  partial: boolean,
): Promise<NoticeFacts> {
  const programme = await programmeOf(db, b.line)
  const labels = new Map(b.line.rules.costCategories.map((c) => [c.key, c.label.de]))
  return {
    version,
    kind: version === 1 ? 'initial' : 'amending',
    issuedOn: berlinDay(),
    authority: programme.authority,
    programme: programme.name,
    legalBasis: programme.legalBasis,
    line: b.line.nameDe,
    recipient: {
      name: b.org.name,
      address: [b.org.street, [b.org.postcode, b.org.city].filter(Boolean).join(' ')]
        .filter(Boolean)
        .join(', '),
      iban: b.org.iban ?? '',
    },
    fileNumber: b.app.fileNumber ?? '',
    title: b.app.title ?? '',
    purpose: b.app.aims ?? '',
    periodStart: b.app.periodStart ?? '',
    periodEnd: b.app.periodEnd ?? '',
    financingType: b.line.rules.financing.type,
    partial,
    amounts,
    costs: b.costs.map((c) => ({
      year: c.year,
      label: labels.get(c.category) ?? c.category,
      cents: c.cents,
    })),
    financing: b.financing.map((y) => ({
      year: y.year,
      ownCents: y.ownCents,
      thirdPartyCents: y.thirdPartyCents,
      grantCents: amounts.find((a) => a.year === y.year)?.cents ?? 0,
    })),
    conditions:
      b.org.facts.kind === 'municipality'
        ? 'Allgemeinen Nebenbestimmungen für Zuwendungen zur Projektförderung an Gebietskörperschaften (ANBest-GK)'
        : 'Allgemeinen Nebenbestimmungen für Zuwendungen zur Projektförderung (ANBest-P)',
    specialConditions: b.line.rules.specialConditions.map((s) => s.de),
    proofOfUseDue: addMonths(b.app.periodEnd ?? berlinDay(), b.line.rules.proofOfUseMonths),
    reasons,
  }
}

export interface PreparedNotice {
  readonly version: number
  readonly facts: NoticeFacts
  readonly pdf: Buffer
}

/**
 * Renders the next version of the grant notice outside any transaction (rendering takes tens of
 * milliseconds and must not hold budget locks). storeNotice writes it; the unique index on
 * (application, version) refuses a second notice with the same number.
 */
export async function prepareNotice(
  db: Db,
  b: ApplicationBundle,
  amounts: readonly { year: number; cents: number }[],
  reasons: string | null,
  partial: boolean,
): Promise<PreparedNotice> {
  const [last] = await db
    .select({ v: max(fundingNotices.version) })
    .from(fundingNotices)
    .where(eq(fundingNotices.applicationId, b.app.id))
  const version = Number(last?.v ?? 0) + 1
  const facts = await noticeFacts(db, b, amounts, version, reasons, partial)
  return { version, facts, pdf: await renderNoticePdf(facts) }
}

/** Writes a prepared notice as a new version; earlier versions stay untouched (a trigger refuses changes). */
export async function storeNotice(
  tx: Db,
  actor: Actor,
  applicationId: string,
  n: PreparedNotice,
): Promise<number> {
  await tx.insert(fundingNotices).values({
    applicationId,
    version: n.version,
    kind: n.facts.kind,
    pdf: n.pdf,
    facts: n.facts as unknown as Record<string, unknown>,
    createdBy: actor.id,
  })
  await writeAudit(tx, actor, {
    action: 'funding.notice.issue',
    entityType: 'funding_application',
    entityId: applicationId,
    summary: { version: n.version, kind: n.facts.kind },
  })
  return n.version
}

/**
 * Second step (funding_approver, never the proposer): approves, commits the amounts against the
 * line's budget per year and issues the grant notice, all in one transaction. The budget row is
 * changed by one UPDATE that only succeeds while the amount fits; the CHECK constraint on
 * funding_budgets backs this up, so concurrent approvals can never overspend.
 */
export async function confirmApproval(
  deps: Pick<AppDeps, 'db' | 'mail' | 'jobs'>,
  actor: Actor,
  id: string,
): Promise<Outcome<number>> {
  const b = await applicationBundle(deps.db, id)
  if (!b) return refuse('funding.error.notFound')
  if (b.app.status !== 'proposed') return refuse('funding.error.notProposed')
  if (!isSecondPerson(actor.id, b.app.proposedBy)) return refuse('funding.error.fourEyes')
  const amounts = Object.entries(b.app.proposedAmounts ?? {})
    .map(([year, cents]) => ({ year: Number(year), cents }))
    .sort((x, y) => x.year - y.year)
  const partial = b.app.proposedDecision === 'approve_part'
  // A cheap early answer when the budget is visibly exhausted; commitBudget below is what guarantees it.
  for (const { year, cents } of amounts) {
    const remaining = await remainingBudget(deps.db, b.line.id, year)
    if (remaining === null) return refuse('funding.error.noBudget', FORM, { year })
    if (cents > remaining) return refuse(...budgetExceeded(year, cents, remaining))
  }
  const notice = await prepareNotice(deps.db, b, amounts, b.app.decisionReasons, partial)
  return refusable(
    () =>
      inTransaction(deps.db, async (tx) => {
        const rows = await tx
          .update(fundingApplications)
          .set({
            status: partial ? 'partially_approved' : 'approved',
            decidedBy: actor.id,
            decidedAt: new Date(),
            updatedAt: new Date(),
          })
          .where(
            and(
              eq(fundingApplications.id, id),
              eq(fundingApplications.status, 'proposed'),
              sql`${fundingApplications.proposedBy} is distinct from ${actor.id}`,
            ),
          )
          .returning({ id: fundingApplications.id })
        if (!rows.length) throw new Refused(refuse('funding.error.notProposed'))
        // Years in ascending order: concurrent approvals lock budget rows in the same order (no deadlock).
        for (const { year, cents } of amounts) {
          const committed = await commitBudget(tx, b.line.id, year, cents)
          if (!committed.ok) {
            const shortfall = committed.problems[0]!
            throw new Refused(
              shortfall.reason === 'noBudget'
                ? refuse('funding.error.noBudget', FORM, { year })
                : refuse(...budgetExceeded(year, cents, shortfall.remainingCents)),
            )
          }
          await tx.insert(fundingGrants).values({ applicationId: id, year, amountCents: cents })
        }
        await writeAudit(tx, actor, {
          action: 'funding.decision.approve',
          entityType: 'funding_application',
          entityId: id,
          summary: { amounts: Object.fromEntries(amounts.map((a) => [a.year, a.cents])), partial },
        })
        const version = await storeNotice(tx, actor, id, notice)
        for (const to of await applicantRecipients(tx, b.app.organisationId)) {
          await deps.mail.enqueue(
            tx,
            deps.jobs,
            fundingMail(
              to,
              {
                subject: 'funding.mail.approved.subject',
                text: partial ? 'funding.mail.partiallyApproved.text' : 'funding.mail.approved.text',
              },
              { fileNumber: b.app.fileNumber ?? '' },
            ),
          )
        }
        return version
      }),
    budgetConstraintRefusal,
  )
}

/** The refusal of an approval the budget cannot carry (amounts in German money format, as before). */
function budgetExceeded(year: number, cents: number, remaining: number) {
  return [
    'funding.error.budgetExceeded',
    FORM,
    { year, amount: formatMoney(cents), remaining: formatMoney(remaining) },
  ] as const
}

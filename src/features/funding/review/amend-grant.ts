import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { type Actor, writeAudit } from '../../../platform/audit'
import { users } from '../../../platform/auth/tables'
import { berlinDay } from '../../../platform/days'
import { type Db, inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { isUuid } from '../../../platform/ids'
import {
  FORM,
  isUniqueViolation,
  type Outcome,
  ok,
  Refused,
  refusable,
  refuse,
} from '../../../platform/outcome'
import { budgetConstraintRefusal, commitBudget, remainingBudget } from '../budget'
import { fundingMail } from '../mails'
import { isSecondPerson } from '../policies'
import { type ApplicationBundle, applicantRecipients, applicationBundle } from '../queries'
import { checkPeriod, type RuleProblem, yearsOf } from '../rules'
import {
  type CostPlan,
  fundingAmendments,
  fundingApplications,
  fundingCostItems,
  fundingGrants,
  fundingNotices,
} from '../tables'
import { noticeFacts } from './decide-application'
import { type NoticeFacts, renderNoticePdf } from './notice-pdf'

/** Field name of the amount of one year in the amendment form. */
export const amendField = (year: number) => `amend_${year}`

export const MAX_SPECIAL_CONDITIONS = 30
export const MAX_CONDITION_LENGTH = 1000

const GRANTED = ['approved', 'partially_approved'] as const

/** What a grant is now: the latest notice, the amounts per year, the period and the special conditions. */
export interface GrantState {
  readonly notice: { readonly id: string; readonly version: number; readonly issuedOn: string }
  readonly amounts: ReadonlyMap<number, number>
  readonly periodStart: string
  readonly periodEnd: string
  readonly specialConditions: readonly string[]
}

export function isGranted(b: ApplicationBundle): boolean {
  return (GRANTED as readonly string[]).includes(b.app.status)
}

/** The grant as the latest notice states it, or null when the application has no notice (not approved). */
export async function grantState(db: Db, b: ApplicationBundle): Promise<GrantState | null> {
  const [latest] = await db
    .select({
      id: fundingNotices.id,
      version: fundingNotices.version,
      facts: fundingNotices.facts,
      createdAt: fundingNotices.createdAt,
    })
    .from(fundingNotices)
    .where(eq(fundingNotices.applicationId, b.app.id))
    .orderBy(desc(fundingNotices.version))
    .limit(1)
  if (!latest || !b.app.periodStart || !b.app.periodEnd) return null
  const facts = latest.facts as Partial<NoticeFacts>
  const conditions = Array.isArray(facts.specialConditions)
    ? facts.specialConditions.filter((s): s is string => typeof s === 'string')
    : b.line.rules.specialConditions.map((s) => s.de)
  return {
    notice: {
      id: latest.id,
      version: latest.version,
      issuedOn: typeof facts.issuedOn === 'string' ? facts.issuedOn : berlinDay(latest.createdAt),
    },
    amounts: new Map(b.grants.map((g) => [g.year, g.cents])),
    periodStart: b.app.periodStart,
    periodEnd: b.app.periodEnd,
    specialConditions: conditions,
  }
}

export interface AmendmentInput {
  /** Cents per year as entered; 0 (or absent) means no grant in that year. */
  readonly amounts: Readonly<Record<number, number>>
  readonly periodStart: string
  readonly periodEnd: string
  readonly specialConditions: readonly string[]
  readonly reason: string
  /** A new cost plan (a recipient's change request); absent: the plan stays. */
  readonly costs?: CostPlan
  /** New purpose details (Zuwendungszweck); absent: the purpose stays. */
  readonly purpose?: string
  /** The recipient's change request the amendment answers. */
  readonly changeRequestId?: string
}

/** The binding cost plan of an application as cents per year and category. */
export function costPlanOf(b: Pick<ApplicationBundle, 'costs'>): CostPlan {
  const plan: CostPlan = {}
  for (const c of b.costs) {
    const year = String(c.year)
    plan[year] = { ...plan[year], [c.category]: c.cents }
  }
  return plan
}

const samePlan = (a: CostPlan, b: CostPlan) => {
  const flat = (p: CostPlan) =>
    Object.entries(p)
      .flatMap(([y, items]) =>
        Object.entries(items)
          .filter(([, c]) => c > 0)
          .map(([k, c]) => `${y}/${k}=${c}`),
      )
      .sort()
      .join(',')
  return flat(a) === flat(b)
}

/** Splits the special-conditions text area into conditions, one per line. */
export function conditionLines(text: string | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
}

const asRecord = (m: ReadonlyMap<number, number>) =>
  Object.fromEntries([...m].filter(([, c]) => c > 0).map(([y, c]) => [String(y), c]))

/** Checks a proposed change against the line's rules; pure, returns the problems per form field. */
export function checkAmendment(
  b: ApplicationBundle,
  current: GrantState,
  input: AmendmentInput,
): { problems: RuleProblem[]; amounts: Map<number, number> } {
  const rules = b.line.rules
  const problems: RuleProblem[] = [...checkPeriod(rules, input.periodStart, input.periodEnd)]
  const years = input.periodEnd >= input.periodStart ? yearsOf(input.periodStart, input.periodEnd) : []
  const amounts = new Map<number, number>()
  for (const [y, cents] of Object.entries(input.amounts)) {
    const year = Number(y)
    const field = amendField(year)
    if (!Number.isSafeInteger(cents) || cents < 0) {
      problems.push({ field, key: 'funding.money.negative' })
    } else if (cents > 0 && !years.includes(year)) {
      problems.push({ field, key: 'funding.amend.error.outsidePeriod' })
    } else if (rules.maxGrantPerYearCents !== undefined && cents > rules.maxGrantPerYearCents) {
      problems.push({ field, key: 'funding.rule.yearCap', params: { cap: rules.maxGrantPerYearCents } })
    } else if (cents > 0) {
      amounts.set(year, cents)
    }
  }
  const total = [...amounts.values()].reduce((s, c) => s + c, 0)
  const lastYear = years[years.length - 1] ?? Number(input.periodEnd.slice(0, 4))
  if (!problems.length && total === 0) {
    problems.push({ field: amendField(years[0] ?? lastYear), key: 'funding.amend.error.zero' })
  }
  if (!problems.length && rules.maxGrantTotalCents !== undefined && total > rules.maxGrantTotalCents) {
    problems.push({
      field: amendField(lastYear),
      key: 'funding.rule.totalCap',
      params: { cap: rules.maxGrantTotalCents },
    })
  }
  if (
    input.specialConditions.length > MAX_SPECIAL_CONDITIONS ||
    input.specialConditions.some((s) => s.length > MAX_CONDITION_LENGTH)
  ) {
    problems.push({
      field: 'conditions',
      key: 'funding.amend.error.conditions',
      params: { count: MAX_SPECIAL_CONDITIONS, length: MAX_CONDITION_LENGTH },
    })
  }
  if (
    !problems.length &&
    JSON.stringify(asRecord(amounts)) === JSON.stringify(asRecord(current.amounts)) &&
    input.periodStart === current.periodStart &&
    input.periodEnd === current.periodEnd &&
    JSON.stringify(input.specialConditions) === JSON.stringify(current.specialConditions) &&
    (input.costs === undefined || samePlan(input.costs, costPlanOf(b))) &&
    (input.purpose === undefined || input.purpose === (b.app.aims ?? ''))
  ) {
    problems.push({ field: '_form', key: 'funding.amend.error.noChange' })
  }
  return { problems, amounts }
}

/** The change per year (new − old), every year either side has, in ascending order. */
export function differences(
  oldAmounts: Readonly<Record<string, number>>,
  newAmounts: Readonly<Record<string, number>>,
): { year: number; oldCents: number; newCents: number; delta: number }[] {
  const years = [...new Set([...Object.keys(oldAmounts), ...Object.keys(newAmounts)].map(Number))].sort(
    (a, b) => a - b,
  )
  return years.map((year) => {
    const oldCents = oldAmounts[String(year)] ?? 0
    const newCents = newAmounts[String(year)] ?? 0
    return { year, oldCents, newCents, delta: newCents - oldCents }
  })
}

/** Refuses increases the budget visibly cannot carry (the guarded UPDATE on approval is what guarantees it). */
async function checkIncreases(
  db: Db,
  lineId: string,
  diffs: readonly { year: number; delta: number }[],
  field: (year: number) => string,
): Promise<RuleProblem[]> {
  const problems: RuleProblem[] = []
  for (const { year, delta } of diffs) {
    if (delta <= 0) continue
    const remaining = await remainingBudget(db, lineId, year)
    if (remaining === null) {
      problems.push({ field: field(year), key: 'funding.error.noBudget', params: { year } })
      continue
    }
    if (delta > remaining) {
      problems.push({
        field: field(year),
        key: 'funding.amend.error.budget',
        params: { year, increase: delta, remaining },
      })
    }
  }
  return problems
}

/**
 * First step (funding_officer): proposes an amendment of an approved grant — new amounts per year,
 * a changed period within the line's rules, changed special conditions — with a reason. Nothing
 * changes on the grant until a second person approves it.
 */
export async function proposeAmendment(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  applicationId: string,
  input: AmendmentInput,
): Promise<Outcome<string>> {
  if (!actor.id) return refuse('funding.amend.error.fourEyes')
  const b = await applicationBundle(deps.db, applicationId)
  if (!b) return refuse('funding.error.notFound')
  const current = isGranted(b) ? await grantState(deps.db, b) : null
  if (!current) return refuse('funding.amend.error.notApproved')
  const { problems, amounts } = checkAmendment(b, current, input)
  if (problems.length) return { ok: false, problems }
  const oldAmounts = asRecord(current.amounts)
  const newAmounts = asRecord(amounts)
  const budgetProblems = await checkIncreases(
    deps.db,
    b.line.id,
    differences(oldAmounts, newAmounts),
    amendField,
  )
  if (budgetProblems.length) return { ok: false, problems: budgetProblems }
  try {
    const id = await inTransaction(deps.db, async (tx) => {
      const [row] = await tx
        .insert(fundingAmendments)
        .values({
          applicationId,
          basedOnVersion: current.notice.version,
          oldAmounts,
          newAmounts,
          oldPeriodStart: current.periodStart,
          oldPeriodEnd: current.periodEnd,
          newPeriodStart: input.periodStart,
          newPeriodEnd: input.periodEnd,
          oldSpecialConditions: [...current.specialConditions],
          newSpecialConditions: [...input.specialConditions],
          reason: input.reason,
          proposedBy: actor.id!,
          changeRequestId: input.changeRequestId ?? null,
          ...(input.costs ? { oldCosts: costPlanOf(b), newCosts: input.costs } : {}),
          ...(input.purpose !== undefined ? { oldPurpose: b.app.aims ?? '', newPurpose: input.purpose } : {}),
        })
        .returning({ id: fundingAmendments.id })
      await writeAudit(tx, actor, {
        action: 'funding.amendment.propose',
        entityType: 'funding_application',
        entityId: applicationId,
        summary: {
          amendment: row!.id,
          amounts: { old: oldAmounts, new: newAmounts },
          period: {
            old: [current.periodStart, current.periodEnd],
            new: [input.periodStart, input.periodEnd],
          },
          conditionsChanged:
            JSON.stringify(input.specialConditions) !== JSON.stringify(current.specialConditions),
          costsChanged: input.costs !== undefined,
          purposeChanged: input.purpose !== undefined,
          ...(input.changeRequestId ? { changeRequest: input.changeRequestId } : {}),
        },
      })
      return row!.id
    })
    return ok(id)
  } catch (err) {
    // The partial unique index allows one open proposal per grant, also for two officers at once.
    if (isUniqueViolation(err, 'funding_amendments_one_open_idx')) {
      return refuse('funding.amend.error.open')
    }
    throw err
  }
}

type Amendment = typeof fundingAmendments.$inferSelect

async function openAmendment(
  db: Db,
  applicationId: string,
  amendmentId: string,
): Promise<Outcome<{ b: ApplicationBundle; a: Amendment }>> {
  const b = await applicationBundle(db, applicationId)
  if (!b) return refuse('funding.error.notFound')
  if (!isUuid(amendmentId)) return refuse('funding.amend.error.notOpen')
  const [a] = await db
    .select()
    .from(fundingAmendments)
    .where(and(eq(fundingAmendments.id, amendmentId), eq(fundingAmendments.applicationId, applicationId)))
  if (a?.status !== 'proposed') return refuse('funding.amend.error.notOpen')
  return ok({ b, a })
}

/** The facts of the amending notice: the full grant after the change, and what changed. */
async function amendingFacts(
  db: Db,
  b: ApplicationBundle,
  a: Amendment,
  version: number,
  amends: { version: number; issuedOn: string },
): Promise<NoticeFacts> {
  const amounts = Object.entries(a.newAmounts)
    .map(([year, cents]) => ({ year: Number(year), cents }))
    .sort((x, y) => x.year - y.year)
  const after = {
    ...b,
    app: {
      ...b.app,
      periodStart: a.newPeriodStart,
      periodEnd: a.newPeriodEnd,
      aims: a.newPurpose ?? b.app.aims,
    },
    costs: a.newCosts ? costItemsOf(a.newCosts) : b.costs,
  }
  const base = await noticeFacts(db, after, amounts, version, a.reason, false)
  // Years the amendment adds (a longer period) have no row in the applicant's financing plan yet.
  const financing = [
    ...base.financing,
    ...amounts
      .filter((x) => !base.financing.some((f) => f.year === x.year))
      .map((x) => ({ year: x.year, ownCents: 0, thirdPartyCents: 0, grantCents: x.cents })),
  ].sort((x, y) => x.year - y.year)
  const periodChanged = a.oldPeriodStart !== a.newPeriodStart || a.oldPeriodEnd !== a.newPeriodEnd
  // The kind comes with the version (noticeFacts): every version after the first is amending.
  return {
    ...base,
    financing,
    specialConditions: a.newSpecialConditions,
    amends,
    changes: {
      amounts: differences(a.oldAmounts, a.newAmounts)
        .filter((d) => d.delta !== 0)
        .map(({ year, oldCents, newCents }) => ({ year, oldCents, newCents })),
      period: periodChanged
        ? {
            oldStart: a.oldPeriodStart,
            oldEnd: a.oldPeriodEnd,
            newStart: a.newPeriodStart,
            newEnd: a.newPeriodEnd,
          }
        : null,
      specialConditionsChanged:
        JSON.stringify(a.oldSpecialConditions) !== JSON.stringify(a.newSpecialConditions),
      costsChanged: a.newCosts !== null,
      purposeChanged: a.newPurpose !== null,
    },
  }
}

/** The rows of a cost plan (items of 0 are not stored). */
function costItemsOf(plan: CostPlan): { year: number; category: string; cents: number }[] {
  return Object.entries(plan)
    .flatMap(([year, items]) =>
      Object.entries(items)
        .filter(([, cents]) => cents > 0)
        .map(([category, cents]) => ({ year: Number(year), category, cents })),
    )
    .sort((x, y) => x.year - y.year || x.category.localeCompare(y.category))
}

/**
 * Second step (funding_approver, never the proposer): approves the amendment. In one transaction the
 * commitment of the line's budget is adjusted per year by the difference (increases through the same
 * guarded UPDATE as approvals, decreases free money), the granted amounts and period are replaced,
 * and the amending notice is stored as a new version referencing the previous one.
 */
export async function approveAmendment(
  deps: Pick<AppDeps, 'db' | 'mail' | 'jobs'>,
  actor: Actor,
  applicationId: string,
  amendmentId: string,
): Promise<Outcome<number>> {
  const got = await openAmendment(deps.db, applicationId, amendmentId)
  if (!got.ok) return got
  const { b, a } = got.value
  if (!isSecondPerson(actor.id, a.proposedBy)) return refuse('funding.amend.error.fourEyes')
  const current = isGranted(b) ? await grantState(deps.db, b) : null
  if (!current) return refuse('funding.amend.error.notApproved')
  if (current.notice.version !== a.basedOnVersion) return refuse('funding.amend.error.stale')
  const diffs = differences(a.oldAmounts, a.newAmounts)
  const early = await checkIncreases(deps.db, b.line.id, diffs, () => '_form')
  if (early.length) return { ok: false, problems: early }

  const version = a.basedOnVersion + 1
  const facts = await amendingFacts(deps.db, b, a, version, {
    version: current.notice.version,
    issuedOn: current.notice.issuedOn,
  })
  // Rendered before the transaction, so the budget rows are locked only for a few statements.
  const pdf = await renderNoticePdf(facts)
  try {
    return await refusable(
      () =>
        inTransaction(deps.db, async (tx) => {
          const decided = await tx
            .update(fundingAmendments)
            .set({ status: 'approved', decidedBy: actor.id, decidedAt: new Date(), noticeVersion: version })
            .where(
              and(
                eq(fundingAmendments.id, a.id),
                eq(fundingAmendments.status, 'proposed'),
                sql`${fundingAmendments.proposedBy} <> ${actor.id}`,
              ),
            )
            .returning({ id: fundingAmendments.id })
          if (!decided.length) throw new Refused(refuse('funding.amend.error.notOpen'))
          const app = await tx
            .update(fundingApplications)
            .set({
              periodStart: a.newPeriodStart,
              periodEnd: a.newPeriodEnd,
              ...(a.newPurpose !== null ? { aims: a.newPurpose } : {}),
              updatedAt: new Date(),
            })
            .where(
              and(eq(fundingApplications.id, applicationId), inArray(fundingApplications.status, GRANTED)),
            )
            .returning({ id: fundingApplications.id })
          if (!app.length) throw new Refused(refuse('funding.amend.error.notApproved'))
          if (a.newCosts) {
            // The binding cost plan after the change replaces the one of the notice.
            await tx.delete(fundingCostItems).where(eq(fundingCostItems.applicationId, applicationId))
            const items = costItemsOf(a.newCosts)
            if (items.length)
              await tx.insert(fundingCostItems).values(
                items.map((c) => ({
                  applicationId,
                  year: c.year,
                  category: c.category,
                  amountCents: c.cents,
                })),
              )
          }
          // Ascending years, like approvals: concurrent writers lock budget rows in the same order.
          for (const { year, delta } of diffs) {
            if (delta === 0) continue
            const committed = await commitBudget(tx, b.line.id, year, delta)
            if (!committed.ok) {
              const shortfall = committed.problems[0]!
              throw new Refused(
                shortfall.reason === 'noBudget'
                  ? refuse('funding.error.noBudget', FORM, { year })
                  : refuse('funding.amend.error.budget', FORM, {
                      year,
                      increase: delta,
                      remaining: shortfall.remainingCents,
                    }),
              )
            }
          }
          await tx.delete(fundingGrants).where(eq(fundingGrants.applicationId, applicationId))
          const grants = Object.entries(a.newAmounts).map(([year, cents]) => ({
            applicationId,
            year: Number(year),
            amountCents: cents,
          }))
          if (grants.length) await tx.insert(fundingGrants).values(grants)
          await writeAudit(tx, actor, {
            action: 'funding.amendment.approve',
            entityType: 'funding_application',
            entityId: applicationId,
            summary: {
              amendment: a.id,
              version,
              amounts: { old: a.oldAmounts, new: a.newAmounts },
              period: { old: [a.oldPeriodStart, a.oldPeriodEnd], new: [a.newPeriodStart, a.newPeriodEnd] },
            },
          })
          // A new row; the previous versions stay as they are (a trigger refuses changing them).
          await tx.insert(fundingNotices).values({
            applicationId,
            version,
            kind: 'amending',
            pdf,
            facts: facts as unknown as Record<string, unknown>,
            createdBy: actor.id,
            amendsId: current.notice.id,
          })
          await writeAudit(tx, actor, {
            action: 'funding.notice.issue',
            entityType: 'funding_application',
            entityId: applicationId,
            summary: { version, kind: 'amending', amends: current.notice.version },
          })
          for (const to of await applicantRecipients(tx, b.app.organisationId)) {
            await deps.mail.enqueue(
              tx,
              deps.jobs,
              fundingMail(
                to,
                { subject: 'funding.mail.amended.subject', text: 'funding.mail.amended.text' },
                { fileNumber: b.app.fileNumber ?? '' },
              ),
            )
          }
          return version
        }),
      budgetConstraintRefusal,
    )
  } catch (err) {
    if (isUniqueViolation(err, 'funding_notices_version_idx')) return refuse('funding.amend.error.stale')
    throw err
  }
}

/** A second person rejects a proposed amendment with reasons; the grant stays as it is. */
export async function rejectAmendment(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  applicationId: string,
  amendmentId: string,
  reasons: string,
): Promise<Outcome<void>> {
  const got = await openAmendment(deps.db, applicationId, amendmentId)
  if (!got.ok) return got
  const { a } = got.value
  if (!isSecondPerson(actor.id, a.proposedBy)) return refuse('funding.amend.error.fourEyes')
  const done = await inTransaction(deps.db, async (tx) => {
    const rows = await tx
      .update(fundingAmendments)
      .set({ status: 'rejected', decidedBy: actor.id, decidedAt: new Date(), rejectionReasons: reasons })
      .where(
        and(
          eq(fundingAmendments.id, a.id),
          eq(fundingAmendments.status, 'proposed'),
          sql`${fundingAmendments.proposedBy} <> ${actor.id}`,
        ),
      )
      .returning({ id: fundingAmendments.id })
    if (!rows.length) return false
    await writeAudit(tx, actor, {
      action: 'funding.amendment.reject',
      entityType: 'funding_application',
      entityId: applicationId,
      summary: { amendment: a.id, reasons },
    })
    return true
  })
  return done ? ok(undefined) : refuse('funding.amend.error.notOpen')
}

/** The amendments of an application, newest first, with who proposed and decided them. */
export async function listAmendments(db: Db, applicationId: string) {
  const proposer = alias(users, 'proposer')
  const decider = alias(users, 'decider')
  return db
    .select({
      amendment: fundingAmendments,
      proposedByEmail: proposer.email,
      decidedByEmail: decider.email,
    })
    .from(fundingAmendments)
    .innerJoin(proposer, eq(proposer.id, fundingAmendments.proposedBy))
    .leftJoin(decider, eq(decider.id, fundingAmendments.decidedBy))
    .where(eq(fundingAmendments.applicationId, applicationId))
    .orderBy(desc(fundingAmendments.proposedAt), asc(fundingAmendments.id))
}
export type AmendmentRow = Awaited<ReturnType<typeof listAmendments>>[number]

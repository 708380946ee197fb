import { and, eq, isNull } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { notFound, type Outcome, ok, Refused, refusable, refuse, refuseAll } from '../../../platform/outcome'
import { createOrganisation, organisationsNamed } from '../../directory/public'
import { type FundingWho, mayOnChange } from '../policies'
import { applicationBundle } from '../queries'
import { isGranted } from '../review/amend-grant'
import { fundingApplications, fundingSubGrants } from '../tables'
import { grantedInYear, passesThrough, passThroughBudgets, subGrantById } from './find-sub-grants'
import { checkSubGrant, checkSubGrantProof } from './sub-grant-budget'

export interface SubGrantInput {
  readonly year: number
  /** The local non-profit: a directory organisation of this name, or a new one (non-profit association). */
  readonly organisationName: string
  readonly city: string
  readonly title: string
  readonly amountCents: number
}

/**
 * The diversity centre passes micro-project money of its grant on to a local non-profit. The parent
 * grant's row is locked while the year's sub-grants are counted, so two sub-grants at once can never
 * together exceed the parent's micro-project budget; a refusal leaves nothing behind (not even a new
 * directory organisation). The recipient is a directory organisation (found by name, or created
 * through the directory's use case) and must be non-profit.
 */
export async function createSubGrant(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  who: FundingWho,
  parentId: string,
  input: SubGrantInput,
): Promise<Outcome<string>> {
  const b = await applicationBundle(deps.db, parentId)
  if (!b || !mayOnChange(who, 'file', { organisationId: b.app.organisationId })) return notFound()
  if (!isGranted(b) || !passesThrough(b)) return refuse('funding.sub.error.noPassThrough')
  const budgetCents = passThroughBudgets(b).get(input.year) ?? 0
  if (!b.grants.some((g) => g.year === input.year)) return refuse('funding.sub.error.year', 'year')
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      await tx
        .select({ id: fundingApplications.id })
        .from(fundingApplications)
        .where(eq(fundingApplications.id, parentId))
        .for('update')
      const problems = checkSubGrant(
        { budgetCents, grantedCents: await grantedInYear(tx, parentId, input.year) },
        input.amountCents,
      )
      if (problems.length) throw new Refused(refuseAll(problems))
      const [known, twice] = await organisationsNamed(tx, input.organisationName)
      if (twice) throw new Refused(refuse('funding.sub.error.ambiguous', 'organisationName'))
      if (known && !known.nonProfit)
        throw new Refused(refuse('funding.sub.error.notNonProfit', 'organisationName'))
      const organisationId =
        known?.id ??
        (await createOrganisation(
          tx,
          actor,
          {
            kind: 'association',
            name: input.organisationName.trim(),
            nonProfit: true,
            city: input.city.trim() || null,
          },
          { via: 'funding.subGrant' },
        ))
      const [row] = await tx
        .insert(fundingSubGrants)
        .values({
          parentApplicationId: parentId,
          year: input.year,
          organisationId,
          title: input.title.trim(),
          amountCents: input.amountCents,
          createdBy: actor.id,
        })
        .returning({ id: fundingSubGrants.id })
      await writeAudit(tx, actor, {
        action: 'funding.subGrant.create',
        entityType: 'funding_application',
        entityId: parentId,
        summary: { subGrant: row!.id, year: input.year, organisationId, amountCents: input.amountCents },
      })
      return row!.id
    }),
  )
}

/** The sub-grant's simple proof of use (amount used, short report), entered once by the centre. */
export async function recordSubGrantProof(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  who: FundingWho,
  parentId: string,
  subGrantId: string,
  input: { readonly usedCents: number; readonly report: string },
): Promise<Outcome<void>> {
  const b = await applicationBundle(deps.db, parentId)
  if (!b || !mayOnChange(who, 'file', { organisationId: b.app.organisationId })) return notFound()
  const s = await subGrantById(deps.db, subGrantId)
  if (!s || s.parentApplicationId !== parentId) return notFound()
  if (s.usedCents !== null) return refuse('funding.sub.error.proofTwice')
  const problems = checkSubGrantProof(Number(s.amountCents), input.usedCents)
  if (problems.length) return refuseAll(problems)
  const done = await inTransaction(deps.db, async (tx) => {
    const rows = await tx
      .update(fundingSubGrants)
      .set({
        usedCents: input.usedCents,
        report: input.report.trim(),
        proofBy: actor.id,
        proofAt: new Date(),
      })
      .where(and(eq(fundingSubGrants.id, s.id), isNull(fundingSubGrants.usedCents)))
      .returning({ id: fundingSubGrants.id })
    if (!rows.length) return false
    await writeAudit(tx, actor, {
      action: 'funding.subGrant.proof',
      entityType: 'funding_application',
      entityId: parentId,
      summary: { subGrant: s.id, usedCents: input.usedCents },
    })
    return true
  })
  return done ? ok(undefined) : refuse('funding.sub.error.proofTwice')
}

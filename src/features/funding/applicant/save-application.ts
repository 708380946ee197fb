import { and, eq, notInArray, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { berlinDay } from '../../../platform/days'
import { type Db, inTransaction } from '../../../platform/db'
import type { FileStore } from '../../../platform/files'
import { MEDIA_TYPES } from '../../../platform/files'
import { type Outcome, ok, type Problem, refuse } from '../../../platform/outcome'
import { type ApplicationBundle, applicantFacts, applicationBundle, municipalitiesMatching } from '../queries'
import {
  type CostItem,
  checkCosts,
  checkDeadline,
  checkFinancing,
  checkPartners,
  checkPeriod,
  type FinancingYear,
  type QuantityItem,
  type RuleProblem,
  yearsOf,
} from '../rules'
import {
  fundingApplications,
  fundingAttachments,
  fundingCostItems,
  fundingFinancing,
  fundingPartnerPlaces,
  fundingQuantities,
} from '../tables'

/** Owner key of application attachments in the file store (download rule in feature.ts). */
export const FUNDING_FILE_OWNER = 'funding.attachment'

export const STEPS = ['project', 'costs', 'financing', 'declarations', 'attachments'] as const
export type Step = (typeof STEPS)[number]

/** Applicants may change an application while it is a draft or while more information is requested. */
export function editable(b: ApplicationBundle): boolean {
  return b.app.status === 'draft' || b.app.status === 'info_requested'
}

async function editableBundle(db: Db, id: string): Promise<Outcome<ApplicationBundle>> {
  const b = await applicationBundle(db, id)
  if (!b) return refuse('funding.error.notFound')
  if (!editable(b)) return refuse('funding.error.notEditable')
  return ok(b)
}

async function markDone(
  tx: Db,
  id: string,
  step: Step,
  extra: Partial<typeof fundingApplications.$inferInsert> = {},
) {
  await tx
    .update(fundingApplications)
    .set({
      ...extra,
      doneSteps: sql`array(select distinct unnest(${fundingApplications.doneSteps} || array[${step}]::text[]) order by 1)`,
      updatedAt: new Date(),
    })
    .where(eq(fundingApplications.id, id))
}

export interface ProjectInput {
  title: string
  aims: string
  targetGroups: string
  municipalities: string
  periodStart: string
  periodEnd: string
  /** A joint application of several municipalities, with the partners one per line (name or official key). */
  joint?: boolean | undefined
  partnerMunicipalities?: string | undefined
  /** The partner organisation (directory id) the line requires for some applicants. */
  partnerOrganisationId?: string | undefined
}

/** At most this many partner municipalities in one joint application. */
export const MAX_PARTNER_MUNICIPALITIES = 30

/**
 * Resolves the partner municipalities typed one per line: an 8-digit official key anywhere in the
 * line wins (the form shows "Name (key)"), otherwise the exact name.
 */
async function resolvePartnerMunicipalities(
  db: Db,
  text: string,
  ownPlaceKey: string | null,
): Promise<
  | { ok: true; places: { id: string; name: string; population: number | null }[] }
  | { ok: false; problems: RuleProblem[] }
> {
  const field = 'partnerMunicipalities'
  const entries = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => /\b(\d{8})\b/.exec(l)?.[1] ?? l.replace(/\s+/g, ' '))
  if (entries.length > MAX_PARTNER_MUNICIPALITIES)
    return {
      ok: false,
      problems: [{ field, key: 'funding.error.tooManyPartners', params: { n: MAX_PARTNER_MUNICIPALITIES } }],
    }
  const found = await municipalitiesMatching(db, entries, berlinDay())
  const out: { id: string; name: string; population: number | null }[] = []
  for (const entry of entries) {
    const matches = found.filter((p) =>
      /^\d{8}$/.test(entry) ? p.officialKey === entry : p.name.toLowerCase() === entry.toLowerCase(),
    )
    if (!matches.length)
      return { ok: false, problems: [{ field, key: 'funding.error.placeUnknown', params: { name: entry } }] }
    if (matches.length > 1)
      return {
        ok: false,
        problems: [{ field, key: 'funding.error.placeAmbiguous', params: { name: entry } }],
      }
    const place = matches[0]!
    if (place.officialKey === ownPlaceKey || out.some((p) => p.id === place.id))
      return {
        ok: false,
        problems: [{ field, key: 'funding.error.placeTwice', params: { name: place.name } }],
      }
    out.push(place)
  }
  return { ok: true, places: out }
}

export async function saveProject(
  db: Db,
  actor: Actor,
  id: string,
  input: ProjectInput,
): Promise<Outcome<void>> {
  const got = await editableBundle(db, id)
  if (!got.ok) return got
  const b = got.value
  const rules = b.line.rules
  const problems = [
    ...checkPeriod(rules, input.periodStart, input.periodEnd),
    ...checkDeadline(rules, input.periodStart, berlinDay()),
  ]
  const partners = await resolvePartnerMunicipalities(
    db,
    input.partnerMunicipalities ?? '',
    b.org.officialKey ?? null,
  )
  if (!partners.ok) problems.push(...partners.problems)
  let partnerOrganisation = null
  if (input.partnerOrganisationId) {
    partnerOrganisation =
      input.partnerOrganisationId === b.org.id ? null : await applicantFacts(db, input.partnerOrganisationId)
    if (!partnerOrganisation)
      problems.push({ field: 'partnerOrganisationId', key: 'funding.rule.partnerNotEligible' })
  }
  if (partners.ok && (!input.partnerOrganisationId || partnerOrganisation)) {
    problems.push(
      ...checkPartners(rules, b.org.facts, {
        joint: input.joint === true,
        municipalities: partners.places,
        organisation: partnerOrganisation?.facts ?? null,
      }),
    )
  }
  if (problems.length || !partners.ok) return { ok: false, problems }
  const years = yearsOf(input.periodStart, input.periodEnd)
  await inTransaction(db, async (tx) => {
    await markDone(tx, id, 'project', {
      title: input.title,
      aims: input.aims,
      targetGroups: input.targetGroups,
      municipalities: input.municipalities,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      jointApplication: input.joint === true,
      partnerOrganisationId: partnerOrganisation?.id ?? null,
    })
    await tx.delete(fundingPartnerPlaces).where(eq(fundingPartnerPlaces.applicationId, id))
    if (partners.places.length) {
      await tx
        .insert(fundingPartnerPlaces)
        .values(partners.places.map((p) => ({ applicationId: id, placeId: p.id })))
    }
    // Cost, quantity and financing rows of years outside the new period no longer apply.
    await tx
      .delete(fundingCostItems)
      .where(and(eq(fundingCostItems.applicationId, id), notInArray(fundingCostItems.year, years)))
    await tx
      .delete(fundingQuantities)
      .where(and(eq(fundingQuantities.applicationId, id), notInArray(fundingQuantities.year, years)))
    await tx
      .delete(fundingFinancing)
      .where(and(eq(fundingFinancing.applicationId, id), notInArray(fundingFinancing.year, years)))
    await writeAudit(tx, actor, {
      action: 'funding.application.project',
      entityType: 'funding_application',
      entityId: id,
      summary: {
        title: input.title,
        period: `${input.periodStart}–${input.periodEnd}`,
        ...(input.joint ? { partnerMunicipalities: partners.places.map((p) => p.name) } : {}),
        ...(partnerOrganisation ? { partnerOrganisation: partnerOrganisation.name } : {}),
      },
    })
  })
  return ok(undefined)
}

export function periodYears(b: ApplicationBundle): number[] {
  return b.app.periodStart && b.app.periodEnd ? yearsOf(b.app.periodStart, b.app.periodEnd) : []
}

/** Replaces the cost plan (all years and categories) with the quantities stated for it. */
export async function saveCosts(
  db: Db,
  actor: Actor,
  id: string,
  items: readonly CostItem[],
  quantities: readonly QuantityItem[] = [],
): Promise<Outcome<void>> {
  const got = await editableBundle(db, id)
  if (!got.ok) return got
  const years = periodYears(got.value)
  if (!years.length) return refuse('funding.error.projectFirst')
  const problems = checkCosts(got.value.line.rules, years, items, quantities)
  if (problems.length) return { ok: false, problems }
  await inTransaction(db, async (tx) => {
    await tx.delete(fundingCostItems).where(eq(fundingCostItems.applicationId, id))
    await tx.delete(fundingQuantities).where(eq(fundingQuantities.applicationId, id))
    const stated = quantities.filter((q) => q.value > 0)
    if (stated.length) {
      await tx
        .insert(fundingQuantities)
        .values(stated.map((q) => ({ applicationId: id, year: q.year, key: q.key, value: q.value })))
    }
    const rows = items.filter((i) => i.cents > 0)
    if (rows.length) {
      await tx
        .insert(fundingCostItems)
        .values(
          rows.map((i) => ({ applicationId: id, year: i.year, category: i.category, amountCents: i.cents })),
        )
    }
    await markDone(tx, id, 'costs')
    await writeAudit(tx, actor, {
      action: 'funding.application.costs',
      entityType: 'funding_application',
      entityId: id,
      summary: {
        total: rows.reduce((s, i) => s + i.cents, 0),
        ...(stated.length
          ? { quantities: Object.fromEntries(stated.map((q) => [`${q.year}_${q.key}`, q.value])) }
          : {}),
      },
    })
  })
  return ok(undefined)
}

/** Replaces the financing plan; it must balance the saved cost plan to the cent. */
export async function saveFinancing(
  db: Db,
  actor: Actor,
  id: string,
  plan: readonly FinancingYear[],
): Promise<Outcome<void>> {
  const got = await editableBundle(db, id)
  if (!got.ok) return got
  const years = periodYears(got.value)
  if (!years.length || !got.value.app.doneSteps.includes('costs')) return refuse('funding.error.costsFirst')
  if (plan.some((p) => !years.includes(p.year)) || years.some((y) => !plan.some((p) => p.year === y))) {
    return refuse('funding.error.years')
  }
  const problems = checkFinancing(got.value.line.rules, got.value.costs, plan)
  if (problems.length) return { ok: false, problems }
  await inTransaction(db, async (tx) => {
    await tx.delete(fundingFinancing).where(eq(fundingFinancing.applicationId, id))
    await tx.insert(fundingFinancing).values(plan.map((p) => ({ applicationId: id, ...p })))
    await markDone(tx, id, 'financing')
    await writeAudit(tx, actor, {
      action: 'funding.application.financing',
      entityType: 'funding_application',
      entityId: id,
      summary: { requested: plan.reduce((s, p) => s + p.requestedCents, 0) },
    })
  })
  return ok(undefined)
}

export async function saveDeclarations(
  db: Db,
  actor: Actor,
  id: string,
  input: { notStarted: boolean; truth: boolean },
): Promise<Outcome<void>> {
  const got = await editableBundle(db, id)
  if (!got.ok) return got
  const problems: Problem[] = [
    ...(input.notStarted ? [] : [{ field: 'notStarted', key: 'funding.error.notStarted' } as const]),
    ...(input.truth ? [] : [{ field: 'truth', key: 'funding.error.truth' } as const]),
  ]
  if (problems.length) return { ok: false, problems }
  await inTransaction(db, async (tx) => {
    await markDone(tx, id, 'declarations', { notStartedDeclared: true, truthDeclared: true })
    await writeAudit(tx, actor, {
      action: 'funding.application.declarations',
      entityType: 'funding_application',
      entityId: id,
    })
  })
  return ok(undefined)
}

/** Stores one required attachment (PDF or office document); a new upload replaces the old one. */
export async function saveAttachment(
  db: Db,
  files: FileStore,
  actor: Actor,
  id: string,
  input: { kind: string; fileName: string; bytes: Uint8Array; truncated: boolean },
): Promise<Outcome<void>> {
  const got = await editableBundle(db, id)
  if (!got.ok) return got
  const required = got.value.line.rules.requiredAttachments
  if (!required.some((a) => a.key === input.kind)) return refuse('form.choice', 'kind')
  if (input.truncated) return refuse('funding.error.fileTooLarge', 'file')
  const result = await inTransaction(db, async (tx) => {
    const stored = await files.store(
      tx,
      { bytes: input.bytes, originalName: input.fileName, createdBy: actor.id, owner: FUNDING_FILE_OWNER },
      MEDIA_TYPES.documents,
    )
    if (!stored.ok) return stored
    await tx
      .insert(fundingAttachments)
      .values({ applicationId: id, kind: input.kind, fileId: stored.id, fileName: input.fileName })
      .onConflictDoUpdate({
        target: [fundingAttachments.applicationId, fundingAttachments.kind],
        set: { fileId: stored.id, fileName: input.fileName, createdAt: new Date() },
      })
    const have = await tx
      .select({ kind: fundingAttachments.kind })
      .from(fundingAttachments)
      .where(eq(fundingAttachments.applicationId, id))
    if (required.every((r) => have.some((h) => h.kind === r.key))) await markDone(tx, id, 'attachments')
    await writeAudit(tx, actor, {
      action: 'funding.application.attachment',
      entityType: 'funding_application',
      entityId: id,
      summary: { kind: input.kind, file: input.fileName },
    })
    return stored
  })
  if (!result.ok) {
    return refuse(
      result.error === 'too_large'
        ? 'funding.error.fileTooLarge'
        : result.error === 'empty'
          ? 'form.required'
          : 'funding.error.fileType',
      'file',
    )
  }
  return ok(undefined)
}

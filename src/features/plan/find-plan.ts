import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import { isUuid } from '../../platform/ids'
import { organisations } from '../directory/public'
import { type FundingLineRef, fundingLinesByIds } from '../funding/public'
import { fieldProgress, goalProgress } from './rollup'
import {
  type PlanVersionState,
  planFields,
  planGoals,
  planIndicators,
  planIndicatorValues,
  planMeasurePartners,
  planMeasures,
  planVersions,
} from './tables'

export type PlanVersion = typeof planVersions.$inferSelect
export type PlanField = typeof planFields.$inferSelect
export type PlanGoal = typeof planGoals.$inferSelect
export type PlanMeasure = typeof planMeasures.$inferSelect
export type PlanIndicator = typeof planIndicators.$inferSelect
export type PlanIndicatorValue = typeof planIndicatorValues.$inferSelect

export interface GoalTree extends PlanGoal {
  readonly progress: number | null
  readonly measures: readonly PlanMeasure[]
}
export interface FieldTree extends PlanField {
  readonly progress: number | null
  readonly goals: readonly GoalTree[]
}
export interface PlanTree {
  readonly version: PlanVersion
  readonly fields: readonly FieldTree[]
}

export async function versionById(db: Db, id: string): Promise<PlanVersion | null> {
  if (!isUuid(id)) return null
  const [v] = await db.select().from(planVersions).where(eq(planVersions.id, id))
  return v ?? null
}

/** The one current adopted version, if any. */
export async function currentVersion(db: Db): Promise<PlanVersion | null> {
  const [v] = await db.select().from(planVersions).where(eq(planVersions.status, 'adopted'))
  return v ?? null
}

export async function draftVersion(db: Db): Promise<PlanVersion | null> {
  const [v] = await db.select().from(planVersions).where(eq(planVersions.status, 'draft'))
  return v ?? null
}

/** Every version, newest first (drafts only when `withDrafts`). */
export function listVersions(db: Db, withDrafts: boolean): Promise<PlanVersion[]> {
  return db
    .select()
    .from(planVersions)
    .where(withDrafts ? undefined : ne(planVersions.status, 'draft'))
    .orderBy(desc(planVersions.createdAt))
}

/** A version with its fields of action, goals and measures, progress rolled up. */
export async function planTree(db: Db, version: PlanVersion): Promise<PlanTree> {
  const fields = await db
    .select()
    .from(planFields)
    .where(eq(planFields.versionId, version.id))
    .orderBy(asc(planFields.position))
  const fieldIds = fields.map((f) => f.id)
  const goals = fieldIds.length
    ? await db
        .select()
        .from(planGoals)
        .where(inArray(planGoals.fieldId, fieldIds))
        .orderBy(asc(planGoals.position))
    : []
  const goalIds = goals.map((g) => g.id)
  const measures = goalIds.length
    ? await db
        .select()
        .from(planMeasures)
        .where(inArray(planMeasures.goalId, goalIds))
        .orderBy(asc(planMeasures.position))
    : []
  const goalTrees = goals.map((g) => {
    const ms = measures.filter((m) => m.goalId === g.id)
    return { ...g, measures: ms, progress: goalProgress(ms) }
  })
  return {
    version,
    fields: fields.map((f) => {
      const gs = goalTrees.filter((g) => g.fieldId === f.id)
      return { ...f, goals: gs, progress: fieldProgress(gs.map((g) => g.measures)) }
    }),
  }
}

export interface MeasureContext {
  readonly measure: PlanMeasure
  readonly goal: PlanGoal
  readonly field: PlanField
  readonly version: PlanVersion
}

/** A measure with the goal, field of action and version it belongs to. */
export async function measureById(db: Db, id: string): Promise<MeasureContext | null> {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({ measure: planMeasures, goal: planGoals, field: planFields, version: planVersions })
    .from(planMeasures)
    .innerJoin(planGoals, eq(planGoals.id, planMeasures.goalId))
    .innerJoin(planFields, eq(planFields.id, planGoals.fieldId))
    .innerJoin(planVersions, eq(planVersions.id, planFields.versionId))
    .where(eq(planMeasures.id, id))
  return row ?? null
}

export async function fieldById(
  db: Db,
  id: string,
): Promise<{ field: PlanField; version: PlanVersion } | null> {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({ field: planFields, version: planVersions })
    .from(planFields)
    .innerJoin(planVersions, eq(planVersions.id, planFields.versionId))
    .where(eq(planFields.id, id))
  return row ?? null
}

export async function goalById(
  db: Db,
  id: string,
): Promise<{ goal: PlanGoal; field: PlanField; version: PlanVersion } | null> {
  if (!isUuid(id)) return null
  const [row] = await db
    .select({ goal: planGoals, field: planFields, version: planVersions })
    .from(planGoals)
    .innerJoin(planFields, eq(planFields.id, planGoals.fieldId))
    .innerJoin(planVersions, eq(planVersions.id, planFields.versionId))
    .where(eq(planGoals.id, id))
  return row ?? null
}

export interface IndicatorWithValues extends PlanIndicator {
  readonly values: readonly PlanIndicatorValue[]
}

export interface MeasureDetails {
  readonly partners: readonly { id: string; name: string }[]
  readonly fundingLine: FundingLineRef | null
  readonly indicators: readonly IndicatorWithValues[]
  /** The measure (same code) in every adopted or superseded version, oldest first. */
  readonly history: readonly { version: PlanVersion; measure: PlanMeasure }[]
}

export async function measureDetails(db: Db, ctx: MeasureContext): Promise<MeasureDetails> {
  const m = ctx.measure
  const partners = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(planMeasurePartners)
    .innerJoin(organisations, eq(organisations.id, planMeasurePartners.organisationId))
    .where(eq(planMeasurePartners.measureId, m.id))
    .orderBy(asc(organisations.name))
  const lines = m.fundingLineId ? await fundingLinesByIds(db, [m.fundingLineId]) : new Map()
  const indicators = await db
    .select()
    .from(planIndicators)
    .where(eq(planIndicators.measureId, m.id))
    .orderBy(asc(planIndicators.position))
  const values = indicators.length
    ? await db
        .select()
        .from(planIndicatorValues)
        .where(
          inArray(
            planIndicatorValues.indicatorId,
            indicators.map((i) => i.id),
          ),
        )
        .orderBy(asc(planIndicatorValues.measuredOn))
    : []
  const history = await db
    .select({ version: planVersions, measure: planMeasures })
    .from(planMeasures)
    .innerJoin(planGoals, eq(planGoals.id, planMeasures.goalId))
    .innerJoin(planFields, eq(planFields.id, planGoals.fieldId))
    .innerJoin(planVersions, eq(planVersions.id, planFields.versionId))
    .where(and(eq(planMeasures.code, m.code), ne(planVersions.status, 'draft')))
    .orderBy(asc(planVersions.adoptedOn), asc(planVersions.createdAt))
  return {
    partners,
    fundingLine: (m.fundingLineId && lines.get(m.fundingLineId)) || null,
    indicators: indicators.map((i) => ({ ...i, values: values.filter((v) => v.indicatorId === i.id) })),
    history,
  }
}

/** Organisations of the directory to choose partners from. */
export function partnerOptions(db: Db) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .orderBy(asc(organisations.name))
}

export type { PlanVersionState }

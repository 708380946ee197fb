import { and, asc, eq, sql } from 'drizzle-orm'
import { writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { type Outcome, Refused, refusable, refuse } from '../../platform/outcome'
import type { PlanActor } from './manage-plan'
import { editsContent } from './policies'
import { planFields, planGoals, planIndicators, planMeasures, planVersions } from './tables'

/**
 * The structure of a draft: goals and measures added and removed, indicators with their targets,
 * and the weights of a goal's measures set together as shares that add up to 100. Each use case runs
 * in one transaction, asks the plan's policies (content changes only in a draft) and writes its audit
 * entry in the same transaction; a refusal writes nothing.
 */

async function draftOf(tx: Db, actor: PlanActor, versionId: string | undefined): Promise<void> {
  if (!versionId) throw new Refused(refuse('plan.error.notFound'))
  const [v] = await tx
    .select({ status: planVersions.status })
    .from(planVersions)
    .where(eq(planVersions.id, versionId))
    .for('update')
  if (!v) throw new Refused(refuse('plan.error.notFound'))
  if (!editsContent({ id: actor.id, can: (p) => actor.can(p) }, v.status))
    throw new Refused(refuse('plan.error.notDraft'))
}

async function fieldVersion(tx: Db, fieldId: string) {
  const [f] = await tx
    .select({ versionId: planFields.versionId, code: planFields.code })
    .from(planFields)
    .where(eq(planFields.id, fieldId))
  return f
}

async function goalVersion(tx: Db, goalId: string) {
  const [g] = await tx
    .select({ versionId: planFields.versionId, code: planGoals.code })
    .from(planGoals)
    .innerJoin(planFields, eq(planFields.id, planGoals.fieldId))
    .where(eq(planGoals.id, goalId))
  return g
}

async function measureVersion(tx: Db, measureId: string) {
  const [m] = await tx
    .select({ versionId: planFields.versionId, goalId: planMeasures.goalId })
    .from(planMeasures)
    .innerJoin(planGoals, eq(planGoals.id, planMeasures.goalId))
    .innerJoin(planFields, eq(planFields.id, planGoals.fieldId))
    .where(eq(planMeasures.id, measureId))
  return m
}

/** The next code below a parent ("3" → "3.2"): one more than the highest number used there. */
function nextCode(parent: string, codes: readonly string[]): string {
  const used = codes.map((c) => Number(c.slice(parent.length + 1))).filter(Number.isInteger)
  return `${parent}.${Math.max(0, ...used) + 1}`
}

/** Adds a goal at the end of a field of action of a draft. */
export function addGoal(
  db: Db,
  actor: PlanActor,
  fieldId: string,
  input: { title: string; description: string },
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const f = await fieldVersion(tx, fieldId)
      await draftOf(tx, actor, f?.versionId)
      const siblings = await tx
        .select({ code: planGoals.code, position: planGoals.position })
        .from(planGoals)
        .where(eq(planGoals.fieldId, fieldId))
      const [g] = await tx
        .insert(planGoals)
        .values({
          fieldId,
          code: nextCode(
            f!.code,
            siblings.map((s) => s.code),
          ),
          position: Math.max(0, ...siblings.map((s) => s.position)) + 1,
          title: input.title,
          description: input.description,
        })
        .returning({ id: planGoals.id, code: planGoals.code })
      await writeAudit(tx, actor, {
        action: 'plan.goal.add',
        entityType: 'plan_goal',
        entityId: g!.id,
        summary: { fieldId, code: g!.code, ...input },
      })
      return g!.id
    }),
  )
}

/** Removes a goal of a draft with its measures and indicators. */
export function removeGoal(db: Db, actor: PlanActor, goalId: string): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const g = await goalVersion(tx, goalId)
      await draftOf(tx, actor, g?.versionId)
      const [row] = await tx.select().from(planGoals).where(eq(planGoals.id, goalId))
      await tx.delete(planGoals).where(eq(planGoals.id, goalId))
      await writeAudit(tx, actor, {
        action: 'plan.goal.remove',
        entityType: 'plan_goal',
        entityId: goalId,
        summary: { code: row!.code, title: row!.title },
      })
      return row!.fieldId
    }),
  )
}

export interface NewMeasure {
  title: string
  responsibleUnit: string
  startsOn: string
  weight: number
}

/** Adds a planned measure at the end of a goal of a draft (progress 0; the rest on its own page). */
export function addMeasure(
  db: Db,
  actor: PlanActor,
  goalId: string,
  input: NewMeasure,
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const g = await goalVersion(tx, goalId)
      await draftOf(tx, actor, g?.versionId)
      if (!Number.isInteger(input.weight) || input.weight < 1 || input.weight > 100)
        throw new Refused(refuse('plan.error.weight', 'weight'))
      const siblings = await tx
        .select({ code: planMeasures.code, position: planMeasures.position })
        .from(planMeasures)
        .where(eq(planMeasures.goalId, goalId))
      const [m] = await tx
        .insert(planMeasures)
        .values({
          goalId,
          code: nextCode(
            g!.code,
            siblings.map((s) => s.code),
          ),
          position: Math.max(0, ...siblings.map((s) => s.position)) + 1,
          ...input,
          status: 'planned',
          progress: 0,
        })
        .returning({ id: planMeasures.id, code: planMeasures.code })
      await writeAudit(tx, actor, {
        action: 'plan.measure.add',
        entityType: 'plan_measure',
        entityId: m!.id,
        summary: { goalId, code: m!.code, ...input },
      })
      return m!.id
    }),
  )
}

/** Removes a measure of a draft with its indicators and their values. */
export function removeMeasure(db: Db, actor: PlanActor, measureId: string): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const m = await measureVersion(tx, measureId)
      await draftOf(tx, actor, m?.versionId)
      const [row] = await tx.select().from(planMeasures).where(eq(planMeasures.id, measureId))
      await tx.delete(planMeasures).where(eq(planMeasures.id, measureId))
      await writeAudit(tx, actor, {
        action: 'plan.measure.remove',
        entityType: 'plan_measure',
        entityId: measureId,
        summary: { code: row!.code, title: row!.title },
      })
      return row!.goalId
    }),
  )
}

export interface IndicatorInput {
  /** An indicator of the measure to change, or null for a new one. */
  indicatorId: string | null
  name: string
  unit: string
  target: number
  targetOn: string | null
}

/** Adds an indicator with its target to a measure of a draft, or changes an indicator's target. */
export function saveIndicator(
  db: Db,
  actor: PlanActor,
  measureId: string,
  input: IndicatorInput,
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const m = await measureVersion(tx, measureId)
      await draftOf(tx, actor, m?.versionId)
      if (!Number.isInteger(input.target) || input.target < 0)
        throw new Refused(refuse('plan.error.target', 'target'))
      const { indicatorId, ...columns } = input
      let id: string
      if (indicatorId) {
        const [found] = await tx
          .select({ id: planIndicators.id })
          .from(planIndicators)
          .where(and(eq(planIndicators.id, indicatorId), eq(planIndicators.measureId, measureId)))
        if (!found) throw new Refused(refuse('plan.error.indicatorNotOfMeasure', 'indicatorId'))
        await tx.update(planIndicators).set(columns).where(eq(planIndicators.id, indicatorId))
        id = indicatorId
      } else {
        const [{ n } = { n: 0 }] = await tx
          .select({ n: sql<number>`coalesce(max(${planIndicators.position}), 0)::int` })
          .from(planIndicators)
          .where(eq(planIndicators.measureId, measureId))
        const [row] = await tx
          .insert(planIndicators)
          .values({ ...columns, measureId, position: n + 1 })
          .returning({ id: planIndicators.id })
        id = row!.id
      }
      await writeAudit(tx, actor, {
        action: indicatorId ? 'plan.indicator.update' : 'plan.indicator.add',
        entityType: 'plan_indicator',
        entityId: id,
        summary: { measureId, ...columns },
      })
      return id
    }),
  )
}

/** The sum of a goal's shares, or null when they add up to 100 (the rule of the weights form). */
export function sharesProblem(shares: readonly number[]): number | null {
  const sum = shares.reduce((a, b) => a + b, 0)
  return sum === 100 ? null : sum
}

/**
 * Relative weights as shares of 100 for the weights form (largest remainder, each at least 1), so a
 * goal weighted 3 : 1 opens as 75 and 25.
 */
export function sharesFromWeights(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0)
  if (weights.length === 0 || total <= 0) return weights.map(() => 0)
  const exact = weights.map((w) => (w * 100) / total)
  const shares = exact.map((x) => Math.max(1, Math.floor(x)))
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
  let rest = 100 - shares.reduce((a, b) => a + b, 0)
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) shares[order[k]![1]]! += 1
  return shares
}

/**
 * Sets the weights of all measures of a goal at once, as shares in percent: every share a whole
 * number from 1 to 100, together exactly 100.
 */
export function setGoalWeights(
  db: Db,
  actor: PlanActor,
  goalId: string,
  shares: Readonly<Record<string, number>>,
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const g = await goalVersion(tx, goalId)
      await draftOf(tx, actor, g?.versionId)
      const measures = await tx
        .select({ id: planMeasures.id, weight: planMeasures.weight })
        .from(planMeasures)
        .where(eq(planMeasures.goalId, goalId))
        .orderBy(asc(planMeasures.position))
      if (measures.length === 0) throw new Refused(refuse('plan.error.noMeasures'))
      for (const m of measures) {
        const s = shares[m.id]
        if (s === undefined || !Number.isInteger(s) || s < 1 || s > 100)
          throw new Refused(refuse('plan.error.share', `share-${m.id}`))
      }
      const sum = sharesProblem(measures.map((m) => shares[m.id]!))
      if (sum !== null) throw new Refused(refuse('plan.error.sharesSum', `share-${measures[0]!.id}`, { sum }))
      for (const m of measures)
        await tx
          .update(planMeasures)
          .set({ weight: shares[m.id]!, updatedAt: new Date() })
          .where(eq(planMeasures.id, m.id))
      await writeAudit(tx, actor, {
        action: 'plan.goal.weights',
        entityType: 'plan_goal',
        entityId: goalId,
        summary: { before: Object.fromEntries(measures.map((m) => [m.id, m.weight])), after: { ...shares } },
      })
      return goalId
    }),
  )
}

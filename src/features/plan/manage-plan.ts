import { and, eq, inArray, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../platform/audit'
import type { Permission } from '../../platform/auth/permissions'
import { type Db, inTransaction } from '../../platform/db'
import { type Outcome, Refused, refusable, refuse } from '../../platform/outcome'
import type { Who } from '../../platform/policy'
import { organisations } from '../directory/public'
import { fundingLinesByIds } from '../funding/public'
import { adoptsVersion, editsContent, recordsProgress, startsDraft } from './policies'
import {
  type MeasureState,
  type PlanVersionState,
  planFields,
  planGoals,
  planIndicators,
  planIndicatorValues,
  planMeasurePartners,
  planMeasures,
  planVersions,
} from './tables'

/**
 * The use cases of the integration plan. Each runs in one transaction, asks the plan's policies
 * (policies.ts) about the version it touches and writes its audit entry in the same transaction.
 */

/** Who acts: the audit actor with the permission check the policies ask. */
export interface PlanActor extends Actor {
  can(permission: Permission): boolean
}

const whoOf = (actor: PlanActor): Who => ({ id: actor.id, can: (p) => actor.can(p) })

async function lockVersion(tx: Db, versionId: string): Promise<PlanVersionState> {
  const [v] = await tx
    .select({ status: planVersions.status })
    .from(planVersions)
    .where(eq(planVersions.id, versionId))
    .for('update')
  if (!v) throw new Refused(refuse('plan.error.notFound'))
  return v.status
}

async function versionOfMeasure(tx: Db, measureId: string): Promise<string> {
  const [row] = await tx
    .select({ versionId: planFields.versionId })
    .from(planMeasures)
    .innerJoin(planGoals, eq(planGoals.id, planMeasures.goalId))
    .innerJoin(planFields, eq(planFields.id, planGoals.fieldId))
    .where(eq(planMeasures.id, measureId))
  if (!row) throw new Refused(refuse('plan.error.notFound'))
  return row.versionId
}

function mustEdit(actor: PlanActor, status: PlanVersionState) {
  if (!editsContent(whoOf(actor), status)) throw new Refused(refuse('plan.error.notDraft'))
}

/**
 * Starts the next version as a draft: a full copy of the current adopted version (fields of action,
 * goals, measures with partners, indicators and their values), or an empty plan when none is adopted.
 */
export function startDraft(db: Db, actor: PlanActor, input: { title: string }): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      await tx.execute(sql`lock table plan_versions in share row exclusive mode`)
      const [existing] = await tx
        .select({ id: planVersions.id })
        .from(planVersions)
        .where(eq(planVersions.status, 'draft'))
      if (!startsDraft(whoOf(actor), !!existing)) throw new Refused(refuse('plan.error.draftExists'))
      const [current] = await tx.select().from(planVersions).where(eq(planVersions.status, 'adopted'))
      const [draft] = await tx
        .insert(planVersions)
        .values({ title: input.title, status: 'draft', basedOnId: current?.id ?? null })
        .returning({ id: planVersions.id })
      const draftId = draft!.id
      if (current) await copyVersion(tx, current.id, draftId)
      await writeAudit(tx, actor, {
        action: 'plan.draft.start',
        entityType: 'plan_version',
        entityId: draftId,
        summary: { title: input.title, basedOn: current?.id ?? null },
      })
      return draftId
    }),
  )
}

async function copyVersion(tx: Db, fromId: string, toId: string): Promise<void> {
  const fields = await tx.select().from(planFields).where(eq(planFields.versionId, fromId))
  for (const { id: fieldId, versionId: _v, ...field } of fields) {
    const [f] = await tx
      .insert(planFields)
      .values({ ...field, versionId: toId })
      .returning({ id: planFields.id })
    const goals = await tx.select().from(planGoals).where(eq(planGoals.fieldId, fieldId))
    for (const { id: goalId, fieldId: _f, ...goal } of goals) {
      const [g] = await tx
        .insert(planGoals)
        .values({ ...goal, fieldId: f!.id })
        .returning({ id: planGoals.id })
      const measures = await tx.select().from(planMeasures).where(eq(planMeasures.goalId, goalId))
      for (const { id: measureId, goalId: _g, updatedAt: _u, ...measure } of measures) {
        const [m] = await tx
          .insert(planMeasures)
          .values({ ...measure, goalId: g!.id })
          .returning({ id: planMeasures.id })
        const partners = await tx
          .select()
          .from(planMeasurePartners)
          .where(eq(planMeasurePartners.measureId, measureId))
        if (partners.length)
          await tx
            .insert(planMeasurePartners)
            .values(partners.map((p) => ({ measureId: m!.id, organisationId: p.organisationId })))
        const indicators = await tx
          .select()
          .from(planIndicators)
          .where(eq(planIndicators.measureId, measureId))
        for (const { id: indicatorId, measureId: _m, ...indicator } of indicators) {
          const [i] = await tx
            .insert(planIndicators)
            .values({ ...indicator, measureId: m!.id })
            .returning({ id: planIndicators.id })
          await tx.execute(sql`
            insert into plan_indicator_values (indicator_id, measured_on, value, source)
            select ${i!.id}, measured_on, value, source from plan_indicator_values where indicator_id = ${indicatorId}`)
        }
      }
    }
  }
}

/** Changes a field of action's or a goal's title and description (drafts only). */
export function updateHeading(
  db: Db,
  actor: PlanActor,
  kind: 'field' | 'goal',
  id: string,
  input: { title: string; description: string },
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      let versionId: string
      if (kind === 'field') {
        const [f] = await tx
          .select({ versionId: planFields.versionId })
          .from(planFields)
          .where(eq(planFields.id, id))
        if (!f) throw new Refused(refuse('plan.error.notFound'))
        versionId = f.versionId
      } else {
        const [g] = await tx
          .select({ versionId: planFields.versionId })
          .from(planGoals)
          .innerJoin(planFields, eq(planFields.id, planGoals.fieldId))
          .where(eq(planGoals.id, id))
        if (!g) throw new Refused(refuse('plan.error.notFound'))
        versionId = g.versionId
      }
      mustEdit(actor, await lockVersion(tx, versionId))
      const table = kind === 'field' ? planFields : planGoals
      await tx.update(table).set(input).where(eq(table.id, id))
      await writeAudit(tx, actor, {
        action: `plan.${kind}.update`,
        entityType: `plan_${kind}`,
        entityId: id,
        summary: { ...input },
      })
      return id
    }),
  )
}

export interface MeasureInput {
  title: string
  description: string
  responsibleUnit: string
  partnerIds: readonly string[]
  startsOn: string
  endsOn: string | null
  fundingLineId: string | null
  status: MeasureState
  weight: number
  progress: number
}

/** Changes a measure of a draft: its content, partners, period, funding line, status, weight, progress. */
export function updateMeasure(
  db: Db,
  actor: PlanActor,
  measureId: string,
  input: MeasureInput,
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      mustEdit(actor, await lockVersion(tx, await versionOfMeasure(tx, measureId)))
      if (input.endsOn !== null && input.endsOn < input.startsOn)
        throw new Refused(refuse('plan.error.endBeforeStart', 'endsOn'))
      if (!Number.isInteger(input.weight) || input.weight < 1 || input.weight > 100)
        throw new Refused(refuse('plan.error.weight', 'weight'))
      if (!Number.isInteger(input.progress) || input.progress < 0 || input.progress > 100)
        throw new Refused(refuse('plan.error.progress', 'progress'))
      if (input.status === 'done' && input.progress !== 100)
        throw new Refused(refuse('plan.error.doneNotComplete', 'progress'))
      const partnerIds = [...new Set(input.partnerIds)]
      if (partnerIds.length) {
        const found = await tx
          .select({ id: organisations.id })
          .from(organisations)
          .where(inArray(organisations.id, partnerIds))
        if (found.length !== partnerIds.length)
          throw new Refused(refuse('plan.error.unknownPartner', 'partnerIds'))
      }
      if (
        input.fundingLineId &&
        !(await fundingLinesByIds(tx, [input.fundingLineId])).has(input.fundingLineId)
      )
        throw new Refused(refuse('plan.error.unknownFundingLine', 'fundingLineId'))
      const [before] = await tx.select().from(planMeasures).where(eq(planMeasures.id, measureId))
      const { partnerIds: _p, ...columns } = input
      await tx
        .update(planMeasures)
        .set({ ...columns, updatedAt: new Date() })
        .where(eq(planMeasures.id, measureId))
      await tx.delete(planMeasurePartners).where(eq(planMeasurePartners.measureId, measureId))
      if (partnerIds.length)
        await tx
          .insert(planMeasurePartners)
          .values(partnerIds.map((organisationId) => ({ measureId, organisationId })))
      await writeAudit(tx, actor, {
        action: 'plan.measure.update',
        entityType: 'plan_measure',
        entityId: measureId,
        summary: {
          before: {
            title: before!.title,
            status: before!.status,
            weight: before!.weight,
            progress: before!.progress,
          },
          after: { ...columns, partnerIds },
        },
      })
      return measureId
    }),
  )
}

/** Records the state of implementation of a measure of the current adopted version. */
export function recordProgress(
  db: Db,
  actor: PlanActor,
  measureId: string,
  input: { status: MeasureState; progress: number },
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const status = await lockVersion(tx, await versionOfMeasure(tx, measureId))
      if (!recordsProgress(whoOf(actor), status)) throw new Refused(refuse('plan.error.notCurrent'))
      if (input.status === 'done' && input.progress !== 100)
        throw new Refused(refuse('plan.error.doneNotComplete', 'progress'))
      await tx
        .update(planMeasures)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(planMeasures.id, measureId))
      await writeAudit(tx, actor, {
        action: 'plan.measure.progress',
        entityType: 'plan_measure',
        entityId: measureId,
        summary: { ...input },
      })
      return measureId
    }),
  )
}

/** Records a measured value of one of the measure's indicators (current adopted version). */
export function recordIndicatorValue(
  db: Db,
  actor: PlanActor,
  measureId: string,
  input: { indicatorId: string; measuredOn: string; value: number; source: string },
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const status = await lockVersion(tx, await versionOfMeasure(tx, measureId))
      if (!recordsProgress(whoOf(actor), status)) throw new Refused(refuse('plan.error.notCurrent'))
      const [indicator] = await tx
        .select({ id: planIndicators.id })
        .from(planIndicators)
        .where(and(eq(planIndicators.id, input.indicatorId), eq(planIndicators.measureId, measureId)))
      if (!indicator) throw new Refused(refuse('plan.error.indicatorNotOfMeasure', 'indicatorId'))
      if (input.measuredOn > new Date().toISOString().slice(0, 10))
        throw new Refused(refuse('plan.error.measuredInFuture', 'measuredOn'))
      const [taken] = await tx
        .select({ id: planIndicatorValues.id })
        .from(planIndicatorValues)
        .where(
          and(
            eq(planIndicatorValues.indicatorId, input.indicatorId),
            eq(planIndicatorValues.measuredOn, input.measuredOn),
          ),
        )
      if (taken) throw new Refused(refuse('plan.error.valueDayTaken', 'measuredOn'))
      const [row] = await tx
        .insert(planIndicatorValues)
        .values(input)
        .returning({ id: planIndicatorValues.id })
      await writeAudit(tx, actor, {
        action: 'plan.indicator.value',
        entityType: 'plan_indicator',
        entityId: input.indicatorId,
        summary: { ...input, measureId },
      })
      return row!.id
    }),
  )
}

/**
 * Adopts a draft (the cabinet's decision on `adoptedOn`): it becomes the current version, the one
 * before it superseded. Values measured on the previous version since the draft was started are
 * carried over to the same indicator (measure code and position) of the new one.
 */
export function adoptVersion(
  db: Db,
  actor: PlanActor,
  versionId: string,
  input: { adoptedOn: string },
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      await tx.execute(sql`lock table plan_versions in share row exclusive mode`)
      const status = await lockVersion(tx, versionId)
      if (!adoptsVersion(whoOf(actor), status)) throw new Refused(refuse('plan.error.notDraft'))
      const [current] = await tx.select().from(planVersions).where(eq(planVersions.status, 'adopted'))
      if (current?.adoptedOn && input.adoptedOn < current.adoptedOn)
        throw new Refused(refuse('plan.error.adoptedBeforeCurrent', 'adoptedOn', { date: current.adoptedOn }))
      const [fields] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(planFields)
        .where(eq(planFields.versionId, versionId))
      if (!fields || fields.n === 0) throw new Refused(refuse('plan.error.emptyVersion'))
      if (current) {
        await tx.execute(sql`
          insert into plan_indicator_values (indicator_id, measured_on, value, source)
          select ni.id, v.measured_on, v.value, v.source
            from plan_indicator_values v
            join plan_indicators oi on oi.id = v.indicator_id
            join plan_measures om on om.id = oi.measure_id
            join plan_goals og on og.id = om.goal_id
            join plan_fields ofd on ofd.id = og.field_id and ofd.version_id = ${current.id}
            join plan_measures nm on nm.code = om.code
            join plan_goals ng on ng.id = nm.goal_id
            join plan_fields nf on nf.id = ng.field_id and nf.version_id = ${versionId}
            join plan_indicators ni on ni.measure_id = nm.id and ni.position = oi.position
          on conflict (indicator_id, measured_on) do nothing`)
        await tx
          .update(planVersions)
          .set({ status: 'superseded', updatedAt: new Date() })
          .where(eq(planVersions.id, current.id))
      }
      await tx
        .update(planVersions)
        .set({ status: 'adopted', adoptedOn: input.adoptedOn, updatedAt: new Date() })
        .where(eq(planVersions.id, versionId))
      await writeAudit(tx, actor, {
        action: 'plan.version.adopt',
        entityType: 'plan_version',
        entityId: versionId,
        summary: { adoptedOn: input.adoptedOn, supersedes: current?.id ?? null },
      })
      return versionId
    }),
  )
}

/** A whole plan as data (the demo plan, an import): fields → goals → measures → indicators. */
export interface PlanData {
  readonly title: string
  readonly adoptedOn: string
  readonly fields: readonly {
    code: string
    title: string
    description?: string
    goals: readonly {
      code: string
      title: string
      measures: readonly {
        code: string
        title: string
        description?: string
        responsibleUnit: string
        partnerIds?: readonly string[]
        startsOn: string
        endsOn?: string | null
        fundingLineId?: string | null
        status: MeasureState
        weight: number
        progress: number
        indicators?: readonly {
          name: string
          unit: string
          target: number
          targetOn?: string | null
          values: readonly { measuredOn: string; value: number; source: string }[]
        }[]
      }[]
    }[]
  }[]
}

/** Records an adopted plan (when none is adopted yet), e.g. the demo plan; one audit entry. */
export function importAdoptedPlan(db: Db, actor: Actor, data: PlanData): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const [current] = await tx
        .select({ id: planVersions.id })
        .from(planVersions)
        .where(eq(planVersions.status, 'adopted'))
      if (current) throw new Refused(refuse('plan.error.adoptedExists'))
      const [v] = await tx
        .insert(planVersions)
        .values({ title: data.title, status: 'adopted', adoptedOn: data.adoptedOn })
        .returning({ id: planVersions.id })
      let fieldPos = 0
      for (const field of data.fields) {
        const [f] = await tx
          .insert(planFields)
          .values({
            versionId: v!.id,
            code: field.code,
            position: ++fieldPos,
            title: field.title,
            description: field.description ?? '',
          })
          .returning({ id: planFields.id })
        let goalPos = 0
        for (const goal of field.goals) {
          const [g] = await tx
            .insert(planGoals)
            .values({ fieldId: f!.id, code: goal.code, position: ++goalPos, title: goal.title })
            .returning({ id: planGoals.id })
          let measurePos = 0
          for (const { indicators, partnerIds, ...m } of goal.measures) {
            const [row] = await tx
              .insert(planMeasures)
              .values({ ...m, description: m.description ?? '', goalId: g!.id, position: ++measurePos })
              .returning({ id: planMeasures.id })
            if (partnerIds?.length)
              await tx
                .insert(planMeasurePartners)
                .values(partnerIds.map((organisationId) => ({ measureId: row!.id, organisationId })))
            let indicatorPos = 0
            for (const { values, ...indicator } of indicators ?? []) {
              const [i] = await tx
                .insert(planIndicators)
                .values({ ...indicator, measureId: row!.id, position: ++indicatorPos })
                .returning({ id: planIndicators.id })
              if (values.length)
                await tx.insert(planIndicatorValues).values(values.map((x) => ({ ...x, indicatorId: i!.id })))
            }
          }
        }
      }
      await writeAudit(tx, actor, {
        action: 'plan.version.import',
        entityType: 'plan_version',
        entityId: v!.id,
        summary: { title: data.title, adoptedOn: data.adoptedOn, fields: data.fields.length },
      })
      return v!.id
    }),
  )
}

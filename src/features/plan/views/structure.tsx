import type { PageContext } from '../../../platform/http/context'
import { PageHeading } from '../../../platform/ui/components'
import { Button, Fieldset, Form, type FormState, fields, hasAnyError } from '../../../platform/ui/form'
import { Layout } from '../../../platform/ui/layout'
import type { IndicatorWithValues, PlanGoal, PlanMeasure, PlanVersion } from '../find-plan'

const DESK = '/verwaltung/integrationsplan'

function crumbs(ctx: PageContext, version: PlanVersion, label: string) {
  return [
    { href: DESK, label: ctx.t('plan.staff.title') },
    { href: `${DESK}/fassungen/${version.id}`, label: version.title },
    { label },
  ]
}

/** A new goal of a field of action (drafts). */
export function AddGoalPage({
  ctx,
  version,
  field,
  form,
}: {
  ctx: PageContext
  version: PlanVersion
  field: { id: string; code: string; title: string }
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const title = t('plan.staff.addGoalTitle', { field: `${field.code}. ${field.title}` })
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={hasAnyError(form)}
      breadcrumbs={crumbs(ctx, version, t('plan.staff.addGoal'))}
    >
      <PageHeading>{title}</PageHeading>
      <Form ctx={ctx} action={ctx.href(`${DESK}/handlungsfelder/${field.id}/ziele`)}>
        <f.Summary />
        <f.Text name="title" label={t('plan.staff.goalTitle')} />
        <f.Textarea name="description" optional label={t('plan.staff.description')} />
        <Button>{t('plan.staff.addGoal')}</Button>
      </Form>
    </Layout>
  )
}

/** A new measure of a goal (drafts): the essentials; the rest on the measure's own page. */
export function AddMeasurePage({
  ctx,
  version,
  goal,
  form,
}: {
  ctx: PageContext
  version: PlanVersion
  goal: PlanGoal
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const title = t('plan.staff.addMeasureTitle', { goal: `${goal.code} ${goal.title}` })
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={hasAnyError(form)}
      breadcrumbs={crumbs(ctx, version, t('plan.staff.addMeasure'))}
    >
      <PageHeading lead={t('plan.staff.addMeasureHint')}>{title}</PageHeading>
      <Form ctx={ctx} action={ctx.href(`${DESK}/ziele/${goal.id}/massnahmen`)}>
        <f.Summary />
        <f.Text name="title" label={t('plan.staff.measureTitle')} />
        <f.Text
          name="responsibleUnit"
          label={t('plan.staff.responsible')}
          hint={t('plan.staff.responsibleHint')}
        />
        <f.Date name="startsOn" label={t('plan.staff.startsOn')} />
        <f.Text
          name="weight"
          label={t('plan.staff.weight')}
          hint={t('plan.staff.weightHint')}
          width="number"
        />
        <Button>{t('plan.staff.addMeasure')}</Button>
      </Form>
    </Layout>
  )
}

/** The weights of a goal's measures, set together as shares adding up to 100 (drafts). */
export function WeightsPage({
  ctx,
  version,
  goal,
  measures,
  form,
}: {
  ctx: PageContext
  version: PlanVersion
  goal: PlanGoal
  measures: readonly PlanMeasure[]
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const title = t('plan.staff.weightsTitle', { goal: `${goal.code} ${goal.title}` })
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={hasAnyError(form)}
      breadcrumbs={crumbs(ctx, version, t('plan.staff.weights'))}
    >
      <PageHeading lead={t('plan.staff.weightsLead')}>{title}</PageHeading>
      <Form ctx={ctx} action={ctx.href(`${DESK}/ziele/${goal.id}/gewichte`)}>
        <f.Summary />
        {measures.map((m) => (
          <f.Text
            key={m.id}
            name={`share-${m.id}`}
            label={t('plan.staff.share', { measure: `${m.code} ${m.title}` })}
            width="number"
          />
        ))}
        <Button>{t('plan.staff.save')}</Button>
      </Form>
    </Layout>
  )
}

/** Removing a goal or a measure from a draft, after a confirmation tick. */
export function RemoveForm({
  ctx,
  action,
  legend,
  form,
}: {
  ctx: PageContext
  action: string
  legend: string
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  return (
    <Form ctx={ctx} action={ctx.href(action)}>
      <f.Summary />
      <Fieldset heading legend={legend}>
        <f.Checkbox name="confirm" label={t('plan.staff.removeConfirm')} />
      </Fieldset>
      <Button variant="secondary">{t('plan.staff.remove')}</Button>
    </Form>
  )
}

/** A new indicator with its target, or a changed target of an existing one (drafts). */
export function IndicatorForm({
  ctx,
  action,
  indicators,
  form,
}: {
  ctx: PageContext
  action: string
  indicators: readonly IndicatorWithValues[]
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  return (
    <Form ctx={ctx} action={ctx.href(action)}>
      <f.Summary />
      <Fieldset heading legend={t('plan.staff.indicatorLegend')}>
        {indicators.length ? (
          <f.Select
            name="indicatorId"
            optional
            label={t('plan.staff.indicatorChoice')}
            hint={t('plan.staff.indicatorChoiceHint')}
            options={indicators.map((i) => ({ value: i.id, label: `${i.name} (${i.unit})` }))}
          />
        ) : null}
        <f.Text name="indicatorName" label={t('plan.staff.indicatorName')} />
        <f.Text
          name="indicatorUnit"
          label={t('plan.staff.indicatorUnit')}
          hint={t('plan.staff.indicatorUnitHint')}
          width="medium"
        />
        <f.Text
          name="target"
          label={t('plan.staff.target')}
          hint={t('plan.staff.targetHint')}
          width="number"
        />
        <f.Date name="targetOn" optional label={t('plan.staff.targetOn')} />
      </Fieldset>
      <Button>{t('plan.staff.saveIndicator')}</Button>
    </Form>
  )
}

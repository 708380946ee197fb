import type { PageContext } from '../../../platform/http/context'
import { formatNumber, germanContent } from '../../../platform/i18n'
import { PageHeading, Table } from '../../../platform/ui/components'
import { Button, emptyForm, Fieldset, Form, type FormState, fields } from '../../../platform/ui/form'
import { Layout } from '../../../platform/ui/layout'
import type { FundingLineRef } from '../../funding/public'
import type { IndicatorWithValues, MeasureContext, PlanTree, PlanVersion } from '../find-plan'
import { MEASURE_STATES } from '../tables'
import { day, progressText, statusLabel } from './parts'
import { MeasureTable } from './public'
import { IndicatorForm, RemoveForm } from './structure'

const DESK = '/verwaltung/integrationsplan'
const hasErrors = (...forms: FormState[]) => forms.some((f) => Object.keys(f.errors).length > 0)

export function versionState(ctx: PageContext, v: PlanVersion): string {
  if (v.status === 'draft') return ctx.t('plan.staff.version.draft')
  return ctx.t(v.status === 'adopted' ? 'plan.version.adopted' : 'plan.version.superseded', {
    date: day(ctx, v.adoptedOn!),
  })
}

/** The plan's versions and a form starting the next draft. */
export function PlanDeskPage({
  ctx,
  versions,
  form = emptyForm,
}: {
  ctx: PageContext
  versions: readonly PlanVersion[]
  form?: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const draft = versions.some((v) => v.status === 'draft')
  return (
    <Layout ctx={ctx} title={t('plan.staff.title')} hasErrors={hasErrors(form)}>
      <PageHeading lead={t('plan.staff.lead')}>{t('plan.staff.title')}</PageHeading>
      {draft ? <f.Summary /> : null}
      <Table
        caption={t('plan.staff.versionsCaption')}
        rows={versions}
        rowKey={(v) => v.id}
        columns={[
          {
            header: t('plan.staff.col.title'),
            cell: (v) => (
              <a class="kern-link" href={ctx.href(`${DESK}/fassungen/${v.id}`)}>
                {v.title}
              </a>
            ),
          },
          { header: t('plan.staff.col.state'), cell: (v) => versionState(ctx, v) },
        ]}
      />
      {draft ? null : (
        <Form ctx={ctx} action={ctx.href(`${DESK}/entwurf`)}>
          <f.Summary />
          <Fieldset heading legend={t('plan.staff.newDraft')}>
            <f.Text name="title" label={t('plan.staff.draftTitle')} hint={t('plan.staff.newDraftHint')} />
          </Fieldset>
          <Button>{t('plan.staff.startDraft')}</Button>
        </Form>
      )}
      <p class="kern-body">
        <a class="kern-link" href={ctx.href('/integrationsplan')}>
          {t('plan.staff.publicPage')}
        </a>
      </p>
    </Layout>
  )
}

/** One version as the staff sees it: the tree with links to edit (a draft) or record progress. */
export function VersionPage({ ctx, tree }: { ctx: PageContext; tree: PlanTree }) {
  const { t } = ctx
  const v = tree.version
  const title = t('plan.staff.versionTitle', { title: v.title })
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[{ href: DESK, label: t('plan.staff.title') }, { label: v.title }]}
    >
      <PageHeading lead={versionState(ctx, v)}>{title}</PageHeading>
      {v.status === 'draft' ? (
        <p class="kern-body">
          <a class="kern-btn kern-btn--primary" href={ctx.href(`${DESK}/fassungen/${v.id}/beschliessen`)}>
            <span class="kern-label">{t('plan.staff.adopt')}</span>
          </a>
        </p>
      ) : (
        <p class="kern-body">{t('plan.staff.readOnly', { state: versionState(ctx, v) })}</p>
      )}
      {tree.fields.map((f) => (
        <section key={f.id} aria-labelledby={`field-${f.id}`}>
          <h2 class="kern-heading-medium" id={`field-${f.id}`}>
            {f.code}. {f.title}
          </h2>
          <p class="kern-body">
            {progressText(ctx, f.progress)}
            {v.status === 'draft' ? (
              <>
                {' · '}
                <a class="kern-link" href={ctx.href(`${DESK}/handlungsfelder/${f.id}`)}>
                  {t('plan.staff.editField')}
                </a>
                {' · '}
                <a class="kern-link" href={ctx.href(`${DESK}/handlungsfelder/${f.id}/ziele`)}>
                  {t('plan.staff.addGoal')}
                </a>
              </>
            ) : null}
          </p>
          {f.goals.map((g) => (
            <div key={g.id}>
              <h3 class="kern-heading-small">
                {g.code} {g.title}
              </h3>
              <p class="kern-body">
                {progressText(ctx, g.progress)}
                {v.status === 'draft' ? (
                  <>
                    {' · '}
                    <a class="kern-link" href={ctx.href(`${DESK}/ziele/${g.id}`)}>
                      {t('plan.staff.editGoal')}
                    </a>
                    {' · '}
                    <a class="kern-link" href={ctx.href(`${DESK}/ziele/${g.id}/massnahmen`)}>
                      {t('plan.staff.addMeasure')}
                    </a>
                    {g.measures.length ? (
                      <>
                        {' · '}
                        <a class="kern-link" href={ctx.href(`${DESK}/ziele/${g.id}/gewichte`)}>
                          {t('plan.staff.weights')}
                        </a>
                      </>
                    ) : null}
                  </>
                ) : null}
              </p>
              <MeasureTable
                ctx={ctx}
                goal={g.code}
                measures={g.measures}
                href={(m) => `${DESK}/massnahmen/${m.id}`}
              />
            </div>
          ))}
        </section>
      ))}
    </Layout>
  )
}

/** Title and description of a field of action or a goal of a draft. */
export function HeadingPage({
  ctx,
  kind,
  version,
  form,
  action,
  removeForm = emptyForm,
}: {
  ctx: PageContext
  kind: 'field' | 'goal'
  version: PlanVersion
  form: FormState
  action: string
  /** The goal's removal (drafts), with its refusal. */
  removeForm?: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const title = t(kind === 'field' ? 'plan.staff.editField' : 'plan.staff.editGoal')
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={hasErrors(form, removeForm)}
      breadcrumbs={[
        { href: DESK, label: t('plan.staff.title') },
        { href: `${DESK}/fassungen/${version.id}`, label: version.title },
        { label: title },
      ]}
    >
      <PageHeading>{title}</PageHeading>
      <Form ctx={ctx} action={ctx.href(action)}>
        <f.Summary />
        <f.Text name="title" label={t('plan.staff.headingTitle')} />
        <f.Textarea name="description" optional label={t('plan.staff.description')} />
        <Button>{t('plan.staff.save')}</Button>
      </Form>
      {kind === 'goal' && version.status === 'draft' ? (
        <RemoveForm
          ctx={ctx}
          action={`${action}/entfernen`}
          legend={t('plan.staff.removeGoalLegend')}
          form={removeForm}
        />
      ) : null}
    </Layout>
  )
}

export interface MeasureForms {
  readonly content: FormState
  readonly progress: FormState
  readonly value: FormState
  /** Drafts: an indicator with its target, and the measure's removal. */
  readonly indicator?: FormState
  readonly remove?: FormState
}

/**
 * A measure on the staff side: in a draft its whole content; in the current version its progress and
 * a new measured value of one of its indicators.
 */
export function MeasureEditPage({
  ctx,
  mc,
  indicators,
  partners,
  lines,
  forms,
}: {
  ctx: PageContext
  mc: MeasureContext
  indicators: readonly IndicatorWithValues[]
  partners: readonly { id: string; name: string }[]
  lines: readonly FundingLineRef[]
  forms: MeasureForms
}) {
  const { t } = ctx
  const m = mc.measure
  const v = mc.version
  const title = t('plan.staff.editMeasure', { title: `${m.code} ${m.title}` })
  const base = `${DESK}/massnahmen/${m.id}`
  const statusOptions = MEASURE_STATES.map((s) => ({ value: s, label: statusLabel(ctx, s) }))
  const c = fields(ctx, forms.content)
  const p = fields(ctx, forms.progress)
  const val = fields(ctx, forms.value)
  const de = germanContent(ctx.locale)
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={hasErrors(
        forms.content,
        forms.progress,
        forms.value,
        forms.indicator ?? emptyForm,
        forms.remove ?? emptyForm,
      )}
      breadcrumbs={[
        { href: DESK, label: t('plan.staff.title') },
        { href: `${DESK}/fassungen/${v.id}`, label: v.title },
        { label: m.code },
      ]}
    >
      <PageHeading lead={versionState(ctx, v)}>{title}</PageHeading>
      {v.status === 'draft' ? (
        <Form ctx={ctx} action={ctx.href(base)}>
          <c.Summary />
          <Fieldset heading legend={t('plan.staff.contentLegend')}>
            <c.Text name="title" label={t('plan.staff.measureTitle')} />
            <c.Textarea name="description" optional label={t('plan.staff.description')} />
            <c.Text
              name="responsibleUnit"
              label={t('plan.staff.responsible')}
              hint={t('plan.staff.responsibleHint')}
            />
            <c.Checkboxes
              name="partnerIds"
              optional
              label={t('plan.staff.partners')}
              hint={t('plan.staff.partnersHint')}
              options={partners.map((o) => ({ value: o.id, label: o.name }))}
            />
            <c.Date name="startsOn" label={t('plan.staff.startsOn')} />
            <c.Date name="endsOn" optional label={t('plan.staff.endsOn')} />
            <c.Select
              name="fundingLineId"
              optional
              label={t('plan.staff.fundingLine')}
              hint={t('plan.staff.fundingLineHint')}
              options={lines.map((l) => ({ value: l.id, label: `${l.key} – ${l.nameDe}` }))}
            />
            <c.Select name="status" label={t('plan.staff.status')} options={statusOptions} />
            <c.Text
              name="weight"
              label={t('plan.staff.weight')}
              hint={t('plan.staff.weightHint')}
              width="number"
            />
            <c.Text
              name="progress"
              label={t('plan.staff.progress')}
              hint={t('plan.staff.progressHint')}
              width="number"
            />
          </Fieldset>
          <Button>{t('plan.staff.save')}</Button>
        </Form>
      ) : (
        <>
          <c.Summary />
          <p class="kern-body">{t('plan.staff.readOnly', { state: versionState(ctx, v) })}</p>
        </>
      )}
      {v.status === 'draft' ? (
        <>
          <IndicatorForm
            ctx={ctx}
            action={`${base}/indikatoren`}
            indicators={indicators}
            form={forms.indicator ?? emptyForm}
          />
          <RemoveForm
            ctx={ctx}
            action={`${base}/entfernen`}
            legend={t('plan.staff.removeMeasureLegend')}
            form={forms.remove ?? emptyForm}
          />
        </>
      ) : null}
      {v.status === 'adopted' ? (
        <>
          <Form ctx={ctx} action={ctx.href(`${base}/stand`)}>
            <p.Summary />
            <Fieldset heading legend={t('plan.staff.progressLegend')}>
              <p.Select name="status" label={t('plan.staff.status')} options={statusOptions} />
              <p.Text
                name="progress"
                label={t('plan.staff.progress')}
                hint={t('plan.staff.progressHint')}
                width="number"
              />
            </Fieldset>
            <Button>{t('plan.staff.save')}</Button>
          </Form>
          {indicators.length ? (
            <Form ctx={ctx} action={ctx.href(`${base}/messwerte`)}>
              <val.Summary />
              <Fieldset heading legend={t('plan.staff.valueLegend')}>
                <val.Select
                  name="indicatorId"
                  label={t('plan.staff.indicator')}
                  options={indicators.map((i) => ({ value: i.id, label: `${i.name} (${i.unit})` }))}
                />
                <val.Date name="measuredOn" label={t('plan.staff.measuredOn')} />
                <val.Text
                  name="value"
                  label={t('plan.staff.value')}
                  hint={t('plan.staff.valueHint')}
                  width="number"
                />
                <val.Text name="source" label={t('plan.staff.source')} hint={t('plan.staff.sourceHint')} />
              </Fieldset>
              <Button>{t('plan.staff.addValue')}</Button>
            </Form>
          ) : null}
        </>
      ) : null}
      {indicators.map((i) => (
        <Table
          key={i.id}
          caption={t('plan.indicator.caption', { name: i.name })}
          rows={i.values}
          rowKey={(x) => x.id}
          columns={[
            { header: t('plan.indicator.date'), cell: (x) => day(ctx, x.measuredOn) },
            {
              header: t('plan.indicator.value'),
              cell: (x) => formatNumber(ctx.locale, x.value),
              numeric: true,
            },
            { header: t('plan.indicator.source'), cell: (x) => <span {...de}>{x.source}</span> },
          ]}
        />
      ))}
    </Layout>
  )
}

/** The confirmation step before a draft is adopted. */
export function AdoptPage({
  ctx,
  version,
  form,
}: {
  ctx: PageContext
  version: PlanVersion
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const title = t('plan.staff.adoptTitle', { title: version.title })
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={hasErrors(form)}
      breadcrumbs={[
        { href: DESK, label: t('plan.staff.title') },
        { href: `${DESK}/fassungen/${version.id}`, label: version.title },
        { label: t('plan.staff.adopt') },
      ]}
    >
      <PageHeading lead={t('plan.staff.adoptLead')}>{title}</PageHeading>
      <Form ctx={ctx} action={ctx.href(`${DESK}/fassungen/${version.id}/beschliessen`)}>
        <f.Summary />
        <f.Date name="adoptedOn" label={t('plan.staff.adoptedOn')} />
        <f.Checkbox name="confirm" label={t('plan.staff.confirm')} />
        <Button>{t('plan.staff.adoptNow')}</Button>
      </Form>
    </Layout>
  )
}

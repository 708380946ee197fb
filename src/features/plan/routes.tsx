import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, AppDeps } from '../../platform/feature'
import { parseForm } from '../../platform/http/forms'
import { requirePermission } from '../../platform/http/plugin'
import { NoQuery } from '../../platform/ids'
import { whoOf } from '../../platform/policy'
import { emptyForm, type FormState } from '../../platform/ui/form'
import { fundingLineRefs } from '../funding/public'
import {
  currentVersion,
  fieldById,
  goalById,
  listVersions,
  type MeasureContext,
  measureById,
  measureDetails,
  partnerOptions,
  planTree,
  versionById,
} from './find-plan'
import {
  adoptVersion,
  type MeasureInput,
  type PlanActor,
  recordIndicatorValue,
  recordProgress,
  startDraft,
  updateHeading,
  updateMeasure,
} from './manage-plan'
import { seesVersion } from './policies'
import { refusedForm } from './refusals'
import { planStructureRoutes } from './routes-structure'
import {
  AdoptForm,
  DraftForm,
  IndicatorForm as IndicatorSchema,
  IndicatorValueForm,
  MeasureForm,
  MeasureParams,
  ProgressForm,
  RemoveForm as RemoveSchema,
  TextForm,
  VersionParams,
} from './schema'
import { removeMeasure, saveIndicator } from './structure'
import { MeasurePage, PlanPage } from './views/public'
import {
  AdoptPage,
  HeadingPage,
  MeasureEditPage,
  type MeasureForms,
  PlanDeskPage,
  VersionPage,
} from './views/staff'

const DESK = '/verwaltung/integrationsplan'
const manage = { preHandler: requirePermission('plan.manage') }

function planActor(request: FastifyRequest): PlanActor {
  return { ...request.actor(), can: (p) => request.can(p) }
}

const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v])

function measureValues(mc: MeasureContext, partnerIds: readonly string[]): Record<string, unknown> {
  const m = mc.measure
  return {
    title: m.title,
    description: m.description,
    responsibleUnit: m.responsibleUnit,
    partnerIds,
    startsOn: m.startsOn,
    endsOn: m.endsOn ?? '',
    fundingLineId: m.fundingLineId ?? '',
    status: m.status,
    weight: String(m.weight),
    progress: String(m.progress),
  }
}

/** The public integration plan and the ministry's screens keeping it. */
export function planRoutes(app: App, deps: AppDeps): void {
  const db = deps.db

  // ── Public ───────────────────────────────────────────────────────────────

  app.get('/integrationsplan', { schema: { querystring: NoQuery } }, async (request, reply) => {
    const current = await currentVersion(db)
    const tree = current ? await planTree(db, current) : null
    return reply.page(
      <PlanPage ctx={request.pageContext()} tree={tree} versions={await listVersions(db, false)} />,
    )
  })

  app.get(
    '/integrationsplan/massnahmen/:id',
    { schema: { params: MeasureParams } },
    async (request, reply) => {
      const mc = await measureById(db, request.params.id)
      if (!mc || !seesVersion(whoOf(request), mc.version.status)) return reply.errorPage(404)
      return reply.page(
        <MeasurePage ctx={request.pageContext()} mc={mc} details={await measureDetails(db, mc)} />,
      )
    },
  )

  // ── Staff: versions ──────────────────────────────────────────────────────

  const deskPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState = emptyForm,
    status = 200,
  ) =>
    reply.page(
      <PlanDeskPage ctx={request.pageContext()} versions={await listVersions(db, true)} form={form} />,
      status,
    )

  app.get(DESK, manage, (request, reply) => deskPage(request, reply))

  app.post(`${DESK}/entwurf`, manage, async (request, reply) => {
    const parsed = parseForm(DraftForm, request.body, request.t)
    if (!parsed.ok) return deskPage(request, reply, parsed.state, 400)
    const r = await startDraft(db, planActor(request), parsed.value)
    if (!r.ok) return deskPage(request, reply, refusedForm(request.t, parsed.value, r), 400)
    return reply.seeOther(`${DESK}/fassungen/${r.value}`, 'plan.flash.draftStarted')
  })

  app.get(
    `${DESK}/fassungen/:id`,
    { schema: { params: VersionParams }, ...manage },
    async (request, reply) => {
      const v = await versionById(db, request.params.id)
      if (!v) return reply.errorPage(404)
      return reply.page(<VersionPage ctx={request.pageContext()} tree={await planTree(db, v)} />)
    },
  )

  const adoptPage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    form: FormState,
    status = 200,
  ) => {
    const v = await versionById(db, request.params.id)
    if (v?.status !== 'draft') return reply.errorPage(404)
    return reply.page(<AdoptPage ctx={request.pageContext()} version={v} form={form} />, status)
  }

  app.get(
    `${DESK}/fassungen/:id/beschliessen`,
    { schema: { params: VersionParams }, ...manage },
    (request, reply) =>
      adoptPage(request, reply, { values: { adoptedOn: new Date().toISOString().slice(0, 10) }, errors: {} }),
  )

  app.post(
    `${DESK}/fassungen/:id/beschliessen`,
    { schema: { params: VersionParams }, ...manage },
    async (request, reply) => {
      const parsed = parseForm(AdoptForm, request.body, request.t, {
        adoptedOn: 'plan.error.date',
        confirm: 'plan.error.confirm',
      })
      if (!parsed.ok) return adoptPage(request, reply, parsed.state, 400)
      const r = await adoptVersion(db, planActor(request), request.params.id, parsed.value)
      if (!r.ok) return adoptPage(request, reply, refusedForm(request.t, parsed.value, r), 400)
      return reply.seeOther('/integrationsplan', 'plan.flash.adopted')
    },
  )

  // ── Staff: fields of action and goals (drafts) ───────────────────────────

  for (const kind of ['field', 'goal'] as const) {
    const path = `${DESK}/${kind === 'field' ? 'handlungsfelder' : 'ziele'}/:id`
    const load = async (id: string) => {
      if (kind === 'field') {
        const r = await fieldById(db, id)
        return r && { version: r.version, title: r.field.title, description: r.field.description }
      }
      const r = await goalById(db, id)
      return r && { version: r.version, title: r.goal.title, description: r.goal.description }
    }
    const page = async (
      request: FastifyRequest<{ Params: { id: string } }>,
      reply: FastifyReply,
      form: FormState | null,
      status = 200,
    ) => {
      const found = await load(request.params.id)
      if (!found) return reply.errorPage(404)
      const state = form ?? { values: { title: found.title, description: found.description }, errors: {} }
      const action = path.replace(':id', request.params.id)
      return reply.page(
        <HeadingPage
          ctx={request.pageContext()}
          kind={kind}
          version={found.version}
          form={state}
          action={action}
        />,
        status,
      )
    }
    app.get(path, { schema: { params: VersionParams }, ...manage }, (request, reply) =>
      page(request, reply, null),
    )
    app.post(path, { schema: { params: VersionParams }, ...manage }, async (request, reply) => {
      const parsed = parseForm(TextForm, request.body, request.t)
      if (!parsed.ok) return page(request, reply, parsed.state, 400)
      const r = await updateHeading(db, planActor(request), kind, request.params.id, {
        title: parsed.value.title,
        description: parsed.value.description ?? '',
      })
      if (!r.ok) {
        if (r.problems.some((p) => p.key === 'plan.error.notFound')) return reply.errorPage(404)
        return page(request, reply, refusedForm(request.t, parsed.value, r), 400)
      }
      const found = await load(request.params.id)
      return reply.seeOther(`${DESK}/fassungen/${found!.version.id}`, 'plan.flash.saved')
    })
  }

  // ── Staff: measures ──────────────────────────────────────────────────────

  const measurePath = `${DESK}/massnahmen/:id`
  const measurePage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    forms: Partial<MeasureForms> = {},
    status = 200,
  ) => {
    const mc = await measureById(db, request.params.id)
    if (!mc) return reply.errorPage(404)
    const details = await measureDetails(db, mc)
    const content = forms.content ?? {
      values: measureValues(
        mc,
        details.partners.map((p) => p.id),
      ),
      errors: {},
    }
    const progress = forms.progress ?? {
      values: { status: mc.measure.status, progress: String(mc.measure.progress) },
      errors: {},
    }
    return reply.page(
      <MeasureEditPage
        ctx={request.pageContext()}
        mc={mc}
        indicators={details.indicators}
        partners={await partnerOptions(db)}
        lines={await fundingLineRefs(db)}
        forms={{
          content,
          progress,
          value: forms.value ?? emptyForm,
          indicator: forms.indicator ?? emptyForm,
          remove: forms.remove ?? emptyForm,
        }}
      />,
      status,
    )
  }

  app.get(measurePath, { schema: { params: MeasureParams }, ...manage }, (request, reply) =>
    measurePage(request, reply),
  )

  app.post(measurePath, { schema: { params: MeasureParams }, ...manage }, async (request, reply) => {
    const parsed = parseForm(MeasureForm, request.body, request.t, {
      weight: 'plan.error.weight',
      progress: 'plan.error.progress',
    })
    if (!parsed.ok) return measurePage(request, reply, { content: parsed.state }, 400)
    const v = parsed.value
    const input: MeasureInput = {
      title: v.title,
      description: v.description ?? '',
      responsibleUnit: v.responsibleUnit,
      partnerIds: asList(v.partnerIds),
      startsOn: v.startsOn,
      endsOn: v.endsOn ?? null,
      fundingLineId: v.fundingLineId ?? null,
      status: v.status,
      weight: v.weight,
      progress: v.progress,
    }
    const r = await updateMeasure(db, planActor(request), request.params.id, input)
    if (!r.ok) {
      if (r.problems.some((p) => p.key === 'plan.error.notFound')) return reply.errorPage(404)
      return measurePage(request, reply, { content: refusedForm(request.t, parsed.value, r) }, 400)
    }
    return reply.seeOther(measurePath.replace(':id', request.params.id), 'plan.flash.saved')
  })

  app.post(
    `${measurePath}/stand`,
    { schema: { params: MeasureParams }, ...manage },
    async (request, reply) => {
      const parsed = parseForm(ProgressForm, request.body, request.t, { progress: 'plan.error.progress' })
      if (!parsed.ok) return measurePage(request, reply, { progress: parsed.state }, 400)
      const r = await recordProgress(db, planActor(request), request.params.id, parsed.value)
      if (!r.ok) {
        if (r.problems.some((p) => p.key === 'plan.error.notFound')) return reply.errorPage(404)
        return measurePage(request, reply, { progress: refusedForm(request.t, parsed.value, r) }, 400)
      }
      return reply.seeOther(measurePath.replace(':id', request.params.id), 'plan.flash.saved')
    },
  )

  app.post(
    `${measurePath}/messwerte`,
    { schema: { params: MeasureParams }, ...manage },
    async (request, reply) => {
      const parsed = parseForm(IndicatorValueForm, request.body, request.t, {
        measuredOn: 'plan.error.date',
        value: 'plan.error.value',
      })
      if (!parsed.ok) return measurePage(request, reply, { value: parsed.state }, 400)
      const r = await recordIndicatorValue(db, planActor(request), request.params.id, parsed.value)
      if (!r.ok) {
        if (r.problems.some((p) => p.key === 'plan.error.notFound')) return reply.errorPage(404)
        return measurePage(request, reply, { value: refusedForm(request.t, parsed.value, r) }, 400)
      }
      return reply.seeOther(measurePath.replace(':id', request.params.id), 'plan.flash.valueSaved')
    },
  )

  app.post(
    `${measurePath}/indikatoren`,
    { schema: { params: MeasureParams }, ...manage },
    async (request, reply) => {
      const parsed = parseForm(IndicatorSchema, request.body, request.t, {
        indicatorName: 'plan.error.indicatorName',
        indicatorUnit: 'plan.error.indicatorUnit',
        target: 'plan.error.target',
        targetOn: 'plan.error.date',
      })
      if (!parsed.ok) return measurePage(request, reply, { indicator: parsed.state }, 400)
      const v = parsed.value
      const r = await saveIndicator(db, planActor(request), request.params.id, {
        indicatorId: v.indicatorId ?? null,
        name: v.indicatorName,
        unit: v.indicatorUnit,
        target: v.target,
        targetOn: v.targetOn ?? null,
      })
      if (!r.ok) {
        if (r.problems.some((p) => p.key === 'plan.error.notFound')) return reply.errorPage(404)
        return measurePage(request, reply, { indicator: refusedForm(request.t, parsed.value, r) }, 400)
      }
      return reply.seeOther(measurePath.replace(':id', request.params.id), 'plan.flash.indicator')
    },
  )

  app.post(
    `${measurePath}/entfernen`,
    { schema: { params: MeasureParams }, ...manage },
    async (request, reply) => {
      const parsed = parseForm(RemoveSchema, request.body, request.t, { confirm: 'plan.error.removeConfirm' })
      if (!parsed.ok) return measurePage(request, reply, { remove: parsed.state }, 400)
      const mc = await measureById(db, request.params.id)
      const r = await removeMeasure(db, planActor(request), request.params.id)
      if (!r.ok) {
        if (r.problems.some((p) => p.key === 'plan.error.notFound')) return reply.errorPage(404)
        return measurePage(request, reply, { remove: refusedForm(request.t, {}, r) }, 400)
      }
      return reply.seeOther(`${DESK}/fassungen/${mc!.version.id}`, 'plan.flash.removed')
    },
  )

  planStructureRoutes(app, deps)
}

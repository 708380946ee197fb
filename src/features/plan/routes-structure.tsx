import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, AppDeps } from '../../platform/feature'
import { FormQuery, parseForm } from '../../platform/http/forms'
import { requirePermission } from '../../platform/http/plugin'
import { emptyForm, type FormState } from '../../platform/ui/form'
import { fieldById, goalById, planTree } from './find-plan'
import type { PlanActor } from './manage-plan'
import { refusedForm } from './refusals'
import { NewMeasureForm, RemoveForm, TextForm, VersionParams } from './schema'
import { addGoal, addMeasure, removeGoal, setGoalWeights, sharesFromWeights } from './structure'
import { HeadingPage } from './views/staff'
import { AddGoalPage, AddMeasurePage, WeightsPage } from './views/structure'

const DESK = '/verwaltung/integrationsplan'
const manage = { preHandler: requirePermission('plan.manage') }
const withId = { schema: { params: VersionParams } }
type IdRequest = FastifyRequest<{ Params: { id: string } }>

function planActor(request: FastifyRequest): PlanActor {
  return { ...request.actor(), can: (p) => request.can(p) }
}

const notFound = (r: { ok: boolean; problems?: readonly { key: string }[] }) =>
  !r.ok && (r.problems ?? []).some((p) => p.key === 'plan.error.notFound')

/**
 * The structure of a draft: add a goal to a field of action, add a measure to a goal, set a goal's
 * weights as shares of 100, remove a goal or a measure. The forms on the measure page (indicators,
 * removal) post here too. Content changes only in a draft (policies.ts; the use cases refuse).
 */
export function planStructureRoutes(app: App, deps: AppDeps): void {
  const db = deps.db

  const goalForm = async (
    request: IdRequest,
    reply: FastifyReply,
    form: FormState = emptyForm,
    status = 200,
  ) => {
    const found = await fieldById(db, request.params.id)
    if (!found) return reply.errorPage(404)
    return reply.page(
      <AddGoalPage ctx={request.pageContext()} version={found.version} field={found.field} form={form} />,
      status,
    )
  }
  app.get(`${DESK}/handlungsfelder/:id/ziele`, { ...withId, ...manage }, (request, reply) =>
    goalForm(request, reply),
  )
  app.post(`${DESK}/handlungsfelder/:id/ziele`, { ...withId, ...manage }, async (request, reply) => {
    const parsed = parseForm(TextForm, request.body, request.t)
    if (!parsed.ok) return goalForm(request, reply, parsed.state, 400)
    const r = await addGoal(db, planActor(request), request.params.id, {
      title: parsed.value.title,
      description: parsed.value.description ?? '',
    })
    if (notFound(r)) return reply.errorPage(404)
    if (!r.ok) return goalForm(request, reply, refusedForm(request.t, parsed.value, r), 400)
    const found = await fieldById(db, request.params.id)
    return reply.seeOther(`${DESK}/fassungen/${found!.version.id}`, 'plan.flash.goalAdded')
  })

  const measureForm = async (
    request: IdRequest,
    reply: FastifyReply,
    form: FormState = emptyForm,
    status = 200,
  ) => {
    const found = await goalById(db, request.params.id)
    if (!found) return reply.errorPage(404)
    const state = form === emptyForm ? { values: { weight: '1' }, errors: {} } : form
    return reply.page(
      <AddMeasurePage ctx={request.pageContext()} version={found.version} goal={found.goal} form={state} />,
      status,
    )
  }
  app.get(`${DESK}/ziele/:id/massnahmen`, { ...withId, ...manage }, (request, reply) =>
    measureForm(request, reply),
  )
  app.post(`${DESK}/ziele/:id/massnahmen`, { ...withId, ...manage }, async (request, reply) => {
    const parsed = parseForm(NewMeasureForm, request.body, request.t, {
      weight: 'plan.error.weight',
      startsOn: 'plan.error.date',
    })
    if (!parsed.ok) return measureForm(request, reply, parsed.state, 400)
    const r = await addMeasure(db, planActor(request), request.params.id, parsed.value)
    if (notFound(r)) return reply.errorPage(404)
    if (!r.ok) return measureForm(request, reply, refusedForm(request.t, parsed.value, r), 400)
    return reply.seeOther(`${DESK}/massnahmen/${r.value}`, 'plan.flash.measureAdded')
  })

  const weightsForm = async (
    request: IdRequest,
    reply: FastifyReply,
    form: FormState | null = null,
    status = 200,
  ) => {
    const found = await goalById(db, request.params.id)
    if (!found) return reply.errorPage(404)
    const tree = await planTree(db, found.version)
    const measures = tree.fields.flatMap((f) => f.goals).find((g) => g.id === found.goal.id)?.measures ?? []
    const shares = sharesFromWeights(measures.map((m) => m.weight))
    const state = form ?? {
      values: Object.fromEntries(measures.map((m, i) => [`share-${m.id}`, String(shares[i])])),
      errors: {},
    }
    return reply.page(
      <WeightsPage
        ctx={request.pageContext()}
        version={found.version}
        goal={found.goal}
        measures={measures}
        form={state}
      />,
      status,
    )
  }
  app.get(`${DESK}/ziele/:id/gewichte`, { ...withId, ...manage }, (request, reply) =>
    weightsForm(request, reply),
  )
  app.post(`${DESK}/ziele/:id/gewichte`, { ...withId, ...manage }, async (request, reply) => {
    const parsed = parseForm(FormQuery, request.body, request.t)
    // A body the edge cleaned (control characters) is refused with what was typed, cleaned.
    if (!parsed.ok) return weightsForm(request, reply, parsed.state, 400)
    const values: Record<string, unknown> = parsed.value
    const shares: Record<string, number> = {}
    for (const [k, v] of Object.entries(values))
      if (k.startsWith('share-') && typeof v === 'string')
        shares[k.slice('share-'.length)] = /^\s*\d{1,3}\s*$/.test(v) ? Number(v) : Number.NaN
    const r = await setGoalWeights(db, planActor(request), request.params.id, shares)
    if (notFound(r)) return reply.errorPage(404)
    if (!r.ok) return weightsForm(request, reply, refusedForm(request.t, values, r), 400)
    const found = await goalById(db, request.params.id)
    return reply.seeOther(`${DESK}/fassungen/${found!.version.id}`, 'plan.flash.weights')
  })

  app.post(`${DESK}/ziele/:id/entfernen`, { ...withId, ...manage }, async (request, reply) => {
    const found = await goalById(db, request.params.id)
    if (!found) return reply.errorPage(404)
    const refusedPage = (remove: FormState) =>
      reply.page(
        <HeadingPage
          ctx={request.pageContext()}
          kind="goal"
          version={found.version}
          form={{ values: { title: found.goal.title, description: found.goal.description }, errors: {} }}
          action={`${DESK}/ziele/${found.goal.id}`}
          removeForm={remove}
        />,
        400,
      )
    const parsed = parseForm(RemoveForm, request.body, request.t, { confirm: 'plan.error.removeConfirm' })
    if (!parsed.ok) return refusedPage(parsed.state)
    const r = await removeGoal(db, planActor(request), request.params.id)
    if (!r.ok) return refusedPage(refusedForm(request.t, {}, r))
    return reply.seeOther(`${DESK}/fassungen/${found.version.id}`, 'plan.flash.removed')
  })
}

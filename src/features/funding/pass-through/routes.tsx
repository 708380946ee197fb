import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { App, AppDeps } from '../../../platform/feature'
import { parseForm } from '../../../platform/http/forms'
import { formFields, requirePermission } from '../../../platform/http/plugin'
import { IdParams, NoQuery, Uuid } from '../../../platform/ids'
import { isNotFound } from '../../../platform/outcome'
import { whoOf } from '../../../platform/policy'
import type { FormState } from '../../../platform/ui/form'
import { empty, parseMoneyFields, problems } from '../form-fields'
import { mayOnChange } from '../policies'
import { type ApplicationBundle, applicationBundle, fundingWhoOf } from '../queries'
import { isGranted } from '../review/amend-grant'
import { SUB_GRANT_MESSAGES, SUB_GRANT_PROOF_MESSAGES, SubGrantForm, SubGrantProofForm } from '../schema'
import {
  passesThrough,
  passThroughBudgets,
  subGrantById,
  subGrantRollUp,
  subGrantsOf,
} from './find-sub-grants'
import { createSubGrant, recordSubGrantProof } from './manage-sub-grants'
import { rollUp } from './sub-grant-budget'
import { SubGrantProofPage, SubGrantsPage, subGrantsPath, type YearBudget } from './views/recipient'

const SubParams = Type.Object({ id: Uuid(), subId: Uuid() })

/** Pass-through (Weiterleitung): the diversity centre passes micro-project money on and proves its use. */
export function subGrantRoutes(app: App, deps: AppDeps): void {
  const { db } = deps

  /** The centre's own granted pass-through grant, or null after answering 404. */
  async function ownParent(request: FastifyRequest, reply: FastifyReply, id: string) {
    const who = await fundingWhoOf(db, whoOf(request))
    const b = await applicationBundle(db, id)
    if (
      !b ||
      !mayOnChange(who, 'file', { organisationId: b.app.organisationId }) ||
      !isGranted(b) ||
      !passesThrough(b)
    ) {
      reply.errorPage(404)
      return null
    }
    return { b, who }
  }

  async function years(b: ApplicationBundle): Promise<YearBudget[]> {
    const budgets = passThroughBudgets(b)
    const rolled = new Map((await subGrantRollUp(db, b.app.id)).map((r) => [r.year, r]))
    const all = [...new Set([...budgets.keys(), ...rolled.keys()])].sort((x, y) => x - y)
    return all.map((year) => {
      const r = rolled.get(year) ?? { year, ...rollUp([]) }
      const budgetCents = budgets.get(year) ?? 0
      return { ...r, year, budgetCents, leftCents: Math.max(0, budgetCents - r.grantedCents) }
    })
  }

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    b: ApplicationBundle,
    form: FormState,
    status = 200,
  ) {
    const [y, list] = await Promise.all([years(b), subGrantsOf(db, b.app.id)])
    return reply.page(
      <SubGrantsPage ctx={request.pageContext()} b={b} years={y} subGrants={list} form={form} />,
      status,
    )
  }

  const own = {
    schema: { params: IdParams, querystring: NoQuery },
    preHandler: requirePermission('funding.apply'),
  }
  const ownSub = {
    schema: { params: SubParams, querystring: NoQuery },
    preHandler: requirePermission('funding.apply'),
  }

  app.get('/foerderung/antraege/:id/weiterleitung', own, async (request, reply) => {
    const got = await ownParent(request, reply, request.params.id)
    return got ? page(request, reply, got.b, empty) : reply
  })

  app.post('/foerderung/antraege/:id/weiterleitung', own, async (request, reply) => {
    const got = await ownParent(request, reply, request.params.id)
    if (!got) return reply
    const body = formFields(request.body)
    const parsed = parseForm(SubGrantForm, body, request.t, SUB_GRANT_MESSAGES)
    const money = parseMoneyFields(request, body, ['amount'], ['amount'])
    const errors = { ...(parsed.ok ? {} : parsed.state.errors), ...money.errors }
    if (!parsed.ok || Object.keys(errors).length) {
      return page(request, reply, got.b, { values: body, errors, unnamed: money.unnamed }, 400)
    }
    const result = await createSubGrant(deps, request.actor(), got.who, got.b.app.id, {
      year: parsed.value.year,
      organisationName: parsed.value.organisationName,
      city: parsed.value.city ?? '',
      title: parsed.value.title,
      amountCents: money.values.amount ?? 0,
    })
    if (!result.ok) {
      if (isNotFound(result)) return reply.errorPage(404)
      return page(request, reply, got.b, { values: body, errors: problems(request, result.problems) }, 400)
    }
    return reply.seeOther(subGrantsPath(got.b.app.id), 'funding.sub.created')
  })

  async function proofPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    subId: string,
    form: FormState = empty,
    status = 200,
  ) {
    const got = await ownParent(request, reply, id)
    if (!got) return reply
    const s = await subGrantById(db, subId)
    if (!s || s.parentApplicationId !== id) return reply.errorPage(404)
    return reply.page(
      <SubGrantProofPage
        ctx={request.pageContext()}
        b={got.b}
        sub={{ id: s.id, title: s.title, amountCents: Number(s.amountCents) }}
        form={form}
      />,
      status,
    )
  }

  app.get('/foerderung/antraege/:id/weiterleitung/:subId/nachweis', ownSub, (request, reply) =>
    proofPage(request, reply, request.params.id, request.params.subId),
  )

  app.post('/foerderung/antraege/:id/weiterleitung/:subId/nachweis', ownSub, async (request, reply) => {
    const { id, subId } = request.params
    const body = formFields(request.body)
    const parsed = parseForm(SubGrantProofForm, body, request.t, SUB_GRANT_PROOF_MESSAGES)
    const money = parseMoneyFields(request, body, ['used'], ['used'])
    const errors = { ...(parsed.ok ? {} : parsed.state.errors), ...money.errors }
    if (!parsed.ok || Object.keys(errors).length) {
      return proofPage(request, reply, id, subId, { values: body, errors, unnamed: money.unnamed }, 400)
    }
    const who = await fundingWhoOf(db, whoOf(request))
    const result = await recordSubGrantProof(deps, request.actor(), who, id, subId, {
      usedCents: money.values.used ?? 0,
      report: parsed.value.report,
    })
    if (!result.ok) {
      if (isNotFound(result)) return reply.errorPage(404)
      return proofPage(
        request,
        reply,
        id,
        subId,
        { values: body, errors: problems(request, result.problems) },
        400,
      )
    }
    return reply.seeOther(subGrantsPath(id), 'funding.sub.proofRecorded')
  })
}

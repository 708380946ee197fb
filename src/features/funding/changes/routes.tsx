import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { App, AppDeps } from '../../../platform/feature'
import { parseForm } from '../../../platform/http/forms'
import { requirePermission, type UploadBody } from '../../../platform/http/plugin'
import { IdParams, NoQuery, Uuid } from '../../../platform/ids'
import { isNotFound, type Refusal } from '../../../platform/outcome'
import { whoOf } from '../../../platform/policy'
import type { FormState } from '../../../platform/ui/form'
import { empty, parseMoneyFields, problems } from '../form-fields'
import { mayOnChange } from '../policies'
import { applicationBundle, fundingWhoOf } from '../queries'
import { isGranted } from '../review/amend-grant'
import type { RuleProblem } from '../rules'
import {
  CHANGE_DECISION_MESSAGES,
  CHANGE_MESSAGES,
  ChangeCostsForm,
  ChangeDecisionForm,
  ChangePeriodForm,
  ChangePurposeForm,
  NOTIFICATION_MESSAGES,
  NotificationForm,
} from '../schema'
import type { ChangeKind, CostPlan } from '../tables'
import { changeCostField } from './change-rules'
import {
  changeRequestById,
  changeRequestsOf,
  notificationsOf,
  openChangeRequests,
  openNotifications,
} from './find-changes'
import {
  type ChangeInput,
  changeProblems,
  decideChangeRequest,
  fileChangeRequest,
  handleNotification,
  recordNotification,
  type Upload,
} from './manage-changes'
import {
  CHANGE_SLUGS,
  ChangeFormPage,
  type ChangeSlug,
  ChangesPage,
  changesPath,
  NotificationPage,
} from './views/recipient'
import { ChangeRequestPage, ChangesDashboardPage, STAFF_CHANGES, staffChangePath } from './views/staff'

const KindParams = Type.Object({
  id: Uuid(),
  kind: Type.Enum(Object.keys(CHANGE_SLUGS) as ChangeSlug[]),
})

const uploadOf = (body: UploadBody): Upload | undefined => {
  const file = body.files.attachment
  return file && (file.bytes.length > 0 || file.truncated)
    ? { fileName: file.fileName.slice(0, 200), bytes: file.bytes, truncated: file.truncated }
    : undefined
}

/** Change requests and notifications: the recipient files them, an officer decides and deals with them. */
export function changeRoutes(app: App, deps: AppDeps): void {
  const { db } = deps

  /** The recipient's own approved grant, or null after answering 404. */
  async function ownGrant(request: FastifyRequest, reply: FastifyReply, id: string) {
    const who = await fundingWhoOf(db, whoOf(request))
    const b = await applicationBundle(db, id)
    if (!b || !mayOnChange(who, 'file', { organisationId: b.app.organisationId }) || !isGranted(b)) {
      reply.errorPage(404)
      return null
    }
    return { b, who }
  }

  const own = {
    schema: { params: IdParams, querystring: NoQuery },
    preHandler: requirePermission('funding.apply'),
  }
  const ownKind = {
    schema: { params: KindParams, querystring: NoQuery },
    preHandler: requirePermission('funding.apply'),
  }

  app.get(`/foerderung/antraege/:id/aenderungen`, own, async (request, reply) => {
    const got = await ownGrant(request, reply, request.params.id)
    if (!got) return reply
    const [requests, notifications] = await Promise.all([
      changeRequestsOf(db, got.b.app.id),
      notificationsOf(db, got.b.app.id),
    ])
    return reply.page(
      <ChangesPage ctx={request.pageContext()} b={got.b} requests={requests} notifications={notifications} />,
    )
  })

  const formValues = (kind: ChangeKind, b: NonNullable<Awaited<ReturnType<typeof applicationBundle>>>) => {
    if (kind === 'period') return { periodStart: b.app.periodStart ?? '', periodEnd: b.app.periodEnd ?? '' }
    if (kind === 'purpose') return { purpose: b.app.aims ?? '' }
    return Object.fromEntries(
      b.costs.map((c) => [changeCostField(c.year, c.category), (c.cents / 100).toFixed(2).replace('.', ',')]),
    )
  }

  app.get(`/foerderung/antraege/:id/aenderungen/:kind`, ownKind, async (request, reply) => {
    const got = await ownGrant(request, reply, request.params.id)
    if (!got) return reply
    const kind = CHANGE_SLUGS[request.params.kind]
    return reply.page(
      <ChangeFormPage
        ctx={request.pageContext()}
        b={got.b}
        kind={kind}
        form={{ values: formValues(kind, got.b), errors: {} }}
      />,
    )
  })

  app.post(
    `/foerderung/antraege/:id/aenderungen/:kind`,
    { ...ownKind, config: { upload: true } },
    async (request, reply) => {
      const got = await ownGrant(request, reply, request.params.id)
      if (!got) return reply
      const { b, who } = got
      const body = await request.readUpload(reply)
      if (!body) return reply
      const { fields } = body
      const kind = CHANGE_SLUGS[request.params.kind]
      const ctx = request.pageContext()
      const show = (form: FormState, status = 400) =>
        reply.page(<ChangeFormPage ctx={ctx} b={b} kind={kind} form={form} />, body.tooLarge ? 413 : status)
      const schema =
        kind === 'period' ? ChangePeriodForm : kind === 'purpose' ? ChangePurposeForm : ChangeCostsForm
      const parsed = parseForm(schema, fields, request.t, CHANGE_MESSAGES)
      let input: ChangeInput | null = null
      const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.state.errors }
      let unnamed: Record<string, string> = parsed.ok ? {} : { ...(parsed.state.unnamed ?? {}) }
      if (kind === 'costs') {
        const years = [...new Set(b.costs.map((c) => c.year))]
        const names = years.flatMap((y) => b.line.rules.costCategories.map((c) => changeCostField(y, c.key)))
        const money = parseMoneyFields(request, fields, names)
        Object.assign(errors, money.errors)
        unnamed = { ...unnamed, ...money.unnamed }
        const costs: CostPlan = {}
        for (const y of years)
          costs[String(y)] = Object.fromEntries(
            b.line.rules.costCategories.map((c) => [c.key, money.values[changeCostField(y, c.key)] ?? 0]),
          )
        input = { kind, costs }
      } else if (parsed.ok) {
        // The schema of the kind was checked above: its fields are there.
        const v = parsed.value as Record<string, string>
        input =
          kind === 'period'
            ? { kind, periodStart: v.periodStart ?? '', periodEnd: v.periodEnd ?? '' }
            : { kind: 'purpose', purpose: v.purpose ?? '' }
      }
      if (Object.keys(errors).length || !input || !parsed.ok) {
        // The change's own rules speak in the same answer for what could be read.
        if (input)
          for (const [f, m] of Object.entries(problems(request, changeProblems(b, input)))) errors[f] ??= m
        return show({ values: fields, errors, unnamed })
      }
      const attachment = uploadOf(body)
      const result = await fileChangeRequest(deps, request.actor(), who, b.app.id, {
        ...input,
        reason: parsed.value.reason,
        ...(attachment ? { attachment } : {}),
      })
      if (!result.ok) {
        if (isNotFound(result)) return reply.errorPage(404)
        return show({ values: fields, errors: problems(request, result.problems) })
      }
      return reply.seeOther(changesPath(b.app.id), 'funding.change.submitted')
    },
  )

  app.get(`/foerderung/antraege/:id/mitteilung`, own, async (request, reply) => {
    const got = await ownGrant(request, reply, request.params.id)
    if (!got) return reply
    return reply.page(<NotificationPage ctx={request.pageContext()} b={got.b} form={empty} />)
  })

  app.post(
    `/foerderung/antraege/:id/mitteilung`,
    { ...own, config: { upload: true } },
    async (request, reply) => {
      const got = await ownGrant(request, reply, request.params.id)
      if (!got) return reply
      const { b, who } = got
      const body = await request.readUpload(reply)
      if (!body) return reply
      const { fields } = body
      const ctx = request.pageContext()
      const show = (form: FormState) =>
        reply.page(<NotificationPage ctx={ctx} b={b} form={form} />, body.tooLarge ? 413 : 400)
      const parsed = parseForm(NotificationForm, fields, request.t, NOTIFICATION_MESSAGES)
      const money = parseMoneyFields(request, fields, ['amount'])
      const errors = { ...(parsed.ok ? {} : parsed.state.errors), ...money.errors }
      if (!parsed.ok || Object.keys(errors).length) {
        return show({
          values: fields,
          errors,
          unnamed: { ...(parsed.ok ? {} : parsed.state.unnamed), ...money.unnamed },
        })
      }
      const attachment = uploadOf(body)
      const result = await recordNotification(deps, request.actor(), who, b.app.id, {
        kind: parsed.value.kind,
        occurredOn: parsed.value.occurredOn,
        details: parsed.value.details,
        amountCents: money.values.amount || null,
        ...(attachment ? { attachment } : {}),
      })
      if (!result.ok) {
        if (isNotFound(result)) return reply.errorPage(404)
        return show({ values: fields, errors: problems(request, result.problems) })
      }
      return reply.seeOther(changesPath(b.app.id), 'funding.notify.recorded')
    },
  )

  // ---------- staff ----------
  app.get(
    STAFF_CHANGES,
    { schema: { querystring: NoQuery }, preHandler: requirePermission('funding.review') },
    async (request, reply) => {
      const [open, notifications] = await Promise.all([openChangeRequests(db), openNotifications(db)])
      return reply.page(
        <ChangesDashboardPage ctx={request.pageContext()} open={open} notifications={notifications} />,
      )
    },
  )

  async function requestPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: FormState = empty,
    status = 200,
  ) {
    const r = await changeRequestById(db, id)
    const b = r ? await applicationBundle(db, r.applicationId) : null
    if (!r || !b) return reply.errorPage(404)
    return reply.page(<ChangeRequestPage ctx={request.pageContext()} r={r} b={b} form={form} />, status)
  }

  app.get(
    `${STAFF_CHANGES}/:id`,
    { schema: { params: IdParams, querystring: NoQuery }, preHandler: requirePermission('funding.review') },
    (request, reply) => requestPage(request, reply, request.params.id),
  )

  app.post(
    `${STAFF_CHANGES}/:id/entscheidung`,
    { schema: { params: IdParams }, preHandler: requirePermission('funding.propose') },
    async (request, reply) => {
      const { id } = request.params
      const parsed = parseForm(ChangeDecisionForm, request.body, request.t, CHANGE_DECISION_MESSAGES)
      if (!parsed.ok) return requestPage(request, reply, id, parsed.state, 400)
      const who = await fundingWhoOf(db, whoOf(request))
      const result = await decideChangeRequest(deps, request.actor(), who, id, {
        decision: parsed.value.decision,
        note: parsed.value.note ?? '',
      })
      if (!result.ok) return refused(request, reply, id, result, parsed.value)
      return reply.seeOther(
        staffChangePath(id),
        parsed.value.decision === 'accept' ? 'funding.changeStaff.accepted' : 'funding.changeStaff.rejected',
      )
    },
  )

  const refused = (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    result: Refusal<RuleProblem>,
    values = {},
  ) =>
    isNotFound(result)
      ? reply.errorPage(404)
      : requestPage(request, reply, id, { values, errors: problems(request, result.problems) }, 400)

  app.post(
    '/foerderung/verwaltung/mitteilungen/:id/erledigt',
    { schema: { params: IdParams }, preHandler: requirePermission('funding.propose') },
    async (request, reply) => {
      const who = await fundingWhoOf(db, whoOf(request))
      const result = await handleNotification(deps, request.actor(), who, request.params.id, '')
      if (!result.ok && isNotFound(result)) return reply.errorPage(404)
      return reply.seeOther(
        STAFF_CHANGES,
        result.ok ? 'funding.changeStaff.handled' : 'funding.changeStaff.error.handled',
      )
    },
  )
}

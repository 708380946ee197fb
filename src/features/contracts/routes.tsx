import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Static, TSchema } from 'typebox'
import type { App, AppDeps } from '../../platform/feature'
import { type FieldMessages, parseForm, problemErrors } from '../../platform/http/forms'
import { requirePermission } from '../../platform/http/plugin'
import type { MessageKey } from '../../platform/i18n'
import { NoQuery } from '../../platform/ids'
import { isNotFound, type Outcome } from '../../platform/outcome'
import { whoOf } from '../../platform/policy'
import { emptyForm, type FormState } from '../../platform/ui/form'
import { contractsWhoOf } from './actor'
import {
  allContracts,
  type ContractRow,
  contractById,
  contractDetails,
  contractsOfOrganisation,
  partnerOptions,
  publicContracts,
} from './find-contracts'
import {
  addMilestone,
  addObligation,
  attachDocument,
  changeStatus,
  createContract,
  renewContract,
  submitReport,
  updateContract,
} from './manage-contracts'
import { isOwnPartner, seesContract } from './policies'
import { roundsOfContract } from './rounds/find-rounds'
import { contractRoundsRoutes } from './rounds/routes'
import {
  ContractForm,
  ContractParams,
  MilestoneForm,
  ObligationForm,
  RenewalForm,
  ReportForm,
  StatusForm,
} from './schema'
import { PARTNER, PartnerContractPage, PartnerListPage } from './views/partner'
import { ContractPage, ContractsPage } from './views/public'
import { type ContractForms, ContractStaffPage, ContractsDeskPage, DESK } from './views/staff'

type IdRequest = FastifyRequest<{ Params: { id: string } }>

const manage = { preHandler: requirePermission('contracts.manage') }
const report = { preHandler: requirePermission('contracts.report') }
const withId = { schema: { params: ContractParams } }

const refused = (
  t: FastifyRequest['t'],
  values: Record<string, unknown>,
  r: Outcome<unknown>,
  extra = {},
): FormState => ({
  values,
  errors: r.ok ? {} : problemErrors(t, r.problems, extra),
})

function contractValues(c: ContractRow): Record<string, unknown> {
  return {
    organisationId: c.organisationId,
    topic: c.topic,
    summary: c.summary,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
  }
}

/** The public register, the partners' report screens and the ministry's screens. */
export function contractsRoutes(app: App, deps: AppDeps): void {
  const db = deps.db
  const maxMb = Math.round(deps.config.uploadMaxBytes / (1024 * 1024))
  const who = (request: FastifyRequest) => contractsWhoOf(db, whoOf(request))

  // ── Public ───────────────────────────────────────────────────────────────

  app.get('/integrationsvertraege', { schema: { querystring: NoQuery } }, async (request, reply) =>
    reply.page(<ContractsPage ctx={request.pageContext()} contracts={await publicContracts(db)} />),
  )

  app.get('/integrationsvertraege/:id', withId, async (request, reply) => {
    const c = await contractById(db, request.params.id)
    if (!c || !seesContract(await who(request), c)) return reply.errorPage(404)
    return reply.page(
      <ContractPage ctx={request.pageContext()} contract={c} details={await contractDetails(db, c)} />,
    )
  })

  // ── Partners: reports on their own contracts ─────────────────────────────

  app.get(PARTNER, report, async (request, reply) => {
    const w = await who(request)
    const contracts = w.organisationId ? await contractsOfOrganisation(db, w.organisationId) : []
    const [organisation] = w.organisationId
      ? (await partnerOptions(db)).filter((o) => o.id === w.organisationId).map((o) => o.name)
      : []
    return reply.page(
      <PartnerListPage
        ctx={request.pageContext()}
        organisation={organisation ?? null}
        contracts={contracts}
      />,
    )
  })

  const partnerPage = async (
    request: IdRequest,
    reply: FastifyReply,
    form: FormState = emptyForm,
    status = 200,
  ) => {
    const c = await contractById(db, request.params.id)
    if (!c || !isOwnPartner(await who(request), c)) return reply.errorPage(404)
    return reply.page(
      <PartnerContractPage
        ctx={request.pageContext()}
        contract={c}
        details={await contractDetails(db, c)}
        form={form}
      />,
      status,
    )
  }

  app.get(`${PARTNER}/:id`, { ...withId, ...report }, (request, reply) => partnerPage(request, reply))

  app.post(`${PARTNER}/:id`, { ...withId, ...report }, async (request, reply) => {
    const parsed = parseForm(ReportForm, request.body, request.t, {
      text: 'contracts.partner.error.reportText',
    })
    if (!parsed.ok) return partnerPage(request, reply, parsed.state, 400)
    const r = await submitReport(db, request.actor(), await who(request), request.params.id, {
      milestoneId: parsed.value.milestoneId ?? null,
      text: parsed.value.text,
    })
    if (isNotFound(r)) return reply.errorPage(404)
    if (!r.ok) return partnerPage(request, reply, refused(request.t, parsed.value, r), 400)
    return reply.seeOther(`${PARTNER}/${request.params.id}`, 'contracts.partner.flash.report')
  })

  // ── Ministry ─────────────────────────────────────────────────────────────

  const deskPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState = emptyForm,
    status = 200,
  ) =>
    reply.page(
      <ContractsDeskPage
        ctx={request.pageContext()}
        contracts={await allContracts(db)}
        partners={await partnerOptions(db)}
        form={form}
      />,
      status,
    )

  const contractMessages = {
    organisationId: 'contracts.error.partner',
    topic: 'contracts.error.topic',
    startsOn: 'contracts.error.date',
    endsOn: 'contracts.error.date',
  } as const

  app.get(DESK, manage, (request, reply) => deskPage(request, reply))

  app.post(DESK, manage, async (request, reply) => {
    const parsed = parseForm(ContractForm, request.body, request.t, contractMessages)
    if (!parsed.ok) return deskPage(request, reply, parsed.state, 400)
    const v = parsed.value
    const r = await createContract(db, request.actor(), await who(request), {
      ...v,
      summary: v.summary ?? '',
    })
    if (!r.ok) return deskPage(request, reply, refused(request.t, v, r), 400)
    return reply.seeOther(`${DESK}/${r.value}`, 'contracts.flash.created')
  })

  const staffPage = async (
    request: IdRequest,
    reply: FastifyReply,
    forms: Partial<ContractForms> = {},
    status = 200,
  ) => {
    const c = await contractById(db, request.params.id)
    if (!c) return reply.errorPage(404)
    return reply.page(
      <ContractStaffPage
        ctx={request.pageContext()}
        contract={c}
        details={await contractDetails(db, c)}
        partners={await partnerOptions(db)}
        maxMb={maxMb}
        forms={{
          details: forms.details ?? { values: contractValues(c), errors: {} },
          status: forms.status ?? emptyForm,
          obligation: forms.obligation ?? emptyForm,
          milestone: forms.milestone ?? emptyForm,
          renewal: forms.renewal ?? emptyForm,
          document: forms.document ?? emptyForm,
          report: forms.report ?? emptyForm,
          round: forms.round ?? emptyForm,
        }}
        rounds={await roundsOfContract(db, c.id)}
      />,
      status,
    )
  }

  app.get(`${DESK}/:id`, { ...withId, ...manage }, (request, reply) => staffPage(request, reply))

  contractRoundsRoutes(app, deps, (request, reply, form, status) =>
    staffPage(request, reply, { round: form }, status),
  )

  /** One staff form: parse, run the use case, answer 404 / the form with its messages / 303. */
  function staffForm<S extends TSchema>(
    path: string,
    form: keyof ContractForms,
    schema: S,
    messages: FieldMessages,
    run: (request: IdRequest, value: Static<S>) => Promise<Outcome<unknown>>,
    flash: MessageKey,
  ) {
    app.post(`${DESK}/:id${path}`, { ...withId, ...manage }, async (request, reply) => {
      const parsed = parseForm(schema, request.body, request.t, messages)
      if (!parsed.ok) return staffPage(request, reply, { [form]: parsed.state }, 400)
      const r = await run(request, parsed.value)
      if (isNotFound(r)) return reply.errorPage(404)
      if (!r.ok)
        return staffPage(
          request,
          reply,
          { [form]: refused(request.t, parsed.value as Record<string, unknown>, r) },
          400,
        )
      return reply.seeOther(`${DESK}/${request.params.id}`, flash)
    })
  }

  staffForm(
    '',
    'details',
    ContractForm,
    contractMessages,
    async (request, v) =>
      updateContract(db, request.actor(), await who(request), request.params.id, {
        ...v,
        summary: v.summary ?? '',
      }),
    'contracts.flash.saved',
  )
  staffForm(
    '/status',
    'status',
    StatusForm,
    { to: 'contracts.error.transition', signedOn: 'contracts.error.date' },
    async (request, v) => changeStatus(db, request.actor(), await who(request), request.params.id, v),
    'contracts.flash.status',
  )
  staffForm(
    '/pflichten',
    'obligation',
    ObligationForm,
    { obligationText: 'contracts.error.obligationText' },
    async (request, v) =>
      addObligation(db, request.actor(), await who(request), request.params.id, {
        side: v.side,
        text: v.obligationText,
      }),
    'contracts.flash.obligation',
  )
  staffForm(
    '/meilensteine',
    'milestone',
    MilestoneForm,
    { milestoneTitle: 'contracts.error.milestoneTitle', dueOn: 'contracts.error.date' },
    async (request, v) =>
      addMilestone(db, request.actor(), await who(request), request.params.id, {
        title: v.milestoneTitle,
        dueOn: v.dueOn,
        evidence: v.evidence ?? '',
      }),
    'contracts.flash.milestone',
  )
  staffForm(
    '/verlaengerung',
    'renewal',
    RenewalForm,
    { renewedOn: 'contracts.error.date', newEndsOn: 'contracts.error.date' },
    async (request, v) =>
      renewContract(db, request.actor(), await who(request), request.params.id, {
        renewedOn: v.renewedOn,
        endsOn: v.newEndsOn,
        note: v.renewalNote ?? '',
      }),
    'contracts.flash.renewed',
  )
  staffForm(
    '/berichte',
    'report',
    ReportForm,
    { text: 'contracts.partner.error.reportText' },
    async (request, v) =>
      submitReport(db, request.actor(), await who(request), request.params.id, {
        milestoneId: v.milestoneId ?? null,
        text: v.text,
      }),
    'contracts.flash.report',
  )

  app.post(
    `${DESK}/:id/vertrag`,
    { ...withId, ...manage, config: { upload: true } },
    async (request, reply) => {
      const body = await request.readUpload(reply)
      if (!body) return reply
      const r = await attachDocument(
        db,
        deps.files,
        request.actor(),
        await who(request),
        request.params.id,
        body.files.file,
      )
      if (isNotFound(r)) return reply.errorPage(404)
      if (!r.ok)
        return staffPage(
          request,
          reply,
          { document: refused(request.t, {}, r, { mb: maxMb }) },
          body.tooLarge ? 413 : 400,
        )
      return reply.seeOther(`${DESK}/${request.params.id}`, 'contracts.flash.document')
    },
  )
}

import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { App, AppDeps } from '../../../platform/feature'
import { parseForm } from '../../../platform/http/forms'
import { formFields, requirePermission } from '../../../platform/http/plugin'
import { Uuid } from '../../../platform/ids'
import { whoOf } from '../../../platform/policy'
import type { FormState } from '../../../platform/ui/form'
import { empty, parseMoneyFields, parseQuantityFields, problems } from '../form-fields'
import { moneyInput } from '../money'
import { inviteApplicantUser } from '../public/register-applicant'
import {
  type ApplicationBundle,
  applicantFacts,
  applicantOrgOf,
  applicationBundle,
  applicationsOfOrg,
  fundingWhoOf,
  grantNoticeFor,
  listLines,
  membersOf,
  partnerOrganisationOptions,
} from '../queries'
import {
  checkCosts,
  checkEligibility,
  checkFinancing,
  costField,
  financingField,
  formatQuantity,
  lineQuantities,
  quantityField,
} from '../rules'
import { AttachmentForm, DeclarationsForm, InviteForm, NewApplicationForm, ProjectForm } from '../schema'
import { checkAnswersRoutes } from './check-routes'
import { createApplication } from './create-application'
import { OWN_APPLICATION, ownApplication } from './own-application'
import {
  editable,
  periodYears,
  saveAttachment,
  saveCosts,
  saveDeclarations,
  saveFinancing,
  saveProject,
} from './save-application'
import {
  AttachmentsStep,
  CostsStep,
  DeclarationsStep,
  FinancingStep,
  MyApplicationsPage,
  ProjectStep,
  STEP_PATHS,
  TaskListPage,
} from './views/pages'

/** `/foerderung/antraege/:id/bescheid/:version`: a notice's version is a number of at most four digits. */
const NoticeParams = Type.Object({ id: Uuid(), version: Type.String({ pattern: '^[0-9]{1,4}$' }) })

export function applicantRoutes(app: App, deps: AppDeps): void {
  checkAnswersRoutes(app, deps)
  const { db } = deps
  const apply = { preHandler: requirePermission('funding.apply') }
  const own = OWN_APPLICATION

  async function myPage(
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    status = 200,
    inviteForm?: FormState,
  ) {
    const org = await applicantOrgOf(db, request.user!.id)
    if (!org) return reply.errorPage(403)
    const [rows, lines, members, facts] = await Promise.all([
      applicationsOfOrg(db, org.organisationId),
      listLines(db),
      membersOf(db, org.organisationId),
      applicantFacts(db, org.organisationId),
    ])
    // Only the lines this organisation may apply for are offered; the others are listed with the reason.
    const open = lines.filter((l) => l.open)
    const refusals = new Map(
      open.map((l) => [l.id, facts ? checkEligibility(l.rules, facts.facts) : []] as const),
    )
    return reply.page(
      <MyApplicationsPage
        ctx={request.pageContext()}
        rows={rows}
        lines={open.filter((l) => !refusals.get(l.id)?.length)}
        closedLines={open.flatMap((l) => {
          const why = refusals.get(l.id) ?? []
          return why.length ? [{ line: l, reasons: Object.values(problems(request, why)) }] : []
        })}
        confirmed={!!org.emailConfirmedAt}
        form={form}
        inviteForm={inviteForm}
        members={members}
      />,
      status,
    )
  }

  app.post('/foerderung/antraege/mitglieder', apply, async (request, reply) => {
    const parsed = parseForm(InviteForm, request.body, request.t)
    if (!parsed.ok) return myPage(request, reply, empty, 400, parsed.state)
    const result = await inviteApplicantUser(
      deps,
      { ...request.actor(), id: request.user!.id },
      { ...parsed.value, locale: request.locale },
    )
    if (!result.ok) {
      return myPage(request, reply, empty, 400, {
        values: parsed.value,
        errors: problems(request, result.problems),
      })
    }
    return reply.seeOther('/foerderung/antraege', 'funding.members.invited')
  })

  app.get('/foerderung/antraege', apply, (request, reply) => myPage(request, reply, empty))

  app.post('/foerderung/antraege', apply, async (request, reply) => {
    const org = await applicantOrgOf(db, request.user!.id)
    if (!org?.emailConfirmedAt) return reply.errorPage(403)
    const parsed = parseForm(NewApplicationForm, request.body, request.t, {
      lineId: 'funding.error.lineUnknown',
    })
    if (!parsed.ok) return myPage(request, reply, parsed.state, 400)
    const result = await createApplication(db, request.actor(), {
      organisationId: org.organisationId,
      lineId: parsed.value.lineId,
    })
    if (!result.ok)
      return myPage(request, reply, { values: parsed.value, errors: problems(request, result.problems) }, 400)
    return reply.seeOther(`/foerderung/antraege/${result.value}`)
  })

  app.get('/foerderung/antraege/:id', own, async (request, reply) => {
    const b = await ownApplication(db, request, reply, request.params.id)
    if (!b) return reply
    return reply.page(<TaskListPage ctx={request.pageContext()} b={b} form={empty} />)
  })

  app.get(
    '/foerderung/antraege/:id/bescheid/:version',
    { schema: { params: NoticeParams } },
    async (request, reply) => {
      if (!request.user) return reply.errorPage(404)
      const { id, version } = request.params
      // Whose application it is is checked before anything of it is loaded (grantNoticeFor).
      const who = await fundingWhoOf(db, whoOf(request))
      const notice = await grantNoticeFor(db, who, id, Number(version))
      if (!notice) return reply.errorPage(404)
      const name = `${notice.kind === 'amending' ? 'Aenderungsbescheid' : 'Zuwendungsbescheid'}-${notice.fileNumber}-v${version}.pdf`
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .send(notice.pdf)
    },
  )

  // The steps of the task list: GET shows the form with saved values, POST saves (all or nothing).
  const stepGet = (
    path: string,
    render: (request: FastifyRequest, b: ApplicationBundle) => FormState,
    View: typeof ProjectStep,
  ) => {
    app.get(`/foerderung/antraege/:id/${path}`, own, async (request, reply) => {
      const b = await ownApplication(db, request, reply, request.params.id)
      if (!b) return reply
      if (!editable(b)) return reply.seeOther(`/foerderung/antraege/${b.app.id}/pruefen`)
      return reply.page(<View ctx={request.pageContext()} b={b} form={render(request, b)} />)
    })
  }

  /** The project step, with the partner organisations the line's rules let this applicant name. */
  async function projectPage(
    request: FastifyRequest,
    reply: FastifyReply,
    b: ApplicationBundle,
    form: FormState,
    status = 200,
  ) {
    const options = await partnerOrganisationOptions(db, b.line.rules, b.org.id)
    return reply.page(
      <ProjectStep ctx={request.pageContext()} b={b} form={form} partnerOptions={options} />,
      status,
    )
  }
  app.get(`/foerderung/antraege/:id/${STEP_PATHS.project}`, own, async (request, reply) => {
    const b = await ownApplication(db, request, reply, request.params.id)
    if (!b) return reply
    if (!editable(b)) return reply.seeOther(`/foerderung/antraege/${b.app.id}/pruefen`)
    const values = {
      ...b.app,
      joint: b.app.jointApplication ? 'on' : undefined,
      partnerMunicipalities: b.partners.municipalities.map((m) => `${m.name} (${m.officialKey})`).join('\n'),
      partnerOrganisationId: b.app.partnerOrganisationId ?? undefined,
    }
    return projectPage(request, reply, b, { values, errors: {} })
  })
  app.post(`/foerderung/antraege/:id/${STEP_PATHS.project}`, own, async (request, reply) => {
    const b = await ownApplication(db, request, reply, request.params.id)
    if (!b) return reply
    const parsed = parseForm(ProjectForm, request.body, request.t, {
      partnerOrganisationId: 'funding.rule.partnerNotEligible',
    })
    if (!parsed.ok) return projectPage(request, reply, b, parsed.state, 400)
    const v = parsed.value
    const result = await saveProject(db, request.actor(), b.app.id, { ...v, joint: v.joint === 'on' })
    if (!result.ok) {
      return projectPage(request, reply, b, { values: v, errors: problems(request, result.problems) }, 400)
    }
    return reply.seeOther(`/foerderung/antraege/${b.app.id}/${STEP_PATHS.costs}`, 'funding.app.saved')
  })

  stepGet(
    STEP_PATHS.costs,
    (request, b) => {
      const units = new Map(lineQuantities(b.line.rules).map((x) => [x.quantity.key, x.quantity.unit]))
      return {
        values: Object.fromEntries([
          ...b.costs.map((c) => [costField(c.year, c.category), moneyInput(c.cents, request.locale)]),
          ...b.quantities.map((q) => [
            quantityField(q.year, q.key),
            formatQuantity(q.value, units.get(q.key) ?? 'count', request.locale, false),
          ]),
        ]),
        errors: {},
      }
    },
    CostsStep,
  )
  app.post(`/foerderung/antraege/:id/${STEP_PATHS.costs}`, own, async (request, reply) => {
    const b = await ownApplication(db, request, reply, request.params.id)
    if (!b) return reply
    const ctx = request.pageContext()
    const fields = formFields(request.body)
    const years = periodYears(b)
    const names = years.flatMap((y) => b.line.rules.costCategories.map((c) => costField(y, c.key)))
    const quantityDefs = lineQuantities(b.line.rules).map((x) => x.quantity)
    const quantityNames = years.flatMap((y) => quantityDefs.map((q) => quantityField(y, q.key)))
    const parsed = parseMoneyFields(request, fields, names)
    const quantities = parseQuantityFields(request, fields, years, quantityDefs)
    const values = Object.fromEntries([...names, ...quantityNames].map((n) => [n, fields[n]]))
    const errors = { ...quantities.errors, ...parsed.errors }
    const items = years.flatMap((year) =>
      b.line.rules.costCategories.map((c) => ({
        year,
        category: c.key,
        cents: parsed.values[costField(year, c.key)] ?? 0,
      })),
    )
    if (Object.keys(errors).length) {
      // The line's limits speak in the same answer as the amounts that could not be read: every
      // amount that was read is checked too (a field keeps its first message).
      const limits = problems(request, checkCosts(b.line.rules, years, items, quantities.items))
      for (const [field, message] of Object.entries(limits)) if (field !== '_form') errors[field] ??= message
      return reply.page(<CostsStep ctx={ctx} b={b} form={{ values, errors, unnamed: parsed.unnamed }} />, 400)
    }
    const result = await saveCosts(db, request.actor(), b.app.id, items, quantities.items)
    if (!result.ok)
      return reply.page(
        <CostsStep ctx={ctx} b={b} form={{ values, errors: problems(request, result.problems) }} />,
        400,
      )
    return reply.seeOther(`/foerderung/antraege/${b.app.id}/${STEP_PATHS.financing}`, 'funding.app.saved')
  })

  stepGet(
    STEP_PATHS.financing,
    (request, b) => ({
      values: Object.fromEntries(
        b.financing.flatMap((y) => [
          [financingField(y.year, 'own'), moneyInput(y.ownCents, request.locale)],
          [financingField(y.year, 'third'), moneyInput(y.thirdPartyCents, request.locale)],
          [financingField(y.year, 'requested'), moneyInput(y.requestedCents, request.locale)],
        ]),
      ),
      errors: {},
    }),
    FinancingStep,
  )
  app.post(`/foerderung/antraege/:id/${STEP_PATHS.financing}`, own, async (request, reply) => {
    const b = await ownApplication(db, request, reply, request.params.id)
    if (!b) return reply
    const ctx = request.pageContext()
    const fields = formFields(request.body)
    const years = periodYears(b)
    const names = years.flatMap((y) =>
      (['own', 'third', 'requested'] as const).map((w) => financingField(y, w)),
    )
    const parsed = parseMoneyFields(
      request,
      fields,
      names,
      years.map((y) => financingField(y, 'requested')),
    )
    const values = Object.fromEntries(names.map((n) => [n, fields[n]]))
    const plan = years.map((year) => ({
      year,
      ownCents: parsed.values[financingField(year, 'own')] ?? 0,
      thirdPartyCents: parsed.values[financingField(year, 'third')] ?? 0,
      requestedCents: parsed.values[financingField(year, 'requested')] ?? 0,
    }))
    if (Object.keys(parsed.errors).length) {
      // As with the costs: the line's financing rules speak in the same answer as the amounts that
      // could not be read, for every year whose amounts were all read (a field keeps its first message).
      const errors = { ...parsed.errors }
      const read = plan.filter((p) =>
        (['own', 'third', 'requested'] as const).every((w) => !errors[financingField(p.year, w)]),
      )
      const limits = problems(request, checkFinancing(b.line.rules, b.costs, read))
      for (const [field, message] of Object.entries(limits)) if (field !== '_form') errors[field] ??= message
      return reply.page(
        <FinancingStep ctx={ctx} b={b} form={{ values, errors, unnamed: parsed.unnamed }} />,
        400,
      )
    }
    const result = await saveFinancing(db, request.actor(), b.app.id, plan)
    if (!result.ok)
      return reply.page(
        <FinancingStep ctx={ctx} b={b} form={{ values, errors: problems(request, result.problems) }} />,
        400,
      )
    return reply.seeOther(`/foerderung/antraege/${b.app.id}/${STEP_PATHS.declarations}`, 'funding.app.saved')
  })

  stepGet(
    STEP_PATHS.declarations,
    (_r, b) => ({ values: { notStarted: b.app.notStartedDeclared, truth: b.app.truthDeclared }, errors: {} }),
    DeclarationsStep,
  )
  app.post(`/foerderung/antraege/:id/${STEP_PATHS.declarations}`, own, async (request, reply) => {
    const b = await ownApplication(db, request, reply, request.params.id)
    if (!b) return reply
    const parsed = parseForm(DeclarationsForm, request.body, request.t)
    const ctx = request.pageContext()
    if (!parsed.ok) return reply.page(<DeclarationsStep ctx={ctx} b={b} form={parsed.state} />, 400)
    const result = await saveDeclarations(db, request.actor(), b.app.id, {
      notStarted: parsed.value.notStarted === 'on',
      truth: parsed.value.truth === 'on',
    })
    if (!result.ok) {
      return reply.page(
        <DeclarationsStep
          ctx={ctx}
          b={b}
          form={{ values: parsed.value, errors: problems(request, result.problems) }}
        />,
        400,
      )
    }
    return reply.seeOther(`/foerderung/antraege/${b.app.id}/${STEP_PATHS.attachments}`, 'funding.app.saved')
  })

  stepGet(STEP_PATHS.attachments, () => empty, AttachmentsStep)
  const upload = { ...own, config: { upload: true } }
  app.post(`/foerderung/antraege/:id/${STEP_PATHS.attachments}`, upload, async (request, reply) => {
    const b = await ownApplication(db, request, reply, request.params.id)
    if (!b) return reply
    const body = await request.readUpload(reply)
    if (!body) return reply
    const { fields, files } = body
    const parsed = parseForm(AttachmentForm, fields, request.t)
    const ctx = request.pageContext()
    if (!parsed.ok) return reply.page(<AttachmentsStep ctx={ctx} b={b} form={parsed.state} />, 400)
    const file = files.file
    if (!file) {
      return reply.page(
        <AttachmentsStep
          ctx={ctx}
          b={b}
          form={{ values: parsed.value, errors: { file: request.t('form.required') } }}
        />,
        400,
      )
    }
    const result = await saveAttachment(db, deps.files, request.actor(), b.app.id, {
      kind: parsed.value.kind,
      fileName: file.fileName.slice(0, 200),
      bytes: file.bytes,
      truncated: file.truncated,
    })
    if (!result.ok) {
      return reply.page(
        <AttachmentsStep
          ctx={ctx}
          b={b}
          form={{ values: parsed.value, errors: problems(request, result.problems) }}
        />,
        body.tooLarge ? 413 : 400,
      )
    }
    const fresh = (await applicationBundle(db, b.app.id))!
    const next = fresh.app.doneSteps.includes('attachments') ? '' : `/${STEP_PATHS.attachments}`
    return reply.seeOther(`/foerderung/antraege/${b.app.id}${next}`, 'funding.app.saved')
  })
}

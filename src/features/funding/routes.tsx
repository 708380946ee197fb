import { eq } from 'drizzle-orm'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { users } from '../../platform/auth/tables'
import type { App, AppDeps } from '../../platform/feature'
import { parseForm } from '../../platform/http/forms'
import { formFields, formRateLimit, requirePermission } from '../../platform/http/plugin'
import type { FormState } from '../../platform/ui/form'
import { createApplication } from './applicant/create-application'
import {
  editable,
  periodYears,
  saveAttachment,
  saveCosts,
  saveDeclarations,
  saveFinancing,
  saveProject,
} from './applicant/save-application'
import { submitApplication } from './applicant/submit-application'
import {
  AttachmentsStep,
  CostsStep,
  DeclarationsStep,
  FinancingStep,
  MyApplicationsPage,
  ProjectStep,
  STEP_PATHS,
  TaskListPage,
} from './applicant/views/pages'
import { type MoneyResult, moneyInput, parseMoney } from './money'
import { saveLineRules, setBudget } from './programme/manage-lines'
import {
  confirmEmail,
  inviteApplicantUser,
  registerApplicant,
  tokenNeedsPassword,
} from './public/register-applicant'
import { ConfirmPage, ProgrammePage, RegisterPage } from './public/views/pages'
import {
  type ApplicationBundle,
  applicantOrgOf,
  applicationBundle,
  applicationsOfOrg,
  budgetOverview,
  countApplications,
  lineById,
  listApplications,
  listLines,
  membersOf,
  noticePdf,
  partnerOrganisationOptions,
} from './queries'
import {
  approveAmendment,
  conditionLines,
  grantState,
  isGranted,
  listAmendments,
  proposeAmendment,
  rejectAmendment,
} from './review/amend-grant'
import { confirmApproval, proposeDecision } from './review/decide-application'
import { toCsv } from './review/export-csv'
import { addComment, requestInformation, saveChecklist } from './review/review-application'
import { DashboardPage, LinePage, ReviewPage } from './review/views/pages'
import {
  costField,
  financingField,
  formatQuantity,
  lineQuantities,
  parseQuantity,
  type Quantity,
  type QuantityItem,
  quantityField,
  type RuleProblem,
} from './rules'
import {
  AmendmentDecisionForm,
  AmendmentForm,
  AmendmentRejectForm,
  AttachmentForm,
  BudgetForm,
  ChecklistForm,
  CommentForm,
  ConfirmForm,
  DeclarationsForm,
  InviteForm,
  NewApplicationForm,
  ProjectForm,
  ProposalForm,
  RegisterForm,
  RulesForm,
  StaffQuery,
  SubmitForm,
} from './schema'
import { errorsByStep, problemsToErrors } from './views/parts'

const empty: FormState = { values: {}, errors: {} }
/** Applications per page of the staff list (the CSV export always has all of them). */
export const STAFF_PAGE_SIZE = 50

/** Parses the named money fields; empty means 0 unless required. */
function parseMoneyFields(
  request: FastifyRequest,
  fields: Record<string, unknown>,
  names: readonly string[],
  required: readonly string[] = [],
): { values: Record<string, number>; errors: Record<string, string> } {
  const values: Record<string, number> = {}
  const errors: Record<string, string> = {}
  for (const name of names) {
    const raw = typeof fields[name] === 'string' ? (fields[name] as string).trim() : ''
    if (raw === '') {
      if (required.includes(name)) errors[name] = request.t('form.required')
      else values[name] = 0
      continue
    }
    const r: MoneyResult = parseMoney(raw)
    if (r.ok) values[name] = r.cents
    else errors[name] = request.t(`funding.money.${r.error}`)
  }
  return { values, errors }
}

/** Money per year from fields named `<prefix>YYYY` (e.g. amount_2027); empty means 0. */
function parseYearAmounts(
  request: FastifyRequest,
  fields: Record<string, unknown>,
  prefix: string,
): { amounts: Record<number, number>; errors: Record<string, string> } {
  const names = Object.keys(fields).filter(
    (k) => k.startsWith(prefix) && /^\d{4}$/.test(k.slice(prefix.length)),
  )
  const money = parseMoneyFields(request, fields, names)
  const amounts = Object.fromEntries(names.map((n) => [Number(n.slice(prefix.length)), money.values[n] ?? 0]))
  return { amounts, errors: money.errors }
}

/** Parses the stated quantities (qty_<year>_<key>); empty means 0. */
function parseQuantityFields(
  request: FastifyRequest,
  fields: Record<string, unknown>,
  years: readonly number[],
  defs: readonly Quantity[],
): { items: QuantityItem[]; errors: Record<string, string> } {
  const items: QuantityItem[] = []
  const errors: Record<string, string> = {}
  for (const year of years) {
    for (const q of defs) {
      const name = quantityField(year, q.key)
      const raw = typeof fields[name] === 'string' ? (fields[name] as string).trim() : ''
      if (raw === '') {
        items.push({ year, key: q.key, value: 0 })
        continue
      }
      const r = parseQuantity(raw, q.unit)
      if (r.ok) items.push({ year, key: q.key, value: r.value })
      else errors[name] = request.t(`funding.quantity.${r.error}`)
    }
  }
  return { items, errors }
}

function problems(request: FastifyRequest, list: readonly RuleProblem[]) {
  return problemsToErrors(list, request.t, request.locale)
}

export function fundingRoutes(app: App, deps: AppDeps): void {
  const { db } = deps
  const apply = { preHandler: requirePermission('funding.apply') }
  const review = { preHandler: requirePermission('funding.review') }

  /** The applicant's own application, or a 404 page (never someone else's). */
  async function ownApplication(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<ApplicationBundle | null> {
    const { id } = request.params as { id: string }
    const org = await applicantOrgOf(db, request.user!.id)
    const b = org ? await applicationBundle(db, id) : null
    if (!b || !org || b.app.organisationId !== org.organisationId) {
      reply.errorPage(404)
      return null
    }
    return b
  }

  // ---------- public ----------
  app.get('/foerderung', async (request, reply) => {
    const [lines, overview] = await Promise.all([listLines(db), budgetOverview(db)])
    return reply.page(<ProgrammePage ctx={request.pageContext()} lines={lines} budgets={overview.budgets} />)
  })

  app.get('/foerderung/registrieren', async (request, reply) =>
    reply.page(
      <RegisterPage
        ctx={request.pageContext()}
        form={{ values: { kind: 'migrant_organisation' }, errors: {} }}
      />,
    ),
  )

  app.post(
    '/foerderung/registrieren',
    { config: formRateLimit(deps.config.rateLimitPerMinute) },
    async (request, reply) => {
      const parsed = parseForm(RegisterForm, request.body, request.t)
      const ctx = request.pageContext()
      if (!parsed.ok) {
        return reply.page(
          <RegisterPage
            ctx={ctx}
            form={{ ...parsed.state, values: { ...parsed.state.values, password: '' } }}
          />,
          400,
        )
      }
      const v = parsed.value
      const result = await registerApplicant(deps, request.actor(), { ...v, nonProfit: v.nonProfit === 'on' })
      if (!result.ok) {
        return reply.page(
          <RegisterPage
            ctx={ctx}
            form={{ values: { ...v, password: '' }, errors: problems(request, result.problems) }}
          />,
          400,
        )
      }
      return reply.seeOther('/anmelden', 'funding.register.done')
    },
  )

  app.get('/foerderung/bestaetigen', async (request, reply) => {
    const token = String((request.query as Record<string, unknown>).token ?? '')
    const needsPassword = await tokenNeedsPassword(deps, token)
    return reply.page(
      <ConfirmPage
        ctx={request.pageContext()}
        form={{ values: { token }, errors: {} }}
        needsPassword={needsPassword}
      />,
    )
  })

  app.post(
    '/foerderung/bestaetigen',
    { config: formRateLimit(deps.config.rateLimitPerMinute) },
    async (request, reply) => {
      const parsed = parseForm(ConfirmForm, request.body, request.t)
      const token = parsed.ok ? parsed.value.token : ''
      const result = parsed.ok
        ? await confirmEmail(deps, request.actor(), token, parsed.value.password)
        : null
      if (!result?.ok) {
        const errors = result
          ? problems(request, result.problems)
          : { token: request.t('funding.error.token') }
        return reply.page(
          <ConfirmPage
            ctx={request.pageContext()}
            form={{ values: { token }, errors }}
            needsPassword={await tokenNeedsPassword(deps, token)}
          />,
          400,
        )
      }
      return reply.seeOther(request.user ? '/foerderung/antraege' : '/anmelden', 'funding.confirm.done')
    },
  )

  // ---------- applicant ----------
  async function myPage(
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    status = 200,
    inviteForm?: FormState,
  ) {
    const org = await applicantOrgOf(db, request.user!.id)
    if (!org) return reply.errorPage(403)
    const [rows, lines, members] = await Promise.all([
      applicationsOfOrg(db, org.organisationId),
      listLines(db),
      membersOf(db, org.organisationId),
    ])
    return reply.page(
      <MyApplicationsPage
        ctx={request.pageContext()}
        rows={rows}
        lines={lines}
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
    const result = await inviteApplicantUser(deps, { ...request.actor(), id: request.user!.id }, parsed.value)
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

  app.get('/foerderung/antraege/:id', apply, async (request, reply) => {
    const b = await ownApplication(request, reply)
    if (!b) return reply
    return reply.page(<TaskListPage ctx={request.pageContext()} b={b} form={empty} />)
  })

  app.post('/foerderung/antraege/:id/einreichen', apply, async (request, reply) => {
    const b = await ownApplication(request, reply)
    if (!b) return reply
    const parsed = parseForm(SubmitForm, request.body, request.t)
    const replyText = parsed.ok ? parsed.value.reply : undefined
    const result = await submitApplication(deps, request.actor(), b.app.id, replyText)
    if (!result.ok) {
      const fresh = (await applicationBundle(db, b.app.id))!
      return reply.page(
        <TaskListPage
          ctx={request.pageContext()}
          b={fresh}
          form={{ values: { reply: replyText }, errors: errorsByStep(problems(request, result.problems)) }}
        />,
        400,
      )
    }
    return reply.seeOther(`/foerderung/antraege/${b.app.id}`, 'funding.app.submitted')
  })

  app.get('/foerderung/antraege/:id/bescheid/:version', async (request, reply) => {
    if (!request.user) return reply.errorPage(404)
    const { id, version } = request.params as { id: string; version: string }
    if (!/^\d{1,4}$/.test(version)) return reply.errorPage(404)
    const b = await applicationBundle(db, id)
    if (!b) return reply.errorPage(404)
    if (!request.can('funding.review')) {
      const org = await applicantOrgOf(db, request.user.id)
      if (!org || org.organisationId !== b.app.organisationId) return reply.errorPage(404)
    }
    const pdf = await noticePdf(db, id, Number(version))
    if (!pdf) return reply.errorPage(404)
    const amending = b.notices.find((n) => n.version === Number(version))?.kind === 'amending'
    const name = `${amending ? 'Aenderungsbescheid' : 'Zuwendungsbescheid'}-${b.app.fileNumber}-v${version}.pdf`
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'private, no-store')
      .send(pdf)
  })

  // The steps of the task list: GET shows the form with saved values, POST saves (all or nothing).
  const stepGet = (
    path: string,
    render: (request: FastifyRequest, b: ApplicationBundle) => FormState,
    View: typeof ProjectStep,
  ) => {
    app.get(`/foerderung/antraege/:id/${path}`, apply, async (request, reply) => {
      const b = await ownApplication(request, reply)
      if (!b) return reply
      if (!editable(b)) return reply.seeOther(`/foerderung/antraege/${b.app.id}`)
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
  app.get(`/foerderung/antraege/:id/${STEP_PATHS.project}`, apply, async (request, reply) => {
    const b = await ownApplication(request, reply)
    if (!b) return reply
    if (!editable(b)) return reply.seeOther(`/foerderung/antraege/${b.app.id}`)
    const values = {
      ...b.app,
      joint: b.app.jointApplication ? 'on' : undefined,
      partnerMunicipalities: b.partners.municipalities.map((m) => `${m.name} (${m.officialKey})`).join('\n'),
      partnerOrganisationId: b.app.partnerOrganisationId ?? undefined,
    }
    return projectPage(request, reply, b, { values, errors: {} })
  })
  app.post(`/foerderung/antraege/:id/${STEP_PATHS.project}`, apply, async (request, reply) => {
    const b = await ownApplication(request, reply)
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
  app.post(`/foerderung/antraege/:id/${STEP_PATHS.costs}`, apply, async (request, reply) => {
    const b = await ownApplication(request, reply)
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
    if (Object.keys(errors).length)
      return reply.page(<CostsStep ctx={ctx} b={b} form={{ values, errors }} />, 400)
    const items = years.flatMap((year) =>
      b.line.rules.costCategories.map((c) => ({
        year,
        category: c.key,
        cents: parsed.values[costField(year, c.key)] ?? 0,
      })),
    )
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
  app.post(`/foerderung/antraege/:id/${STEP_PATHS.financing}`, apply, async (request, reply) => {
    const b = await ownApplication(request, reply)
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
    if (Object.keys(parsed.errors).length)
      return reply.page(<FinancingStep ctx={ctx} b={b} form={{ values, errors: parsed.errors }} />, 400)
    const plan = years.map((year) => ({
      year,
      ownCents: parsed.values[financingField(year, 'own')] ?? 0,
      thirdPartyCents: parsed.values[financingField(year, 'third')] ?? 0,
      requestedCents: parsed.values[financingField(year, 'requested')] ?? 0,
    }))
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
  app.post(`/foerderung/antraege/:id/${STEP_PATHS.declarations}`, apply, async (request, reply) => {
    const b = await ownApplication(request, reply)
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
  const upload = { ...apply, config: { upload: true } }
  app.post(`/foerderung/antraege/:id/${STEP_PATHS.attachments}`, upload, async (request, reply) => {
    const b = await ownApplication(request, reply)
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

  // ---------- staff ----------
  app.get('/foerderung/verwaltung', review, async (request, reply) => {
    const raw = request.query as Record<string, unknown>
    // A malformed page number falls back to page 1 and keeps the filters.
    const first = parseForm(StaffQuery, raw, request.t)
    const parsed = first.ok ? first : parseForm(StaffQuery, { ...raw, page: undefined }, request.t)
    const q = parsed.ok ? parsed.value : {}
    const filter = { lineId: q.line, status: q.status }
    const total = await countApplications(db, filter)
    const pageCount = Math.max(1, Math.ceil(total / STAFF_PAGE_SIZE))
    const page = Math.min(q.page ?? 1, pageCount)
    const [lines, overview, rows] = await Promise.all([
      listLines(db),
      budgetOverview(db),
      listApplications(db, { ...filter, limit: STAFF_PAGE_SIZE, offset: (page - 1) * STAFF_PAGE_SIZE }),
    ])
    return reply.page(
      <DashboardPage
        ctx={request.pageContext()}
        lines={lines}
        budgets={overview.budgets}
        counts={overview.counts}
        rows={rows}
        query={{ line: q.line, status: q.status }}
        paging={{ page, pageCount, pageSize: STAFF_PAGE_SIZE, total }}
      />,
    )
  })

  app.get('/foerderung/verwaltung/export.csv', review, async (request, reply) => {
    const parsed = parseForm(StaffQuery, request.query, request.t)
    const q = parsed.ok ? parsed.value : {}
    const rows = await listApplications(db, { lineId: q.line, status: q.status, limit: 1_000_000, offset: 0 })
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="foerderantraege.csv"')
      .header('cache-control', 'private, no-store')
      .send(toCsv(rows))
  })

  async function reviewPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: FormState = empty,
    status = 200,
  ) {
    const b = await applicationBundle(db, id)
    if (!b || b.app.status === 'draft') return reply.errorPage(404)
    let proposer: string | null = null
    if (b.app.proposedBy) {
      const [u] = await db.select({ email: users.email }).from(users).where(eq(users.id, b.app.proposedBy))
      proposer = u?.email ?? null
    }
    const grant = isGranted(b) ? await grantState(db, b) : null
    const amendment = grant ? { grant, list: await listAmendments(db, b.app.id) } : undefined
    return reply.page(
      <ReviewPage
        ctx={request.pageContext()}
        b={b}
        form={form}
        proposerLabel={proposer}
        amendment={amendment}
      />,
      status,
    )
  }

  app.get('/foerderung/verwaltung/antraege/:id', review, (request, reply) =>
    reviewPage(request, reply, (request.params as { id: string }).id),
  )

  app.post('/foerderung/verwaltung/antraege/:id/pruefliste', review, async (request, reply) => {
    const { id } = request.params as { id: string }
    const parsed = parseForm(ChecklistForm, request.body, request.t)
    const raw = parsed.ok ? parsed.value.check : undefined
    const ticked = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]
    const result = await saveChecklist(db, request.actor(), id, ticked)
    if (!result.ok)
      return reviewPage(request, reply, id, { values: {}, errors: problems(request, result.problems) }, 400)
    return reply.seeOther(`/foerderung/verwaltung/antraege/${id}`, 'funding.line.saved')
  })

  app.post('/foerderung/verwaltung/antraege/:id/vermerk', review, async (request, reply) => {
    const { id } = request.params as { id: string }
    const parsed = parseForm(CommentForm, request.body, request.t)
    if (!parsed.ok) return reviewPage(request, reply, id, parsed.state, 400)
    const result = await addComment(db, request.actor(), id, parsed.value.body)
    if (!result.ok)
      return reviewPage(
        request,
        reply,
        id,
        { values: parsed.value, errors: problems(request, result.problems) },
        400,
      )
    return reply.seeOther(`/foerderung/verwaltung/antraege/${id}`, 'funding.line.saved')
  })

  app.post('/foerderung/verwaltung/antraege/:id/rueckfrage', review, async (request, reply) => {
    const { id } = request.params as { id: string }
    const parsed = parseForm(
      CommentForm,
      { body: (request.body as Record<string, unknown>)?.question },
      request.t,
    )
    if (!parsed.ok)
      return reviewPage(
        request,
        reply,
        id,
        { values: {}, errors: { question: parsed.state.errors.body ?? '' } },
        400,
      )
    const result = await requestInformation(deps, request.actor(), id, parsed.value.body)
    if (!result.ok)
      return reviewPage(request, reply, id, { values: {}, errors: problems(request, result.problems) }, 400)
    return reply.seeOther(`/foerderung/verwaltung/antraege/${id}`, 'funding.review.asked')
  })

  app.post(
    '/foerderung/verwaltung/antraege/:id/vorschlag',
    { preHandler: requirePermission('funding.propose') },
    async (request, reply) => {
      const { id } = request.params as { id: string }
      const fields = formFields(request.body)
      const parsed = parseForm(ProposalForm, fields, request.t)
      if (!parsed.ok) return reviewPage(request, reply, id, parsed.state, 400)
      const { amounts, errors } = parseYearAmounts(request, fields, 'amount_')
      if (Object.keys(errors).length) {
        return reviewPage(request, reply, id, { values: fields, errors }, 400)
      }
      const result = await proposeDecision(deps, request.actor(), id, { ...parsed.value, amounts })
      if (!result.ok)
        return reviewPage(
          request,
          reply,
          id,
          { values: fields, errors: problems(request, result.problems) },
          400,
        )
      return reply.seeOther(`/foerderung/verwaltung/antraege/${id}`, 'funding.review.proposed')
    },
  )

  app.post(
    '/foerderung/verwaltung/antraege/:id/freigabe',
    { preHandler: requirePermission('funding.approve') },
    async (request, reply) => {
      const { id } = request.params as { id: string }
      const result = await confirmApproval(deps, request.actor(), id)
      if (!result.ok)
        return reviewPage(request, reply, id, { values: {}, errors: problems(request, result.problems) }, 400)
      return reply.seeOther(`/foerderung/verwaltung/antraege/${id}`, 'funding.review.approved')
    },
  )

  // ---------- amendments of an approved grant (Änderungsbescheide) ----------
  app.post(
    '/foerderung/verwaltung/antraege/:id/aenderung',
    { preHandler: requirePermission('funding.propose') },
    async (request, reply) => {
      const { id } = request.params as { id: string }
      const fields = formFields(request.body)
      const parsed = parseForm(AmendmentForm, fields, request.t)
      const money = parseYearAmounts(request, fields, 'amend_')
      const errors = { ...(parsed.ok ? {} : parsed.state.errors), ...money.errors }
      if (!parsed.ok || Object.keys(errors).length) {
        return reviewPage(request, reply, id, { values: fields, errors }, 400)
      }
      const result = await proposeAmendment(deps, request.actor(), id, {
        amounts: money.amounts,
        periodStart: parsed.value.periodStart,
        periodEnd: parsed.value.periodEnd,
        specialConditions: conditionLines(parsed.value.conditions),
        reason: parsed.value.reason,
      })
      if (!result.ok)
        return reviewPage(
          request,
          reply,
          id,
          { values: fields, errors: problems(request, result.problems) },
          400,
        )
      return reply.seeOther(`/foerderung/verwaltung/antraege/${id}`, 'funding.amend.proposed')
    },
  )

  app.post(
    '/foerderung/verwaltung/antraege/:id/aenderung/freigabe',
    { preHandler: requirePermission('funding.approve') },
    async (request, reply) => {
      const { id } = request.params as { id: string }
      const parsed = parseForm(AmendmentDecisionForm, request.body, request.t)
      const result = parsed.ok
        ? await approveAmendment(deps, request.actor(), id, parsed.value.amendment)
        : null
      if (!result?.ok) {
        const errors = result
          ? problems(request, result.problems)
          : { _form: request.t('funding.amend.error.notOpen') }
        return reviewPage(request, reply, id, { values: {}, errors }, 400)
      }
      return reply.seeOther(`/foerderung/verwaltung/antraege/${id}`, 'funding.amend.approved')
    },
  )

  app.post(
    '/foerderung/verwaltung/antraege/:id/aenderung/ablehnung',
    { preHandler: requirePermission('funding.approve') },
    async (request, reply) => {
      const { id } = request.params as { id: string }
      const parsed = parseForm(AmendmentRejectForm, request.body, request.t)
      if (!parsed.ok) return reviewPage(request, reply, id, parsed.state, 400)
      const result = await rejectAmendment(
        deps,
        request.actor(),
        id,
        parsed.value.amendment,
        parsed.value.rejectReasons,
      )
      if (!result.ok)
        return reviewPage(
          request,
          reply,
          id,
          { values: parsed.value, errors: problems(request, result.problems) },
          400,
        )
      return reply.seeOther(`/foerderung/verwaltung/antraege/${id}`, 'funding.amend.rejected')
    },
  )

  // ---------- programme set-up ----------
  const manage = { preHandler: requirePermission('funding.manage') }
  async function linePage(
    request: FastifyRequest,
    reply: FastifyReply,
    rulesForm?: FormState,
    budgetForm?: FormState,
    status = 200,
  ) {
    const line = await lineById(db, (request.params as { id: string }).id)
    if (!line) return reply.errorPage(404)
    return reply.page(
      <LinePage
        ctx={request.pageContext()}
        line={line}
        rulesForm={rulesForm ?? { values: { rules: JSON.stringify(line.rules, null, 2) }, errors: {} }}
        budgetForm={budgetForm ?? { values: { year: new Date().getFullYear() + 1 }, errors: {} }}
      />,
      status,
    )
  }
  app.get('/foerderung/verwaltung/linien/:id', manage, (request, reply) => linePage(request, reply))
  app.post('/foerderung/verwaltung/linien/:id/regeln', manage, async (request, reply) => {
    const parsed = parseForm(RulesForm, request.body, request.t)
    if (!parsed.ok) return linePage(request, reply, parsed.state, undefined, 400)
    const { id } = request.params as { id: string }
    const result = await saveLineRules(db, request.actor(), id, parsed.value.rules)
    if (!result.ok)
      return linePage(
        request,
        reply,
        { values: parsed.value, errors: problems(request, result.problems) },
        undefined,
        400,
      )
    return reply.seeOther(`/foerderung/verwaltung/linien/${id}`, 'funding.line.saved')
  })
  app.post('/foerderung/verwaltung/linien/:id/mittel', manage, async (request, reply) => {
    const parsed = parseForm(BudgetForm, request.body, request.t)
    if (!parsed.ok) return linePage(request, reply, undefined, parsed.state, 400)
    const cents = parseMoney(parsed.value.budget)
    if (!cents.ok) {
      return linePage(
        request,
        reply,
        undefined,
        { values: parsed.value, errors: { budget: request.t(`funding.money.${cents.error}`) } },
        400,
      )
    }
    const { id } = request.params as { id: string }
    const result = await setBudget(db, request.actor(), id, parsed.value.year, cents.cents)
    if (!result.ok) {
      return linePage(
        request,
        reply,
        undefined,
        { values: parsed.value, errors: { budget: problems(request, result.problems).budget ?? '' } },
        400,
      )
    }
    return reply.seeOther(`/foerderung/verwaltung/linien/${id}`, 'funding.line.saved')
  })
}

import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, AppDeps } from '../../../platform/feature'
import { FormQuery, parseForm } from '../../../platform/http/forms'
import { formFields, requirePermission } from '../../../platform/http/plugin'
import { IdParams } from '../../../platform/ids'
import type { Refusal } from '../../../platform/outcome'
import type { FormState } from '../../../platform/ui/form'
import { empty, parseYearAmounts, problems, refusedForm } from '../form-fields'
import {
  applicationBundle,
  budgetOverview,
  countApplications,
  listApplications,
  listLines,
  userEmail,
} from '../queries'
import type { RuleProblem } from '../rules'
import {
  AmendmentDecisionForm,
  AmendmentForm,
  AmendmentRejectForm,
  ChecklistForm,
  CommentForm,
  ProposalForm,
  StaffQuery,
} from '../schema'
import {
  approveAmendment,
  conditionLines,
  grantState,
  isGranted,
  listAmendments,
  proposeAmendment,
  rejectAmendment,
} from './amend-grant'
import { confirmApproval, proposeDecision } from './decide-application'
import { toCsv } from './export-csv'
import { addComment, requestInformation, saveChecklist } from './review-application'
import { DashboardPage, ReviewPage } from './views/pages'

/** Applications per page of the staff list (the CSV export always has all of them). */
export const STAFF_PAGE_SIZE = 50

/** Staff: the list of applications, review, decisions and amendments of approved grants. */
export function reviewRoutes(app: App, deps: AppDeps): void {
  const { db } = deps
  const review = { preHandler: requirePermission('funding.review') }
  /** A route on one application (`:id`, a uuid) for staff holding `permission`. */
  const onApplication = (permission: 'funding.review' | 'funding.propose' | 'funding.approve') => ({
    schema: { params: IdParams },
    preHandler: requirePermission(permission),
  })

  app.get(
    '/foerderung/verwaltung',
    { ...review, schema: { querystring: FormQuery } },
    async (request, reply) => {
      const raw = request.query
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
    },
  )

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
    const proposer = b.app.proposedBy ? await userEmail(db, b.app.proposedBy) : null
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

  /** A use case refused: the review page again (400) with each problem next to its field. */
  const refused = (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    result: Refusal<RuleProblem>,
    values: Record<string, unknown> = {},
  ) => reviewPage(request, reply, id, { values, errors: problems(request, result.problems) }, 400)

  app.get('/foerderung/verwaltung/antraege/:id', onApplication('funding.review'), (request, reply) =>
    reviewPage(request, reply, request.params.id),
  )

  app.post(
    '/foerderung/verwaltung/antraege/:id/pruefliste',
    onApplication('funding.review'),
    async (request, reply) => {
      const { id } = request.params
      const parsed = parseForm(ChecklistForm, request.body, request.t)
      const raw = parsed.ok ? parsed.value.check : undefined
      const ticked = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]
      const result = await saveChecklist(db, request.actor(), id, ticked)
      if (!result.ok) return refused(request, reply, id, result)
      return reply.seeOther(`/foerderung/verwaltung/antraege/${id}`, 'funding.line.saved')
    },
  )

  app.post(
    '/foerderung/verwaltung/antraege/:id/vermerk',
    onApplication('funding.review'),
    async (request, reply) => {
      const { id } = request.params
      const parsed = parseForm(CommentForm, request.body, request.t)
      if (!parsed.ok) return reviewPage(request, reply, id, parsed.state, 400)
      const result = await addComment(db, request.actor(), id, parsed.value.body)
      if (!result.ok) return refused(request, reply, id, result, parsed.value)
      return reply.seeOther(`/foerderung/verwaltung/antraege/${id}`, 'funding.line.saved')
    },
  )

  app.post(
    '/foerderung/verwaltung/antraege/:id/rueckfrage',
    onApplication('funding.review'),
    async (request, reply) => {
      const { id } = request.params
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
      if (!result.ok) return refused(request, reply, id, result)
      return reply.seeOther(`/foerderung/verwaltung/antraege/${id}`, 'funding.review.asked')
    },
  )

  app.post(
    '/foerderung/verwaltung/antraege/:id/vorschlag',
    onApplication('funding.propose'),
    async (request, reply) => {
      const { id } = request.params
      const fields = formFields(request.body)
      const parsed = parseForm(ProposalForm, fields, request.t)
      // The decision, the reasons and every amount are checked in one pass.
      const money = parseYearAmounts(request, fields, 'amount_')
      const kept = refusedForm(fields, parsed, money)
      if (kept || !parsed.ok) return reviewPage(request, reply, id, kept ?? undefined, 400)
      const result = await proposeDecision(deps, request.actor(), id, {
        ...parsed.value,
        amounts: money.amounts,
      })
      if (!result.ok) return refused(request, reply, id, result, fields)
      return reply.seeOther(`/foerderung/verwaltung/antraege/${id}`, 'funding.review.proposed')
    },
  )

  app.post(
    '/foerderung/verwaltung/antraege/:id/freigabe',
    onApplication('funding.approve'),
    async (request, reply) => {
      const { id } = request.params
      const result = await confirmApproval(deps, request.actor(), id)
      if (!result.ok) return refused(request, reply, id, result)
      return reply.seeOther(`/foerderung/verwaltung/antraege/${id}`, 'funding.review.approved')
    },
  )

  // ---------- amendments of an approved grant (Änderungsbescheide) ----------
  app.post(
    '/foerderung/verwaltung/antraege/:id/aenderung',
    onApplication('funding.propose'),
    async (request, reply) => {
      const { id } = request.params
      const fields = formFields(request.body)
      const parsed = parseForm(AmendmentForm, fields, request.t)
      const money = parseYearAmounts(request, fields, 'amend_')
      const kept = refusedForm(fields, parsed, money)
      if (kept || !parsed.ok) return reviewPage(request, reply, id, kept ?? undefined, 400)
      const result = await proposeAmendment(deps, request.actor(), id, {
        amounts: money.amounts,
        periodStart: parsed.value.periodStart,
        periodEnd: parsed.value.periodEnd,
        specialConditions: conditionLines(parsed.value.conditions),
        reason: parsed.value.reason,
      })
      if (!result.ok) return refused(request, reply, id, result, fields)
      return reply.seeOther(`/foerderung/verwaltung/antraege/${id}`, 'funding.amend.proposed')
    },
  )

  app.post(
    '/foerderung/verwaltung/antraege/:id/aenderung/freigabe',
    onApplication('funding.approve'),
    async (request, reply) => {
      const { id } = request.params
      const parsed = parseForm(AmendmentDecisionForm, request.body, request.t)
      if (!parsed.ok) {
        const errors = { _form: request.t('funding.amend.error.notOpen') }
        return reviewPage(request, reply, id, { values: {}, errors }, 400)
      }
      const result = await approveAmendment(deps, request.actor(), id, parsed.value.amendment)
      if (!result.ok) return refused(request, reply, id, result)
      return reply.seeOther(`/foerderung/verwaltung/antraege/${id}`, 'funding.amend.approved')
    },
  )

  app.post(
    '/foerderung/verwaltung/antraege/:id/aenderung/ablehnung',
    onApplication('funding.approve'),
    async (request, reply) => {
      const { id } = request.params
      const parsed = parseForm(AmendmentRejectForm, request.body, request.t)
      if (!parsed.ok) return reviewPage(request, reply, id, parsed.state, 400)
      const result = await rejectAmendment(
        deps,
        request.actor(),
        id,
        parsed.value.amendment,
        parsed.value.rejectReasons,
      )
      if (!result.ok) return refused(request, reply, id, result, parsed.value)
      return reply.seeOther(`/foerderung/verwaltung/antraege/${id}`, 'funding.amend.rejected')
    },
  )
}

import type { FastifyReply, FastifyRequest } from 'fastify'
import { berlinDay } from '../../../platform/days'
import type { App, AppDeps } from '../../../platform/feature'
import { parseForm } from '../../../platform/http/forms'
import { formFields, requirePermission } from '../../../platform/http/plugin'
import { IdParams, NoQuery } from '../../../platform/ids'
import { isNotFound, type Refusal } from '../../../platform/outcome'
import { whoOf } from '../../../platform/policy'
import type { FormState } from '../../../platform/ui/form'
import { countOpenChangeRequests } from '../changes/find-changes'
import { openClaims } from '../closing/find-claims'
import { empty, parseMoneyFields, problems } from '../form-fields'
import { mayOnPayment } from '../policies'
import { overdueProofs } from '../proof/find-overdue'
import { applicationBundle, fundingWhoOf, userEmail } from '../queries'
import { isGranted } from '../review/amend-grant'
import type { RuleProblem } from '../rules'
import {
  PAYMENT_CHECK_MESSAGES,
  PAYMENT_REQUEST_MESSAGES,
  PaymentCheckForm,
  PaymentRequestForm,
} from '../schema'
import {
  figuresOf,
  interestRisks,
  needWindowOf,
  openPayments,
  paymentById,
  paymentRequestProblems,
  paymentsAgainstPlan,
  paymentsOf,
} from './find-payments'
import { checkPayment, releasePayment, requestPayment } from './manage-payments'
import { needWindow } from './payment-rules'
import { PaymentRequestPage, requestPath } from './views/recipient'
import { PaymentPage, PaymentsDashboardPage, STAFF_PAYMENTS, staffPaymentPath } from './views/staff'

/** Payments (Mittelabruf): the recipient's request, the officers' check and release, the staff overview. */
export function paymentRoutes(app: App, deps: AppDeps): void {
  const { db } = deps
  const grants = (b: { grants: readonly { year: number; cents: number }[] }) =>
    b.grants.map((g) => ({ year: g.year, cents: g.cents }))

  // ---------- recipient ----------
  async function requestPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: FormState = empty,
    status = 200,
  ) {
    const who = await fundingWhoOf(db, whoOf(request))
    const b = await applicationBundle(db, id)
    // Someone else's grant, or an application without a grant, does not exist here.
    if (!b || !mayOnPayment(who, 'request', { organisationId: b.app.organisationId }) || !isGranted(b)) {
      return reply.errorPage(404)
    }
    const days = await needWindowOf(db, b.line.id)
    const [figures, payments] = await Promise.all([figuresOf(db, id, grants(b)), paymentsOf(db, id)])
    return reply.page(
      <PaymentRequestPage
        ctx={request.pageContext()}
        b={b}
        figures={figures}
        payments={payments}
        window={{ ...needWindow(berlinDay(), days), days }}
        form={form}
      />,
      status,
    )
  }

  const own = {
    schema: { params: IdParams, querystring: NoQuery },
    preHandler: requirePermission('funding.apply'),
  }

  app.get('/foerderung/antraege/:id/mittelabruf', own, (request, reply) =>
    requestPage(request, reply, request.params.id),
  )

  app.post('/foerderung/antraege/:id/mittelabruf', own, async (request, reply) => {
    const { id } = request.params
    const body = formFields(request.body)
    const parsed = parseForm(PaymentRequestForm, body, request.t, PAYMENT_REQUEST_MESSAGES)
    const money = parseMoneyFields(request, body, ['amount'], ['amount'])
    const errors = { ...money.errors, ...(parsed.ok ? {} : parsed.state.errors) }
    if (!parsed.ok || Object.keys(errors).length) {
      // The rules speak in the same answer for the fields that were read (amount above what is left, …).
      const b = await applicationBundle(db, id)
      if (b) {
        const read = {
          year:
            errors.year === undefined && /^\d{4}$/.test(String(body.year)) ? Number(body.year) : undefined,
          amountCents: money.values.amount,
          dueOn: errors.dueOn === undefined && typeof body.dueOn === 'string' ? body.dueOn : undefined,
        }
        const rules = await paymentRequestProblems(
          db,
          { applicationId: id, lineId: b.line.id, grants: grants(b) },
          read,
        )
        for (const [field, message] of Object.entries(problems(request, rules))) errors[field] ??= message
      }
      return requestPage(request, reply, id, { values: body, errors }, 400)
    }
    const who = await fundingWhoOf(db, whoOf(request))
    const result = await requestPayment(deps, request.actor(), who, id, {
      year: parsed.value.year,
      amountCents: money.values.amount ?? 0,
      dueOn: parsed.value.dueOn,
      purpose: parsed.value.purpose,
    })
    if (!result.ok) {
      if (isNotFound(result)) return reply.errorPage(404)
      return requestPage(
        request,
        reply,
        id,
        { values: body, errors: problems(request, result.problems) },
        400,
      )
    }
    return reply.seeOther(requestPath(id), 'funding.pay.requested')
  })

  // ---------- staff ----------
  app.get(
    STAFF_PAYMENTS,
    { schema: { querystring: NoQuery }, preHandler: requirePermission('funding.review') },
    async (request, reply) => {
      const today = berlinDay()
      const [plan, open, risks, openChanges, overdue, claims] = await Promise.all([
        paymentsAgainstPlan(db),
        openPayments(db),
        interestRisks(db, today),
        countOpenChangeRequests(db),
        overdueProofs(db, today),
        openClaims(db),
      ])
      return reply.page(
        <PaymentsDashboardPage
          ctx={request.pageContext()}
          plan={plan}
          open={open}
          risks={risks}
          today={today}
          openChanges={openChanges}
          overdue={overdue}
          claims={claims}
        />,
      )
    },
  )

  async function paymentPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: FormState = empty,
    status = 200,
  ) {
    const p = await paymentById(db, id)
    if (!p) return reply.errorPage(404)
    const b = await applicationBundle(db, p.payment.applicationId)
    const figures = b ? await figuresOf(db, b.app.id, grants(b)) : []
    const checker = p.payment.checkedBy ? await userEmail(db, p.payment.checkedBy) : null
    return reply.page(
      <PaymentPage ctx={request.pageContext()} p={p} figures={figures} checkerLabel={checker} form={form} />,
      status,
    )
  }

  const refused = (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    result: Refusal<RuleProblem>,
    values = {},
  ) =>
    isNotFound(result)
      ? reply.errorPage(404)
      : paymentPage(request, reply, id, { values, errors: problems(request, result.problems) }, 400)

  const onPayment = (permission: 'funding.review' | 'funding.propose' | 'funding.approve') => ({
    schema: { params: IdParams },
    preHandler: requirePermission(permission),
  })

  app.get(`${STAFF_PAYMENTS}/:id`, onPayment('funding.review'), (request, reply) =>
    paymentPage(request, reply, request.params.id),
  )

  app.post(`${STAFF_PAYMENTS}/:id/pruefung`, onPayment('funding.propose'), async (request, reply) => {
    const { id } = request.params
    const parsed = parseForm(PaymentCheckForm, request.body, request.t, PAYMENT_CHECK_MESSAGES)
    if (!parsed.ok) return paymentPage(request, reply, id, parsed.state, 400)
    const who = await fundingWhoOf(db, whoOf(request))
    const input = {
      decision: parsed.value.decision,
      hold: parsed.value.hold === 'on',
      reason: parsed.value.reason ?? '',
    }
    const result = await checkPayment(deps, request.actor(), who, id, input)
    if (!result.ok) return refused(request, reply, id, result, parsed.value)
    return reply.seeOther(
      staffPaymentPath(id),
      input.decision === 'reject' ? 'funding.payStaff.rejected' : 'funding.payStaff.checked',
    )
  })

  app.post(`${STAFF_PAYMENTS}/:id/freigabe`, onPayment('funding.approve'), async (request, reply) => {
    const { id } = request.params
    const who = await fundingWhoOf(db, whoOf(request))
    const result = await releasePayment(deps, request.actor(), who, id)
    if (!result.ok) return refused(request, reply, id, result)
    return reply.seeOther(staffPaymentPath(id), 'funding.payStaff.released')
  })
}

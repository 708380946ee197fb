import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { berlinDay } from '../../../platform/days'
import type { App, AppDeps } from '../../../platform/feature'
import { parseForm } from '../../../platform/http/forms'
import { formFields, requirePermission } from '../../../platform/http/plugin'
import { IdParams, NoQuery } from '../../../platform/ids'
import { isNotFound, type Outcome, refuse } from '../../../platform/outcome'
import { whoOf } from '../../../platform/policy'
import type { FormState } from '../../../platform/ui/form'
import {
  answerHearing,
  closingOf,
  closingPreview,
  issueFinalNotice,
  openHearing,
  recordRepayment,
} from '../closing/manage-closing'
import { empty, parseMoneyFields, problems } from '../form-fields'
import { addDays } from '../payments/payment-rules'
import { mayOnApplication, mayOnProof } from '../policies'
import { applicationBundle, fundingWhoOf } from '../queries'
import { isGranted } from '../review/amend-grant'
import { problemsToErrors } from '../views/parts'
import { proofsDue } from './find-due'
import { listProofs, proofById, proofsOf } from './find-proofs'
import {
  attachToProof,
  type CsvProblem,
  periodsOf,
  proofState,
  reviewProof,
  submitProof,
} from './manage-proofs'
import { questionsFor } from './questions'
import { ProofPage, type ProofRow, proofPath } from './views/recipient'
import { ProofReviewPage, ProofsListPage, STAFF_PROOFS, staffProofPath } from './views/staff'

const ReviewForm = Type.Object({
  checkKind: Type.Enum(['summary', 'in_depth']),
  findings: Type.Optional(Type.String({ maxLength: 10_000 })),
  accepted: Type.String({ minLength: 1, maxLength: 30 }),
})
const REVIEW_MESSAGES = {
  checkKind: { required: 'funding.proofStaff.msg.checkKind', enum: 'funding.proofStaff.msg.checkKind' },
  accepted: { required: 'funding.proofStaff.error.accepted', minLength: 'funding.proofStaff.error.accepted' },
} as const
const HearingForm = Type.Object({ until: Type.String({ format: 'date' }) })
const HEARING_MESSAGES = {
  until: { required: 'funding.closing.error.until', format: 'funding.closing.error.until' },
} as const
const NoticeForm = Type.Object({ hearingReply: Type.Optional(Type.String({ maxLength: 10_000 })) })
const RepaymentForm = Type.Object({
  amount: Type.String({ minLength: 1, maxLength: 30 }),
  receivedOn: Type.String({ format: 'date' }),
})
const REPAYMENT_MESSAGES = {
  amount: { required: 'funding.closing.error.zero', minLength: 'funding.closing.error.zero' },
  receivedOn: { required: 'funding.closing.error.receivedOn', format: 'funding.closing.error.receivedOn' },
} as const

/** A refusal as field messages; a CSV file's refused rows are listed, each with its line. */
function proofErrors(request: FastifyRequest, list: readonly CsvProblem[]): Record<string, string> {
  const out = problems(
    request,
    list.filter((p) => !p.rows),
  )
  for (const p of list) {
    if (!p.rows) continue
    const rows = problemsToErrors(
      p.rows.map((r, i) => ({ field: String(i), key: r.key, params: { ...r.params, row: r.row } })),
      request.t,
      request.locale,
    )
    out[p.field] ??= [request.t(p.key), ...Object.values(rows)].join(' ')
  }
  return out
}

/** Proof of use (Verwendungsnachweis), its review, the hearing, the final notice and repayments. */
export function proofRoutes(app: App, deps: AppDeps): void {
  const { db } = deps

  // ---------- recipient ----------
  async function proofPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: FormState = empty,
    status = 200,
  ) {
    const who = await fundingWhoOf(db, whoOf(request))
    const b = await applicationBundle(db, id)
    if (!b || !mayOnProof(who, 'submit', { organisationId: b.app.organisationId }) || !isGranted(b)) {
      return reply.errorPage(404)
    }
    const [submitted, closing] = await Promise.all([proofsOf(db, id), closingOf(db, id)])
    const today = berlinDay()
    const rows: ProofRow[] = periodsOf(b).map((p) => {
      const proof = submitted.find((s) => s.period === p.period)
      return { ...p, state: proofState(p, proof, today), ...(proof ? { proof } : {}) }
    })
    return reply.page(
      <ProofPage ctx={request.pageContext()} b={b} rows={rows} closing={closing} form={form} today={today} />,
      status,
    )
  }

  const own = {
    schema: { params: IdParams, querystring: NoQuery },
    preHandler: requirePermission('funding.apply'),
  }

  app.get('/foerderung/antraege/:id/verwendungsnachweis', own, (request, reply) =>
    proofPage(request, reply, request.params.id),
  )

  app.post(
    '/foerderung/antraege/:id/verwendungsnachweis',
    { ...own, config: { upload: true } },
    async (request, reply) => {
      const { id } = request.params
      // Whose grant it is is checked before the upload is read.
      const who = await fundingWhoOf(db, whoOf(request))
      const b = await applicationBundle(db, id)
      if (!b || !mayOnProof(who, 'submit', { organisationId: b.app.organisationId }))
        return reply.errorPage(404)
      const body = await request.readUpload(reply)
      if (!body) return reply
      const values = body.fields
      const categories = b.line.rules.costCategories.map((c) => `actual_${c.key}`)
      const money = parseMoneyFields(
        request,
        values,
        [...categories, 'actualOwn', 'actualThirdParty'],
        categories,
      )
      const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '')
      const simple = b.line.rules.proofForm?.simple === true
      const answers = Object.fromEntries(questionsFor(b.line.key, simple).map((q) => [q, str(`q_${q}`)]))
      const file = body.files.receipts
      const result = await submitProof(deps, request.actor(), who, id, {
        period: str('period'),
        answers,
        report: str('report'),
        actual: Object.fromEntries(
          b.line.rules.costCategories.map((c) => [c.key, money.values[`actual_${c.key}`] ?? 0]),
        ),
        actualOwnCents: money.values.actualOwn ?? 0,
        actualThirdPartyCents: money.values.actualThirdParty ?? 0,
        receiptsCsv: file && !file.truncated ? new TextDecoder('utf-8').decode(file.bytes) : '',
        hoursCsv: str('hours'),
      })
      // Amounts that are not money are refused first (the use case would read them as 0).
      if (Object.keys(money.errors).length || !result.ok) {
        if (!result.ok && isNotFound(result)) return reply.errorPage(404)
        const errors = { ...(result.ok ? {} : proofErrors(request, result.problems)), ...money.errors }
        if (file?.truncated) errors.receipts = request.t('funding.error.fileTooLarge')
        return proofPage(request, reply, id, { values, errors, unnamed: money.unnamed }, 400)
      }
      return reply.seeOther(proofPath(id), 'funding.proof.submitted')
    },
  )

  app.post(
    '/foerderung/antraege/:id/verwendungsnachweis/anlage',
    { ...own, config: { upload: true } },
    async (request, reply) => {
      const { id } = request.params
      const who = await fundingWhoOf(db, whoOf(request))
      const b = await applicationBundle(db, id)
      if (!b || !mayOnProof(who, 'submit', { organisationId: b.app.organisationId }))
        return reply.errorPage(404)
      const body = await request.readUpload(reply)
      if (!body) return reply
      const file = body.files.attachment
      const result = file
        ? await attachToProof(deps, request.actor(), who, id, {
            fileName: file.fileName,
            bytes: file.bytes,
            truncated: file.truncated,
          })
        : refuse('form.required', 'attachment')
      if (!result.ok) {
        if (isNotFound(result)) return reply.errorPage(404)
        return proofPage(request, reply, id, { values: {}, errors: problems(request, result.problems) }, 400)
      }
      return reply.seeOther(proofPath(id), 'funding.proof.attached')
    },
  )

  app.post(
    '/foerderung/antraege/:id/verwendungsnachweis/anhoerung',
    { ...own, config: { upload: true } },
    async (request, reply) => {
      const { id } = request.params
      // Whose grant it is is checked before the upload is read.
      const who = await fundingWhoOf(db, whoOf(request))
      const b = await applicationBundle(db, id)
      if (!b || !mayOnProof(who, 'submit', { organisationId: b.app.organisationId }))
        return reply.errorPage(404)
      const body = await request.readUpload(reply)
      if (!body) return reply
      const answer = typeof body.fields.answer === 'string' ? body.fields.answer : ''
      const file = body.files.attachment
      const result = await answerHearing(deps, request.actor(), who, id, {
        answer: answer.slice(0, 20_000),
        ...(file && file.bytes.length
          ? { attachment: { fileName: file.fileName, bytes: file.bytes, truncated: file.truncated } }
          : {}),
      })
      if (!result.ok) {
        if (isNotFound(result)) return reply.errorPage(404)
        return proofPage(
          request,
          reply,
          id,
          { values: body.fields, errors: problems(request, result.problems) },
          400,
        )
      }
      return reply.seeOther(proofPath(id), 'funding.hearing.answered')
    },
  )

  app.get(
    '/foerderung/antraege/:id/schlussbescheid.pdf',
    { schema: { params: IdParams, querystring: NoQuery } },
    async (request, reply) => {
      if (!request.user) return reply.errorPage(404)
      const who = await fundingWhoOf(db, whoOf(request))
      const b = await applicationBundle(db, request.params.id)
      if (!b || !mayOnApplication(who, 'read', { organisationId: b.app.organisationId }))
        return reply.errorPage(404)
      const closing = await closingOf(db, b.app.id)
      if (!closing?.noticePdf) return reply.errorPage(404)
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="Schlussbescheid-${b.app.fileNumber ?? b.app.id}.pdf"`,
        )
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(closing.noticePdf))
    },
  )

  // ---------- staff ----------
  app.get(
    STAFF_PROOFS,
    { schema: { querystring: NoQuery }, preHandler: requirePermission('funding.review') },
    async (request, reply) => {
      const [submitted, due] = await Promise.all([listProofs(db), proofsDue(db, berlinDay())])
      return reply.page(<ProofsListPage ctx={request.pageContext()} submitted={submitted} due={due} />)
    },
  )

  async function reviewPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    forms: { review?: FormState; closing?: FormState } = {},
    status = 200,
  ) {
    const p = await proofById(db, id)
    if (!p) return reply.errorPage(404)
    const b = await applicationBundle(db, p.proof.applicationId)
    if (!b) return reply.errorPage(404)
    const closing = await closingOf(db, b.app.id)
    const defaultUntil = addDays(berlinDay(), 30)
    const preview =
      p.proof.period === 'final' && p.proof.status === 'accepted' && !closing
        ? await closingPreview(db, b, defaultUntil)
        : null
    return reply.page(
      <ProofReviewPage
        ctx={request.pageContext()}
        b={b}
        p={p}
        closing={{
          closing,
          preview: preview
            ? {
                finalGrantCents: preview.finalGrantCents,
                repaymentCents: preview.repaymentCents,
                paidCents: preview.facts.paidCents,
              }
            : null,
          defaultUntil,
        }}
        form={forms.review ?? empty}
        closingForm={forms.closing ?? { values: { until: defaultUntil }, errors: {} }}
      />,
      status,
    )
  }

  const onProof = (permission: 'funding.review' | 'funding.propose' | 'funding.approve') => ({
    schema: { params: IdParams },
    preHandler: requirePermission(permission),
  })

  app.get(`${STAFF_PROOFS}/:id`, onProof('funding.review'), (request, reply) =>
    reviewPage(request, reply, request.params.id),
  )

  app.post(`${STAFF_PROOFS}/:id/pruefung`, onProof('funding.propose'), async (request, reply) => {
    const { id } = request.params
    const body = formFields(request.body)
    const parsed = parseForm(ReviewForm, body, request.t, REVIEW_MESSAGES)
    const money = parseMoneyFields(request, body, ['accepted'], ['accepted'])
    if (!parsed.ok || Object.keys(money.errors).length) {
      const errors = { ...money.errors, ...(parsed.ok ? {} : parsed.state.errors) }
      return reviewPage(request, reply, id, { review: { values: body, errors, unnamed: money.unnamed } }, 400)
    }
    const who = await fundingWhoOf(db, whoOf(request))
    const result = await reviewProof(deps, request.actor(), who, id, {
      checkKind: parsed.value.checkKind,
      findings: parsed.value.findings ?? '',
      acceptedCents: money.values.accepted ?? 0,
    })
    if (!result.ok) {
      if (isNotFound(result)) return reply.errorPage(404)
      return reviewPage(
        request,
        reply,
        id,
        { review: { values: body, errors: problems(request, result.problems) } },
        400,
      )
    }
    return reply.seeOther(staffProofPath(id), 'funding.proofStaff.reviewed')
  })

  /** A closing step on the proof's page: its answer, or the page again with the refusal. */
  async function closingStep(
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    values: Record<string, unknown>,
    run: (applicationId: string) => Promise<Outcome<void>>,
    done: 'funding.closing.hearingOpened' | 'funding.closing.issued' | 'funding.closing.recorded',
  ) {
    const { id } = request.params
    const p = await proofById(db, id)
    if (!p) return reply.errorPage(404)
    const result = await run(p.proof.applicationId)
    if (!result.ok) {
      if (isNotFound(result)) return reply.errorPage(404)
      return reviewPage(
        request,
        reply,
        id,
        { closing: { values, errors: problems(request, result.problems) } },
        400,
      )
    }
    return reply.seeOther(staffProofPath(id), done)
  }

  app.post(`${STAFF_PROOFS}/:id/anhoerung`, onProof('funding.propose'), async (request, reply) => {
    const body = formFields(request.body)
    const parsed = parseForm(HearingForm, body, request.t, HEARING_MESSAGES)
    if (!parsed.ok) return reviewPage(request, reply, request.params.id, { closing: parsed.state }, 400)
    const who = await fundingWhoOf(db, whoOf(request))
    return closingStep(
      request,
      reply,
      body,
      (appId) => openHearing(deps, request.actor(), who, appId, parsed.value),
      'funding.closing.hearingOpened',
    )
  })

  app.post(`${STAFF_PROOFS}/:id/schlussbescheid`, onProof('funding.approve'), async (request, reply) => {
    const body = formFields(request.body)
    const parsed = parseForm(NoticeForm, body, request.t)
    if (!parsed.ok) return reviewPage(request, reply, request.params.id, { closing: parsed.state }, 400)
    const who = await fundingWhoOf(db, whoOf(request))
    return closingStep(
      request,
      reply,
      body,
      (appId) =>
        issueFinalNotice(deps, request.actor(), who, appId, {
          hearingReply: parsed.value.hearingReply ?? '',
        }),
      'funding.closing.issued',
    )
  })

  app.post(`${STAFF_PROOFS}/:id/rueckzahlung`, onProof('funding.propose'), async (request, reply) => {
    const body = formFields(request.body)
    const parsed = parseForm(RepaymentForm, body, request.t, REPAYMENT_MESSAGES)
    const money = parseMoneyFields(request, body, ['amount'], ['amount'])
    if (!parsed.ok || Object.keys(money.errors).length) {
      const errors = { ...money.errors, ...(parsed.ok ? {} : parsed.state.errors) }
      return reviewPage(
        request,
        reply,
        request.params.id,
        { closing: { values: body, errors, unnamed: money.unnamed } },
        400,
      )
    }
    const who = await fundingWhoOf(db, whoOf(request))
    return closingStep(
      request,
      reply,
      body,
      (appId) =>
        recordRepayment(deps, request.actor(), who, appId, {
          amountCents: money.values.amount ?? 0,
          receivedOn: parsed.value.receivedOn,
        }),
      'funding.closing.recorded',
    )
  })
}

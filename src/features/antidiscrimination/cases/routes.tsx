import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { berlinDay } from '../../../platform/days'
import type { App, AppDeps } from '../../../platform/feature'
import { contentDisposition } from '../../../platform/files'
import { parseForm, problemErrors, withProblems } from '../../../platform/http/forms'
import { requirePermission } from '../../../platform/http/plugin'
import { IdParams, Uuid } from '../../../platform/ids'
import { whoOf } from '../../../platform/policy'
import type { FormState } from '../../../platform/ui/form'
import { listCentres, listDistricts } from '../network/find-network'
import { addCounsellorDocument, readAttachment } from './attachments'
import { addIntervention, saveCaseFile } from './case-file'
import { exportForClient, withdrawForClient } from './data-subject'
import { approveReveal, pendingReveals, requestReveal } from './identity'
import { answerReport, type CaseView, inboxOf, readReport, routeReport, unroutedReports } from './read-report'
import { referReport } from './refer-report'
import {
  CASE_FILE_MESSAGES,
  CaseFileForm,
  caseFileProblems,
  INTERVENTION_MESSAGES,
  InterventionForm,
  interventionProblems,
  REFER_MESSAGES,
  ReferForm,
  referralProblems,
} from './schema'
import { CasePage, CustodyPage, InboxPage, OfficePage } from './views'
import { CaseFilePage, caseFileValues } from './views-file'

const AttachmentParams = Type.Object({ id: Uuid(), attachmentId: Uuid() })
const AnswerForm = Type.Object({ body: Type.String({ minLength: 1, maxLength: 10_000 }) })
const RouteForm = Type.Object({ centreId: Type.String({ format: 'uuid' }) })
const WithdrawForm = Type.Object({ confirm: Type.Literal('on') })
const RevealForm = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1_000 }) })

/**
 * Counsellors (their centre's reports) and the network office (routing). Case pages are never
 * cached (the platform sends `private, no-store` to every signed-in person).
 */
export function casesRoutes(app: App, deps: AppDeps): void {
  const { db } = deps
  const counsel = { preHandler: requirePermission('antidisc.counsel') }
  const office = { preHandler: requirePermission('antidisc.network') }
  const custody = { preHandler: requirePermission('antidisc.custody') }

  const districtName = async (id: string) => (await listDistricts(db)).find((d) => d.id === id)?.name ?? ''
  const casePage = async (
    request: FastifyRequest,
    report: CaseView,
    forms: {
      answer?: FormState
      intervention?: FormState
      refer?: FormState
      withdraw?: FormState
      identity?: FormState
      document?: FormState
    } = {},
  ) => (
    <CasePage
      ctx={request.pageContext()}
      report={report}
      district={await districtName(report.districtId)}
      forms={forms}
      today={berlinDay()}
      otherCentres={(await listCentres(db)).filter((c) => c.id !== report.centreId)}
    />
  )
  const list = <T,>(v: T | readonly T[] | undefined): T[] =>
    v === undefined ? [] : Array.isArray(v) ? [...v] : [v as T]

  app.get('/beratung', counsel, async (request, reply) => {
    const { centreId, reports } = await inboxOf(db, request.user!.id)
    return reply.page(
      <InboxPage ctx={request.pageContext()} centreId={centreId} reports={reports} today={berlinDay()} />,
    )
  })

  app.get('/beratung/meldungen/:id', { ...counsel, schema: { params: IdParams } }, async (request, reply) => {
    const report = await readReport(deps, whoOf(request), request.actor(), request.params.id)
    if (!report) return reply.errorPage(404)
    return reply.page(await casePage(request, report))
  })

  app.get(
    '/beratung/meldungen/:id/anhaenge/:attachmentId',
    { ...counsel, schema: { params: AttachmentParams } },
    async (request, reply) => {
      const { id, attachmentId } = request.params
      const file = await readAttachment(deps, whoOf(request), request.actor(), id, attachmentId)
      if (!file) return reply.errorPage(404)
      return reply
        .header('content-type', file.mediaType)
        .header('content-disposition', contentDisposition(file.name))
        .header('cache-control', 'private, no-store')
        .send(file.bytes)
    },
  )

  app.get(
    '/beratung/meldungen/:id/akte',
    { ...counsel, schema: { params: IdParams } },
    async (request, reply) => {
      const report = await readReport(deps, whoOf(request), request.actor(), request.params.id)
      if (!report) return reply.errorPage(404)
      return reply.page(
        <CaseFilePage
          ctx={request.pageContext()}
          report={report}
          form={{ values: caseFileValues(report), errors: {} }}
        />,
      )
    },
  )

  app.post(
    '/beratung/meldungen/:id/akte',
    { ...counsel, schema: { params: IdParams } },
    async (request, reply) => {
      const who = whoOf(request)
      const parsed = parseForm(CaseFileForm, request.body, request.t, CASE_FILE_MESSAGES)
      const extra = caseFileProblems(parsed.ok ? parsed.value : parsed.state.values, berlinDay())
      const refused = async (state: FormState) => {
        const report = await readReport(deps, who, request.actor(), request.params.id)
        if (!report) return reply.errorPage(404)
        return reply.page(<CaseFilePage ctx={request.pageContext()} report={report} form={state} />, 400)
      }
      if (!parsed.ok || extra.length) {
        const base = parsed.ok ? { values: { ...parsed.value }, errors: {} } : parsed.state
        return refused(withProblems(base, extra, request.t))
      }
      const v = parsed.value
      const result = await saveCaseFile(deps, who, request.actor(), request.params.id, {
        ...v,
        grounds: list(v.grounds),
        forms: list(v.forms),
        intersectional: v.intersectional === 'on',
      })
      if (!result) return reply.errorPage(404)
      if (!result.ok)
        return refused(withProblems({ values: { ...v }, errors: {} }, result.problems, request.t))
      return reply.seeOther(`/beratung/meldungen/${request.params.id}`, 'antidisc.staff.file.saved')
    },
  )

  app.post(
    '/beratung/meldungen/:id/interventionen',
    { ...counsel, schema: { params: IdParams } },
    async (request, reply) => {
      const who = whoOf(request)
      const parsed = parseForm(InterventionForm, request.body, request.t, INTERVENTION_MESSAGES)
      const extra = interventionProblems(parsed.ok ? parsed.value : parsed.state.values, berlinDay())
      const refused = async (state: FormState) => {
        const report = await readReport(deps, who, request.actor(), request.params.id)
        if (!report) return reply.errorPage(404)
        return reply.page(await casePage(request, report, { intervention: state }), 400)
      }
      if (!parsed.ok || extra.length) {
        const base = parsed.ok ? { values: { ...parsed.value }, errors: {} } : parsed.state
        return refused(withProblems(base, extra, request.t))
      }
      const result = await addIntervention(deps, who, request.actor(), request.params.id, parsed.value)
      if (!result) return reply.errorPage(404)
      if (!result.ok)
        return refused(withProblems({ values: { ...parsed.value }, errors: {} }, result.problems, request.t))
      return reply.seeOther(`/beratung/meldungen/${request.params.id}`, 'antidisc.staff.intervention.added')
    },
  )

  app.post(
    '/beratung/meldungen/:id/antwort',
    { ...counsel, schema: { params: IdParams } },
    async (request, reply) => {
      const who = whoOf(request)
      const parsed = parseForm(AnswerForm, request.body, request.t, {
        body: 'antidisc.staff.case.error.body',
      })
      if (!parsed.ok) {
        const report = await readReport(deps, who, request.actor(), request.params.id)
        if (!report) return reply.errorPage(404)
        return reply.page(await casePage(request, report, { answer: parsed.state }), 400)
      }
      const result = await answerReport(deps, who, request.actor(), request.params.id, parsed.value.body)
      if (!result) return reply.errorPage(404)
      return reply.seeOther(`/beratung/meldungen/${request.params.id}`, 'antidisc.staff.case.sent')
    },
  )

  app.post(
    '/beratung/meldungen/:id/weiterleiten',
    { ...counsel, schema: { params: IdParams } },
    async (request, reply) => {
      const who = whoOf(request)
      const parsed = parseForm(ReferForm, request.body, request.t, REFER_MESSAGES)
      const extra = referralProblems(parsed.ok ? parsed.value : parsed.state.values, berlinDay())
      const refused = async (state: FormState) => {
        const report = await readReport(deps, who, request.actor(), request.params.id)
        if (!report) return reply.errorPage(404)
        return reply.page(await casePage(request, report, { refer: state }), 400)
      }
      if (!parsed.ok || extra.length) {
        const base = parsed.ok ? { values: { ...parsed.value }, errors: {} } : parsed.state
        return refused(withProblems(base, extra, request.t))
      }
      const result = await referReport(deps, who, request.actor(), request.params.id, parsed.value)
      if (!result) return reply.errorPage(404)
      if (!result.ok)
        return refused(withProblems({ values: { ...parsed.value }, errors: {} }, result.problems, request.t))
      // The report is the other centre's now: back to the list, where it is no longer.
      return reply.seeOther('/beratung', 'antidisc.staff.refer.done')
    },
  )

  const officePage = async (request: FastifyRequest, forms: Record<string, FormState> = {}) => {
    const [reports, centres] = await Promise.all([unroutedReports(db), listCentres(db)])
    return <OfficePage ctx={request.pageContext()} reports={reports} centres={centres} forms={forms} />
  }

  app.get('/beratung/verteilen', office, async (request, reply) => reply.page(await officePage(request)))

  app.post('/beratung/verteilen/:id', { ...office, schema: { params: IdParams } }, async (request, reply) => {
    const parsed = parseForm(RouteForm, request.body, request.t, { centreId: 'antidisc.staff.route.centre' })
    if (!parsed.ok) return reply.page(await officePage(request, { [request.params.id]: parsed.state }), 400)
    const result = await routeReport(deps, whoOf(request), request.actor(), {
      reportId: request.params.id,
      centreId: parsed.value.centreId,
    })
    if (!result) return reply.errorPage(404)
    if (!result.ok)
      return reply.page(
        await officePage(request, {
          [request.params.id]: withProblems({ values: parsed.value, errors: {} }, result.problems, request.t),
        }),
        400,
      )
    return reply.seeOther('/beratung/verteilen', 'antidisc.staff.office.routed')
  })

  app.post(
    '/beratung/meldungen/:id/export',
    { ...counsel, schema: { params: IdParams } },
    async (request, reply) => {
      const file = await exportForClient(deps, whoOf(request), request.actor(), request.params.id)
      if (!file) return reply.errorPage(404)
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', contentDisposition(file.fileName))
        .header('cache-control', 'private, no-store')
        .send(file.json)
    },
  )

  app.post(
    '/beratung/meldungen/:id/loeschen',
    { ...counsel, schema: { params: IdParams } },
    async (request, reply) => {
      const who = whoOf(request)
      const parsed = parseForm(WithdrawForm, request.body, request.t, {
        confirm: 'antidisc.staff.subject.withdraw.error',
      })
      if (!parsed.ok) {
        const report = await readReport(deps, who, request.actor(), request.params.id)
        if (!report) return reply.errorPage(404)
        return reply.page(await casePage(request, report, { withdraw: parsed.state }), 400)
      }
      const done = await withdrawForClient(deps, who, request.actor(), request.params.id)
      if (done === null) return reply.errorPage(404)
      return reply.seeOther('/beratung', 'antidisc.staff.subject.withdraw.done')
    },
  )

  app.post(
    '/beratung/meldungen/:id/identitaet',
    { ...counsel, schema: { params: IdParams } },
    async (request, reply) => {
      const who = whoOf(request)
      const parsed = parseForm(RevealForm, request.body, request.t, {
        reason: 'antidisc.staff.identity.error.reason',
      })
      const refused = async (state: FormState) => {
        const report = await readReport(deps, who, request.actor(), request.params.id)
        if (!report) return reply.errorPage(404)
        return reply.page(await casePage(request, report, { identity: state }), 400)
      }
      if (!parsed.ok) return refused(parsed.state)
      const result = await requestReveal(deps, who, request.actor(), request.params.id, parsed.value.reason)
      if (!result) return reply.errorPage(404)
      if (!result.ok)
        return refused(withProblems({ values: { ...parsed.value }, errors: {} }, result.problems, request.t))
      return reply.seeOther(`/beratung/meldungen/${request.params.id}`, 'antidisc.staff.identity.sent')
    },
  )

  const custodyPage = async (request: FastifyRequest, form?: FormState) => (
    <CustodyPage
      ctx={request.pageContext()}
      requests={await pendingReveals(deps, whoOf(request), request.actor())}
      centres={await listCentres(db)}
      {...(form ? { form } : {})}
    />
  )

  app.get('/beratung/freigaben', custody, async (request, reply) => reply.page(await custodyPage(request)))

  app.post(
    '/beratung/freigaben/:id',
    { ...custody, schema: { params: IdParams } },
    async (request, reply) => {
      const result = await approveReveal(deps, whoOf(request), request.actor(), request.params.id)
      if (!result) return reply.errorPage(404)
      if (!result.ok)
        return reply.page(
          await custodyPage(request, withProblems({ values: {}, errors: {} }, result.problems, request.t)),
          400,
        )
      return reply.seeOther('/beratung/freigaben', 'antidisc.staff.custody.approved')
    },
  )

  app.post(
    '/beratung/meldungen/:id/dokumente',
    { ...counsel, schema: { params: IdParams }, config: { upload: true } },
    async (request, reply) => {
      const body = await request.readUpload(reply)
      if (!body) return reply
      const who = whoOf(request)
      const result = await addCounsellorDocument(
        deps,
        who,
        request.actor(),
        request.params.id,
        body.files.attachment,
      )
      if (!result) return reply.errorPage(404)
      if (!result.ok) {
        const report = await readReport(deps, who, request.actor(), request.params.id)
        if (!report) return reply.errorPage(404)
        return reply.page(
          await casePage(request, report, {
            document: { values: {}, errors: problemErrors(request.t, result.problems) },
          }),
          body.tooLarge ? 413 : 400,
        )
      }
      return reply.seeOther(`/beratung/meldungen/${request.params.id}`, 'antidisc.staff.document.added')
    },
  )
}

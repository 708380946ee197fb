import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { App, AppDeps } from '../../../platform/feature'
import { parseForm, withProblems } from '../../../platform/http/forms'
import { requirePermission } from '../../../platform/http/plugin'
import { IdParams } from '../../../platform/ids'
import { whoOf } from '../../../platform/policy'
import type { FormState } from '../../../platform/ui/form'
import { listCentres, listDistricts } from '../network/find-network'
import { answerReport, inboxOf, readReport, routeReport, unroutedReports } from './read-report'
import { CasePage, InboxPage, OfficePage } from './views'

const AnswerForm = Type.Object({ body: Type.String({ minLength: 1, maxLength: 10_000 }) })
const RouteForm = Type.Object({ centreId: Type.String({ format: 'uuid' }) })

/**
 * Counsellors (their centre's reports) and the network office (routing). Case pages are never
 * cached (the platform sends `private, no-store` to every signed-in person).
 */
export function casesRoutes(app: App, deps: AppDeps): void {
  const { db } = deps
  const counsel = { preHandler: requirePermission('antidisc.counsel') }
  const office = { preHandler: requirePermission('antidisc.network') }
  const emptyForm: FormState = { values: {}, errors: {} }

  const districtName = async (id: string) => (await listDistricts(db)).find((d) => d.id === id)?.name ?? ''

  app.get('/beratung', counsel, async (request, reply) => {
    const { centreId, reports } = await inboxOf(db, request.user!.id)
    return reply.page(<InboxPage ctx={request.pageContext()} centreId={centreId} reports={reports} />)
  })

  app.get('/beratung/meldungen/:id', { ...counsel, schema: { params: IdParams } }, async (request, reply) => {
    const report = await readReport(deps, whoOf(request), request.actor(), request.params.id)
    if (!report) return reply.errorPage(404)
    return reply.page(
      <CasePage
        ctx={request.pageContext()}
        report={report}
        district={await districtName(report.districtId)}
        form={emptyForm}
      />,
    )
  })

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
        return reply.page(
          <CasePage
            ctx={request.pageContext()}
            report={report}
            district={await districtName(report.districtId)}
            form={parsed.state}
          />,
          400,
        )
      }
      const result = await answerReport(deps, who, request.actor(), request.params.id, parsed.value.body)
      if (!result) return reply.errorPage(404)
      return reply.seeOther(`/beratung/meldungen/${request.params.id}`, 'antidisc.staff.case.sent')
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
}

import type { FastifyReply, FastifyRequest } from 'fastify'
import { berlinDay } from '../../../platform/days'
import type { App, AppDeps } from '../../../platform/feature'
import { parseForm } from '../../../platform/http/forms'
import { type ApplicationBundle, applicationBundle } from '../queries'
import type { RuleProblem } from '../rules'
import { SubmitForm } from '../schema'
import { errorsByStep, problemsToErrors } from '../views/parts'
import { renderApplicationPdf } from './application-pdf'
import { OWN_APPLICATION, ownApplication } from './own-application'
import { editable } from './save-application'
import { submissionDeclaration } from './submission'
import { checkComplete, submitApplication } from './submit-application'
import { CheckAnswersPage } from './views/check-answers'

/**
 * Check your answers (/foerderung/antraege/:id/pruefen): before submission every answer with a way
 * back to its step, what is missing and the line's declaration; submitting posts from here. After
 * submission the same page is the read-only application, with its printable copy (antrag.pdf).
 */
export function checkAnswersRoutes(app: App, deps: AppDeps): void {
  const { db } = deps
  const own = OWN_APPLICATION

  const page = (
    request: FastifyRequest,
    reply: FastifyReply,
    b: ApplicationBundle,
    form: { values: Record<string, unknown>; errors: Record<string, string> },
    status = 200,
  ) => {
    const missing: RuleProblem[] = editable(b) ? checkComplete(b, berlinDay()) : []
    const messages = Object.values(problemsToErrors(missing, request.t, request.locale))
    return reply
      .header('cache-control', 'private, no-store')
      .page(
        <CheckAnswersPage
          ctx={request.pageContext()}
          b={b}
          form={form}
          declaration={submissionDeclaration(b)}
          missing={messages}
        />,
        status,
      )
  }

  app.get('/foerderung/antraege/:id/pruefen', own, async (request, reply) => {
    const b = await ownApplication(db, request, reply, request.params.id)
    if (!b) return reply
    return page(request, reply, b, { values: {}, errors: {} })
  })

  app.post('/foerderung/antraege/:id/einreichen', own, async (request, reply) => {
    const b = await ownApplication(db, request, reply, request.params.id)
    if (!b) return reply
    const parsed = parseForm(SubmitForm, request.body, request.t)
    const replyText = parsed.ok ? parsed.value.reply : undefined
    const result = await submitApplication(deps, request.actor(), b.app.id, {
      reply: replyText,
      declared: parsed.ok && parsed.value.declaration === 'on',
    })
    if (!result.ok) {
      const fresh = (await applicationBundle(db, b.app.id))!
      const errors = errorsByStep(problemsToErrors(result.problems, request.t, request.locale))
      return page(request, reply, fresh, { values: { reply: replyText }, errors }, 400)
    }
    return reply.seeOther(`/foerderung/antraege/${b.app.id}/pruefen`, 'funding.app.submitted')
  })

  app.get('/foerderung/antraege/:id/antrag.pdf', own, async (request, reply) => {
    const b = await ownApplication(db, request, reply, request.params.id)
    if (!b) return reply
    if (!b.app.fileNumber) return reply.errorPage(404)
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="Antrag-${b.app.fileNumber}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(await renderApplicationPdf(b))
  })
}

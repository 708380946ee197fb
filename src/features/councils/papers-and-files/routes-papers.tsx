import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, AppDeps } from '../../../platform/feature'
import { type FieldMessages, parseForm } from '../../../platform/http/forms'
import type { FormState } from '../../../platform/ui/form'
import { councilsActorOfRequest, readsNonPublicOn } from '../actor'
import { agahBodies, listCouncils } from '../bodies-and-members/find-councils'
import { managesCouncil } from '../policies'
import { onWholeForm, refusedForm } from '../refusals'
import { ConfirmForm, IdParams, PaperForm } from '../schema'
import { guardStaff, requireCouncilStaff, withRecord } from '../staff-guard'
import { paperById, paperContext, paperIsPublic, relatablePapers } from './find-papers'
import { filesOf } from './manage-files'
import { paperDecided, updatePaper, withdrawPaper } from './manage-papers'
import { PaperPage } from './views/paper'
import { PaperStaffPage } from './views/paper-staff'

const WITHDRAW_MESSAGES: FieldMessages = { confirm: 'councils.papers.withdrawConfirmRequired' }

/**
 * The public paper page, and the staff screen of a paper: change its title, text, kind and submitter
 * before it is decided, or withdraw a motion. agah_office for every body, council_secretary for their
 * council's papers.
 */
export function papersRoutes(app: App, deps: AppDeps): void {
  const db = deps.db

  /** The public paper page; a paper only on non-public agenda items is for members and staff only. */
  app.get('/vorlagen/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const row = await paperById(db, request.params.id)
    if (!row) return reply.errorPage(404)
    const actor = await councilsActorOfRequest(db, request)
    const canSee = await readsNonPublicOn(db, actor, row.council.id, new Date(`${row.paper.date}T12:00:00Z`))
    if (!canSee && !(await paperIsPublic(db, row.paper))) return reply.errorPage(404)
    const { related, consultations, resolutions } = await paperContext(db, row.paper)
    return reply.page(
      <PaperPage
        ctx={request.pageContext()}
        paper={row.paper}
        council={row.council}
        related={related}
        consultations={consultations.filter((c) => canSee || c.public)}
        resolutions={resolutions}
        files={await filesOf(db, { paperId: row.paper.id })}
        canManage={managesCouncil(actor, row.council.id)}
      />,
    )
  })

  const paperForStaff = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const row = await paperById(db, request.params.id)
    return guardStaff(deps, request, reply, row, (r) => r.council.id)
  }

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof paperForStaff>>>,
    forms: { form?: FormState; withdrawForm?: FormState } = {},
    status = 200,
  ) => {
    const { paper, council } = found
    const locked =
      paper.kind === 'resolution'
        ? 'councils.error.resolutionFinal'
        : paper.withdrawnAt
          ? 'councils.error.paperWithdrawn'
          : (await paperDecided(db, paper.id))
            ? 'councils.error.paperDecided'
            : null
    const related = await relatablePapers(db, council.id, paper.id)
    const { plenary, board } = await agahBodies(db)
    const submitters = [
      ...(await listCouncils(db)).map((c) => ({ id: c.id, name: c.name })),
      ...[plenary, board].filter((c) => !!c).map((c) => ({ id: c.id, name: c.name })),
    ]
    return reply.page(
      <PaperStaffPage
        ctx={request.pageContext()}
        paper={paper}
        council={council}
        locked={locked}
        related={related}
        submitters={submitters}
        form={forms.form}
        withdrawForm={forms.withdrawForm}
      />,
      status,
    )
  }

  app.get(
    '/verwaltung/vorlagen/:id',
    { schema: { params: IdParams }, preHandler: requireCouncilStaff },
    withRecord(paperForStaff, async (request, reply, found) => {
      return page(request, reply, found)
    }),
  )

  app.post(
    '/verwaltung/vorlagen/:id',
    { schema: { params: IdParams }, preHandler: requireCouncilStaff },
    withRecord(paperForStaff, async (request, reply, found) => {
      const parsed = parseForm(PaperForm, request.body, request.t)
      if (!parsed.ok) return page(request, reply, found, { form: parsed.state }, 400)
      const v = parsed.value
      const result = await updatePaper(db, request.actor(), found.paper.id, {
        kind: v.kind,
        title: v.title,
        body: v.body ?? null,
        submittedByCouncilId: v.submittedByCouncilId ?? null,
        submittedByText: v.submittedBy ?? null,
        relatedPaperId: v.relatedPaperId ?? null,
      })
      if (!result.ok) {
        const form = refusedForm(request.t, v, result)
        return page(request, reply, found, { form }, 400)
      }
      return reply.seeOther(`/vorlagen/${found.paper.id}`, 'councils.papers.saved')
    }),
  )

  app.post(
    '/verwaltung/vorlagen/:id/zurueckziehen',
    { schema: { params: IdParams }, preHandler: requireCouncilStaff },
    withRecord(paperForStaff, async (request, reply, found) => {
      const parsed = parseForm(ConfirmForm, request.body, request.t, WITHDRAW_MESSAGES)
      if (!parsed.ok) return page(request, reply, found, { withdrawForm: parsed.state }, 400)
      const result = await withdrawPaper(db, request.actor(), found.paper.id)
      if (!result.ok) {
        const withdrawForm = refusedForm(request.t, {}, onWholeForm(result))
        return page(request, reply, found, { withdrawForm }, 400)
      }
      return reply.seeOther(`/vorlagen/${found.paper.id}`, 'councils.papers.withdrawn')
    }),
  )
}

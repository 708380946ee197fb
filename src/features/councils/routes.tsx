import { and, eq } from 'drizzle-orm'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, AppDeps } from '../../platform/feature'
import { parseForm, withErrors } from '../../platform/http/forms'
import { requirePermission } from '../../platform/http/plugin'
import { emptyForm, type FormState } from '../../platform/ui/form'
import { addMemberWithPerson } from './add-member'
import {
  agahBodies,
  agahMemberCouncils,
  councilById,
  listCouncils,
  meetingsOf,
  membersOn,
  stateSeats,
  termsOf,
} from './find-councils'
import { updateCouncilSettings } from './manage-councils'
import { DirectoryQuery, IdParams, MemberForm, SettingsForm } from './schema'
import { councilStaff } from './tables'
import { AgahPage, CouncilDirectoryPage, CouncilPage } from './views/public'
import { CouncilStaffPage } from './views/staff'

/** agah_office manages every body; a council_secretary only the council linked to their account. */
export async function canManageCouncil(deps: AppDeps, request: FastifyRequest, councilId: string) {
  if (request.can('councils.manage')) return true
  if (!request.user || !request.can('councils.manageOwn')) return false
  const [row] = await deps.db
    .select()
    .from(councilStaff)
    .where(and(eq(councilStaff.userId, request.user.id), eq(councilStaff.councilId, councilId)))
  return !!row
}

/** Signed in with any council-managing permission (the body-level check follows). */
export const requireCouncilStaff = async (request: FastifyRequest, reply: FastifyReply) => {
  if (request.user && !request.can('councils.manage') && !request.can('councils.manageOwn'))
    return reply.errorPage(403)
  return requirePermission(request.can('councils.manage') ? 'councils.manage' : 'councils.manageOwn')(
    request,
    reply,
  )
}

export function councilsRoutes(app: App, deps: AppDeps): void {
  app.get('/beiraete', async (request, reply) => {
    const ctx = request.pageContext()
    const parsed = parseForm(DirectoryQuery, request.query, request.t)
    if (!parsed.ok) return reply.page(<CouncilDirectoryPage ctx={ctx} form={parsed.state} rows={[]} />, 400)
    const rows = await listCouncils(deps.db, parsed.value.q)
    return reply.page(
      <CouncilDirectoryPage ctx={ctx} form={{ values: parsed.value, errors: {} }} rows={rows} />,
    )
  })

  app.get('/beiraete/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const found = await councilById(deps.db, request.params.id)
    if (!found || found.council.kind === 'agah' || found.council.kind === 'agah_board')
      return reply.errorPage(404)
    // Sequential on purpose: one pooled connection per request.
    const terms = await termsOf(deps.db, found.council.id)
    const members = await membersOn(deps.db, found.council.id)
    const meetings = await meetingsOf(deps.db, found.council.id)
    return reply.page(
      <CouncilPage
        ctx={request.pageContext()}
        council={found.council}
        place={found.place}
        districtName={found.districtName}
        terms={terms}
        members={members}
        meetings={meetings}
      />,
    )
  })

  app.get('/agah', async (request, reply) => {
    const bodies = await agahBodies(deps.db)
    const board = bodies.board ? await membersOn(deps.db, bodies.board.id) : []
    const delegates = bodies.plenary ? await membersOn(deps.db, bodies.plenary.id) : []
    const memberCouncils = await agahMemberCouncils(deps.db)
    const seats = await stateSeats(deps.db)
    const meetings = bodies.plenary ? await meetingsOf(deps.db, bodies.plenary.id) : []
    return reply.page(
      <AgahPage
        ctx={request.pageContext()}
        bodies={bodies}
        board={board}
        delegates={delegates}
        memberCount={memberCouncils.length}
        seats={seats}
        meetings={meetings}
      />,
    )
  })

  const staffPage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    form: FormState,
    status = 200,
    settingsForm?: FormState,
  ) => {
    const found = await councilById(deps.db, request.params.id)
    if (!found) return reply.errorPage(404)
    if (!(await canManageCouncil(deps, request, found.council.id))) return reply.errorPage(403)
    const members = await membersOn(deps.db, found.council.id)
    const councilOptions = await listCouncils(deps.db)
    return reply.page(
      <CouncilStaffPage
        ctx={request.pageContext()}
        council={found.council}
        members={members}
        councils={councilOptions}
        form={form}
        settingsForm={settingsForm}
      />,
      status,
    )
  }

  app.get(
    '/verwaltung/beiraete/:id',
    { schema: { params: IdParams }, preHandler: requireCouncilStaff },
    async (request, reply) => staffPage(request, reply, emptyForm),
  )

  app.post(
    '/verwaltung/beiraete/:id/mitglieder',
    { schema: { params: IdParams }, preHandler: requireCouncilStaff },
    async (request, reply) => {
      const found = await councilById(deps.db, request.params.id)
      if (!found) return reply.errorPage(404)
      if (!(await canManageCouncil(deps, request, found.council.id))) return reply.errorPage(403)
      const parsed = parseForm(MemberForm, request.body, request.t)
      if (!parsed.ok) return staffPage(request, reply, parsed.state, 400)
      const result = await addMemberWithPerson(deps.db, request.actor(), {
        ...parsed.value,
        councilId: found.council.id,
      })
      if (!result.ok) {
        const values = parsed.value as Record<string, unknown>
        return staffPage(
          request,
          reply,
          withErrors(values, { [result.field ?? '_form']: request.t(result.error) }),
          400,
        )
      }
      return reply.seeOther(`/verwaltung/beiraete/${found.council.id}`, 'councils.staff.memberAdded')
    },
  )

  app.post(
    '/verwaltung/beiraete/:id/einstellungen',
    { schema: { params: IdParams }, preHandler: requirePermission('councils.manage') },
    async (request, reply) => {
      const found = await councilById(deps.db, request.params.id)
      if (found?.council.kind !== 'agah') return reply.errorPage(404)
      const parsed = parseForm(SettingsForm, request.body, request.t)
      if (!parsed.ok) return staffPage(request, reply, emptyForm, 400, parsed.state)
      const result = await updateCouncilSettings(deps.db, request.actor(), found.council.id, parsed.value)
      if (!result.ok)
        return staffPage(
          request,
          reply,
          emptyForm,
          400,
          withErrors(parsed.value, { [result.field ?? '_form']: request.t(result.error) }),
        )
      return reply.seeOther(`/verwaltung/beiraete/${found.council.id}`, 'councils.settings.saved')
    },
  )
}

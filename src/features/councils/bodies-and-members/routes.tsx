import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, AppDeps } from '../../../platform/feature'
import { parseForm } from '../../../platform/http/forms'
import { requirePermission } from '../../../platform/http/plugin'
import { emptyForm, type FormState } from '../../../platform/ui/form'
import { integrationConference } from '../conference'
import { refusedForm } from '../refusals'
import { DirectoryQuery, IdParams, MemberForm, SettingsForm } from '../schema'
import { councilForStaff, requireCouncilStaff, staffCouncil, withRecord } from '../staff-guard'
import { addMemberWithPerson } from './add-member'
import {
  agahBodies,
  councilById,
  listCouncils,
  meetingsOf,
  membershipsOf,
  membersOn,
  organisationOptions,
  termsOf,
} from './find-councils'
import { updateCouncilSettings } from './manage-councils'
import { PEOPLE_FIELD_MESSAGES } from './routes-people'
import { CouncilDirectoryPage, CouncilPage } from './views/public'
import { COUNCIL_SECTIONS, type CouncilSection, CouncilStaffPage, hasCouncilSection } from './views/staff'

export { canManageCouncil, requireCouncilStaff } from '../staff-guard'

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
    return councilPage(request, reply, found)
  })

  // The integration conference's own address (decision 0005): the same body page.
  app.get('/integrationskonferenz', async (request, reply) => {
    const conference = await integrationConference(deps.db)
    const found = conference ? await councilById(deps.db, conference.id) : null
    if (!found) return reply.errorPage(404)
    return councilPage(request, reply, found)
  })

  const councilPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof councilById>>>,
  ) => {
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
  }

  const staffPage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    form: FormState,
    status = 200,
    settingsForm?: FormState,
    section: CouncilSection = settingsForm ? 'settings' : form === emptyForm ? 'overview' : 'newMember',
  ) => {
    const found = await councilForStaff(deps, request, reply, request.params.id)
    if (!found) return reply
    if (!hasCouncilSection(request.pageContext(), found.council, section)) return reply.errorPage(404)
    const terms = await termsOf(deps.db, found.council.id)
    const memberships = await membershipsOf(deps.db, found.council.id)
    const councilOptions = await listCouncils(deps.db)
    const agah = found.council.kind.startsWith('agah') ? await agahBodies(deps.db) : null
    const organisations =
      found.council.kind === 'integrationskonferenz' ? await organisationOptions(deps.db) : []
    return reply.page(
      <CouncilStaffPage
        ctx={request.pageContext()}
        section={section}
        council={found.council}
        terms={terms}
        memberships={memberships}
        councils={councilOptions}
        form={form}
        settingsForm={settingsForm}
        agah={agah}
        organisations={organisations}
      />,
      status,
    )
  }

  // The overview at the body's address, the new-member form and the agah settings on sub-pages.
  for (const section of Object.keys(COUNCIL_SECTIONS) as CouncilSection[]) {
    const path = COUNCIL_SECTIONS[section]
    app.get(
      `/verwaltung/beiraete/:id${path ? `/${path}` : ''}`,
      {
        schema: { params: IdParams },
        // The agah's settings are the agah office's (as their POST), the rest the body's staff's.
        preHandler: section === 'settings' ? requirePermission('councils.manage') : requireCouncilStaff,
      },
      async (request, reply) => staffPage(request, reply, emptyForm, 200, undefined, section),
    )
  }

  app.post(
    '/verwaltung/beiraete/:id/mitglieder',
    { schema: { params: IdParams }, preHandler: requireCouncilStaff },
    withRecord(staffCouncil(deps), async (request, reply, found) => {
      const parsed = parseForm(MemberForm, request.body, request.t, PEOPLE_FIELD_MESSAGES)
      if (!parsed.ok) return staffPage(request, reply, parsed.state, 400)
      const { consent, ...member } = parsed.value
      const result = await addMemberWithPerson(deps.db, request.actor(), {
        ...member,
        publicContactConsent: consent === 'on',
        councilId: found.council.id,
      })
      if (!result.ok) {
        const values = parsed.value as Record<string, unknown>
        return staffPage(request, reply, refusedForm(request.t, values, result), 400)
      }
      return reply.seeOther(`/verwaltung/beiraete/${found.council.id}`, 'councils.staff.memberAdded')
    }),
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
        return staffPage(request, reply, emptyForm, 400, refusedForm(request.t, parsed.value, result))
      return reply.seeOther(`/verwaltung/beiraete/${found.council.id}`, 'councils.settings.saved')
    },
  )
}

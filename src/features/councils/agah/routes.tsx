import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, AppDeps } from '../../../platform/feature'
import { parseForm } from '../../../platform/http/forms'
import { requirePermission } from '../../../platform/http/plugin'
import { emptyForm, type FormState } from '../../../platform/ui/form'
import {
  assignCouncilStaff,
  councilStaffAccounts,
  unlinkCouncilStaff,
} from '../bodies-and-members/assign-council-staff'
import { agahBodies, listCouncils, meetingsOf, membersOn } from '../bodies-and-members/find-councils'
import { refusedForm } from '../refusals'
import {
  DelegateLinkForm,
  EndMembershipForm,
  SeatParams,
  SecretaryLinkForm,
  StateSeatForm,
  UnlinkForm,
} from '../schema'
import { withRecord } from '../staff-guard'
import {
  agahMemberCouncils,
  agahPeople,
  councilPeople,
  staffSeatList,
  stateSeatById,
  stateSeats,
} from './find-agah'
import { createStateSeat, endStateSeat, type StateSeatInput, updateStateSeat } from './manage-state-seats'
import { AgahPage } from './views/public'
import { type AccountForms, StaffAccountsPage, StateSeatPage, StateSeatsPage } from './views/staff'

const manage = { preHandler: requirePermission('councils.manage') }

function seatInput(v: {
  bodyName: string
  seat: string
  personId?: string | undefined
  startsOn: string
  endsOn?: string | undefined
}): StateSeatInput {
  return {
    bodyName: v.bodyName,
    seat: v.seat,
    personId: v.personId ?? null,
    startsOn: v.startsOn,
    endsOn: v.endsOn ?? null,
  }
}

/**
 * The public agah page, and the agah office's screens: the agah's seats in state bodies (create,
 * change, end) and the staff accounts of the councils (which council a secretary manages, which
 * person a delegate account is).
 */
export function agahRoutes(app: App, deps: AppDeps): void {
  const db = deps.db

  // ── The public agah page ─────────────────────────────────────────────────

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

  // ── Seats in state bodies ────────────────────────────────────────────────

  const seatsPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const seats = await staffSeatList(db)
    return reply.page(
      <StateSeatsPage ctx={request.pageContext()} seats={seats} people={await agahPeople(db)} form={form} />,
      status,
    )
  }

  app.get('/verwaltung/agah/sitze', manage, async (request, reply) => seatsPage(request, reply, emptyForm))

  app.post('/verwaltung/agah/sitze', manage, async (request, reply) => {
    const parsed = parseForm(StateSeatForm, request.body, request.t)
    if (!parsed.ok) return seatsPage(request, reply, parsed.state, 400)
    const result = await createStateSeat(db, request.actor(), seatInput(parsed.value))
    if (!result.ok) return seatsPage(request, reply, refusedForm(request.t, parsed.value, result), 400)
    return reply.seeOther('/verwaltung/agah/sitze', 'councils.seats.saved')
  })

  /** The state seat `:seatId`, or a 404 page (a loader for `withRecord`). */
  const seatOr404 = async (request: FastifyRequest<{ Params: { seatId: string } }>, reply: FastifyReply) => {
    const seat = await stateSeatById(db, request.params.seatId)
    if (!seat) reply.errorPage(404)
    return seat
  }

  app.get(
    '/verwaltung/agah/sitze/:seatId',
    { schema: { params: SeatParams }, ...manage },
    withRecord(seatOr404, async (request, reply, seat) => {
      return reply.page(
        <StateSeatPage ctx={request.pageContext()} seat={seat} people={await agahPeople(db)} />,
      )
    }),
  )

  app.post(
    '/verwaltung/agah/sitze/:seatId',
    { schema: { params: SeatParams }, ...manage },
    withRecord(seatOr404, async (request, reply, seat) => {
      const page = async (form: FormState) =>
        reply.page(
          <StateSeatPage ctx={request.pageContext()} seat={seat} people={await agahPeople(db)} form={form} />,
          400,
        )
      const parsed = parseForm(StateSeatForm, request.body, request.t)
      if (!parsed.ok) return page(parsed.state)
      const result = await updateStateSeat(db, request.actor(), seat.id, seatInput(parsed.value))
      if (!result.ok) return page(refusedForm(request.t, parsed.value, result))
      return reply.seeOther('/verwaltung/agah/sitze', 'councils.seats.saved')
    }),
  )

  app.post(
    '/verwaltung/agah/sitze/:seatId/beenden',
    { schema: { params: SeatParams }, ...manage },
    withRecord(seatOr404, async (request, reply, seat) => {
      const page = async (endForm: FormState) =>
        reply.page(
          <StateSeatPage
            ctx={request.pageContext()}
            seat={seat}
            people={await agahPeople(db)}
            endForm={endForm}
          />,
          400,
        )
      const parsed = parseForm(EndMembershipForm, request.body, request.t)
      if (!parsed.ok) return page(parsed.state)
      const result = await endStateSeat(db, request.actor(), seat.id, parsed.value.lastDay)
      if (!result.ok) return page(refusedForm(request.t, parsed.value, result))
      return reply.seeOther('/verwaltung/agah/sitze', 'councils.seats.ended')
    }),
  )

  // ── Staff accounts ───────────────────────────────────────────────────────

  const accountsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    forms: Partial<AccountForms> = {},
    status = 200,
  ) => {
    const accounts = await councilStaffAccounts(db)
    const all = await listCouncils(db)
    const { plenary, board } = await agahBodies(db)
    const bodies = [
      ...(plenary ? [{ id: plenary.id, name: plenary.name }] : []),
      ...(board ? [{ id: board.id, name: board.name }] : []),
      ...all.map((c) => ({ id: c.id, name: c.name })),
    ]
    return reply.page(
      <StaffAccountsPage
        ctx={request.pageContext()}
        accounts={accounts}
        councils={bodies}
        people={await councilPeople(db)}
        forms={forms}
      />,
      status,
    )
  }

  app.get('/verwaltung/agah/konten', manage, async (request, reply) => accountsPage(request, reply))

  app.post('/verwaltung/agah/konten/sekretariat', manage, async (request, reply) => {
    const parsed = parseForm(SecretaryLinkForm, request.body, request.t)
    if (!parsed.ok) return accountsPage(request, reply, { secretary: parsed.state }, 400)
    const result = await assignCouncilStaff(db, request.actor(), {
      email: parsed.value.secretaryEmail,
      councilId: parsed.value.councilId,
    })
    if (!result.ok)
      return accountsPage(
        request,
        reply,
        { secretary: refusedForm(request.t, parsed.value, result, { email: 'secretaryEmail' }) },
        400,
      )
    return reply.seeOther('/verwaltung/agah/konten', 'councils.accounts.saved')
  })

  app.post('/verwaltung/agah/konten/delegierte', manage, async (request, reply) => {
    const parsed = parseForm(DelegateLinkForm, request.body, request.t)
    if (!parsed.ok) return accountsPage(request, reply, { delegate: parsed.state }, 400)
    const result = await assignCouncilStaff(db, request.actor(), {
      email: parsed.value.delegateEmail,
      personId: parsed.value.personId,
    })
    if (!result.ok)
      return accountsPage(
        request,
        reply,
        { delegate: refusedForm(request.t, parsed.value, result, { email: 'delegateEmail' }) },
        400,
      )
    return reply.seeOther('/verwaltung/agah/konten', 'councils.accounts.saved')
  })

  app.post('/verwaltung/agah/konten/loesen', manage, async (request, reply) => {
    const parsed = parseForm(UnlinkForm, request.body, request.t)
    if (!parsed.ok) return accountsPage(request, reply, { unlink: parsed.state }, 400)
    const result = await unlinkCouncilStaff(db, request.actor(), parsed.value.userId)
    if (!result.ok) return accountsPage(request, reply, { unlink: refusedForm(request.t, {}, result) }, 400)
    return reply.seeOther('/verwaltung/agah/konten', 'councils.accounts.unlinked')
  })
}

import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import type { App, AppDeps } from '../../../platform/feature'
import { type FieldMessages, FormQuery, parseForm } from '../../../platform/http/forms'
import { emptyForm, type FormState } from '../../../platform/ui/form'
import { searchPeople } from '../../directory/public'
import { refusedForm } from '../refusals'
import {
  ConfirmForm,
  EndMembershipForm,
  ExistingMemberForm,
  IdParams,
  MembershipEditForm,
  MembershipParams,
  PersonQuery,
  TermForm,
  TermParams,
} from '../schema'
import { councilForStaff, requireCouncilStaff, staffCouncil, withRecord } from '../staff-guard'
import { editMembership } from './edit-membership'
import { listCouncils, membershipOf, termOf } from './find-councils'
import { addMembership, addTerm, endMembership, removeMembership, updateTerm } from './manage-councils'
import {
  ExistingMemberPage,
  type MembershipForms,
  MembershipPage,
  staffHref,
  TermPage,
} from './views/people-staff'

/** Messages chosen per field instead of the generic ones. */
export const PEOPLE_FIELD_MESSAGES: FieldMessages = {
  phone: { pattern: 'councils.people.phoneInvalid' },
  confirm: 'councils.people.removeConfirmRequired',
}

/**
 * Staff screens for a body's terms (Wahlperioden) and members: add a term or change it, add a
 * person from the directory, change a membership and the person's contact details and consent,
 * end a membership, delete an erroneous one. agah_office for every body, council_secretary for theirs.
 */
export function peopleRoutes(app: App, deps: AppDeps): void {
  const db = deps.db
  const memberCouncils = () => listCouncils(db)

  // ── Terms ────────────────────────────────────────────────────────────────

  app.get(
    '/verwaltung/beiraete/:id/wahlperioden/neu',
    { schema: { params: IdParams }, preHandler: requireCouncilStaff },
    withRecord(staffCouncil(deps), async (request, reply, found) => {
      return reply.page(
        <TermPage ctx={request.pageContext()} council={found.council} term={null} form={emptyForm} />,
      )
    }),
  )

  app.post(
    '/verwaltung/beiraete/:id/wahlperioden',
    { schema: { params: IdParams }, preHandler: requireCouncilStaff },
    withRecord(staffCouncil(deps), async (request, reply, found) => {
      const ctx = request.pageContext()
      const parsed = parseForm(TermForm, request.body, request.t)
      if (!parsed.ok)
        return reply.page(<TermPage ctx={ctx} council={found.council} term={null} form={parsed.state} />, 400)
      const result = await addTerm(db, request.actor(), { ...parsed.value, councilId: found.council.id })
      if (!result.ok) {
        const form = refusedForm(request.t, parsed.value, result)
        return reply.page(<TermPage ctx={ctx} council={found.council} term={null} form={form} />, 400)
      }
      return reply.seeOther(staffHref(found.council), 'councils.terms.saved')
    }),
  )

  const termRoute = async (
    request: FastifyRequest<{ Params: { id: string; termId: string } }>,
    reply: FastifyReply,
  ) => {
    const found = await councilForStaff(deps, request, reply, request.params.id)
    if (!found) return null
    const term = await termOf(db, found.council.id, request.params.termId)
    if (!term) {
      reply.errorPage(404)
      return null
    }
    return { council: found.council, term }
  }

  app.get(
    '/verwaltung/beiraete/:id/wahlperioden/:termId',
    { schema: { params: TermParams }, preHandler: requireCouncilStaff },
    withRecord(termRoute, async (request, reply, found) => {
      const { term } = found
      const form = {
        values: {
          startsOn: term.startsOn,
          endsOn: term.endsOn,
          seats: term.seats,
          electionOn: term.electionOn ?? undefined,
        },
        errors: {},
      }
      return reply.page(
        <TermPage ctx={request.pageContext()} council={found.council} term={term} form={form} />,
      )
    }),
  )

  app.post(
    '/verwaltung/beiraete/:id/wahlperioden/:termId',
    { schema: { params: TermParams }, preHandler: requireCouncilStaff },
    withRecord(termRoute, async (request, reply, found) => {
      const ctx = request.pageContext()
      const parsed = parseForm(TermForm, request.body, request.t)
      const page = (form: FormState) =>
        reply.page(<TermPage ctx={ctx} council={found.council} term={found.term} form={form} />, 400)
      if (!parsed.ok) return page(parsed.state)
      const result = await updateTerm(db, request.actor(), found.term.id, parsed.value)
      if (!result.ok) return page(refusedForm(request.t, parsed.value, result))
      return reply.seeOther(staffHref(found.council), 'councils.terms.saved')
    }),
  )

  // ── Members: a person from the directory ────────────────────────────────────

  const existingPage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    council: Parameters<typeof ExistingMemberPage>[0]['council'],
    q: unknown,
    form: FormState,
    status = 200,
  ) => {
    const query = parseForm(PersonQuery, { q }, request.t)
    const results = query.ok && query.value.q ? await searchPeople(db, query.value.q) : []
    return reply.page(
      <ExistingMemberPage
        ctx={request.pageContext()}
        council={council}
        query={query.ok ? { values: query.value, errors: {} } : query.state}
        results={results}
        form={form}
        councils={await memberCouncils()}
      />,
      query.ok ? status : 400,
    )
  }

  app.get(
    '/verwaltung/beiraete/:id/mitglieder/vorhanden',
    { schema: { params: IdParams, querystring: FormQuery }, preHandler: requireCouncilStaff },
    withRecord(
      staffCouncil(deps),
      async (
        request: FastifyRequest<{ Params: { id: string }; Querystring: Static<typeof FormQuery> }>,
        reply,
        found,
      ) => {
        const q = request.query.q
        return existingPage(request, reply, found.council, q, emptyForm)
      },
    ),
  )

  app.post(
    '/verwaltung/beiraete/:id/mitglieder/vorhanden',
    { schema: { params: IdParams }, preHandler: requireCouncilStaff },
    withRecord(staffCouncil(deps), async (request, reply, found) => {
      const q = (request.body as Record<string, unknown> | undefined)?.q
      const parsed = parseForm(ExistingMemberForm, request.body, request.t)
      if (!parsed.ok) return existingPage(request, reply, found.council, q, parsed.state, 400)
      const v = parsed.value
      const result = await addMembership(db, request.actor(), {
        councilId: found.council.id,
        personId: v.personId,
        role: v.role,
        startsOn: v.startsOn,
        endsOn: v.endsOn ?? null,
        delegatedById: v.delegatedById ?? null,
      })
      if (!result.ok)
        return existingPage(
          request,
          reply,
          found.council,
          q,
          refusedForm(request.t, parsed.value, result),
          400,
        )
      return reply.seeOther(staffHref(found.council), 'councils.staff.memberAdded')
    }),
  )

  // ── One membership: change, end, delete ───────────────────────────────────

  const membershipRoute = async (
    request: FastifyRequest<{ Params: { id: string; membershipId: string } }>,
    reply: FastifyReply,
  ) => {
    const found = await councilForStaff(deps, request, reply, request.params.id)
    if (!found) return null
    const row = await membershipOf(db, found.council.id, request.params.membershipId)
    if (!row) {
      reply.errorPage(404)
      return null
    }
    return { council: found.council, row }
  }

  const membershipPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof membershipRoute>>>,
    forms: Partial<MembershipForms> = {},
    status = 200,
  ) =>
    reply.page(
      <MembershipPage
        ctx={request.pageContext()}
        council={found.council}
        row={found.row}
        forms={forms}
        councils={await memberCouncils()}
      />,
      status,
    )

  app.get(
    '/verwaltung/beiraete/:id/mitglieder/:membershipId',
    { schema: { params: MembershipParams }, preHandler: requireCouncilStaff },
    withRecord(membershipRoute, async (request, reply, found) => {
      return membershipPage(request, reply, found)
    }),
  )

  app.post(
    '/verwaltung/beiraete/:id/mitglieder/:membershipId',
    { schema: { params: MembershipParams }, preHandler: requireCouncilStaff },
    withRecord(membershipRoute, async (request, reply, found) => {
      const parsed = parseForm(MembershipEditForm, request.body, request.t, PEOPLE_FIELD_MESSAGES)
      if (!parsed.ok) return membershipPage(request, reply, found, { edit: parsed.state }, 400)
      const v = parsed.value
      const result = await editMembership(db, request.actor(), {
        membershipId: found.row.membership.id,
        personId: found.row.person.id,
        change: {
          role: v.role,
          startsOn: v.startsOn,
          endsOn: v.endsOn ?? null,
          delegatedById: v.delegatedById ?? null,
        },
        person: {
          givenName: v.givenName,
          familyName: v.familyName,
          email: v.email ?? null,
          phone: v.phone ?? null,
          publicContactConsent: v.consent === 'on',
        },
      })
      if (!result.ok)
        return membershipPage(
          request,
          reply,
          found,
          { edit: refusedForm(request.t, parsed.value, result) },
          400,
        )
      return reply.seeOther(staffHref(found.council), 'councils.people.saved')
    }),
  )

  app.post(
    '/verwaltung/beiraete/:id/mitglieder/:membershipId/beenden',
    { schema: { params: MembershipParams }, preHandler: requireCouncilStaff },
    withRecord(membershipRoute, async (request, reply, found) => {
      const parsed = parseForm(EndMembershipForm, request.body, request.t)
      if (!parsed.ok) return membershipPage(request, reply, found, { end: parsed.state }, 400)
      const result = await endMembership(db, request.actor(), found.row.membership.id, parsed.value.lastDay)
      if (!result.ok) {
        const form = refusedForm(request.t, parsed.value, result, { endsOn: 'lastDay' })
        return membershipPage(request, reply, found, { end: form }, 400)
      }
      return reply.seeOther(staffHref(found.council), 'councils.people.ended')
    }),
  )

  app.post(
    '/verwaltung/beiraete/:id/mitglieder/:membershipId/entfernen',
    { schema: { params: MembershipParams }, preHandler: requireCouncilStaff },
    withRecord(membershipRoute, async (request, reply, found) => {
      const parsed = parseForm(ConfirmForm, request.body, request.t, PEOPLE_FIELD_MESSAGES)
      if (!parsed.ok) return membershipPage(request, reply, found, { remove: parsed.state }, 400)
      const result = await removeMembership(db, request.actor(), found.row.membership.id)
      if (!result.ok)
        return membershipPage(request, reply, found, { remove: refusedForm(request.t, {}, result) }, 400)
      return reply.seeOther(staffHref(found.council), 'councils.people.removed')
    }),
  )
}

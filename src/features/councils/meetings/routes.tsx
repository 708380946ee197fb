import type { FastifyReply, FastifyRequest } from 'fastify'
import { parseBerlinDateTime } from '../../../platform/dates'
import type { App, AppDeps } from '../../../platform/feature'
import { parseForm } from '../../../platform/http/forms'
import type { MessageKey } from '../../../platform/i18n'
import { isUuid } from '../../../platform/ids'
import { FORM, type Outcome } from '../../../platform/outcome'
import type { FormState } from '../../../platform/ui/form'
import { councilsActorOfRequest, readsNonPublicOn } from '../actor'
import { agahBodies, councilById } from '../bodies-and-members/find-councils'
import { filesOf, filesOfPapers } from '../papers-and-files/manage-files'
import { managesCouncil } from '../policies'
import { refusedForm, renameFields } from '../refusals'
import {
  AgendaItemForm,
  ApproveForm,
  AttendanceForm,
  ElectionForm,
  IdParams,
  MeetingForm,
  VoteForm,
} from '../schema'
import { guardStaff, requireCouncilStaff, staffCouncil, withRecord } from '../staff-guard'
import type { meetings } from '../tables'
import { laterMeetings, meetingById, meetingsOfCouncils, motionsOf, recentMeetings } from './find-meetings'
import { icalendar } from './ical'
import {
  addMotionToAgenda,
  agendaOf,
  approveMinutes,
  cancelMeeting,
  createMeeting,
  eligibleMembers,
  inviteMeeting,
  publishMinutes,
  quorumOf,
  recordVote,
  saveMinutes,
  setAttendance,
} from './manage-meetings'
import { electionsOf, recordElection } from './record-election'
import { CalendarPage, MeetingPage } from './views/public'
import {
  emptyStaffForms,
  MEETING_SECTIONS,
  type MeetingSection,
  MeetingStaffPage,
  meetingStaffHref,
  NewMeetingPage,
  SECTION_OF_FORM,
  type StaffForms,
} from './views/staff'

/**
 * "2026-11-30T18:00" from a datetime-local field, read as Berlin time by the platform's one date
 * parser. The form schema (format berlin-date-time) has refused days and times that do not exist.
 */
export function berlinLocal(value: string): Date {
  const at = parseBerlinDateTime(value)
  if (!at) throw new Error(`not a checked date-time: ${value}`)
  return at
}

export function meetingsRoutes(app: App, deps: AppDeps): void {
  const db = deps.db
  const base = deps.config.publicUrl.replace(/\/$/, '')
  const meetingForStaff = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) =>
    guardStaff(deps, request, reply, await meetingById(db, request.params.id), (f) => f.council.id)

  app.get('/sitzungen', async (request, reply) => {
    const rows = await recentMeetings(db)
    return reply.page(<CalendarPage ctx={request.pageContext()} rows={rows} now={new Date()} />)
  })

  app.get('/sitzungen/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const found = await meetingById(db, request.params.id)
    if (!found) return reply.errorPage(404)
    const agenda = await agendaOf(db, found.meeting.id)
    const q = await quorumOf(db, found.meeting)
    const actor = await councilsActorOfRequest(db, request)
    const canManage = managesCouncil(actor, found.council.id)
    const secret = await readsNonPublicOn(db, actor, found.council.id, found.meeting.startsAt)
    const visible = secret ? agenda : agenda.filter((r) => r.item.public)
    const visibleIds = new Set(visible.map((r) => r.item.id))
    const elections = (await electionsOf(db, found.meeting.id)).filter((e) => visibleIds.has(e.agendaItemId))
    const paperFiles = await filesOfPapers(
      db,
      visible.flatMap((r) => (r.paper ? [r.paper.id] : [])),
    )
    const minutesFiles =
      found.meeting.minutesState === 'published' ? await filesOf(db, { meetingId: found.meeting.id }) : []
    return reply.page(
      <MeetingPage
        ctx={request.pageContext()}
        meeting={found.meeting}
        council={found.council}
        agenda={visible}
        quorum={q}
        canManage={canManage}
        elections={elections}
        paperFiles={paperFiles}
        minutesFiles={minutesFiles}
      />,
    )
  })

  const sendIcal = (reply: FastifyReply, name: string, rows: { meeting: typeof meetings.$inferSelect }[]) =>
    reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="sitzungen.ics"')
      .send(
        icalendar(
          name,
          rows.map(({ meeting: m }) => ({
            uid: `meeting-${m.id}@teilhabe`,
            start: m.startsAt,
            end: m.endsAt,
            summary: m.title,
            location: [m.locationName, m.locationAddress].filter(Boolean).join(', ') || null,
            url: `${base}/sitzungen/${m.id}`,
            cancelled: m.state === 'cancelled',
            modified: m.updatedAt,
          })),
        ),
      )

  app.get('/sitzungen/:id/kalender.ics', { schema: { params: IdParams } }, async (request, reply) => {
    const found = await meetingById(db, request.params.id)
    if (!found) return reply.errorPage(404)
    return sendIcal(reply, found.meeting.title, [found])
  })

  const bodyIcal = async (reply: FastifyReply, ids: string[], name: string) => {
    return sendIcal(reply, name, await meetingsOfCouncils(db, ids))
  }

  app.get('/beiraete/:id/kalender.ics', { schema: { params: IdParams } }, async (request, reply) => {
    const found = await councilById(db, request.params.id)
    if (!found) return reply.errorPage(404)
    return bodyIcal(reply, [found.council.id], found.council.name)
  })

  app.get('/agah/kalender.ics', async (_request, reply) => {
    const { plenary, board } = await agahBodies(db)
    const ids = [plenary?.id, board?.id].filter((x): x is string => !!x)
    return bodyIcal(reply, ids, 'agah')
  })

  // ── Staff ────────────────────────────────────────────────────────────────

  app.get(
    '/verwaltung/beiraete/:id/sitzungen/neu',
    { schema: { params: IdParams }, preHandler: requireCouncilStaff },
    withRecord(staffCouncil(deps), async (request, reply, found) => {
      return reply.page(
        <NewMeetingPage
          ctx={request.pageContext()}
          council={found.council}
          form={{ values: {}, errors: {} }}
        />,
      )
    }),
  )

  app.post(
    '/verwaltung/beiraete/:id/sitzungen',
    { schema: { params: IdParams }, preHandler: requireCouncilStaff },
    withRecord(staffCouncil(deps), async (request, reply, found) => {
      const ctx = request.pageContext()
      const parsed = parseForm(MeetingForm, request.body, request.t)
      if (!parsed.ok)
        return reply.page(<NewMeetingPage ctx={ctx} council={found.council} form={parsed.state} />, 400)
      const v = parsed.value
      const result = await createMeeting(db, request.actor(), {
        councilId: found.council.id,
        title: v.title,
        startsAt: berlinLocal(v.startsAt),
        locationName: v.locationName ?? null,
        locationAddress: v.locationAddress ?? null,
      })
      if (!result.ok)
        return reply.page(
          <NewMeetingPage ctx={ctx} council={found.council} form={refusedForm(request.t, v, result)} />,
          400,
        )
      return reply.seeOther(`/verwaltung/sitzungen/${result.value}`, 'meetings.staff.created')
    }),
  )

  const staffPage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    section: MeetingSection,
    forms: StaffForms = emptyStaffForms,
    status = 200,
  ) => {
    const found = await meetingForStaff(request, reply)
    if (!found) return reply
    const agenda = await agendaOf(db, found.meeting.id)
    const members = await eligibleMembers(db, found.meeting)
    const q = await quorumOf(db, found.meeting)
    const motions = await motionsOf(db, found.council.id)
    const later = await laterMeetings(db, found.meeting)
    return reply.page(
      <MeetingStaffPage
        ctx={request.pageContext()}
        section={section}
        meeting={found.meeting}
        council={found.council}
        agenda={agenda}
        members={members}
        quorum={q}
        laterMeetings={later}
        forms={forms}
        presentIds={q.presentIds}
        elections={await electionsOf(db, found.meeting.id)}
        motions={motions}
      />,
      status,
    )
  }

  // The overview at the meeting's address, each part of the administration on its own sub-page.
  for (const section of Object.keys(MEETING_SECTIONS) as MeetingSection[]) {
    const path = MEETING_SECTIONS[section]
    app.get(
      `/verwaltung/sitzungen/:id${path ? `/${path}` : ''}`,
      { schema: { params: IdParams }, preHandler: requireCouncilStaff },
      async (request, reply) => staffPage(request, reply, section),
    )
  }

  /** A staff action: load, check the body-level permission, validate, run the use case, redirect or 400. */
  const action = <K extends keyof StaffForms>(
    path: string,
    formKey: K,
    run: (
      request: FastifyRequest<{ Params: { id: string } }>,
      meetingId: string,
    ) => Promise<{ outcome: Outcome<unknown>; values: Record<string, unknown> } | { invalid: FormState }>,
    flash: MessageKey,
  ) =>
    app.post(
      `/verwaltung/sitzungen/:id/${path}`,
      { schema: { params: IdParams }, preHandler: requireCouncilStaff },
      withRecord(meetingForStaff, async (request, reply, found) => {
        const r = await run(request, found.meeting.id)
        const section = SECTION_OF_FORM[formKey]
        if ('invalid' in r)
          return staffPage(request, reply, section, { ...emptyStaffForms, [formKey]: r.invalid }, 400)
        if (!r.outcome.ok) {
          const form = refusedForm(request.t, r.values, r.outcome)
          return staffPage(request, reply, section, { ...emptyStaffForms, [formKey]: form }, 400)
        }
        return reply.seeOther(meetingStaffHref(found.meeting.id, section), flash)
      }),
    )

  action(
    'einladen',
    'actions',
    async (request, id) => ({ outcome: await inviteMeeting(db, request.actor(), id), values: {} }),
    'meetings.staff.invited',
  )
  action(
    'absagen',
    'actions',
    async (request, id) => ({ outcome: await cancelMeeting(db, request.actor(), id), values: {} }),
    'meetings.staff.cancelled',
  )
  action(
    'tagesordnung',
    'item',
    async (request, id) => {
      const parsed = parseForm(AgendaItemForm, request.body, request.t)
      if (!parsed.ok) return { invalid: parsed.state }
      const v = parsed.value
      const outcome = await addMotionToAgenda(db, request.actor(), {
        meetingId: id,
        title: v.title,
        body: v.body ?? null,
        submittedByText: v.submittedBy ?? null,
        public: v.visibility === 'public',
        majorityRule: v.majorityRule,
        kind: v.kind ?? 'motion',
        relatedPaperId: v.relatedPaperId ?? null,
      })
      return { outcome, values: v }
    },
    'meetings.staff.itemAdded',
  )
  action(
    'anwesenheit',
    'attendance',
    async (request, id) => {
      const parsed = parseForm(AttendanceForm, request.body, request.t)
      if (!parsed.ok) return { invalid: parsed.state }
      const raw = parsed.value.present
      const ids = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]
      return { outcome: await setAttendance(db, request.actor(), id, ids), values: parsed.value }
    },
    'meetings.staff.attendanceSaved',
  )
  action(
    'abstimmung',
    'vote',
    async (request, id) => {
      const parsed = parseForm(VoteForm, request.body, request.t)
      if (!parsed.ok) return { invalid: parsed.state }
      const v = parsed.value
      const outcome = await recordVote(db, request.actor(), {
        meetingId: id,
        agendaItemId: v.agendaItemId,
        yes: v.yes,
        no: v.no,
        abstain: v.abstain,
      })
      return { outcome, values: v }
    },
    'meetings.staff.voteRecorded',
  )
  action(
    'wahl',
    'election',
    async (request, id) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const parsed = parseForm(ElectionForm, { ...body, agendaItemId: body.electionItem }, request.t)
      if (!parsed.ok) {
        const { agendaItemId, ...errors } = parsed.state.errors
        return {
          invalid: {
            values: parsed.state.values,
            errors: agendaItemId ? { ...errors, electionItem: agendaItemId } : errors,
          },
        }
      }
      const v = parsed.value
      const candidates: Record<string, number> = {}
      const errors: Record<string, string> = {}
      for (const [k, raw] of Object.entries(body)) {
        if (!k.startsWith('candidate_') || typeof raw !== 'string' || raw.trim() === '') continue
        const personId = k.slice('candidate_'.length)
        if (!isUuid(personId)) continue
        if (!/^\d{1,6}$/.test(raw.trim())) errors[k] = request.t('meetings.error.countsInvalid')
        else candidates[personId] = Number(raw.trim())
      }
      if (Object.keys(errors).length) return { invalid: { values: body, errors } }
      const outcome = await recordElection(db, request.actor(), {
        meetingId: id,
        agendaItemId: v.agendaItemId,
        role: v.role,
        seats: v.seats,
        candidates,
      })
      // The form names the agenda item `electionItem`; the candidates' counts have no one field.
      return {
        outcome: outcome.ok
          ? outcome
          : renameFields(outcome, { agendaItemId: 'electionItem', candidates: FORM }),
        values: body,
      }
    },
    'meetings.staff.electionRecorded',
  )
  action(
    'niederschrift',
    'minutes',
    async (request, id) => {
      const body = (request.body ?? {}) as Record<string, unknown>
      const texts: Record<string, string> = {}
      for (const [k, v] of Object.entries(body)) {
        if (k.startsWith('minutes_') && typeof v === 'string' && isUuid(k.slice(8)))
          texts[k.slice(8)] = v.trim().slice(0, 20000)
      }
      return { outcome: await saveMinutes(db, request.actor(), id, texts), values: body }
    },
    'meetings.staff.minutesSaved',
  )
  action(
    'genehmigen',
    'minutes',
    async (request, id) => {
      const parsed = parseForm(ApproveForm, request.body, request.t)
      if (!parsed.ok) return { invalid: parsed.state }
      return {
        outcome: await approveMinutes(db, request.actor(), id, parsed.value.approvedAt),
        values: parsed.value,
      }
    },
    'meetings.staff.approved',
  )
  action(
    'veroeffentlichen',
    'minutes',
    async (request, id) => ({ outcome: await publishMinutes(db, request.actor(), id), values: {} }),
    'meetings.staff.published',
  )
}

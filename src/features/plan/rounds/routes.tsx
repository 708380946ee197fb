import type { FastifyReply, FastifyRequest } from 'fastify'
import { parseBerlinDateTime } from '../../../platform/dates'
import type { App, AppDeps } from '../../../platform/feature'
import { parseForm } from '../../../platform/http/forms'
import { requirePermission } from '../../../platform/http/plugin'
import { NoQuery } from '../../../platform/ids'
import { whoOf } from '../../../platform/policy'
import { emptyForm, type FormState } from '../../../platform/ui/form'
import { bodyPath, conferenceMemberOf, integrationConference } from '../../councils/public'
import { draftVersion } from '../find-plan'
import type { PlanActor } from '../manage-plan'
import { seesRound } from '../policies'
import { refusedForm } from '../refusals'
import { listRounds, ownComments, roundDetails, roundOfComment, sectionById } from './find-rounds'
import {
  addComment,
  answerComment,
  closeRound,
  openRound,
  publishOutcome,
  reviseSection,
} from './manage-rounds'
import { AnswerForm, CommentForm, RevisionForm, RoundForm, RoundParams } from './schema'
import { ROUNDS, RoundPage, RoundsPage, SectionPage, sectionHref } from './views/public'
import { AnswerPage, RevisePage, STAFF_ROUNDS, StaffRoundPage, StaffRoundsPage } from './views/staff'

const manage = { preHandler: requirePermission('plan.manage') }
const COMMENTS = '/verwaltung/integrationsplan/kommentare'

function planActor(request: FastifyRequest): PlanActor {
  return { ...request.actor(), can: (p) => request.can(p) }
}

const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/** Comment rounds: the public pages, the members' comment form and the ministry's screens. */
export function roundsRoutes(app: App, deps: AppDeps): void {
  const db = deps.db

  // ── Public ───────────────────────────────────────────────────────────────

  app.get(ROUNDS, { schema: { querystring: NoQuery } }, async (request, reply) => {
    const now = new Date()
    const who = whoOf(request)
    const rounds = (await listRounds(db)).filter((r) => seesRound(who, r, now))
    const conference = await integrationConference(db)
    return reply.page(
      <RoundsPage
        ctx={request.pageContext()}
        rounds={rounds}
        now={now}
        conferenceHref={conference ? bodyPath({ id: conference.id, kind: 'integrationskonferenz' }) : null}
      />,
    )
  })

  app.get(`${ROUNDS}/:id`, { schema: { params: RoundParams } }, async (request, reply) => {
    const now = new Date()
    const details = await roundDetails(db, request.params.id)
    if (!details || !seesRound(whoOf(request), details.round, now)) return reply.errorPage(404)
    return reply.page(<RoundPage ctx={request.pageContext()} details={details} now={now} />)
  })

  const sectionPage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    form: FormState | null,
    status = 200,
  ) => {
    const now = new Date()
    const found = await sectionById(db, request.params.id)
    if (!found || !seesRound(whoOf(request), found.round, now)) return reply.errorPage(404)
    const userId = request.user?.id ?? null
    const member = userId && request.can('plan.comment') ? await conferenceMemberOf(db, userId, now) : null
    const own = userId ? await ownComments(db, found.section.id, userId) : []
    const details = await roundDetails(db, found.round.id)
    return reply.page(
      <SectionPage
        ctx={request.pageContext()}
        round={details!.round}
        section={found.section}
        now={now}
        member={member}
        own={own}
        form={form ?? { values: { proposedText: found.section.text }, errors: {} }}
      />,
      status,
    )
  }

  app.get(`${ROUNDS}/abschnitte/:id`, { schema: { params: RoundParams } }, (request, reply) =>
    sectionPage(request, reply, null),
  )

  app.post(
    `${ROUNDS}/abschnitte/:id`,
    { schema: { params: RoundParams }, preHandler: requirePermission('plan.comment') },
    async (request, reply) => {
      const parsed = parseForm(CommentForm, request.body, request.t, { body: 'plan.member.error.body' })
      if (!parsed.ok) return sectionPage(request, reply, parsed.state, 400)
      const r = await addComment(db, planActor(request), request.params.id, parsed.value)
      if (!r.ok) return sectionPage(request, reply, refusedForm(request.t, parsed.value, r), 400)
      return reply.seeOther(sectionHref(request.params.id), 'plan.member.flash.commentSaved')
    },
  )

  // ── Staff ────────────────────────────────────────────────────────────────

  const roundsPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    reply.page(
      <StaffRoundsPage
        ctx={request.pageContext()}
        rounds={await listRounds(db)}
        draft={await draftVersion(db)}
        now={new Date()}
        form={form}
      />,
      status,
    )

  app.get(STAFF_ROUNDS, { schema: { querystring: NoQuery }, ...manage }, (request, reply) =>
    roundsPage(request, reply, emptyForm),
  )

  app.post(STAFF_ROUNDS, manage, async (request, reply) => {
    const parsed = parseForm(RoundForm, request.body, request.t, {
      opensAt: 'plan.error.dateTime',
      closesAt: 'plan.error.dateTime',
    })
    if (!parsed.ok) return roundsPage(request, reply, parsed.state, 400)
    const draft = await draftVersion(db)
    if (!draft) return reply.errorPage(404)
    const r = await openRound(db, planActor(request), draft.id, {
      title: parsed.value.title,
      opensAt: parseBerlinDateTime(parsed.value.opensAt)!,
      closesAt: parseBerlinDateTime(parsed.value.closesAt)!,
    })
    if (!r.ok) return roundsPage(request, reply, refusedForm(request.t, parsed.value, r), 400)
    return reply.seeOther(`${STAFF_ROUNDS}/${r.value}`, 'plan.flash.roundOpened')
  })

  const staffRoundPage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    form: FormState = emptyForm,
    status = 200,
  ) => {
    const details = await roundDetails(db, request.params.id)
    if (!details) return reply.errorPage(404)
    return reply.page(
      <StaffRoundPage ctx={request.pageContext()} details={details} now={new Date()} form={form} />,
      status,
    )
  }

  app.get(`${STAFF_ROUNDS}/:id`, { schema: { params: RoundParams }, ...manage }, (request, reply) =>
    staffRoundPage(request, reply),
  )

  app.post(
    `${STAFF_ROUNDS}/:id/beenden`,
    { schema: { params: RoundParams }, ...manage },
    async (request, reply) => {
      const r = await closeRound(db, planActor(request), request.params.id)
      if (!r.ok) return staffRoundPage(request, reply, refusedForm(request.t, {}, r), 400)
      return reply.seeOther(`${STAFF_ROUNDS}/${request.params.id}`, 'plan.flash.roundClosed')
    },
  )

  app.post(
    `${STAFF_ROUNDS}/:id/veroeffentlichen`,
    { schema: { params: RoundParams }, ...manage },
    async (request, reply) => {
      const r = await publishOutcome(db, planActor(request), request.params.id)
      if (!r.ok) return staffRoundPage(request, reply, refusedForm(request.t, {}, r), 400)
      return reply.seeOther(`${ROUNDS}/${request.params.id}`, 'plan.flash.outcomePublished')
    },
  )

  const answerPage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    form: FormState | null,
    status = 200,
  ) => {
    const found = await commentWithRound(request.params.id)
    if (!found) return reply.errorPage(404)
    const { details, section, comment, n } = found
    const state = form ?? {
      values: { answer: comment.answer ?? '', reason: comment.answerReason ?? '' },
      errors: {},
    }
    return reply.page(
      <AnswerPage
        ctx={request.pageContext()}
        round={details.round}
        section={section}
        comment={comment}
        n={n}
        form={state}
      />,
      status,
    )
  }

  const commentWithRound = async (commentId: string) => {
    const roundId = await roundOfComment(db, commentId)
    const details = roundId ? await roundDetails(db, roundId) : null
    for (const s of details?.sections ?? []) {
      const i = s.comments.findIndex((c) => c.id === commentId)
      if (i >= 0) return { details: details!, section: s.section, comment: s.comments[i]!, n: i + 1 }
    }
    return null
  }

  app.get(`${COMMENTS}/:id`, { schema: { params: RoundParams }, ...manage }, (request, reply) =>
    answerPage(request, reply, null),
  )

  app.post(`${COMMENTS}/:id`, { schema: { params: RoundParams }, ...manage }, async (request, reply) => {
    const parsed = parseForm(AnswerForm, request.body, request.t, {
      answer: 'plan.error.answerChoice',
      reason: 'plan.error.answerReason',
    })
    if (!parsed.ok) return answerPage(request, reply, parsed.state, 400)
    const r = await answerComment(db, planActor(request), request.params.id, parsed.value)
    if (!r.ok) return answerPage(request, reply, refusedForm(request.t, parsed.value, r), 400)
    const found = await commentWithRound(request.params.id)
    return reply.seeOther(`${STAFF_ROUNDS}/${found?.details.round.id ?? ''}`, 'plan.flash.answerSaved')
  })

  const revisePage = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    form: FormState | null,
    status = 200,
  ) => {
    const found = await sectionById(db, request.params.id)
    const details = found ? await roundDetails(db, found.round.id) : null
    const s = details?.sections.find((x) => x.section.id === request.params.id)
    if (!details || !s) return reply.errorPage(404)
    const state = form ?? {
      values: { text: s.revision?.text ?? s.section.text, commentIds: s.revision?.commentIds ?? [] },
      errors: {},
    }
    return reply.page(
      <RevisePage
        ctx={request.pageContext()}
        round={details.round}
        section={s.section}
        comments={s.comments}
        form={state}
      />,
      status,
    )
  }

  app.get(
    `${STAFF_ROUNDS}/abschnitte/:id`,
    { schema: { params: RoundParams }, ...manage },
    (request, reply) => revisePage(request, reply, null),
  )

  app.post(
    `${STAFF_ROUNDS}/abschnitte/:id`,
    { schema: { params: RoundParams }, ...manage },
    async (request, reply) => {
      const parsed = parseForm(RevisionForm, request.body, request.t)
      if (!parsed.ok) return revisePage(request, reply, parsed.state, 400)
      const r = await reviseSection(db, planActor(request), request.params.id, {
        text: parsed.value.text,
        commentIds: asList(parsed.value.commentIds),
      })
      if (!r.ok) return revisePage(request, reply, refusedForm(request.t, parsed.value, r), 400)
      const found = await sectionById(db, request.params.id)
      return reply.seeOther(`${STAFF_ROUNDS}/${found?.round.id ?? ''}`, 'plan.flash.revisionSaved')
    },
  )
}

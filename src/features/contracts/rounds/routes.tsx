import type { FastifyReply, FastifyRequest } from 'fastify'
import { parseBerlinDateTime } from '../../../platform/dates'
import type { App, AppDeps } from '../../../platform/feature'
import { parseForm, problemErrors } from '../../../platform/http/forms'
import { requirePermission } from '../../../platform/http/plugin'
import { NoQuery } from '../../../platform/ids'
import { isNotFound, type Outcome } from '../../../platform/outcome'
import { whoOf } from '../../../platform/policy'
import { emptyForm, type FormState } from '../../../platform/ui/form'
import { conferenceMemberOf } from '../../councils/public'
import { seesContractRound } from '../policies'
import {
  contractRoundDetails,
  listContractRounds,
  ownContractComments,
  roundOfComment,
  roundOfSection,
} from './find-rounds'
import {
  addContractComment,
  answerContractComment,
  closeContractRound,
  openContractRound,
  publishContractOutcome,
  reviseContractSection,
} from './manage-rounds'
import { AnswerForm, CommentForm, IdParams, OpenRoundForm, RevisionForm } from './schema'
import {
  CONTRACT_ROUNDS,
  ContractAnswerPage,
  ContractRevisePage,
  ContractRoundPage,
  ContractRoundsPage,
  ContractSectionPage,
  contractSectionHref,
  STAFF_CONTRACT_COMMENTS,
  STAFF_CONTRACT_ROUNDS,
  StaffContractRoundPage,
} from './views'

type IdRequest = FastifyRequest<{ Params: { id: string } }>

const manage = { preHandler: requirePermission('contracts.manage') }
const withId = { schema: { params: IdParams } }

const refused = (
  t: FastifyRequest['t'],
  values: Record<string, unknown>,
  r: Outcome<unknown>,
): FormState => ({
  values,
  errors: r.ok ? {} : problemErrors(t, r.problems),
})

const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/**
 * Comment rounds on contract drafts: the public round and section pages, the members' comment form
 * and the ministry's screens. `contractPage` renders the contract's staff page with the round form
 * (the opening form stands there).
 */
export function contractRoundsRoutes(
  app: App,
  deps: AppDeps,
  contractPage: (request: IdRequest, reply: FastifyReply, form: FormState, status: number) => unknown,
): void {
  const db = deps.db

  // ── Public ───────────────────────────────────────────────────────────────

  app.get(CONTRACT_ROUNDS, { schema: { querystring: NoQuery } }, async (request, reply) => {
    const now = new Date()
    const who = whoOf(request)
    const rounds = (await listContractRounds(db)).filter((r) => seesContractRound(who, r, now))
    return reply.page(<ContractRoundsPage ctx={request.pageContext()} rounds={rounds} now={now} />)
  })

  app.get(`${CONTRACT_ROUNDS}/:id`, withId, async (request, reply) => {
    const now = new Date()
    const details = await contractRoundDetails(db, request.params.id)
    if (!details || !seesContractRound(whoOf(request), details.round, now)) return reply.errorPage(404)
    return reply.page(<ContractRoundPage ctx={request.pageContext()} details={details} now={now} />)
  })

  const sectionPage = async (
    request: IdRequest,
    reply: FastifyReply,
    form: FormState | null,
    status = 200,
  ) => {
    const now = new Date()
    const roundId = await roundOfSection(db, request.params.id)
    const details = roundId ? await contractRoundDetails(db, roundId) : null
    const s = details?.sections.find((x) => x.section.id === request.params.id)
    if (!details || !s || !seesContractRound(whoOf(request), details.round, now)) return reply.errorPage(404)
    const userId = request.user?.id ?? null
    const member =
      userId && request.can('contracts.comment') ? await conferenceMemberOf(db, userId, now) : null
    const own = userId ? await ownContractComments(db, s.section.id, userId) : []
    return reply.page(
      <ContractSectionPage
        ctx={request.pageContext()}
        round={details.round}
        section={s.section}
        now={now}
        member={member}
        own={own}
        form={form ?? { values: { proposedText: s.section.text }, errors: {} }}
      />,
      status,
    )
  }

  app.get(`${CONTRACT_ROUNDS}/abschnitte/:id`, withId, (request, reply) => sectionPage(request, reply, null))

  app.post(
    `${CONTRACT_ROUNDS}/abschnitte/:id`,
    { ...withId, preHandler: requirePermission('contracts.comment') },
    async (request, reply) => {
      const parsed = parseForm(CommentForm, request.body, request.t, { body: 'contracts.round.error.body' })
      if (!parsed.ok) return sectionPage(request, reply, parsed.state, 400)
      const r = await addContractComment(db, request.actor(), whoOf(request), request.params.id, parsed.value)
      if (isNotFound(r)) return reply.errorPage(404)
      if (!r.ok) return sectionPage(request, reply, refused(request.t, parsed.value, r), 400)
      return reply.seeOther(contractSectionHref(request.params.id), 'contracts.round.flash.commentSaved')
    },
  )

  // ── Ministry ─────────────────────────────────────────────────────────────

  app.post(
    '/verwaltung/integrationsvertraege/:id/kommentierung',
    { ...withId, ...manage },
    async (request, reply) => {
      const parsed = parseForm(OpenRoundForm, request.body, request.t, {
        roundTitle: 'contracts.error.roundTitle',
        opensAt: 'contracts.error.dateTime',
        closesAt: 'contracts.error.dateTime',
      })
      if (!parsed.ok) return contractPage(request, reply, parsed.state, 400)
      const r = await openContractRound(db, request.actor(), whoOf(request), request.params.id, {
        title: parsed.value.roundTitle,
        opensAt: parseBerlinDateTime(parsed.value.opensAt)!,
        closesAt: parseBerlinDateTime(parsed.value.closesAt)!,
      })
      if (isNotFound(r)) return reply.errorPage(404)
      if (!r.ok) return contractPage(request, reply, refused(request.t, parsed.value, r), 400)
      return reply.seeOther(`${STAFF_CONTRACT_ROUNDS}/${r.value}`, 'contracts.flash.roundOpened')
    },
  )

  const staffRoundPage = async (
    request: IdRequest,
    reply: FastifyReply,
    form: FormState = emptyForm,
    status = 200,
  ) => {
    const details = await contractRoundDetails(db, request.params.id)
    if (!details) return reply.errorPage(404)
    return reply.page(
      <StaffContractRoundPage ctx={request.pageContext()} details={details} now={new Date()} form={form} />,
      status,
    )
  }

  app.get(`${STAFF_CONTRACT_ROUNDS}/:id`, { ...withId, ...manage }, (request, reply) =>
    staffRoundPage(request, reply),
  )

  app.post(`${STAFF_CONTRACT_ROUNDS}/:id/beenden`, { ...withId, ...manage }, async (request, reply) => {
    const r = await closeContractRound(db, request.actor(), whoOf(request), request.params.id)
    if (isNotFound(r)) return reply.errorPage(404)
    if (!r.ok) return staffRoundPage(request, reply, refused(request.t, {}, r), 400)
    return reply.seeOther(`${STAFF_CONTRACT_ROUNDS}/${request.params.id}`, 'contracts.flash.roundClosed')
  })

  app.post(
    `${STAFF_CONTRACT_ROUNDS}/:id/veroeffentlichen`,
    { ...withId, ...manage },
    async (request, reply) => {
      const r = await publishContractOutcome(db, request.actor(), whoOf(request), request.params.id)
      if (isNotFound(r)) return reply.errorPage(404)
      if (!r.ok) return staffRoundPage(request, reply, refused(request.t, {}, r), 400)
      return reply.seeOther(`${CONTRACT_ROUNDS}/${request.params.id}`, 'contracts.flash.outcomePublished')
    },
  )

  const commentWithRound = async (commentId: string) => {
    const roundId = await roundOfComment(db, commentId)
    const details = roundId ? await contractRoundDetails(db, roundId) : null
    for (const s of details?.sections ?? []) {
      const i = s.comments.findIndex((c) => c.id === commentId)
      if (i >= 0) return { details: details!, section: s.section, comment: s.comments[i]!, n: i + 1 }
    }
    return null
  }

  const answerPage = async (
    request: IdRequest,
    reply: FastifyReply,
    form: FormState | null,
    status = 200,
  ) => {
    const found = await commentWithRound(request.params.id)
    if (!found) return reply.errorPage(404)
    const { details, section, comment, n } = found
    return reply.page(
      <ContractAnswerPage
        ctx={request.pageContext()}
        round={details.round}
        section={section}
        comment={comment}
        n={n}
        form={
          form ?? { values: { answer: comment.answer ?? '', reason: comment.answerReason ?? '' }, errors: {} }
        }
      />,
      status,
    )
  }

  app.get(`${STAFF_CONTRACT_COMMENTS}/:id`, { ...withId, ...manage }, (request, reply) =>
    answerPage(request, reply, null),
  )

  app.post(`${STAFF_CONTRACT_COMMENTS}/:id`, { ...withId, ...manage }, async (request, reply) => {
    const parsed = parseForm(AnswerForm, request.body, request.t, {
      answer: 'contracts.error.answerChoice',
      reason: 'contracts.error.answerReason',
    })
    if (!parsed.ok) return answerPage(request, reply, parsed.state, 400)
    const r = await answerContractComment(
      db,
      request.actor(),
      whoOf(request),
      request.params.id,
      parsed.value,
    )
    if (isNotFound(r)) return reply.errorPage(404)
    if (!r.ok) return answerPage(request, reply, refused(request.t, parsed.value, r), 400)
    const roundId = await roundOfComment(db, request.params.id)
    return reply.seeOther(`${STAFF_CONTRACT_ROUNDS}/${roundId ?? ''}`, 'contracts.flash.answerSaved')
  })

  const revisePage = async (
    request: IdRequest,
    reply: FastifyReply,
    form: FormState | null,
    status = 200,
  ) => {
    const roundId = await roundOfSection(db, request.params.id)
    const details = roundId ? await contractRoundDetails(db, roundId) : null
    const s = details?.sections.find((x) => x.section.id === request.params.id)
    if (!details || !s) return reply.errorPage(404)
    return reply.page(
      <ContractRevisePage
        ctx={request.pageContext()}
        round={details.round}
        section={s.section}
        comments={s.comments}
        form={
          form ?? {
            values: { text: s.revision?.text ?? s.section.text, commentIds: s.revision?.commentIds ?? [] },
            errors: {},
          }
        }
      />,
      status,
    )
  }

  app.get(`${STAFF_CONTRACT_ROUNDS}/abschnitte/:id`, { ...withId, ...manage }, (request, reply) =>
    revisePage(request, reply, null),
  )

  app.post(`${STAFF_CONTRACT_ROUNDS}/abschnitte/:id`, { ...withId, ...manage }, async (request, reply) => {
    const parsed = parseForm(RevisionForm, request.body, request.t, {
      text: 'contracts.error.obligationText',
    })
    if (!parsed.ok) return revisePage(request, reply, parsed.state, 400)
    const r = await reviseContractSection(db, request.actor(), whoOf(request), request.params.id, {
      text: parsed.value.text,
      commentIds: asList(parsed.value.commentIds),
    })
    if (isNotFound(r)) return reply.errorPage(404)
    if (!r.ok) return revisePage(request, reply, refused(request.t, parsed.value, r), 400)
    const roundId = await roundOfSection(db, request.params.id)
    return reply.seeOther(`${STAFF_CONTRACT_ROUNDS}/${roundId ?? ''}`, 'contracts.flash.revisionSaved')
  })
}

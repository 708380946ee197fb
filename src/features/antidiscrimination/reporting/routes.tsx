import type { FastifyReply, FastifyRequest } from 'fastify'
import { berlinDay } from '../../../platform/days'
import type { App, AppDeps } from '../../../platform/feature'
import { contentDisposition } from '../../../platform/files'
import { parseForm, problemErrors, withProblems } from '../../../platform/http/forms'
import { formRateLimit } from '../../../platform/http/plugin'
import type { Outcome } from '../../../platform/outcome'
import type { FormState } from '../../../platform/ui/form'
import { addReporterAttachment } from '../cases/attachments'
import { exportForReporter, withdrawByReporter } from '../cases/data-subject'
import { discloseIdentity } from '../cases/identity'
import { listCentres, listDistricts } from '../network/find-network'
import { type PowVerdict, ProofOfWork, passes, spentInDatabase } from './proof-of-work'
import { reporterWrites, threadByCode, threadOf } from './reporter-thread'
import {
  IdentityForm,
  REPORT_MESSAGES,
  ReceiptForm,
  ReporterMessageForm,
  ReportForm,
  reportProblems,
  WithdrawForm,
} from './schema'
import { submitReport } from './submit-report'
import { noFasterThan, ReceiptThrottle } from './throttle'
import { AnswerCodePage, ReceiptPage, ReportPage, ThreadPage, WithdrawnPage } from './views'

/** Every answer to a receipt code takes at least this long (wrong, right with nothing new, right with news). */
export const RECEIPT_ANSWER_MS = 600

/**
 * Public reporting. Nothing of the reporter is stored or logged: the routes log at `warn` only (no
 * request lines with addresses), the address is used only by the rate limits (as a keyed hash), and no page
 * of /melden may be cached (`Cache-Control: no-store`).
 */
export function reportingRoutes(
  app: App,
  deps: AppDeps,
  throttle = new ReceiptThrottle(deps.db, deps.signingKey),
  pow = new ProofOfWork(
    deps.signingKey,
    { bits: deps.config.reportWorkBits, waitMs: deps.config.reportWaitMs },
    spentInDatabase(deps.db),
  ),
): void {
  const { db } = deps
  const limit = { ...formRateLimit(deps.config.rateLimitPerMinute) }
  const quiet = { logLevel: 'warn' as const }
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store')

  const reportPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState,
    status = 200,
    token: string = pow.issue(),
  ) => {
    const [centres, districts] = await Promise.all([listCentres(db), listDistricts(db)])
    noStore(reply)
    return reply.page(
      <ReportPage
        ctx={request.pageContext()}
        form={form}
        centres={centres}
        districts={districts}
        challenge={{ token, bits: pow.options.bits }}
      />,
      status,
    )
  }
  const powProblem = (v: PowVerdict) =>
    passes(v)
      ? []
      : [
          {
            field: 'pow',
            key:
              v === 'early'
                ? ('antidisc.report.error.powEarly' as const)
                : ('antidisc.report.error.powAgain' as const),
          },
        ]

  app.get('/melden', quiet, (request, reply) =>
    reportPage(request, reply, { values: { centre: 'network', contactWish: 'anonymous' }, errors: {} }),
  )

  app.post('/melden', { ...quiet, config: limit }, async (request, reply) => {
    const raw = (request.body ?? {}) as Record<string, unknown>
    const verdict = await pow.check(raw.pow, raw.powNonce)
    // A challenge still good stays on the form shown again, so the wait is not started anew.
    const token = (await pow.reusable(raw.pow)) ? String(raw.pow) : pow.issue()
    const parsed = parseForm(ReportForm, request.body, request.t, REPORT_MESSAGES)
    const extra = [
      ...reportProblems(parsed.ok ? parsed.value : parsed.state.values, berlinDay()),
      ...powProblem(verdict),
    ]
    if (!parsed.ok || extra.length) {
      const base = parsed.ok ? { values: { ...parsed.value }, errors: {} } : parsed.state
      return reportPage(request, reply, withProblems(base, extra, request.t), 400, token)
    }
    const v = parsed.value
    // Spent before the report is stored: the database decides, so one solved challenge lets exactly
    // one report through, even when two nodes get it at the same moment.
    if (!(await pow.spend(String(raw.pow))))
      return reportPage(
        request,
        reply,
        withProblems({ values: { ...v }, errors: {} }, powProblem('spent'), request.t),
        400,
      )
    const result = await submitReport(deps, {
      ...v,
      grounds: Array.isArray(v.grounds) ? v.grounds : [v.grounds],
      language: request.locale,
    })
    if (!result.ok)
      return reportPage(
        request,
        reply,
        withProblems({ values: { ...v }, errors: {} }, result.problems, request.t),
        400,
      )
    noStore(reply)
    // The code is in this answer only: no redirect, so it never appears in a URL or a history entry.
    return reply.page(<ReceiptPage ctx={request.pageContext()} code={result.value.code} />, 201)
  })

  app.get('/melden/antwort', quiet, async (request, reply) => {
    noStore(reply)
    return reply.page(<AnswerCodePage ctx={request.pageContext()} form={{ values: {}, errors: {} }} />)
  })

  /** The thread a code opens, or the code form with "wrong code"/"throttled"; always at least RECEIPT_ANSWER_MS. */
  const withCode = async <T,>(
    request: FastifyRequest,
    reply: FastifyReply,
    code: string,
    open: () => Promise<T | null>,
  ): Promise<T | null> => {
    noStore(reply)
    const ctx = request.pageContext()
    // A throttled address learns nothing about any code: it is answered at once, unhashed.
    const tried = await throttle.take(request.ip)
    if (!tried) {
      reply.page(
        <AnswerCodePage
          ctx={ctx}
          form={{ values: {}, errors: { code: request.t('antidisc.answer.throttled') } }}
        />,
        429,
      )
      return null
    }
    // A right code gives its try back within the floor, so it takes no longer than a wrong one.
    const thread = await noFasterThan(RECEIPT_ANSWER_MS, async () => {
      const found = await open()
      if (found !== null) await tried.giveBack()
      return found
    })
    if (thread === null) {
      reply.page(
        <AnswerCodePage
          ctx={ctx}
          form={{ values: { code }, errors: { code: request.t('antidisc.answer.wrong') } }}
        />,
        400,
      )
    }
    return thread
  }

  app.post('/melden/antwort', { ...quiet, config: limit }, async (request, reply) => {
    const parsed = parseForm(ReceiptForm, request.body, request.t, { code: 'antidisc.answer.wrong' })
    if (!parsed.ok) {
      noStore(reply)
      return reply.page(<AnswerCodePage ctx={request.pageContext()} form={parsed.state} />, 400)
    }
    const code = parsed.value.code
    const thread = await withCode(request, reply, code, () => threadByCode(deps, code))
    if (!thread) return reply
    return reply.page(
      <ThreadPage
        ctx={request.pageContext()}
        thread={thread}
        code={code}
        form={{ values: {}, errors: {} }}
      />,
    )
  })

  app.post(
    '/melden/antwort/anhang',
    { ...quiet, config: { ...limit, upload: true } },
    async (request, reply) => {
      const body = await request.readUpload(reply)
      if (!body) return reply
      const code = typeof body.fields.code === 'string' ? body.fields.code : ''
      let outcome: Outcome<string> | null = null
      const thread = await withCode(request, reply, code, async () => {
        const found = await threadByCode(deps, code)
        if (!found) return null
        outcome = await addReporterAttachment(deps, found.reportId, body.files.attachment)
        return outcome.ok ? await threadOf(deps, found.reportId) : found
      })
      if (!thread) return reply
      const result = outcome as Outcome<string> | null
      const upload: FormState =
        result && !result.ok
          ? { values: {}, errors: problemErrors(request.t, result.problems) }
          : { values: {}, errors: {} }
      return reply.page(
        <ThreadPage
          ctx={request.pageContext()}
          thread={thread}
          code={code}
          form={{ values: {}, errors: {} }}
          upload={upload}
          attached={result?.ok === true}
        />,
        result?.ok ? 200 : body.tooLarge ? 413 : 400,
      )
    },
  )

  app.post('/melden/antwort/nachricht', { ...quiet, config: limit }, async (request, reply) => {
    const parsed = parseForm(ReporterMessageForm, request.body, request.t, {
      code: 'antidisc.answer.wrong',
      body: 'antidisc.thread.error.body',
    })
    const code = parsed.ok ? parsed.value.code : String(parsed.state.values.code ?? '')
    if (!parsed.ok) {
      // Without a message, the thread is shown again with the message next to the field.
      const thread = await withCode(request, reply, code, () => threadByCode(deps, code))
      if (!thread) return reply
      return reply.page(
        <ThreadPage ctx={request.pageContext()} thread={thread} code={code} form={parsed.state} />,
        400,
      )
    }
    const thread = await withCode(request, reply, code, () => reporterWrites(deps, code, parsed.value.body))
    if (!thread) return reply
    return reply.page(
      <ThreadPage
        ctx={request.pageContext()}
        thread={thread}
        code={code}
        form={{ values: {}, errors: {} }}
        sent
      />,
    )
  })

  /** The reporter's data as one JSON file (Art. 15/20 GDPR), with the code; audited. */
  app.post('/melden/antwort/export', { ...quiet, config: limit }, async (request, reply) => {
    const parsed = parseForm(ReceiptForm, request.body, request.t, { code: 'antidisc.answer.wrong' })
    if (!parsed.ok) {
      noStore(reply)
      return reply.page(<AnswerCodePage ctx={request.pageContext()} form={parsed.state} />, 400)
    }
    const file = await withCode(request, reply, parsed.value.code, () =>
      exportForReporter(deps, parsed.value.code),
    )
    if (!file) return reply
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', contentDisposition(file.fileName))
      .send(file.json)
  })

  /** The reporter withdraws their consent: the report is deleted (anonymised) at once, with the code. */
  app.post('/melden/antwort/loeschen', { ...quiet, config: limit }, async (request, reply) => {
    const parsed = parseForm(WithdrawForm, request.body, request.t, {
      code: 'antidisc.answer.wrong',
      confirm: 'antidisc.withdraw.error.confirm',
    })
    const code = parsed.ok ? parsed.value.code : String(parsed.state.values.code ?? '')
    if (!code) {
      noStore(reply)
      return reply.page(
        <AnswerCodePage
          ctx={request.pageContext()}
          form={{ values: {}, errors: { code: request.t('antidisc.answer.wrong') } }}
        />,
        400,
      )
    }
    if (!parsed.ok) {
      // Without the confirmation the thread is shown again, the message next to the box.
      const thread = await withCode(request, reply, code, () => threadByCode(deps, code))
      if (!thread) return reply
      return reply.page(
        <ThreadPage
          ctx={request.pageContext()}
          thread={thread}
          code={code}
          form={{ values: {}, errors: {} }}
          withdraw={{ values: {}, errors: parsed.state.errors }}
        />,
        400,
      )
    }
    const done = await withCode(request, reply, code, async () =>
      (await withdrawByReporter(deps, code)) ? true : null,
    )
    if (!done) return reply
    return reply.page(<WithdrawnPage ctx={request.pageContext()} />)
  })

  /** An anonymous reporter tells who they are: sealed, seen by the centre only after the custodian step. */
  app.post('/melden/antwort/identitaet', { ...quiet, config: limit }, async (request, reply) => {
    const parsed = parseForm(IdentityForm, request.body, request.t, {
      code: 'antidisc.answer.wrong',
      identity: 'antidisc.identity.error',
    })
    const code = parsed.ok ? parsed.value.code : String(parsed.state.values.code ?? '')
    if (!code) {
      noStore(reply)
      return reply.page(
        <AnswerCodePage
          ctx={request.pageContext()}
          form={{ values: {}, errors: { code: request.t('antidisc.answer.wrong') } }}
        />,
        400,
      )
    }
    const thread = await withCode(request, reply, code, async () => {
      if (parsed.ok && !(await discloseIdentity(deps, code, parsed.value.identity))) return null
      return threadByCode(deps, code)
    })
    if (!thread) return reply
    return reply.page(
      <ThreadPage
        ctx={request.pageContext()}
        thread={thread}
        code={code}
        form={{ values: {}, errors: {} }}
        identity={parsed.ok ? undefined : { values: {}, errors: parsed.state.errors }}
        identitySent={parsed.ok}
      />,
      parsed.ok ? 200 : 400,
    )
  })
}

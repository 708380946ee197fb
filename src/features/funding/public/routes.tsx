import type { App, AppDeps } from '../../../platform/feature'
import { FormQuery, parseForm, withProblems } from '../../../platform/http/forms'
import { formRateLimit } from '../../../platform/http/plugin'
import { problems } from '../form-fields'
import { budgetOverview, listLines } from '../queries'
import { ConfirmForm, REGISTER_MESSAGES, RegisterForm } from '../schema'
import {
  confirmEmail,
  registerApplicant,
  registrationProblems,
  tokenNeedsPassword,
} from './register-applicant'
import { ConfirmPage, ProgrammePage, RegisterPage } from './views/pages'

export function publicRoutes(app: App, deps: AppDeps): void {
  const { db } = deps
  app.get('/foerderung', async (request, reply) => {
    const [lines, overview] = await Promise.all([listLines(db), budgetOverview(db)])
    return reply.page(<ProgrammePage ctx={request.pageContext()} lines={lines} budgets={overview.budgets} />)
  })

  app.get('/foerderung/registrieren', async (request, reply) =>
    reply.page(
      <RegisterPage
        ctx={request.pageContext()}
        form={{ values: { kind: 'migrant_organisation' }, errors: {} }}
      />,
    ),
  )

  app.post(
    '/foerderung/registrieren',
    { config: formRateLimit(deps.config.rateLimitPerMinute) },
    async (request, reply) => {
      const parsed = parseForm(RegisterForm, request.body, request.t, REGISTER_MESSAGES)
      const ctx = request.pageContext()
      const extra = registrationProblems(parsed.ok ? parsed.value : parsed.state.values)
      if (!parsed.ok || extra.length > 0) {
        // Every rule of the form speaks in one answer, with the empty fields.
        const base = parsed.ok ? { values: { ...parsed.value }, errors: {} } : parsed.state
        const state = withProblems(base, extra, request.t)
        return reply.page(
          <RegisterPage ctx={ctx} form={{ ...state, values: { ...state.values, password: '' } }} />,
          400,
        )
      }
      const v = parsed.value
      const result = await registerApplicant(deps, request.actor(), {
        ...v,
        nonProfit: v.nonProfit === 'on',
        locale: request.locale,
      })
      if (!result.ok) {
        return reply.page(
          <RegisterPage
            ctx={ctx}
            form={{ values: { ...v, password: '' }, errors: problems(request, result.problems) }}
          />,
          400,
        )
      }
      return reply.seeOther('/anmelden', 'funding.register.done')
    },
  )

  app.get('/foerderung/bestaetigen', { schema: { querystring: FormQuery } }, async (request, reply) => {
    const raw = request.query.token
    const token = typeof raw === 'string' ? raw : ''
    const needsPassword = await tokenNeedsPassword(deps, token)
    return reply.page(
      <ConfirmPage
        ctx={request.pageContext()}
        form={{ values: { token }, errors: {} }}
        needsPassword={needsPassword}
      />,
    )
  })

  app.post(
    '/foerderung/bestaetigen',
    { config: formRateLimit(deps.config.rateLimitPerMinute) },
    async (request, reply) => {
      const parsed = parseForm(ConfirmForm, request.body, request.t)
      const token = parsed.ok ? parsed.value.token : ''
      const result = parsed.ok
        ? await confirmEmail(deps, request.actor(), token, parsed.value.password)
        : null
      if (!result?.ok) {
        const errors = result
          ? problems(request, result.problems)
          : { token: request.t('funding.error.token') }
        return reply.page(
          <ConfirmPage
            ctx={request.pageContext()}
            form={{ values: { token }, errors }}
            needsPassword={await tokenNeedsPassword(deps, token)}
          />,
          400,
        )
      }
      return reply.seeOther(request.user ? '/foerderung/antraege' : '/anmelden', 'funding.confirm.done')
    },
  )
}

import { writeAudit } from '../audit'
import type { App, AppDeps } from '../feature'
import { parseForm, withErrors } from '../http/forms'
import { formRateLimit } from '../http/plugin'
import { NextQuery, SignInForm } from './schema'
import { createSession, deleteSession, SESSION_COOKIE } from './sessions'
import { signIn } from './sign-in'
import { AccountPage, SignInPage } from './views/sign-in'

/** Only same-site paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/'
  return next
}

export function authRoutes(app: App, deps: AppDeps): void {
  const { config, db } = deps
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.secure,
    maxAge: Math.floor(config.sessionTtlMs / 1000),
  }

  app.get('/anmelden', { schema: { querystring: NextQuery } }, async (request, reply) => {
    if (request.user) return reply.seeOther(safeNext(request.query.next))
    const ctx = request.pageContext()
    return reply.page(<SignInPage ctx={ctx} form={{ values: {}, errors: {} }} next={request.query.next} />)
  })

  app.post('/anmelden', { config: formRateLimit(config.rateLimitPerMinute) }, async (request, reply) => {
    const ctx = request.pageContext()
    const parsed = parseForm(SignInForm, request.body, request.t)
    const render = (form: ReturnType<typeof withErrors>, next?: string) =>
      reply.page(<SignInPage ctx={ctx} form={form} next={next} />, 400)
    if (!parsed.ok) return render(parsed.state)
    const { email, password, next } = parsed.value
    const result = await signIn(
      db,
      { email, password, ip: request.ip },
      {
        maxFailures: config.loginMaxFailures,
        lockMs: config.loginLockMs,
      },
    )
    if (!result.ok) {
      const key =
        result.reason === 'locked'
          ? 'auth.signIn.locked'
          : result.reason === 'ip_throttled'
            ? 'auth.signIn.throttled'
            : 'auth.signIn.invalid'
      return render(withErrors({ email }, { email: request.t(key) }), next)
    }
    const session = await createSession(db, result.userId, config.sessionTtlMs, !result.needsSecondFactor)
    reply.setCookie(SESSION_COOKIE, session.cookie, cookieOptions)
    if (result.needsSecondFactor) {
      return reply.seeOther(`/anmelden/code?next=${encodeURIComponent(safeNext(next))}`)
    }
    return reply.seeOther(safeNext(next), 'auth.signIn.done')
  })

  app.post('/abmelden', async (request, reply) => {
    if (request.sessionIdHash) {
      await deleteSession(db, request.sessionIdHash)
      if (request.user) {
        await writeAudit(db, request.actor(), {
          action: 'user.sign_out',
          entityType: 'user',
          entityId: request.user.id,
        })
      }
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.seeOther('/', 'auth.signOut.done')
  })

  app.get('/konto', async (request, reply) => {
    if (!request.user) return reply.seeOther('/anmelden?next=%2Fkonto')
    return reply.page(<AccountPage ctx={request.pageContext()} />)
  })
}

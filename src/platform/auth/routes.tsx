import type { FastifyReply, FastifyRequest } from 'fastify'
import { writeAudit } from '../audit'
import { createSecretBox } from '../crypto'
import { type App, type AppDeps, DESK_PERMISSION } from '../feature'
import { parseForm, withErrors, withProblems } from '../http/forms'
import { formRateLimit } from '../http/plugin'
import { localePath } from '../i18n'
import { emptyForm, type FormState } from '../ui/form'
import { changePassword } from './change-password'
import { disableTotp } from './disable-totp'
import { enableTotp, totpEnrolment } from './enable-totp'
import { PASSWORD_MIN_LENGTH } from './passwords'
import { safeNext } from './safe-next'
import {
  CHANGE_PASSWORD_MESSAGES,
  ChangePasswordForm,
  DisableTotpForm,
  EnableTotpForm,
  NextQuery,
  newPasswordProblems,
  SecondFactorForm,
  SIGN_IN_MESSAGES,
  SignInForm,
} from './schema'
import { createSession, deleteSession, loadSession, SESSION_COOKIE } from './sessions'
import { lockMail, type SignInPolicy, signIn } from './sign-in'
import { findUserById } from './users'
import { verifySecondFactor } from './verify-second-factor'
import { AccountPage } from './views/account'
import { ChangePasswordPage } from './views/change-password'
import { SignInPage } from './views/sign-in'
import { DisableTwoFactorPage, EnableTwoFactorPage, SecondFactorPage } from './views/two-factor'

export { safeNext }

/** A route guard for the account pages: anonymous visitors are sent to sign in first. */
async function requireUser(request: FastifyRequest, reply: FastifyReply) {
  if (!request.user) {
    return reply.redirect(
      localePath(request.locale, `/anmelden?next=${encodeURIComponent(request.url)}`),
      303,
    )
  }
}

export function authRoutes(app: App, deps: AppDeps): void {
  const { config, db } = deps
  const secrets = createSecretBox(deps.signingKey)
  const policy: SignInPolicy = {
    maxFailures: config.loginMaxFailures,
    lockMs: config.loginLockMs,
    notifyLock: (tx, user) => deps.mail.enqueue(tx, deps.jobs, lockMail(user, config)).then(() => undefined),
  }
  /** Where a sign-in leads: the page asked for, else the desk for staff, else the home page. */
  const landing = (next: string | undefined, roles: readonly string[]) =>
    next ? safeNext(next) : deps.permissions.can({ roles }, DESK_PERMISSION) ? '/verwaltung' : '/'
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
    const parsed = parseForm(SignInForm, request.body, request.t, SIGN_IN_MESSAGES)
    const render = (form: ReturnType<typeof withErrors>, next?: string) =>
      reply.page(<SignInPage ctx={ctx} form={form} next={next} />, 400)
    if (!parsed.ok) return render(parsed.state)
    const { email, password, next } = parsed.value
    const result = await signIn(db, { email, password, ip: request.ip, locale: request.locale }, policy)
    if (!result.ok) {
      // A locked account reads like a wrong password: the page must not tell which addresses have
      // accounts (the owner got a mail when the lock began).
      const key = result.reason === 'ip_throttled' ? 'auth.signIn.throttled' : 'auth.signIn.invalid'
      return render(withErrors({ email }, { email: request.t(key) }), next)
    }
    const session = await createSession(db, result.userId, config.sessionTtlMs, !result.needsSecondFactor)
    reply.setCookie(SESSION_COOKIE, session.cookie, cookieOptions)
    if (result.needsSecondFactor) {
      return reply.seeOther(`/anmelden/code?next=${encodeURIComponent(landing(next, result.roles))}`)
    }
    return reply.seeOther(landing(next, result.roles), 'auth.signIn.done')
  })

  app.post('/abmelden', { config: formRateLimit(config.rateLimitPerMinute) }, async (request, reply) => {
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

  // Second step of sign-in for accounts with TOTP: only for a session that passed the password.
  app.get('/anmelden/code', { schema: { querystring: NextQuery } }, async (request, reply) => {
    if (request.user) return reply.seeOther(safeNext(request.query.next))
    if (!request.secondFactorPending) return reply.seeOther('/anmelden')
    return reply.page(
      <SecondFactorPage ctx={request.pageContext()} form={emptyForm} next={request.query.next} />,
    )
  })

  app.post('/anmelden/code', { config: formRateLimit(config.rateLimitPerMinute) }, async (request, reply) => {
    if (request.user) return reply.seeOther('/')
    if (!request.secondFactorPending || !request.sessionIdHash) return reply.seeOther('/anmelden')
    const ctx = request.pageContext()
    const parsed = parseForm(SecondFactorForm, request.body, request.t)
    if (!parsed.ok) {
      const next = typeof parsed.state.values.next === 'string' ? parsed.state.values.next : undefined
      return reply.page(<SecondFactorPage ctx={ctx} form={parsed.state} next={next} />, 400)
    }
    const { code, next } = parsed.value
    // The plugin loaded this session a moment ago; gone now means it was ended in between.
    const session = await loadSession(db, request.cookies[SESSION_COOKIE] ?? '', config.sessionIdleMs)
    if (!session) return reply.seeOther('/anmelden')
    const result = await verifySecondFactor(
      db,
      secrets,
      {
        userId: session.user.id,
        sessionIdHash: session.idHash,
        code,
        ip: request.ip,
        ttlMs: config.sessionTtlMs,
      },
      policy,
    )
    if (result.ok) {
      reply.setCookie(SESSION_COOKIE, result.session.cookie, cookieOptions)
      return reply.seeOther(safeNext(next), 'auth.signIn.done')
    }
    if (result.reason === 'locked') {
      // The half-signed-in session has ended: back to the password.
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      const form = withErrors({}, { email: request.t('auth.signIn.locked') })
      return reply.page(<SignInPage ctx={ctx} form={form} next={next} />, 400)
    }
    const key = result.reason === 'ip_throttled' ? 'auth.signIn.throttled' : 'auth.twoFactor.invalidCode'
    return reply.page(
      <SecondFactorPage ctx={ctx} form={withErrors({}, { code: request.t(key) })} next={next} />,
      400,
    )
  })

  app.get('/konto', { preHandler: requireUser }, async (request, reply) => {
    const user = await findUserById(db, request.user!.id)
    return reply.page(<AccountPage ctx={request.pageContext()} totpEnabled={!!user?.totpEnabled} />)
  })

  app.get('/konto/passwort', { preHandler: requireUser }, async (request, reply) => {
    return reply.page(<ChangePasswordPage ctx={request.pageContext()} form={emptyForm} />)
  })

  app.post(
    '/konto/passwort',
    { preHandler: requireUser, config: formRateLimit(config.rateLimitPerMinute) },
    async (request, reply) => {
      const ctx = request.pageContext()
      const render = (form: FormState) => reply.page(<ChangePasswordPage ctx={ctx} form={form} />, 400)
      const parsed = parseForm(ChangePasswordForm, request.body, request.t, CHANGE_PASSWORD_MESSAGES)
      // changePassword checks all its rules at once; with a field missing they speak here.
      if (!parsed.ok)
        return render(
          withProblems(
            parsed.state,
            newPasswordProblems(parsed.state.values, PASSWORD_MIN_LENGTH),
            request.t,
          ),
        )
      const result = await changePassword(db, request.actor(), {
        userId: request.user!.id,
        sessionIdHash: request.sessionIdHash!,
        ...parsed.value,
      })
      if (result.ok) return reply.seeOther('/konto', 'auth.password.done')
      const keys = {
        wrong: 'auth.password.wrong',
        too_short: 'auth.password.tooShort',
        same: 'auth.password.same',
        mismatch: 'auth.password.mismatch',
      } as const
      const errors: Record<string, string> = {}
      for (const [field, error] of Object.entries(result.errors)) {
        errors[field] = request.t(keys[error], { min: PASSWORD_MIN_LENGTH })
      }
      return render(withErrors({}, errors))
    },
  )

  app.get('/konto/zwei-faktor', { preHandler: requireUser }, async (request, reply) => {
    const ctx = request.pageContext()
    const user = (await findUserById(db, request.user!.id))!
    if (user.totpEnabled) return reply.page(<DisableTwoFactorPage ctx={ctx} form={emptyForm} />)
    const enrolment = (await totpEnrolment(secrets, user, request.t('auth.twoFactor.qrLabel')))!
    return reply.page(<EnableTwoFactorPage ctx={ctx} enrolment={enrolment} form={emptyForm} />)
  })

  app.post(
    '/konto/zwei-faktor',
    { preHandler: requireUser, config: formRateLimit(config.rateLimitPerMinute) },
    async (request, reply) => {
      const ctx = request.pageContext()
      const user = request.user!
      const qrLabel = request.t('auth.twoFactor.qrLabel')
      const parsed = parseForm(EnableTotpForm, request.body, request.t)
      const typed = parsed.ok ? parsed.value.pending : parsed.state.values.pending
      const pending = typeof typed === 'string' ? typed : undefined
      const result = parsed.ok
        ? await enableTotp(db, secrets, request.actor(), { userId: user.id, ...parsed.value })
        : null
      if (result?.ok) return reply.seeOther('/konto', 'auth.twoFactor.enabled')
      if (result?.error === 'already_enabled')
        return reply.seeOther('/konto/zwei-faktor', 'auth.twoFactor.alreadyEnabled')
      // Show the same secret again (the app may have it already); a new one when the old does not open.
      const enrolment =
        (pending && (await totpEnrolment(secrets, user, qrLabel, pending))) ||
        (await totpEnrolment(secrets, user, qrLabel))!
      const form = !parsed.ok
        ? parsed.state
        : withErrors(
            {},
            {
              code: request.t(
                result?.error === 'expired' ? 'auth.twoFactor.expired' : 'auth.twoFactor.invalidCode',
              ),
            },
          )
      return reply.page(<EnableTwoFactorPage ctx={ctx} enrolment={enrolment} form={form} />, 400)
    },
  )

  app.post(
    '/konto/zwei-faktor/ausschalten',
    { preHandler: requireUser, config: formRateLimit(config.rateLimitPerMinute) },
    async (request, reply) => {
      const ctx = request.pageContext()
      const render = (form: FormState) => reply.page(<DisableTwoFactorPage ctx={ctx} form={form} />, 400)
      const parsed = parseForm(DisableTotpForm, request.body, request.t)
      if (!parsed.ok) return render(parsed.state)
      const result = await disableTotp(db, secrets, request.actor(), {
        userId: request.user!.id,
        ...parsed.value,
      })
      if (result.ok) return reply.seeOther('/konto', 'auth.twoFactor.disabled')
      if (result.error === 'not_enabled') return reply.seeOther('/konto/zwei-faktor')
      const errors: Record<string, string> =
        result.error === 'missing'
          ? { password: request.t('auth.twoFactor.missing') }
          : result.error === 'wrong_password'
            ? { password: request.t('auth.twoFactor.wrongPassword') }
            : { code: request.t('auth.twoFactor.invalidCode') }
      return render(withErrors({}, errors))
    },
  )
}

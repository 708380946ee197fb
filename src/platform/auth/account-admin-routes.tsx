import type { App, AppDeps } from '../feature'
import { FormQuery, filterQuery, parseForm, withErrors } from '../http/forms'
import { formRateLimit, requirePermission } from '../http/plugin'
import type { MessageKey, Translate } from '../i18n'
import { IdParams, isUuid } from '../ids'
import { resetTotp } from './disable-totp'
import {
  inviteUser,
  listUsers,
  sendPasswordLink,
  type UserError,
  unlockUser,
  updateUser,
} from './manage-users'
import { findPasswordLink, requestPasswordReset, setPasswordWithLink } from './password-links'
import { PASSWORD_MIN_LENGTH } from './passwords'
import {
  EditUserForm,
  ForgotPasswordForm,
  InviteUserForm,
  roleList,
  SetPasswordForm,
  TokenQuery,
  UsersQuery,
} from './schema'
import { findUserById } from './users'
import { ForgotPasswordPage, InvalidLinkPage, SetPasswordPage } from './views/password-link'
import { EditUserPage, InviteUserPage, UsersPage } from './views/users'

const BASE = '/verwaltung/konten'

const USER_ERRORS: Record<UserError, MessageKey> = {
  email_taken: 'auth.users.emailTaken',
  unknown_role: 'form.choice',
  no_roles: 'auth.users.noRoles',
  self_admin: 'auth.users.selfAdmin',
  self_active: 'auth.users.selfActive',
}

function translateErrors(t: Translate, errors: Partial<Record<string, UserError>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [field, error] of Object.entries(errors)) if (error) out[field] = t(USER_ERRORS[error])
  return out
}

/**
 * Account administration (`users.manage`) and the password links it sends: invitations for new
 * accounts, resets requested by the person ("forgot password") or by an administrator.
 */
export function accountAdminRoutes(app: App, deps: AppDeps): void {
  const { db, config, permissions } = deps
  const manage = { preHandler: requirePermission('users.manage') }
  const withId = { schema: { params: IdParams }, ...manage }
  const knownRoles = () => [...permissions.roles].sort()

  // ---- The person's side: forgot password, set password through a link ----

  app.get('/anmelden/passwort-vergessen', async (request, reply) =>
    reply.page(<ForgotPasswordPage ctx={request.pageContext()} form={{ values: {}, errors: {} }} />),
  )

  app.post(
    '/anmelden/passwort-vergessen',
    { config: formRateLimit(config.rateLimitPerMinute) },
    async (request, reply) => {
      const ctx = request.pageContext()
      const parsed = parseForm(ForgotPasswordForm, request.body, request.t)
      if (!parsed.ok) return reply.page(<ForgotPasswordPage ctx={ctx} form={parsed.state} />, 400)
      await requestPasswordReset(deps, { email: parsed.value.email, ip: request.ip })
      // The same answer whether or not the address has an account.
      return reply.page(<ForgotPasswordPage ctx={ctx} form={{ values: {}, errors: {} }} sent />)
    },
  )

  app.get('/konto/passwort-festlegen', { schema: { querystring: TokenQuery } }, async (request, reply) => {
    // The token must not leak to other sites through the Referer header (no-referrer would also blank the
    // Origin of the form post, which the CSRF check needs).
    reply.header('referrer-policy', 'same-origin')
    const ctx = request.pageContext()
    const token = request.query.token ?? ''
    const link = await findPasswordLink(db, token)
    if (!link) return reply.page(<InvalidLinkPage ctx={ctx} />, 404)
    return reply.page(
      <SetPasswordPage
        ctx={ctx}
        form={{ values: {}, errors: {} }}
        token={token}
        email={link.email}
        purpose={link.purpose}
      />,
    )
  })

  app.post(
    '/konto/passwort-festlegen',
    { config: formRateLimit(config.rateLimitPerMinute) },
    async (request, reply) => {
      reply.header('referrer-policy', 'same-origin')
      const ctx = request.pageContext()
      const parsed = parseForm(SetPasswordForm, request.body, request.t)
      const token = parsed.ok ? parsed.value.token : String(parsed.state.values.token ?? '')
      const link = await findPasswordLink(db, token)
      if (!link) return reply.page(<InvalidLinkPage ctx={ctx} />, 400)
      const page = (errors: Record<string, string>) =>
        reply.page(
          <SetPasswordPage
            ctx={ctx}
            form={withErrors({}, errors)}
            token={token}
            email={link.email}
            purpose={link.purpose}
          />,
          400,
        )
      if (!parsed.ok) return page(parsed.state.errors)
      const result = await setPasswordWithLink(db, { ...parsed.value, ip: request.ip })
      if (!result.ok) {
        if (result.errors.token) return reply.page(<InvalidLinkPage ctx={ctx} />, 400)
        return page({
          ...(result.errors.newPassword
            ? { newPassword: request.t('auth.password.tooShort', { min: PASSWORD_MIN_LENGTH }) }
            : {}),
          ...(result.errors.confirmPassword ? { confirmPassword: request.t('auth.password.mismatch') } : {}),
        })
      }
      return reply.seeOther('/anmelden', 'auth.setPassword.done')
    },
  )

  // ---- Administration ----

  app.get(BASE, { schema: { querystring: FormQuery }, ...manage }, async (request, reply) => {
    const ctx = request.pageContext()
    const raw = request.query
    const query = filterQuery(raw)
    const parsed = parseForm(UsersQuery, raw, request.t)
    const roles = knownRoles()
    if (!parsed.ok) {
      return reply.page(
        <UsersPage
          ctx={ctx}
          form={parsed.state}
          rows={[]}
          page={1}
          hasMore={false}
          query={query}
          roles={roles}
        />,
        400,
      )
    }
    const page = parsed.value.page ?? 1
    const { rows, hasMore } = await listUsers(db, { q: parsed.value.q, role: parsed.value.role, page })
    return reply.page(
      <UsersPage
        ctx={ctx}
        form={{ values: raw, errors: {} }}
        rows={rows}
        page={page}
        hasMore={hasMore}
        query={query}
        roles={roles}
      />,
    )
  })

  app.get(`${BASE}/neu`, manage, async (request, reply) =>
    reply.page(
      <InviteUserPage ctx={request.pageContext()} form={{ values: {}, errors: {} }} roles={knownRoles()} />,
    ),
  )

  app.post(`${BASE}/neu`, manage, async (request, reply) => {
    const ctx = request.pageContext()
    const parsed = parseForm(InviteUserForm, request.body, request.t)
    if (!parsed.ok)
      return reply.page(<InviteUserPage ctx={ctx} form={parsed.state} roles={knownRoles()} />, 400)
    const result = await inviteUser(deps, request.actor(), {
      ...parsed.value,
      locale: request.locale,
      roles: roleList(parsed.value.roles),
    })
    if (!result.ok) {
      const form = withErrors(parsed.value, translateErrors(request.t, result.errors))
      return reply.page(<InviteUserPage ctx={ctx} form={form} roles={knownRoles()} />, 400)
    }
    return reply.seeOther(`${BASE}/${result.id}`, 'auth.users.invited')
  })

  const loadUser = async (id: string) => (isUuid(id) ? findUserById(db, id) : null)

  app.get(`${BASE}/:id`, withId, async (request, reply) => {
    const user = await loadUser(request.params.id)
    if (!user) return reply.errorPage(404)
    const form = {
      values: { displayName: user.displayName, roles: user.roles, active: user.active ? 'on' : undefined },
      errors: {},
    }
    return reply.page(
      <EditUserPage ctx={request.pageContext()} form={form} user={user} roles={knownRoles()} />,
    )
  })

  app.post(`${BASE}/:id`, withId, async (request, reply) => {
    const user = await loadUser(request.params.id)
    if (!user) return reply.errorPage(404)
    const ctx = request.pageContext()
    const parsed = parseForm(EditUserForm, request.body, request.t)
    if (!parsed.ok) {
      return reply.page(<EditUserPage ctx={ctx} form={parsed.state} user={user} roles={knownRoles()} />, 400)
    }
    const result = await updateUser(deps, request.actor(), {
      id: user.id,
      displayName: parsed.value.displayName,
      roles: roleList(parsed.value.roles),
      active: parsed.value.active === 'on',
    })
    if (!result.ok) {
      if ('notFound' in result) return reply.errorPage(404)
      const form = withErrors(parsed.value, translateErrors(request.t, result.errors))
      return reply.page(<EditUserPage ctx={ctx} form={form} user={user} roles={knownRoles()} />, 400)
    }
    return reply.seeOther(`${BASE}/${user.id}`, 'auth.users.saved')
  })

  app.post(`${BASE}/:id/passwort-link`, withId, async (request, reply) => {
    const user = await loadUser(request.params.id)
    if (!user) return reply.errorPage(404)
    const result = await sendPasswordLink(deps, request.actor(), user.id)
    if (result !== 'sent') return reply.errorPage(400)
    return reply.seeOther(`${BASE}/${user.id}`, 'auth.users.linkSent')
  })

  app.post(`${BASE}/:id/entsperren`, withId, async (request, reply) => {
    const user = await loadUser(request.params.id)
    if (!user) return reply.errorPage(404)
    await unlockUser(db, request.actor(), user.id)
    return reply.seeOther(`${BASE}/${user.id}`, 'auth.users.unlocked')
  })

  app.post(`${BASE}/:id/zwei-faktor`, withId, async (request, reply) => {
    const user = await loadUser(request.params.id)
    if (!user) return reply.errorPage(404)
    await resetTotp(db, request.actor(), user.id)
    return reply.seeOther(`${BASE}/${user.id}`, 'auth.users.totpReset')
  })
}

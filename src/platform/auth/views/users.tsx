import type { PageContext } from '../../http/context'
import { formatDate, type MessageKey } from '../../i18n'
import { Alert, PageHeading, Pagination, Table } from '../../ui/components'
import { Button, Form, type FormState, fields } from '../../ui/form'
import { Layout } from '../../ui/layout'

const BASE = '/verwaltung/konten'

export interface UserRow {
  readonly id: string
  readonly email: string
  readonly displayName: string
  readonly roles: readonly string[]
  readonly active: boolean
  readonly totpEnabled: boolean
  readonly lockedUntil: Date | null
}

/** Roles are data (declared by features); accounts.test checks that every known role has a label. */
const roleLabel = (ctx: PageContext, role: string) => ctx.t(`auth.role.${role}` as MessageKey)

function roleOptions(ctx: PageContext, roles: readonly string[]) {
  return roles.map((r) => ({ value: r, label: `${roleLabel(ctx, r)} (${r})` }))
}

function status(ctx: PageContext, u: UserRow, now: Date): string {
  if (!u.active) return ctx.t('auth.users.inactive')
  if (u.lockedUntil && u.lockedUntil > now) return ctx.t('auth.users.locked')
  return ctx.t('auth.users.active')
}

const crumbs = (ctx: PageContext, last?: string) => [
  { href: '/verwaltung', label: ctx.t('admin.title') },
  ...(last
    ? [{ href: BASE, label: ctx.t('auth.users.title') }, { label: last }]
    : [{ label: ctx.t('auth.users.title') }]),
]

export function UsersPage({
  ctx,
  form,
  rows,
  page,
  hasMore,
  query,
  roles,
}: {
  ctx: PageContext
  form: FormState
  rows: readonly UserRow[]
  page: number
  hasMore: boolean
  query: URLSearchParams
  roles: readonly string[]
}) {
  const f = fields(ctx, form)
  const { t } = ctx
  const now = new Date()
  const hrefFor = (p: number) => {
    const q = new URLSearchParams(query)
    q.set('page', String(p))
    return `${ctx.href(BASE)}?${q}`
  }
  return (
    <Layout ctx={ctx} title={t('auth.users.title')} breadcrumbs={crumbs(ctx)}>
      <PageHeading lead={t('auth.users.lead')}>{t('auth.users.title')}</PageHeading>
      <p>
        <a class="kern-btn kern-btn--primary" href={ctx.href(`${BASE}/neu`)}>
          <span class="kern-label">{t('auth.users.invite')}</span>
        </a>
      </p>
      <form method="get" action={ctx.href(BASE)} class="filter-form">
        <f.Text name="q" optional label={t('auth.users.search')} />
        <f.Select name="role" optional label={t('auth.users.role')} options={roleOptions(ctx, roles)} />
        <Button variant="secondary">{t('auth.users.filter')}</Button>
      </form>
      {rows.length === 0 ? (
        <p class="kern-body">{t('auth.users.none')}</p>
      ) : (
        <Table
          caption={t('auth.users.caption')}
          rows={rows}
          rowKey={(u) => u.id}
          columns={[
            {
              header: t('auth.users.name'),
              cell: (u) => (
                <a class="kern-link" href={ctx.href(`${BASE}/${u.id}`)}>
                  {u.displayName}
                </a>
              ),
            },
            { header: t('auth.signIn.email'), cell: (u) => u.email },
            {
              header: t('auth.account.roles'),
              cell: (u) => u.roles.map((r) => roleLabel(ctx, r)).join(', '),
            },
            { header: t('auth.users.status'), cell: (u) => status(ctx, u, now) },
            {
              header: t('auth.account.twoFactor'),
              cell: (u) => t(u.totpEnabled ? 'auth.account.twoFactorOn' : 'auth.account.twoFactorOff'),
            },
          ]}
        />
      )}
      <Pagination ctx={ctx} page={page} pageCount={hasMore ? page + 1 : page} hrefFor={hrefFor} />
    </Layout>
  )
}

export function InviteUserPage({
  ctx,
  form,
  roles,
}: {
  ctx: PageContext
  form: FormState
  roles: readonly string[]
}) {
  const f = fields(ctx, form)
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t('auth.users.invite')} breadcrumbs={crumbs(ctx, t('auth.users.invite'))}>
      <PageHeading lead={t('auth.users.inviteLead')}>{t('auth.users.invite')}</PageHeading>
      <f.Summary />
      <Form ctx={ctx} action={ctx.href(`${BASE}/neu`)} class="form-narrow">
        <f.Text name="email" type="email" autocomplete="off" label={t('auth.signIn.email')} />
        <f.Text name="displayName" label={t('auth.users.name')} />
        <f.Checkboxes name="roles" label={t('auth.account.roles')} options={roleOptions(ctx, roles)} />
        <Button>{t('auth.users.inviteSubmit')}</Button>
      </Form>
    </Layout>
  )
}

export function EditUserPage({
  ctx,
  form,
  user,
  roles,
}: {
  ctx: PageContext
  form: FormState
  user: UserRow & { createdAt: Date; passwordChangedAt: Date }
  roles: readonly string[]
}) {
  const f = fields(ctx, form)
  const { t } = ctx
  const href = ctx.href(`${BASE}/${user.id}`)
  const locked = !!user.lockedUntil && user.lockedUntil > new Date()
  return (
    <Layout ctx={ctx} title={user.displayName} breadcrumbs={crumbs(ctx, user.displayName)}>
      <PageHeading lead={user.email}>{user.displayName}</PageHeading>
      <dl class="kern-description-list">
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('auth.users.status')}</dt>
          <dd class="kern-description-list-item__value">{status(ctx, user, new Date())}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('auth.account.twoFactor')}</dt>
          <dd class="kern-description-list-item__value">
            {t(user.totpEnabled ? 'auth.account.twoFactorOn' : 'auth.account.twoFactorOff')}
          </dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('auth.users.created')}</dt>
          <dd class="kern-description-list-item__value">{formatDate(ctx.locale, user.createdAt, true)}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{t('auth.users.passwordChanged')}</dt>
          <dd class="kern-description-list-item__value">
            {formatDate(ctx.locale, user.passwordChangedAt, true)}
          </dd>
        </div>
      </dl>
      <h2 class="kern-heading-medium">{t('auth.users.edit')}</h2>
      <f.Summary />
      <Form ctx={ctx} action={href} class="form-narrow">
        <f.Text name="displayName" label={t('auth.users.name')} />
        <f.Checkboxes name="roles" label={t('auth.account.roles')} options={roleOptions(ctx, roles)} />
        <f.Checkbox name="active" label={t('auth.users.activeLabel')} />
        <Button>{t('auth.users.save')}</Button>
      </Form>
      <h2 class="kern-heading-medium">{t('auth.users.access')}</h2>
      {user.active ? (
        <Form ctx={ctx} action={`${href}/passwort-link`}>
          <p class="kern-body">{t('auth.users.passwordLinkHint')}</p>
          <Button variant="secondary">{t('auth.users.passwordLink')}</Button>
        </Form>
      ) : (
        <Alert kind="info" title={t('auth.users.inactive')}>
          <p class="kern-body">{t('auth.users.inactiveHint')}</p>
        </Alert>
      )}
      {locked ? (
        <Form ctx={ctx} action={`${href}/entsperren`}>
          <Button variant="secondary">{t('auth.users.unlock')}</Button>
        </Form>
      ) : null}
      {user.totpEnabled ? (
        <Form ctx={ctx} action={`${href}/zwei-faktor`}>
          <p class="kern-body">{t('auth.users.resetTotpHint')}</p>
          <Button variant="secondary">{t('auth.users.resetTotp')}</Button>
        </Form>
      ) : null}
    </Layout>
  )
}

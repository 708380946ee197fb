import type { PageContext } from '../../http/context'
import { PageHeading } from '../../ui/components'
import { Layout } from '../../ui/layout'

export function AccountPage({ ctx, totpEnabled }: { ctx: PageContext; totpEnabled: boolean }) {
  const user = ctx.user!
  return (
    <Layout ctx={ctx} title={ctx.t('auth.account.title')}>
      <PageHeading>{ctx.t('auth.account.title')}</PageHeading>
      <dl class="kern-description-list">
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{ctx.t('auth.account.email')}</dt>
          <dd class="kern-description-list-item__value">{user.email}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{ctx.t('auth.account.roles')}</dt>
          <dd class="kern-description-list-item__value">{user.roles.join(', ')}</dd>
        </div>
        <div class="kern-description-list-item">
          <dt class="kern-description-list-item__key">{ctx.t('auth.account.twoFactor')}</dt>
          <dd class="kern-description-list-item__value">
            {ctx.t(totpEnabled ? 'auth.account.twoFactorOn' : 'auth.account.twoFactorOff')}
          </dd>
        </div>
      </dl>
      <h2 class="kern-heading-medium">{ctx.t('auth.account.security')}</h2>
      <ul class="kern-list">
        <li>
          <a class="kern-link" href={ctx.href('/konto/passwort')}>
            {ctx.t('auth.account.changePasswordLink')}
          </a>
        </li>
        <li>
          <a class="kern-link" href={ctx.href('/konto/zwei-faktor')}>
            {ctx.t('auth.account.twoFactorLink')}
          </a>
        </li>
      </ul>
    </Layout>
  )
}

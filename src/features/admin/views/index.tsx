import type { PageContext } from '../../../platform/http/context'
import { PageHeading } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'

export function AdminIndexPage({ ctx }: { ctx: PageContext }) {
  const links = [
    ['/verwaltung/protokoll', 'admin.audit.title', 'audit.read'],
    ['/verwaltung/postausgang', 'admin.outbox.title', 'mail.read'],
    ['/verwaltung/konten', 'auth.users.title', 'users.manage'],
    ['/verwaltung/betreiber', 'admin.operator.title', 'operator.manage'],
  ] as const
  return (
    <Layout ctx={ctx} title={ctx.t('admin.title')}>
      <PageHeading>{ctx.t('admin.title')}</PageHeading>
      <ul class="kern-list">
        {links
          .filter(([, , perm]) => ctx.can(perm))
          .map(([href, key]) => (
            <li key={href}>
              <a class="kern-link" href={ctx.href(href)}>
                {ctx.t(key)}
              </a>
            </li>
          ))}
      </ul>
    </Layout>
  )
}

import type { PageContext } from '../../../platform/http/context'
import { PageHeading } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'

export function HomePage({ ctx }: { ctx: PageContext }) {
  const sections = ctx.nav.filter((n) => n.href !== '/' && (!n.permission || ctx.can(n.permission)))
  return (
    <Layout ctx={ctx} title={ctx.t('home.title')} description={ctx.t('home.lead')}>
      <PageHeading lead={ctx.t('home.lead')}>{ctx.t('home.title')}</PageHeading>
      {sections.length > 0 ? (
        <section aria-labelledby="home-sections">
          <h2 id="home-sections" class="kern-heading-medium">
            {ctx.t('home.sections')}
          </h2>
          <ul class="kern-list">
            {sections.map((s) => (
              <li key={s.href}>
                <a class="kern-link" href={ctx.href(s.href)}>
                  {ctx.t(s.labelKey)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  )
}

import type { PageContext } from '../../../platform/http/context'
import { PageHeading } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'

/** A page of plain text from the message catalogue: paragraphs separated by blank lines. */
export function StaticPage({ ctx, id }: { ctx: PageContext; id: string }) {
  const title = ctx.t(`pages.${id}.title`)
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: ctx.t('nav.home') }, { label: title }]}>
      <PageHeading>{title}</PageHeading>
      <div class="prose">
        {ctx
          .t(`pages.${id}.body`)
          .split('\n\n')
          .map((p) => (
            <p class="kern-body" key={p}>
              {p}
            </p>
          ))}
      </div>
    </Layout>
  )
}

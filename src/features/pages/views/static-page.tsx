import type { HomeEntry } from '../../../platform/feature'
import type { PageContext } from '../../../platform/http/context'
import { PageHeading } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'

/** A text from the catalogue, its paragraphs separated by blank lines. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split('\n\n').map((p) => (
        <p class="kern-body" key={p}>
          {p}
        </p>
      ))}
    </>
  )
}

/**
 * A page of plain text from the message catalogue: paragraphs separated by blank lines. With
 * `entries`, the tasks the installation offers follow as a list (under `pages.<id>.listTitle`), then
 * the paragraphs of `pages.<id>.after`.
 */
export function StaticPage(
  props:
    | { readonly ctx: PageContext; readonly id: 'datenschutz' }
    | { readonly ctx: PageContext; readonly id: 'gebaerdensprache'; readonly entries: readonly HomeEntry[] },
) {
  const { ctx, id } = props
  const title = ctx.t(`pages.${id}.title`)
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: ctx.t('nav.home') }, { label: title }]}>
      <PageHeading>{title}</PageHeading>
      <div class="prose">
        <Paragraphs text={ctx.t(`pages.${id}.body`)} />
        {'entries' in props ? (
          <>
            <h2 class="kern-heading-small">{ctx.t(`pages.${props.id}.listTitle`)}</h2>
            <ul class="kern-list">
              {props.entries.map((e) => (
                <li key={e.href}>
                  <a class="kern-link" href={ctx.href(e.href)}>
                    {ctx.t(e.labelKey)}
                  </a>
                </li>
              ))}
              <li>{ctx.t('pages.gebaerdensprache.navigation')}</li>
              <li>
                <a class="kern-link" href={ctx.href('/barrierefreiheit')}>
                  {ctx.t('pages.gebaerdensprache.accessibility')}
                </a>
              </li>
            </ul>
            <Paragraphs text={ctx.t(`pages.${props.id}.after`)} />
            <h2 class="kern-heading-small">{ctx.t('pages.gebaerdensprache.requestTitle')}</h2>
            <p class="kern-body">
              {ctx.operator
                ? ctx.t('pages.gebaerdensprache.request', { email: ctx.operator.accessibilityEmail })
                : ctx.t('pages.gebaerdensprache.requestMissing')}
            </p>
          </>
        ) : null}
      </div>
    </Layout>
  )
}

import type { PageContext } from '../http/context'
import type { ErrorStatus } from '../http/plugin'
import { PageHeading } from './components'
import { Layout } from './layout'

/** The branded page for 400, 403, 404, 413, 415, 429 and 500: a heading, one sentence, a way home. Never a stack trace. */
export function ErrorPage({
  ctx,
  status,
  messageKey,
}: {
  ctx: PageContext
  status: ErrorStatus
  /** Overrides the title and text keys (`<key>.title`, `<key>.text`), e.g. for an expired form. */
  messageKey?: string
}) {
  const key = messageKey ?? `ui.errorPage.${status}`
  return (
    <Layout ctx={ctx} title={ctx.t(`${key}.title`)}>
      <PageHeading>{ctx.t(`${key}.title`)}</PageHeading>
      <p class="kern-body">{ctx.t(`${key}.text`)}</p>
      {status === 403 && !ctx.user && !messageKey ? (
        <p class="kern-body">
          <a class="kern-link" href={ctx.href(`/anmelden?next=${encodeURIComponent(ctx.path)}`)}>
            {ctx.t('auth.signIn.link')}
          </a>
        </p>
      ) : null}
      <p class="kern-body">
        <a class="kern-link" href={ctx.href('/')}>
          {ctx.t('ui.errorPage.home')}
        </a>
      </p>
    </Layout>
  )
}

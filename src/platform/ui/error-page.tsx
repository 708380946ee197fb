import type { PageContext } from '../http/context'
import type { ErrorStatus } from '../http/plugin'
import type { MessageKey } from '../i18n'
import { PageHeading } from './components'
import { Layout } from './layout'

/** Key prefixes with a `.title` message, e.g. `ui.errorPage.404` or `ui.csrf` (each needs a `.text` too). */
type Titled<K> = K extends `${infer P}.title` ? (`${P}.text` extends MessageKey ? P : never) : never
type ErrorPageKey = Titled<MessageKey>

/**
 * The branded page for 400, 403, 404, 413, 415, 429 and 500: a heading, one sentence, a way home and
 * the request's reference number (support finds the log lines by it). Never a stack trace.
 */
export function ErrorPage({
  ctx,
  status,
  messageKey,
}: {
  ctx: PageContext
  status: ErrorStatus
  /** Overrides the title and text keys (`<key>.title`, `<key>.text`), e.g. for an expired form. */
  messageKey?: ErrorPageKey
}) {
  const key: ErrorPageKey = messageKey ?? `ui.errorPage.${status}`
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
      {ctx.requestId ? (
        <p class="kern-body kern-body--small" data-request-id={ctx.requestId}>
          {ctx.t('ui.errorPage.reference', { id: ctx.requestId })}
        </p>
      ) : null}
    </Layout>
  )
}

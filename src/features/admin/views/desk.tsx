import type { DeskItem, DeskLink } from '../../../platform/feature'
import type { PageContext } from '../../../platform/http/context'
import { formatDate } from '../../../platform/i18n'
import { PageHeading } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'

/**
 * The staff desk: what waits for the signed-in person and what they may do, each contributed by the
 * feature it belongs to (DeskDeclaration), only as far as their permissions go.
 */
export function DeskPage({
  ctx,
  waiting,
  links,
}: {
  ctx: PageContext
  waiting: readonly DeskItem[]
  links: readonly DeskLink[]
}) {
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t('admin.desk.title')}>
      <PageHeading lead={t('admin.desk.lead', { name: ctx.user?.displayName ?? '' })}>
        {t('admin.desk.title')}
      </PageHeading>
      <section class="desk-section" aria-labelledby="desk-waiting">
        <h2 class="kern-heading-medium" id="desk-waiting">
          {t('admin.desk.waiting')}
        </h2>
        {waiting.length ? (
          <ul class="kern-list desk-waiting">
            {waiting.map((item) => (
              <li key={item.href + item.labelKey}>
                <a class="kern-link" href={ctx.href(item.href)}>
                  {t(item.labelKey, {
                    n: item.count,
                    ...item.params,
                    ...(item.date ? { date: formatDate(ctx.locale, item.date, true) } : {}),
                  })}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p class="kern-body">{t('admin.desk.nothingWaiting')}</p>
        )}
      </section>
      <section class="desk-section" aria-labelledby="desk-links">
        <h2 class="kern-heading-medium" id="desk-links">
          {t('admin.desk.links')}
        </h2>
        <ul class="home-tasks">
          {links.map((link) => (
            <li key={link.href + link.labelKey}>
              <article class="kern-card kern-card--hug">
                <div class="kern-card__container">
                  <header class="kern-card__header">
                    <h3 class="kern-title">
                      <a class="kern-link" href={ctx.href(link.href)}>
                        {t(link.labelKey)}
                      </a>
                    </h3>
                  </header>
                  <div class="kern-card__body">
                    <p class="kern-body">{t(link.textKey)}</p>
                  </div>
                </div>
              </article>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  )
}

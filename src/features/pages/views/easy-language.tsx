import type { HomeEntry } from '../../../platform/feature'
import type { PageContext } from '../../../platform/http/context'
import { PageHeading } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'

/**
 * Leichte Sprache: what the website is and what is on it. The list comes from the same entries as
 * the home page, so it names exactly what exists.
 */
export function EasyLanguagePage({ ctx, entries }: { ctx: PageContext; entries: readonly HomeEntry[] }) {
  const { t } = ctx
  const title = t('pages.leichteSprache.title')
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: title }]}>
      <PageHeading>{title}</PageHeading>
      <div class="prose easy-language">
        {t('pages.leichteSprache.intro')
          .split('\n\n')
          .map((p) => (
            <p class="kern-body" key={p}>
              {p}
            </p>
          ))}
        <h2 class="kern-heading-small">{t('pages.leichteSprache.whatTitle')}</h2>
        <ul class="kern-list">
          {entries.map((e) => (
            <li key={e.href}>
              <p class="kern-body">
                <a class="kern-link" href={ctx.href(e.href)}>
                  {t(e.labelKey)}
                </a>
              </p>
              <p class="kern-body">{t(e.easyKey)}</p>
            </li>
          ))}
        </ul>
        <h2 class="kern-heading-small">{t('pages.leichteSprache.languageTitle')}</h2>
        <p class="kern-body">{t('pages.leichteSprache.language')}</p>
      </div>
    </Layout>
  )
}

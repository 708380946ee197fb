import type { HomeEntry } from '../../../platform/feature'
import type { PageContext } from '../../../platform/http/context'
import { PageHeading } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'
import { Paragraphs } from './static-page'

/**
 * Leichte Sprache: what the website is and what is on it. The list comes from the same entries as
 * the home page, so it names exactly what exists.
 */
/** Where the anti-discrimination network's reporting will live (issue: anti-discrimination network). */
const REPORTING_PATH = '/melden'

export function EasyLanguagePage({ ctx, entries }: { ctx: PageContext; entries: readonly HomeEntry[] }) {
  const { t } = ctx
  const title = t('pages.leichteSprache.title')
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: title }]}>
      <PageHeading>{title}</PageHeading>
      <div class="prose easy-language">
        <Paragraphs text={t('pages.leichteSprache.intro')} />
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
        <h2 class="kern-heading-small">{t('pages.leichteSprache.helpTitle')}</h2>
        <Paragraphs text={t('pages.leichteSprache.help')} />
        <p class="kern-body">
          <a class="kern-link" href={ctx.href('/beiraete')}>
            {t('pages.leichteSprache.helpLink')}
          </a>
        </p>
        {/* Until the anti-discrimination network offers reporting (at /melden, listed above), say so and where help is. */}
        {entries.some((e) => e.href === REPORTING_PATH) ? null : (
          <>
            <h2 class="kern-heading-small">{t('pages.leichteSprache.discriminationTitle')}</h2>
            <Paragraphs text={t('pages.leichteSprache.discrimination')} />
          </>
        )}
        <h2 class="kern-heading-small">{t('pages.leichteSprache.contactTitle')}</h2>
        <p class="kern-body">{t('pages.leichteSprache.contact')}</p>
        {ctx.operator ? (
          <ul class="kern-list">
            <li>
              <p class="kern-body">{ctx.operator.name}</p>
            </li>
            <li>
              <p class="kern-body">
                <bdi>{t('pages.leichteSprache.contactEmail', { email: ctx.operator.email })}</bdi>
              </p>
            </li>
            <li>
              <p class="kern-body">
                <bdi>{t('pages.leichteSprache.contactPhone', { phone: ctx.operator.phone })}</bdi>
              </p>
            </li>
          </ul>
        ) : (
          <p class="kern-body">{t('pages.leichteSprache.contactMissing')}</p>
        )}
        <h2 class="kern-heading-small">{t('pages.leichteSprache.languageTitle')}</h2>
        <Paragraphs text={t('pages.leichteSprache.language')} />
      </div>
    </Layout>
  )
}

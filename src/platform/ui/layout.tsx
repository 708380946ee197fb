import type { ComponentChildren } from 'preact'
import { assetManifest } from '../http/assets'
import type { PageContext } from '../http/context'
import { extraScript } from '../i18n'
import { useRenderScope } from './render-scope'

export interface LayoutProps {
  ctx: PageContext
  title: string
  children: ComponentChildren
  /**
   * Not needed: the title reads "Fehler: <title>" by itself whenever a field or an error summary on
   * the page shows an error (see render-scope.tsx). Kept while older views still pass it.
   */
  hasErrors?: boolean
  description?: string
  /** Extra elements for <head> (feeds, canonical, Open Graph). */
  head?: ComponentChildren
  breadcrumbs?: readonly { href?: string; label: string }[]
}

export function Layout({ ctx, title, children, hasErrors, description, head, breadcrumbs }: LayoutProps) {
  const { t } = ctx
  const plainTitle = `${title} – ${t('site.name')}`
  const errorTitle = `${t('ui.error.titlePrefix')} ${plainTitle}`
  // Every form on the page reports its errors to the render scope; it prefixes the title afterwards.
  useRenderScope()?.title(plainTitle, errorTitle)
  const fullTitle = hasErrors ? errorTitle : plainTitle
  const assets = assetManifest()
  return (
    <html lang={ctx.locale} dir={ctx.dir} data-kern-theme="light">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        {description ? <meta name="description" content={description} /> : null}
        {assets.preload.map((href) => (
          <link key={href} rel="preload" href={href} as="font" type="font/woff2" crossOrigin="anonymous" />
        ))}
        <link rel="stylesheet" href={assets.css} />
        <link rel="icon" href={assets.favicon} type="image/svg+xml" />
        {extraScript(ctx.locale) === 'arabic' ? (
          <link rel="stylesheet" href="/assets/fonts/arabic.css" />
        ) : null}
        {ctx.alternates.map((a) => (
          <link key={a.locale} rel="alternate" hrefLang={a.locale} href={a.href} />
        ))}
        {ctx.alternates[0] ? (
          <link rel="alternate" hrefLang="x-default" href={ctx.alternates[0].href} />
        ) : null}
        {head}
        <script src={assets.js} defer />
      </head>
      <body>
        <a class="skip-link" href="#inhalt">
          {t('ui.skipLink')}
        </a>
        <header class="site-header">
          <div class="kern-kopfzeile">
            <div class="kern-container kern-kopfzeile__content">
              <span class="kern-kopfzeile__flagge" aria-hidden="true" />
              <span class="kern-kopfzeile__label">{t('site.officialBanner')}</span>
            </div>
          </div>
          <div class="kern-container site-header__bar">
            <a class="site-header__brand kern-link kern-link--no-visited-state" href={ctx.href('/')}>
              {t('site.name')}
            </a>
            <LanguageSwitch ctx={ctx} />
            <AccountLinks ctx={ctx} />
          </div>
          <nav class="kern-container site-nav" aria-label={t('ui.nav.main')}>
            <ul class="kern-list kern-list--horizontal">
              {ctx.nav
                .filter((item) => !item.permission || ctx.can(item.permission))
                .map((item) => (
                  <li key={item.href}>
                    <a
                      class="kern-link kern-link--no-visited-state"
                      href={ctx.href(item.href)}
                      aria-current={isCurrent(ctx.path, item.href) ? 'page' : undefined}
                    >
                      {t(item.labelKey)}
                    </a>
                  </li>
                ))}
            </ul>
          </nav>
          <LanguageNotices ctx={ctx} />
        </header>
        {ctx.demo ? <DemoBanner ctx={ctx} /> : null}
        <main id="inhalt" class="kern-container site-main" tabIndex={-1}>
          {breadcrumbs && breadcrumbs.length > 0 ? <Breadcrumbs ctx={ctx} items={breadcrumbs} /> : null}
          {ctx.flash ? (
            <div class="kern-alert kern-alert--success" role="status">
              <div class="kern-alert__header">
                <span class="kern-icon kern-icon--success" aria-hidden="true" />
                <span class="kern-title">{ctx.flash}</span>
              </div>
            </div>
          ) : null}
          {children}
        </main>
        <footer class="site-footer">
          <div class="kern-container">
            <nav aria-label={t('ui.nav.footer')}>
              <ul class="kern-list kern-list--horizontal">
                {FOOTER_LINKS.map(([href, key]) => (
                  <li key={href}>
                    <a class="kern-link" href={ctx.href(href)}>
                      {t(key)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <p class="kern-body kern-body--small">{t('site.footerNote')}</p>
          </div>
        </footer>
      </body>
    </html>
  )
}

const FOOTER_LINKS = [
  ['/impressum', 'pages.impressum.title'],
  ['/datenschutz', 'pages.datenschutz.title'],
  ['/barrierefreiheit', 'pages.barrierefreiheit.title'],
  ['/leichte-sprache', 'pages.leichteSprache.title'],
  ['/gebaerdensprache', 'pages.gebaerdensprache.title'],
] as const

/** On every page while demo data is loaded: nothing here is real. Not a live region (no announcement). */
function DemoBanner({ ctx }: { ctx: PageContext }) {
  return (
    <div class="kern-container demo-banner">
      <div class="kern-alert kern-alert--warning">
        <div class="kern-alert__header">
          <span class="kern-icon kern-icon--warning" aria-hidden="true" />
          <strong class="kern-title">{ctx.t('ui.demo.title')}</strong>
        </div>
        <div class="kern-alert__body">
          <p class="kern-body">{ctx.t('ui.demo.body')}</p>
        </div>
      </div>
    </div>
  )
}

function isCurrent(path: string, href: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`)
}

/**
 * Every language in its own name and script, each link to this page in that language. A disclosure
 * (works without JavaScript) so seven names fit a phone's header. A translation no native speaker
 * has reviewed says so, in its own language.
 */
function LanguageSwitch({ ctx }: { ctx: PageContext }) {
  const current = ctx.alternates.find((a) => a.locale === ctx.locale)
  return (
    <details class="site-lang">
      <summary class="site-lang__summary">
        <span class="kern-icon kern-icon--language" aria-hidden="true" />
        <span class="kern-sr-only">{ctx.t('ui.language.label')}: </span>
        <span lang={ctx.locale}>{current?.name}</span>
      </summary>
      <nav aria-label={ctx.t('ui.language.label')}>
        <ul class="kern-list site-lang__list">
          {ctx.alternates.map((a) => (
            <li key={a.locale} lang={a.locale} dir={a.dir}>
              {a.locale === ctx.locale ? (
                <span aria-current="true" class="site-lang__current">
                  {a.name}
                </span>
              ) : (
                <a class="kern-link kern-link--no-visited-state" href={a.href} hrefLang={a.locale}>
                  {a.name}
                </a>
              )}
              {a.note ? <span class="site-lang__note">{a.note}</span> : null}
            </li>
          ))}
        </ul>
      </nav>
    </details>
  )
}

/** "This page exists in your language" (from Accept-Language, never a redirect) and "not reviewed yet". */
function LanguageNotices({ ctx }: { ctx: PageContext }) {
  const current = ctx.alternates.find((a) => a.locale === ctx.locale)
  if (!ctx.suggestion && !current?.note) return null
  return (
    <div class="kern-container site-lang-notices">
      {ctx.suggestion ? (
        <p class="kern-body site-lang-notice" lang={ctx.suggestion.locale} dir={ctx.suggestion.dir}>
          <a class="kern-link" href={ctx.suggestion.href} hrefLang={ctx.suggestion.locale}>
            {ctx.suggestion.text}
          </a>
        </p>
      ) : null}
      {current?.note ? <p class="kern-body kern-body--small site-lang-notice">{current.note}</p> : null}
    </div>
  )
}

function AccountLinks({ ctx }: { ctx: PageContext }) {
  const { t } = ctx
  if (!ctx.user) {
    return (
      <a class="kern-link kern-link--no-visited-state site-account" href={ctx.href('/anmelden')}>
        {t('auth.signIn.link')}
      </a>
    )
  }
  return (
    <div class="site-account">
      <a class="kern-link kern-link--no-visited-state" href={ctx.href('/konto')}>
        {ctx.user.displayName}
      </a>
      <form method="post" action={ctx.href('/abmelden')} class="site-account__signout">
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <button type="submit" class="kern-btn kern-btn--tertiary kern-btn--x-small">
          <span class="kern-label">{t('auth.signOut.button')}</span>
        </button>
      </form>
    </div>
  )
}

export function Breadcrumbs({
  ctx,
  items,
}: {
  ctx: PageContext
  items: readonly { href?: string; label: string }[]
}) {
  return (
    <nav class="breadcrumbs" aria-label={ctx.t('ui.breadcrumbs')}>
      <ol>
        {items.map((item, i) => (
          <li key={`${i}-${item.label}`}>
            {item.href && i < items.length - 1 ? (
              <a class="kern-link" href={ctx.href(item.href)}>
                {item.label}
              </a>
            ) : (
              <span class="breadcrumbs__current" aria-current={i === items.length - 1 ? 'page' : undefined}>
                {item.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  )
}

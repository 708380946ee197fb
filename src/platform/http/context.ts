import type { Permission } from '../auth/permissions'
import type { Locale, MessageKey, Translate } from '../i18n'
import type { Operator } from '../operator'

export interface CurrentUser {
  readonly id: string
  readonly email: string
  readonly displayName: string
  readonly roles: readonly string[]
}

export interface NavItem {
  /** Locale-free path, e.g. /presse */
  readonly href: string
  readonly labelKey: MessageKey
  /** Shown only to users holding this permission. */
  readonly permission?: Permission
}

/** Everything a view needs from the request; passed explicitly to every page component. */
export interface PageContext {
  readonly locale: Locale
  readonly dir: 'ltr' | 'rtl'
  readonly t: Translate
  /** Locale-free path of this request (no query). */
  readonly path: string
  /** Builds a link in the current locale from a locale-free path. */
  href(path: string): string
  readonly user: CurrentUser | null
  can(permission: Permission): boolean
  /** The CSRF token for forms on this page (sets the CSRF cookie when first asked for). */
  csrfToken(): string
  readonly nav: readonly NavItem[]
  /** The same page in every locale, for the language switch . */
  readonly alternates: readonly {
    locale: Locale
    name: string
    dir: 'ltr' | 'rtl'
    href: string
    /** Set when no native speaker has reviewed the translation: says so, in that language. */
    note?: string | undefined
  }[]
  /**
   * The page in the language the browser asks for first, when that is not this page's: the layout
   * offers it in one line, in that language. Never a redirect.
   */
  readonly suggestion?: { locale: Locale; dir: 'ltr' | 'rtl'; href: string; text: string } | undefined
  readonly flash?: string | undefined
  /** True while the demo data is loaded: the layout says so on every page. */
  readonly demo: boolean
  /** Who runs the installation (Impressum, accessibility contact, press office); null until entered. */
  readonly operator: Operator | null
  /** This request's id (in every log line and the X-Request-Id header); error pages show it for support. */
  readonly requestId?: string | undefined
}

/**
 * Message catalogues. Every feature declares its own with `defineMessages(de, en)`; the English
 * catalogue must have exactly the German keys (checked by the compiler). The app merges them.
 * A locale carries its writing direction so a right-to-left language needs no layout rework.
 */
export const LOCALES = {
  de: { name: 'Deutsch', dir: 'ltr', prefix: '' },
  en: { name: 'English', dir: 'ltr', prefix: '/en' },
} as const satisfies Record<string, { name: string; dir: 'ltr' | 'rtl'; prefix: string }>

export type Locale = keyof typeof LOCALES
export const DEFAULT_LOCALE: Locale = 'de'
export const LOCALE_LIST = Object.keys(LOCALES) as Locale[]

/** A stored or submitted language code as a Locale; anything unknown is German. */
export function asLocale(value: string | null | undefined): Locale {
  return LOCALE_LIST.find((l) => l === value) ?? DEFAULT_LOCALE
}

export type Catalogue = Readonly<Record<string, string>>
export type Catalogues = Readonly<Record<Locale, Catalogue>>

/** A feature's catalogues, keeping their keys for the `MessageKey` type. */
export interface TypedCatalogues<K extends string> extends Catalogues {
  readonly de: Readonly<Record<K, string>>
  readonly en: Readonly<Record<K, string>>
}

export function defineMessages<const D extends Record<string, string>>(
  de: D,
  en: { readonly [K in keyof D]: string },
): TypedCatalogues<keyof D & string> {
  return { de, en }
}

/**
 * Every key some catalogue declares. Each messages.ts adds its own through declaration merging
 * (see src/features/press/messages.ts):
 *
 *   declare module '../../platform/i18n' {
 *     interface DeclaredMessages extends MessagesOf<typeof pressMessages> {}
 *   }
 *
 * so a misspelt key does not compile. Keys stay plain strings and catalogues stay per feature,
 * whatever the message syntax becomes.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each messages.ts
export interface DeclaredMessages {}

/** A message key some catalogue declares. */
export type MessageKey = keyof DeclaredMessages & string

/** The keys of a catalogue, as members for `DeclaredMessages`. */
export type MessagesOf<C extends { readonly de: object }> = { readonly [K in keyof C['de'] & string]: true }

export type Params = Readonly<Record<string, string | number>>
export type Translate = (key: MessageKey, params?: Params) => string

/** Merges feature catalogues; a key defined twice is a programming error. */
export function mergeCatalogues(parts: readonly Catalogues[]): Catalogues {
  const out = Object.fromEntries(LOCALE_LIST.map((l) => [l, {} as Record<string, string>])) as Record<
    Locale,
    Record<string, string>
  >
  for (const part of parts) {
    for (const locale of LOCALE_LIST) {
      for (const [key, value] of Object.entries(part[locale])) {
        if (key in out[locale]) throw new Error(`Message key defined twice: ${key}`)
        out[locale][key] = value
      }
    }
  }
  return out
}

export function translator(catalogues: Catalogues, locale: Locale): Translate {
  const own = catalogues[locale]
  const fallback = catalogues[DEFAULT_LOCALE]
  return (key, params) => {
    const template = own[key] ?? fallback[key]
    if (template === undefined) return key
    if (!params) return template
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m))
  }
}

/** Splits a URL path into its locale and the locale-free path: /en/presse → en, /presse. */
export function splitLocale(url: string): { locale: Locale; path: string } {
  for (const locale of LOCALE_LIST) {
    const prefix = LOCALES[locale].prefix
    if (!prefix) continue
    if (url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`)) {
      const rest = url.slice(prefix.length)
      return { locale, path: rest.startsWith('/') ? rest : `/${rest}` }
    }
  }
  return { locale: DEFAULT_LOCALE, path: url }
}

/**
 * The URL of a locale-free path in the given locale. Leading slashes and backslashes collapse to
 * one slash: `/en//evil.example` must link to `/evil.example`, never to the protocol-relative
 * `//evil.example` (browsers read `/\\` as `//` too).
 */
export function localePath(locale: Locale, rawPath: string): string {
  const path = rawPath.replace(/^[/\\]{2,}/, '/')
  const prefix = LOCALES[locale].prefix
  if (!prefix) return path
  return path === '/' ? prefix : `${prefix}${path}`
}

export function formatDate(locale: Locale, date: Date, withTime = false): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'Europe/Berlin',
  }).format(date)
}

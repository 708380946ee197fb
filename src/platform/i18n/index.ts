import IntlMessageFormat from 'intl-messageformat'

/**
 * Message catalogues. Every feature declares its German source and English version with
 * `defineMessages(de, en)` (the compiler checks English has exactly the German keys); the other
 * languages are JSON files, one per locale and feature, in src/locales/<locale>/<feature>.json
 * (see translations.ts). Messages are ICU MessageFormat, compiled once when the app starts.
 *
 * Adding a language is one line here and its catalogue files.
 * - `intl`: the BCP 47 tag for Intl. Western digits and the Gregorian calendar everywhere, so file
 *   numbers, amounts and dates match the German documents people bring to an office.
 * - `staff`: staff screens are offered in this language (German and English only).
 * - `script`: a script Fira Sans lacks; the layout loads a font for it.
 */
export const LOCALES = {
  de: { name: 'Deutsch', dir: 'ltr', prefix: '', intl: 'de-DE', staff: true },
  en: { name: 'English', dir: 'ltr', prefix: '/en', intl: 'en-GB', staff: true },
  ar: { name: 'العربية', dir: 'rtl', prefix: '/ar', intl: 'ar-u-ca-gregory-nu-latn', script: 'arabic' },
  tr: { name: 'Türkçe', dir: 'ltr', prefix: '/tr', intl: 'tr-TR' },
  uk: { name: 'Українська', dir: 'ltr', prefix: '/uk', intl: 'uk-UA' },
  ru: { name: 'Русский', dir: 'ltr', prefix: '/ru', intl: 'ru-RU' },
  fa: { name: 'فارسی', dir: 'rtl', prefix: '/fa', intl: 'fa-IR-u-ca-gregory-nu-latn', script: 'arabic' },
} as const satisfies Record<
  string,
  {
    name: string
    dir: 'ltr' | 'rtl'
    prefix: string
    intl: string
    staff?: true
    script?: 'arabic'
  }
>

export type Locale = keyof typeof LOCALES
export const DEFAULT_LOCALE: Locale = 'de'
export const LOCALE_LIST = Object.keys(LOCALES) as Locale[]
/** The locales whose catalogues are written in the code (German the source, English checked). */
export const SOURCE_LOCALES = ['de', 'en'] as const satisfies readonly Locale[]
export type SourceLocale = (typeof SOURCE_LOCALES)[number]

export function isLocale(value: string): value is Locale {
  return Object.hasOwn(LOCALES, value)
}

/** The Intl tag of a locale (Western digits, Gregorian calendar). */
export function intlTag(locale: Locale): string {
  return LOCALES[locale].intl
}

/** A stored or submitted language code as a Locale; anything unknown is German. */
export function asLocale(value: string | null | undefined): Locale {
  return LOCALE_LIST.find((l) => l === value) ?? DEFAULT_LOCALE
}

export type Catalogue = Readonly<Record<string, string>>
/** A feature's messages as written in the code: German and English. */
export type SourceCatalogues = Readonly<Record<SourceLocale, Catalogue>>
/** All messages of the app: German and English complete, the other languages as far as translated. */
export type Catalogues = Readonly<Record<SourceLocale, Catalogue>> &
  Readonly<Partial<Record<Locale, Catalogue>>>

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
  const out: Partial<Record<Locale, Record<string, string>>> = { de: {}, en: {} }
  for (const part of parts) {
    for (const locale of LOCALE_LIST) {
      const messages = part[locale]
      if (!messages) continue
      const target = out[locale] ?? {}
      out[locale] = target
      for (const [key, value] of Object.entries(messages)) {
        if (key in target) throw new Error(`Message key defined twice: ${key} (${locale})`)
        target[key] = value
      }
    }
  }
  return out as Catalogues
}

/**
 * Private-use characters around a German text shown because a translation is missing. The page
 * renderer turns them into <span lang="de"> (markFallbacks), so a screen reader switches voice;
 * inside attributes and text-only elements they are removed.
 */
export const FALLBACK_OPEN = '\uE000'
export const FALLBACK_CLOSE = '\uE001'

type Format = (params: Params | undefined) => string

/** Compiles one ICU message; a syntax error names the key. */
/**
 * Compiled messages by locale and text: the start compiles every language's catalogue for plain
 * and for page translators and checks every translation, so the same text in the same locale
 * (a German fallback in five languages, a translation checked and then used) is compiled once
 * (docs/performance.md, "Where memory and start time go"). A format depends only on both.
 */
const compiledFormats = new Map<string, Format>()

export function compileMessage(key: string, message: string, locale: Locale): Format {
  const id = `${locale}\u0000${message}`
  let format = compiledFormats.get(id)
  if (!format) {
    format = compileUncached(key, message, locale)
    compiledFormats.set(id, format)
  }
  return format
}

function compileUncached(key: string, message: string, locale: Locale): Format {
  if (!/[{}']/.test(message)) return () => message
  let compiled: IntlMessageFormat
  try {
    compiled = new IntlMessageFormat(message, intlTag(locale), undefined, { ignoreTag: true })
  } catch (err) {
    throw new Error(`Message ${key} (${locale}) is not valid ICU MessageFormat: ${(err as Error).message}`)
  }
  // A message without arguments (only quoted braces or apostrophes) formats to the same text always.
  if (!/\{\s*[A-Za-z_]/.test(message)) {
    const fixed = String(compiled.format())
    return () => fixed
  }
  return (params) => {
    try {
      return String(compiled.format(params ?? {}))
    } catch {
      // A parameter the caller did not pass stays visible as {name} rather than breaking the page.
      return message.replace(/\{(\w+)\}/g, (m, name: string) =>
        params && name in params ? String(params[name]) : m,
      )
    }
  }
}

/**
 * A translator for one locale: every message is compiled once, here. A key missing in the locale
 * falls back to German; `markFallback` wraps such texts for markFallbacks. An unknown key renders
 * as the key itself.
 */
export function translator(
  catalogues: Catalogues,
  locale: Locale,
  options: { markFallback?: boolean } = {},
): Translate {
  const own = catalogues[locale] ?? {}
  const german = catalogues.de
  const formats = new Map<string, Format>()
  for (const [key, message] of Object.entries(own)) formats.set(key, compileMessage(key, message, locale))
  for (const [key, message] of Object.entries(german)) {
    if (formats.has(key)) continue
    const format = compileMessage(key, message, DEFAULT_LOCALE)
    formats.set(
      key,
      options.markFallback ? (params) => `${FALLBACK_OPEN}${format(params)}${FALLBACK_CLOSE}` : format,
    )
  }
  return (key, params) => {
    const format = formats.get(key)
    return format ? format(params) : key
  }
}

const TEXT_ONLY = /^<(title|option|textarea|script|style)\b/i

/**
 * Turns fallback markers in rendered HTML into <span lang="de" dir="ltr">…</span> in text, and removes them
 * inside tags (attribute values) and text-only elements, where markup cannot go.
 */
export function markFallbacks(html: string): string {
  if (!html.includes(FALLBACK_OPEN)) return html
  const SPAN = '<span lang="de" dir="ltr">'
  let out = ''
  let i = 0
  let textOnly: string | null = null
  // Inside a fallback text: a tag closes the span before it and opens it again after, so a German
  // text split over paragraphs still nests correctly.
  let open = false
  while (i < html.length) {
    const c = html[i]!
    if (c === '<') {
      // Copy the tag whole (attribute values are in double quotes and may hold ">").
      let j = i + 1
      let quoted = false
      while (j < html.length && (quoted || html[j] !== '>')) {
        if (html[j] === '"') quoted = !quoted
        j++
      }
      const tag = html
        .slice(i, j + 1)
        .replaceAll(FALLBACK_OPEN, '')
        .replaceAll(FALLBACK_CLOSE, '')
      const wrap = open && !textOnly
      out += wrap ? `</span>${tag}` : tag
      if (textOnly && tag.toLowerCase().startsWith(`</${textOnly}`)) textOnly = null
      else if (!textOnly) textOnly = TEXT_ONLY.exec(tag)?.[1]?.toLowerCase() ?? null
      if (wrap && !textOnly) out += SPAN
      i = j + 1
      continue
    }
    if (c === FALLBACK_OPEN) {
      open = true
      if (!textOnly) out += SPAN
    } else if (c === FALLBACK_CLOSE) {
      open = false
      if (!textOnly) out += '</span>'
    } else out += c
    i++
  }
  return out.replaceAll(`${SPAN}</span>`, '')
}

/** Removes fallback markers (for text that is not HTML). */
export function stripFallbacks(text: string): string {
  return text.includes(FALLBACK_OPEN)
    ? text.replaceAll(FALLBACK_OPEN, '').replaceAll(FALLBACK_CLOSE, '')
    : text
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

const dateFormats = new Map<string, Intl.DateTimeFormat>()

export function formatDate(locale: Locale, date: Date, withTime = false): string {
  const id = `${locale}|${withTime}`
  let format = dateFormats.get(id)
  if (!format) {
    format = new Intl.DateTimeFormat(intlTag(locale), {
      dateStyle: 'long',
      ...(withTime ? { timeStyle: 'short' } : {}),
      timeZone: 'Europe/Berlin',
    })
    dateFormats.set(id, format)
  }
  return format.format(date)
}

const numberFormats = new Map<string, Intl.NumberFormat>()

/** A number in the locale's grouping, Western digits (1.234 in German, 1,234 in English). */
export function formatNumber(locale: Locale, value: number, maximumFractionDigits = 0): string {
  const id = `${locale}|${maximumFractionDigits}`
  let format = numberFormats.get(id)
  if (!format) {
    format = new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits })
    numberFormats.set(id, format)
  }
  return format.format(value)
}

const separatorCache = new Map<Locale, { group: string; decimal: string }>()

/** The thousands and decimal separators of a locale (Western digits): "." and "," in German. */
export function numberSeparators(locale: Locale): { group: string; decimal: string } {
  let found = separatorCache.get(locale)
  if (!found) {
    const parts = new Intl.NumberFormat(intlTag(locale)).formatToParts(1234.5)
    found = {
      group: parts.find((p) => p.type === 'group')?.value ?? '',
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    }
    separatorCache.set(locale, found)
  }
  return found
}

/**
 * Content kept in German and English only (the names of funding lines, rules written by staff): in
 * English the English text, in every other language the German one, marked so the page gives it
 * lang="de".
 */
export function inSourceLanguage(
  locale: Locale,
  value: { readonly de: string; readonly en: string },
): string {
  if (locale === 'en') return value.en
  if (locale === 'de') return value.de
  return `${FALLBACK_OPEN}${value.de}${FALLBACK_CLOSE}`
}

/** The script a locale needs a font for beyond Fira Sans (the layout loads it only there). */
export function extraScript(locale: Locale): 'arabic' | undefined {
  const entry = LOCALES[locale]
  return 'script' in entry ? entry.script : undefined
}

/**
 * Attributes for content written in German (press releases, papers, minutes) shown on a page in
 * another language: the element says it is German, so a screen reader switches voice, and keeps
 * left-to-right inside a right-to-left page.
 */
export function germanContent(locale: Locale): { lang?: 'de'; dir?: 'ltr' } {
  return locale === 'de' ? {} : { lang: 'de', dir: 'ltr' }
}

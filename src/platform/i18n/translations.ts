import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser'
import {
  type Catalogues,
  compileMessage,
  LOCALE_LIST,
  type Locale,
  mergeCatalogues,
  SOURCE_LOCALES,
  type SourceCatalogues,
  type SourceLocale,
} from '.'

/** Where the catalogues of the languages beyond German and English live: <dir>/<locale>/<part>.json */
export const LOCALES_DIR = path.resolve(import.meta.dirname, '../../locales')

/**
 * One feature's messages as the app registers them. `staffOnly` names keys (a name covers the key
 * itself and every key below it: "press.desk" covers "press.desk.title") used only on staff screens, which stay German and English: they are not exported for
 * translation and do not count towards a language's coverage.
 */
export interface CataloguePart {
  readonly name: string
  readonly messages: SourceCatalogues
  readonly staffOnly?: readonly string[]
}

/** A translated catalogue file: src/locales/<locale>/<part>.json */
export interface TranslationFile {
  /** A native speaker has reviewed this catalogue. Until then the language switcher says so. */
  reviewed: boolean
  /** The share of public keys (percent) below which the catalogue test fails. */
  minimumCoverage: number
  messages: Record<string, string>
}

export interface LanguageReport {
  readonly locale: Locale
  /** Every catalogue of the language is reviewed by a native speaker. */
  readonly reviewed: boolean
  /** The highest minimum any of its catalogues declares. */
  readonly minimumCoverage: number
  readonly publicKeys: number
  readonly translated: number
  /** Public keys without a translation, by part. */
  readonly missing: readonly { part: string; key: string }[]
  /** Keys in a translation file that the German source no longer has. */
  readonly stale: readonly { part: string; key: string }[]
}

export const isTranslatedLocale = (locale: Locale) => !(SOURCE_LOCALES as readonly Locale[]).includes(locale)
export const TRANSLATED_LOCALES = LOCALE_LIST.filter(isTranslatedLocale)

export function isStaffOnly(part: CataloguePart, key: string): boolean {
  return (part.staffOnly ?? []).some((s) => key === s || key.startsWith(`${s}.`))
}

/** The keys of a part that are translated beyond German and English. */
export function publicKeys(part: CataloguePart): string[] {
  return Object.keys(part.messages.de).filter((key) => !isStaffOnly(part, key))
}

export function translationPath(locale: Locale, part: string, dir = LOCALES_DIR): string {
  return path.join(dir, locale, `${part}.json`)
}

export function readTranslationFile(file: string): TranslationFile | null {
  if (!existsSync(file)) return null
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<TranslationFile>
  return {
    reviewed: raw.reviewed === true,
    minimumCoverage: typeof raw.minimumCoverage === 'number' ? raw.minimumCoverage : 0,
    messages: raw.messages ?? {},
  }
}

/**
 * The ICU argument names of a message ({name}, {n, plural, …}), for comparing with the source: read
 * from the parsed message, so the text of a branch (`final {Schlussnachweis}`) is no argument. A
 * message that does not parse has none (its syntax error is reported on its own).
 */
const argumentsOf = new Map<string, string[]>()

export function argumentNames(message: string): string[] {
  // The German source is compared with each of five translations: parsed once.
  let names = argumentsOf.get(message)
  if (!names) {
    names = parseArgumentNames(message)
    argumentsOf.set(message, names)
  }
  return [...names]
}

function parseArgumentNames(message: string): string[] {
  const names = new Set<string>()
  const walk = (elements: readonly MessageFormatElement[]): void => {
    for (const el of elements) {
      if (el.type === TYPE.literal || el.type === TYPE.pound) continue
      if (el.type === TYPE.tag) {
        walk(el.children)
        continue
      }
      names.add(el.value)
      if (el.type === TYPE.select || el.type === TYPE.plural)
        for (const option of Object.values(el.options)) walk(option.value)
    }
  }
  try {
    walk(parse(message, { ignoreTag: true }))
  } catch {
    return []
  }
  return [...names].sort()
}

/**
 * What is wrong with a translation of `source` (ICU syntax, other arguments than the German
 * source), or null. The same check guards the start-up and `i18n import`.
 */
export function translationProblem(key: string, source: string, translation: string, locale: Locale) {
  if (!translation.trim()) return `${key}: the translation is empty`
  try {
    compileMessage(key, translation, locale)
  } catch (err) {
    return (err as Error).message
  }
  const want = argumentNames(source)
  const got = argumentNames(translation)
  if (want.join() !== got.join())
    return `${key}: placeholders {${got.join('}, {')}} do not match the German source {${want.join('}, {')}}`
  return null
}

/**
 * Reads the catalogues of every part in every language: German and English from the code, the
 * others from their files. A translation with broken ICU syntax or other placeholders than its
 * German source stops the start with a message naming the key (i18n import refuses such files).
 */
export function loadCatalogues(
  parts: readonly CataloguePart[],
  dir = LOCALES_DIR,
): { catalogues: Catalogues; reports: readonly LanguageReport[] } {
  const translated: Partial<Record<Locale, Record<string, string>>> = {}
  const reports: LanguageReport[] = []
  for (const locale of TRANSLATED_LOCALES) {
    const messages: Record<string, string> = {}
    const missing: { part: string; key: string }[] = []
    const stale: { part: string; key: string }[] = []
    let reviewed = true
    let minimumCoverage = 0
    let total = 0
    for (const part of parts) {
      const file = readTranslationFile(translationPath(locale, part.name, dir))
      reviewed &&= file?.reviewed === true
      minimumCoverage = Math.max(minimumCoverage, file?.minimumCoverage ?? 0)
      const german = part.messages.de
      for (const [key, text] of Object.entries(file?.messages ?? {})) {
        const source = german[key]
        if (source === undefined) {
          stale.push({ part: part.name, key })
          continue
        }
        const problem = translationProblem(key, source, text, locale)
        if (problem) throw new Error(`${translationPath(locale, part.name, dir)}: ${problem}`)
        messages[key] = text
      }
      for (const key of publicKeys(part)) {
        total++
        if (!(key in messages)) missing.push({ part: part.name, key })
      }
    }
    translated[locale] = messages
    reports.push({
      locale,
      reviewed,
      minimumCoverage,
      publicKeys: total,
      translated: total - missing.length,
      missing,
      stale,
    })
  }
  const source = mergeCatalogues(parts.map((p) => p.messages))
  return { catalogues: { ...translated, de: source.de, en: source.en }, reports }
}

/** The languages that have catalogue files (for a check that no folder is left unconfigured). */
export function localeFolders(dir = LOCALES_DIR): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((d) => !d.startsWith('.')) : []
}

export type { SourceLocale }

const withTranslations = new Map<string, Catalogues>()

/**
 * One part's catalogues with its translations, read from src/locales once per process: for text
 * written outside a request (mails), where the app's merged catalogues are not at hand. The start of
 * the app has already refused broken translation files (loadCatalogues).
 */
export function partCatalogues(
  part: Pick<CataloguePart, 'name' | 'messages'>,
  dir = LOCALES_DIR,
): Catalogues {
  const id = `${dir}|${part.name}`
  let found = withTranslations.get(id)
  if (!found) {
    const translated: Partial<Record<Locale, Record<string, string>>> = {}
    for (const locale of TRANSLATED_LOCALES) {
      const file = readTranslationFile(translationPath(locale, part.name, dir))
      if (file) translated[locale] = file.messages
    }
    found = { ...translated, de: part.messages.de, en: part.messages.en }
    withTranslations.set(id, found)
  }
  return found
}

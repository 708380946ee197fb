import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import js2xliff from 'xliff/js2xliff'
import xliff2js from 'xliff/xliff2js'
import { isLocale, LOCALES, type Locale } from '.'
import {
  argumentNames,
  type CataloguePart,
  isTranslatedLocale,
  LOCALES_DIR,
  publicKeys,
  readTranslationFile,
  translationPath,
  translationProblem,
} from './translations'

/**
 * Translators work in their own tools: the catalogues of one language go out as XLIFF 2.0 (German
 * source, the English text and the placeholders as a note, the current translation as target) and
 * come back the same way. ICU syntax stays as it is in source and target (see
 * docs/decisions/i18n-icu-xliff.md).
 */
export async function exportXliff(parts: readonly CataloguePart[], locale: Locale, dir = LOCALES_DIR) {
  const resources: Record<string, Record<string, { source: string; target: string; note: string }>> = {}
  for (const part of parts) {
    const keys = publicKeys(part)
    if (keys.length === 0) continue
    const current = readTranslationFile(translationPath(locale, part.name, dir))?.messages ?? {}
    const units: Record<string, { source: string; target: string; note: string }> = {}
    for (const key of keys) {
      const source = part.messages.de[key]!
      const names = argumentNames(source)
      units[key] = {
        source,
        target: current[key] ?? '',
        note: [
          `English: ${part.messages.en[key]}`,
          names.length
            ? `Keep the placeholders ${names.map((n) => `{${n}}`).join(', ')} (ICU MessageFormat; plural forms of your language are welcome).`
            : '',
        ]
          .filter(Boolean)
          .join('\n'),
      }
    }
    resources[part.name] = units
  }
  return js2xliff({ sourceLanguage: 'de', targetLanguage: locale, resources })
}

export type ImportResult =
  | { ok: true; locale: Locale; written: number }
  | { ok: false; problems: readonly string[] }

interface XliffUnit {
  source?: unknown
  target?: unknown
}

/**
 * Reads an XLIFF file back into src/locales/<locale>/<part>.json. Refused as a whole, writing
 * nothing, when its language is not configured, a key is unknown or staff-only, or a target breaks
 * ICU syntax or has other placeholders than the German source (each problem names the key).
 * Units without a target stay untranslated.
 */
export async function importXliff(
  parts: readonly CataloguePart[],
  xml: string,
  dir = LOCALES_DIR,
): Promise<ImportResult> {
  let parsed: { targetLanguage?: string; resources?: Record<string, Record<string, XliffUnit>> }
  try {
    parsed = await xliff2js(xml)
  } catch (err) {
    return { ok: false, problems: [`The file is not XLIFF: ${(err as Error).message}`] }
  }
  const locale = parsed.targetLanguage ?? ''
  if (!isLocale(locale) || !isTranslatedLocale(locale))
    return {
      ok: false,
      problems: [
        `The target language "${locale}" is not one of ${Object.keys(LOCALES)
          .filter((l) => isTranslatedLocale(l as Locale))
          .join(', ')}.`,
      ],
    }
  const problems: string[] = []
  const byPart = new Map(parts.map((p) => [p.name, p]))
  const updates = new Map<string, Record<string, string>>()
  for (const [partName, units] of Object.entries(parsed.resources ?? {})) {
    const part = byPart.get(partName)
    if (!part) {
      problems.push(`Unknown catalogue "${partName}".`)
      continue
    }
    const allowed = new Set(publicKeys(part))
    const messages: Record<string, string> = {}
    for (const [key, unit] of Object.entries(units)) {
      if (!allowed.has(key)) {
        problems.push(`${key}: not a key of "${partName}" that is translated.`)
        continue
      }
      const target = typeof unit.target === 'string' ? unit.target : ''
      if (!target.trim()) continue
      const problem = translationProblem(key, part.messages.de[key]!, target, locale)
      if (problem) problems.push(problem)
      else messages[key] = target
    }
    updates.set(partName, messages)
  }
  if (problems.length) return { ok: false, problems }
  let written = 0
  for (const [partName, messages] of updates) {
    const file = translationPath(locale, partName, dir)
    const current = readTranslationFile(file)
    const merged = { ...(current?.messages ?? {}), ...messages }
    // Keep the catalogue in the order of the German source.
    const ordered = Object.fromEntries(
      publicKeys(byPart.get(partName)!).flatMap((k) => (merged[k] === undefined ? [] : [[k, merged[k]]])),
    )
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          reviewed: current?.reviewed ?? false,
          minimumCoverage: current?.minimumCoverage ?? 0,
          messages: ordered,
        },
        null,
        2,
      )}\n`,
    )
    written += Object.keys(messages).length
  }
  return { ok: true, locale, written }
}

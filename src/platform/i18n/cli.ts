import { readFileSync, writeFileSync } from 'node:fs'
import type { CliCommand } from '../feature'
import { isLocale } from '.'
import { type CataloguePart, isTranslatedLocale, LOCALES_DIR } from './translations'
import { exportXliff, importXliff } from './xliff'

/**
 * `i18n export --locale tr [--out file]` writes the language's catalogues as XLIFF 2.0 (to standard
 * output without --out); `i18n import --file f.xlf` reads them back, refusing a file whose
 * placeholders or ICU syntax do not match the German source.
 */
export function i18nCommand(parts: () => readonly CataloguePart[], dir = LOCALES_DIR): CliCommand {
  return {
    description: 'Export a language for translators as XLIFF 2.0, or import a translated XLIFF file.',
    usage: 'export --locale <ar|tr|uk|ru|fa> [--out file.xlf] | import --file file.xlf',
    async run(_deps, args, io) {
      const action = args.positionals[0]
      if (action === 'export') {
        const locale = args.flags.locale?.[0] ?? ''
        if (!isLocale(locale) || !isTranslatedLocale(locale)) {
          io.err(`--locale must be a language translated from German, for example tr (got "${locale}").`)
          return 2
        }
        const xml = await exportXliff(parts(), locale, dir)
        const out = args.flags.out?.[0]
        if (out) {
          writeFileSync(out, xml)
          io.out(`Wrote ${out}.`)
        } else io.out(xml)
        return 0
      }
      if (action === 'import') {
        const file = args.flags.file?.[0]
        if (!file) {
          io.err('--file names the XLIFF file to import.')
          return 2
        }
        const result = await importXliff(parts(), readFileSync(file, 'utf8'), dir)
        if (!result.ok) {
          io.err(`Not imported; nothing was changed:\n${result.problems.map((p) => `  ${p}`).join('\n')}`)
          return 1
        }
        io.out(`Imported ${result.written} messages for ${result.locale}.`)
        return 0
      }
      io.err('Use: i18n export --locale tr [--out file.xlf] | i18n import --file file.xlf')
      return 2
    },
  }
}

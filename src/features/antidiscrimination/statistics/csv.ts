import { stringify } from 'csv-stringify/sync'
import type { Translate } from '../../../platform/i18n'
import type { Statistics } from './find-statistics'
import { statisticsTables } from './views'

/**
 * The published figures as CSV for spreadsheets in Germany (semicolon, UTF-8 with BOM): one line
 * per cell of every table on the page, suppressed cells as on the page, never a count of 1 to 4.
 */
export function statisticsCsv(t: Translate, stats: Statistics): string {
  const rows: string[][] = [
    [t('antidisc.stats.csv.table'), t('antidisc.stats.csv.key'), t('antidisc.stats.col.count')],
  ]
  for (const table of statisticsTables(t, stats))
    for (const cell of table.table.cells)
      rows.push([
        table.caption,
        table.label(cell.key),
        cell.count === null ? t('antidisc.stats.suppressed') : String(cell.count),
      ])
  return stringify(rows, { delimiter: ';', bom: true, escape_formulas: true, record_delimiter: 'windows' })
}

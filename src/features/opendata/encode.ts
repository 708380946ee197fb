import { stringify } from 'csv-stringify/sync'
import type { Dataset, DatasetRows } from '../../platform/open-data'

/**
 * A dataset as CSV (RFC 4180: comma, CRLF, UTF-8 without BOM, a header of the column names; an empty
 * cell is null, booleans are true/false) through csv-stringify. A text starting with = + - @ gets
 * a leading apostrophe (escape_formulas) so a spreadsheet never runs a provider's text as a formula.
 */
export function datasetCsv(d: Dataset, data: DatasetRows): string {
  const names = d.columns.map((c) => c.name)
  return stringify(
    data.rows.map((r) => names.map((n) => r[n] ?? null)),
    {
      header: true,
      columns: names,
      record_delimiter: 'windows',
      escape_formulas: true,
      cast: { boolean: (v) => (v ? 'true' : 'false'), number: (v) => String(v) },
    },
  )
}

/** A dataset as JSON: the column list with types, then one object per record (nulls kept). */
export function datasetJson(d: Dataset, data: DatasetRows, meta: { url: string; licence: string }) {
  const names = d.columns.map((c) => c.name)
  return {
    dataset: d.id,
    catalog: meta.url,
    license: meta.licence,
    modified: data.modified?.toISOString() ?? null,
    columns: d.columns,
    records: data.rows.map((r) => Object.fromEntries(names.map((n) => [n, r[n] ?? null]))),
  }
}

import { stringify } from 'csv-stringify/sync'
import type { FundedProject } from './find-projects'

/** Cents as euros with a decimal point ("1234.50"), from the integer: money never passes through floating point. */
export function euroText(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/**
 * The funded projects as CSV (csv-stringify), open-data style: stable English column names, keys
 * beside names, euros with a decimal point. Texts typed by applicants starting with =, +, - or @
 * are quoted with a leading apostrophe (`escape_formulas`), so a spreadsheet never runs them.
 */
export function projectsCsv(rows: readonly FundedProject[]): string {
  return stringify(
    rows.map((r) => [
      r.year,
      r.recipient,
      r.municipalityKey ?? '',
      r.municipality ?? '',
      r.districtKey ?? '',
      r.district ?? '',
      r.lineKey,
      r.lineNameDe,
      euroText(r.amountCents),
      r.purpose,
    ]),
    {
      header: true,
      escape_formulas: true,
      columns: [
        'year',
        'recipient',
        'municipality_key',
        'municipality',
        'district_key',
        'district',
        'line_key',
        'line',
        'amount_eur',
        'purpose',
      ],
    },
  )
}

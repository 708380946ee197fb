import { moneyInput } from '../money'
import type { listApplications } from '../queries'

type Row = Awaited<ReturnType<typeof listApplications>>[number]

function cell(value: string): string {
  // Spreadsheet formula injection: a leading =, +, - or @ is neutralised with an apostrophe.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** Applications as CSV for spreadsheets in Germany: semicolon-separated, decimal comma, UTF-8 with BOM. */
export function toCsv(rows: readonly Row[]): string {
  const header = [
    'Aktenzeichen',
    'Förderlinie',
    'Organisation',
    'Vorhaben',
    'Stand',
    'Eingereicht',
    'Beantragt (EUR)',
    'Bewilligt (EUR)',
  ]
  const lines = rows.map((r) =>
    [
      r.fileNumber ?? '',
      r.lineKey,
      r.organisation,
      r.title ?? '',
      r.status,
      r.submittedAt ? r.submittedAt.toISOString() : '',
      moneyInput(Number(r.requestedCents)),
      moneyInput(Number(r.grantedCents)),
    ]
      .map(cell)
      .join(';'),
  )
  return `\ufeff${[header.join(';'), ...lines].join('\r\n')}\r\n`
}

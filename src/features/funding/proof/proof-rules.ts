import { parse } from 'csv-parse/sync'
import type { Problem } from '../../../platform/outcome'
import { parseMoney } from '../money'
import { addMonths } from '../review/decide-application'

/**
 * The rules of the proof of use (Verwendungsnachweis), pure: which proofs a grant owes and by when,
 * whether the receipts add up to the account, and the CSV import of receipts and volunteer hours
 * (read with csv-parse, never by hand). Amounts in integer cents.
 */

/** The interim proof of a budget year is due by 30 April of the following year (federal default, VV Nr. 10). */
export const INTERIM_DUE = { month: 4, day: 30 } as const

export interface ProofPeriod {
  /** 'final' or the budget year of an interim proof. */
  readonly period: string
  readonly kind: 'interim' | 'final'
  readonly dueOn: string
  /** The budget years the proof accounts for. */
  readonly years: readonly number[]
}

/**
 * The proofs a grant owes: an interim proof for every budget year but the last of a multi-year
 * grant, and the final proof a line-specific number of months after the project's end.
 */
export function proofPeriods(
  grantYears: readonly number[],
  periodEnd: string,
  proofOfUseMonths: number,
): ProofPeriod[] {
  const years = [...new Set(grantYears)].sort((a, b) => a - b)
  const pad = (n: number) => String(n).padStart(2, '0')
  const interim = years.slice(0, -1).map((year) => ({
    period: String(year),
    kind: 'interim' as const,
    dueOn: `${year + 1}-${pad(INTERIM_DUE.month)}-${pad(INTERIM_DUE.day)}`,
    years: [year],
  }))
  const final = {
    period: 'final',
    kind: 'final' as const,
    dueOn: addMonths(periodEnd, proofOfUseMonths),
    years,
  }
  return years.length ? [...interim, final] : []
}

export interface AccountLine {
  readonly category: string
  readonly plannedCents: number
  readonly actualCents: number
}

export interface Receipt {
  /** The row of the CSV file (1 is the header) or of the form. */
  readonly row: number
  readonly day: string
  readonly payee: string
  readonly purpose: string
  readonly amountCents: number
  readonly category: string
}

/** Total of the actual costs of an account. */
export const actualTotal = (lines: readonly AccountLine[]) => lines.reduce((s, l) => s + l.actualCents, 0)

/**
 * The receipts must add up to the account line by line: for every plan line, the sum of its
 * receipts equals its actual costs. A simple proof may leave out the list of receipts altogether;
 * when one is given it must add up too. Each problem names the line and both sums.
 */
export function checkReceipts(
  lines: readonly AccountLine[],
  receipts: readonly Receipt[],
  options: { simple: boolean },
): Problem[] {
  if (!receipts.length) {
    return options.simple || actualTotal(lines) === 0
      ? []
      : [{ field: 'receipts', key: 'funding.proof.error.receiptsMissing' }]
  }
  const problems: Problem[] = []
  for (const l of lines) {
    const sum = receipts.filter((r) => r.category === l.category).reduce((s, r) => s + r.amountCents, 0)
    if (sum !== l.actualCents) {
      problems.push({
        field: `actual_${l.category}`,
        key: 'funding.proof.error.receiptsDoNotAddUp',
        params: {
          line: l.category,
          costs: l.actualCents,
          funded: sum,
          difference: Math.abs(sum - l.actualCents),
        },
      })
    }
  }
  return problems
}

/** A refused CSV row: its line in the file and what is wrong. */
export interface RowProblem {
  readonly row: number
  readonly key:
    | 'funding.proof.csv.syntax'
    | 'funding.proof.csv.columns'
    | 'funding.proof.csv.day'
    | 'funding.proof.csv.dayOutside'
    | 'funding.proof.csv.payee'
    | 'funding.proof.csv.purpose'
    | 'funding.proof.csv.amount'
    | 'funding.proof.csv.category'
    | 'funding.proof.csv.volunteer'
    | 'funding.proof.csv.month'
    | 'funding.proof.csv.hours'
    | 'funding.proof.csv.hoursPerYear'
    | 'funding.proof.csv.empty'
  readonly params?: Readonly<Record<string, string | number>>
}

export type CsvResult<T> = { ok: true; rows: T[] } | { ok: false; problems: RowProblem[] }

/** Column names accepted in the header (German or English). */
const RECEIPT_COLUMNS = {
  day: ['datum', 'date'],
  payee: ['empfaenger', 'empfänger', 'payee'],
  purpose: ['zweck', 'purpose'],
  amount: ['betrag', 'amount'],
  category: ['position', 'line', 'kostenposition'],
} as const
const HOUR_COLUMNS = {
  volunteer: ['name', 'lotsin', 'lotse', 'volunteer'],
  month: ['monat', 'month'],
  hours: ['stunden', 'hours'],
} as const

/** A day of the calendar from YYYY-MM-DD or DD.MM.YYYY, or null. */
export function parseDay(raw: string): string | null {
  const s = raw.trim()
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  const de = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s)
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : de
      ? [Number(de[3]), Number(de[2]), Number(de[1])]
      : [0, 0, 0]
  if (!y) return null
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

type Header<K extends string> = Record<K, readonly string[]>

/**
 * Reads a semicolon- (or tab-, as pasted from a spreadsheet) separated file with a header row (csv-parse). Each record comes with its line
 * in the file, so every refusal can name it. A file csv-parse cannot read is refused at the line it
 * stopped on.
 */
function readCsv<K extends string>(
  text: string,
  header: Header<K>,
): { ok: true; rows: { line: number; cells: Record<K, string> }[] } | { ok: false; problems: RowProblem[] } {
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      delimiter: [';', '\t'],
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[]
  } catch (err) {
    const line = (err as { lines?: number }).lines
    return {
      ok: false,
      problems: [{ row: typeof line === 'number' ? line : 1, key: 'funding.proof.csv.syntax' }],
    }
  }
  const [head, ...body] = records
  if (!head) return { ok: false, problems: [{ row: 1, key: 'funding.proof.csv.empty' }] }
  const names = head.record.map((c) => c.toLowerCase())
  const index = {} as Record<K, number>
  const missing: string[] = []
  for (const key of Object.keys(header) as K[]) {
    const at = names.findIndex((n) => header[key].includes(n))
    if (at < 0) missing.push(header[key][0]!)
    index[key] = at
  }
  if (missing.length) {
    return {
      ok: false,
      problems: [
        { row: head.info.lines, key: 'funding.proof.csv.columns', params: { columns: missing.join(';') } },
      ],
    }
  }
  if (!body.length) return { ok: false, problems: [{ row: head.info.lines, key: 'funding.proof.csv.empty' }] }
  return {
    ok: true,
    rows: body.map(({ record, info }) => ({
      line: info.lines,
      cells: Object.fromEntries(
        (Object.keys(header) as K[]).map((k) => [k, (record[index[k]] ?? '').trim()]),
      ) as Record<K, string>,
    })),
  }
}

/**
 * The list of receipts from a CSV file (columns datum;empfaenger;zweck;betrag;position, German or
 * English names, in any order). The plan line is the key or the name of a cost category. Every bad
 * row is refused with its line number; any refusal refuses the whole file (nothing half-imported).
 */
export function parseReceiptsCsv(
  text: string,
  categories: readonly { key: string; names: readonly string[] }[],
  period: { from: string; to: string },
): CsvResult<Receipt> {
  const read = readCsv(text, RECEIPT_COLUMNS)
  if (!read.ok) return read
  const problems: RowProblem[] = []
  const rows: Receipt[] = []
  for (const { line, cells } of read.rows) {
    const before = problems.length
    const day = parseDay(cells.day)
    if (!day) problems.push({ row: line, key: 'funding.proof.csv.day' })
    else if (day < period.from || day > period.to) {
      problems.push({
        row: line,
        key: 'funding.proof.csv.dayOutside',
        params: { from: period.from, to: period.to },
      })
    }
    if (!cells.payee) problems.push({ row: line, key: 'funding.proof.csv.payee' })
    if (!cells.purpose) problems.push({ row: line, key: 'funding.proof.csv.purpose' })
    const money = parseMoney(cells.amount)
    if (!money.ok || money.cents <= 0) problems.push({ row: line, key: 'funding.proof.csv.amount' })
    const wanted = cells.category.toLowerCase()
    const category = categories.find(
      (c) => c.key.toLowerCase() === wanted || c.names.some((n) => n.toLowerCase() === wanted),
    )
    if (!category) {
      problems.push({
        row: line,
        key: 'funding.proof.csv.category',
        params: {
          lines_de: categories.map((c) => c.names[0] ?? c.key).join(', '),
          lines_en: categories.map((c) => c.names[1] ?? c.names[0] ?? c.key).join(', '),
        },
      })
    }
    if (problems.length === before && day && money.ok && category) {
      rows.push({
        row: line,
        day,
        payee: cells.payee.slice(0, 200),
        purpose: cells.purpose.slice(0, 500),
        amountCents: money.cents,
        category: category.key,
      })
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows }
}

export interface HourRow {
  readonly row: number
  readonly volunteer: string
  /** YYYY-MM */
  readonly month: string
  readonly hours: number
}

/**
 * Volunteer-hour sheets of the Integrationslotsen (columns name;monat;stunden). Months within the
 * project's period; whole hours; at most `maxHoursPerYear` per volunteer and year (414 h for
 * coordinating guides, the line's upper limit) — the row that goes over is named.
 */
export function parseHoursCsv(
  text: string,
  period: { from: string; to: string },
  maxHoursPerYear: number,
): CsvResult<HourRow> {
  const read = readCsv(text, HOUR_COLUMNS)
  if (!read.ok) return read
  const problems: RowProblem[] = []
  const rows: HourRow[] = []
  const perYear = new Map<string, number>()
  for (const { line, cells } of read.rows) {
    const before = problems.length
    if (!cells.volunteer) problems.push({ row: line, key: 'funding.proof.csv.volunteer' })
    const m = /^(\d{4})-(\d{2})$/.exec(cells.month) ?? /^(\d{2})[./](\d{4})$/.exec(cells.month)
    const month = m ? (m[1]!.length === 4 ? `${m[1]}-${m[2]}` : `${m[2]}-${m[1]}`) : null
    const valid = month && Number(month.slice(5)) >= 1 && Number(month.slice(5)) <= 12
    if (!month || !valid) problems.push({ row: line, key: 'funding.proof.csv.month' })
    else if (month < period.from.slice(0, 7) || month > period.to.slice(0, 7)) {
      problems.push({
        row: line,
        key: 'funding.proof.csv.dayOutside',
        params: { from: period.from, to: period.to },
      })
    }
    const hours = /^\d{1,3}$/.test(cells.hours) ? Number(cells.hours) : Number.NaN
    if (!(hours >= 1 && hours <= 744)) problems.push({ row: line, key: 'funding.proof.csv.hours' })
    if (problems.length === before && month) {
      const key = `${cells.volunteer.toLowerCase()}|${month.slice(0, 4)}`
      const total = (perYear.get(key) ?? 0) + hours
      perYear.set(key, total)
      if (total > maxHoursPerYear) {
        problems.push({
          row: line,
          key: 'funding.proof.csv.hoursPerYear',
          params: { limit: maxHoursPerYear, year: month.slice(0, 4) },
        })
      } else rows.push({ row: line, volunteer: cells.volunteer.slice(0, 200), month, hours })
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows }
}

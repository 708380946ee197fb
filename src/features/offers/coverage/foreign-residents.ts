import { parse } from 'csv-parse/sync'
import { eq, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import { placeByKey, places } from '../../directory/public'
import { foreignResidents } from '../tables'

/**
 * Foreign residents per district, imported by staff from the statistical office's table (columns:
 * docs/offers-import.md). Nothing is shipped: the figures per district are not in the reference
 * data, and the platform shows only what someone can check against its source.
 */
export const FOREIGN_COLUMNS = ['district_key', 'count', 'reference_date', 'source'] as const

export interface ForeignFigure {
  readonly count: number
  /** ISO day the count refers to. */
  readonly referenceDate: string
  readonly source: string
  /** A demo estimate (demo data only), labelled as such wherever shown. */
  readonly demo: boolean
}

export interface ForeignRefusal {
  /** Line in the file (the header is line 1). */
  readonly line: number
  readonly districtKey: string
  readonly reasons: readonly string[]
}

export interface ForeignReport {
  readonly added: number
  readonly updated: number
  readonly refused: readonly ForeignRefusal[]
  readonly dryRun: boolean
}

export class ForeignImportError extends Error {}

/** "31.12.2024" or "2024-12-31" → "2024-12-31"; null when it is no real day. */
export function isoReferenceDate(v: string): string | null {
  const s = v.trim()
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) ?? /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(s)
  if (!m) return null
  const [y, mo, d] = s.includes('-') ? [m[1]!, m[2]!, m[3]!] : [m[3]!, m[2]!, m[1]!]
  const day = new Date(`${y}-${mo}-${d}T00:00:00Z`)
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== `${y}-${mo}-${d}`
    ? null
    : `${y}-${mo}-${d}`
}

interface Good {
  readonly placeId: string
  readonly figure: ForeignFigure
}

async function checkRows(db: Db, text: string): Promise<{ good: Good[]; refused: ForeignRefusal[] }> {
  let records: string[][]
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true })
  } catch (err) {
    throw new ForeignImportError(`The file is not valid CSV: ${(err as Error).message}`)
  }
  const [header, ...body] = records
  if (!header) throw new ForeignImportError('The file is empty.')
  const names = header.map((h) => h.trim().toLowerCase())
  const missing = FOREIGN_COLUMNS.filter((c) => !names.includes(c))
  if (missing.length) throw new ForeignImportError(`Missing columns: ${missing.join(', ')}`)
  const good: Good[] = []
  const refused: ForeignRefusal[] = []
  const seen = new Set<string>()
  for (const [i, r] of body.entries()) {
    const g = (c: (typeof FOREIGN_COLUMNS)[number]) => r[names.indexOf(c)] ?? ''
    const key = g('district_key')
    const reasons: string[] = []
    let placeId: string | null = null
    if (!/^06\d{3}$/.test(key))
      reasons.push('district_key must be a Hessian district key of 5 digits (e.g. 06412)')
    else if (seen.has(key)) reasons.push('the district is in the file twice')
    else {
      const place = await placeByKey(db, key)
      if (place?.kind === 'district') placeId = place.id
      else reasons.push(`no district valid today has the key ${key}`)
    }
    seen.add(key)
    const count = /^\d{1,8}$/.test(g('count').replace(/[.\s]/g, ''))
      ? Number(g('count').replace(/[.\s]/g, ''))
      : null
    if (count === null) reasons.push('count must be a whole number of at least 0 (e.g. 235000)')
    const referenceDate = isoReferenceDate(g('reference_date'))
    if (!referenceDate) reasons.push('reference_date must be a day, e.g. 2024-12-31 or 31.12.2024')
    const source = g('source')
    if (!source) reasons.push('source is empty: name who published the figure')
    else if (source.length > 300) reasons.push('source is longer than 300 characters')
    if (reasons.length || !placeId || count === null || !referenceDate)
      refused.push({ line: i + 2, districtKey: key, reasons })
    else good.push({ placeId, figure: { count, referenceDate, source, demo: false } })
  }
  return { good, refused }
}

/**
 * Imports the table (audited, one transaction). With `dryRun` nothing is written; either way the
 * report lists every refused row and why. A district already imported is updated (one figure per
 * district); the valid rows are imported even when others are refused. `demo` marks demo estimates.
 */
export async function importForeignResidents(
  db: Db,
  actor: Actor,
  text: string,
  options: { dryRun?: boolean; demo?: boolean } = {},
): Promise<ForeignReport> {
  const { good, refused } = await checkRows(db, text)
  const dryRun = options.dryRun ?? false
  const known = new Set(
    (await db.select({ id: foreignResidents.placeId }).from(foreignResidents)).map((r) => r.id),
  )
  const updated = good.filter((g) => known.has(g.placeId)).length
  const added = good.length - updated
  if (dryRun || good.length === 0) return { added, updated, refused, dryRun }
  await inTransaction(db, async (tx) => {
    for (const { placeId, figure } of good) {
      const values = { ...figure, demo: options.demo ?? false, importedAt: new Date() }
      await tx
        .insert(foreignResidents)
        .values({ placeId, ...values })
        .onConflictDoUpdate({ target: foreignResidents.placeId, set: values })
    }
    await writeAudit(tx, actor, {
      action: 'offers.foreignResidents.import',
      entityType: 'offers',
      entityId: 'foreign-residents',
      summary: { added, updated, refused: refused.length, ...(options.demo ? { demo: true } : {}) },
    })
  })
  return { added, updated, refused, dryRun }
}

/** The imported figures by official district key. */
export async function foreignResidentsByDistrict(db: Db): Promise<Map<string, ForeignFigure>> {
  const rows = await db
    .select({
      key: places.officialKey,
      count: foreignResidents.count,
      referenceDate: sql<string>`${foreignResidents.referenceDate}::text`,
      source: foreignResidents.source,
      demo: foreignResidents.demo,
    })
    .from(foreignResidents)
    .innerJoin(places, eq(places.id, foreignResidents.placeId))
  return new Map(rows.map(({ key, ...f }) => [key, f]))
}

/** The report as the CLI and the staff page print it (English, like the offers import). */
export function formatForeignReport(r: ForeignReport): string[] {
  const lines = r.refused.map(
    (row) => `line ${row.line}${row.districtKey ? ` (${row.districtKey})` : ''}: ${row.reasons.join('; ')}`,
  )
  lines.push(
    `${r.dryRun ? 'Dry run: ' : ''}${r.added} ${r.dryRun ? 'would add' : 'added'}, ${r.updated} ${r.dryRun ? 'would update' : 'updated'}, ${r.refused.length} refused${r.dryRun ? ' (nothing written)' : ''}.`,
  )
  return lines
}

import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { eq, inArray, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { places } from './tables'

export const REFERENCE_DIR = path.resolve(import.meta.dirname, '../../../reference-data/hessen')
export const DEFAULT_MUNICIPALITIES = path.join(REFERENCE_DIR, 'hessen_gemeinden.csv')
export const DEFAULT_DISTRICTS = path.join(REFERENCE_DIR, 'hessen_kreise.csv')
export const DEFAULT_CENTROIDS = path.join(REFERENCE_DIR, 'hessen_schwerpunkte.csv')

/** Centroids by official key from `official_key,latitude,longitude` (reference-data/hessen/README.md). */
export function centroidsFromCsv(text: string): Map<string, { latitude: number; longitude: number }> {
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
    string,
    string
  >[]
  const out = new Map<string, { latitude: number; longitude: number }>()
  for (const r of rows) {
    const latitude = Number(r.latitude)
    const longitude = Number(r.longitude)
    if (r.official_key && Number.isFinite(latitude) && Number.isFinite(longitude))
      out.set(r.official_key, { latitude, longitude })
  }
  return out
}

/** Puts the centroid on every row that has one (a row under a new key takes its old key's area). */
export function withCentroids(
  rows: PlaceInput[],
  centroids: ReadonlyMap<string, { latitude: number; longitude: number }>,
): PlaceInput[] {
  return rows.map((r) => {
    const c = centroids.get(r.officialKey)
    return c ? { ...r, ...c } : r
  })
}

/** RFC 4180 CSV (quoted fields, doubled quotes) into objects keyed by the header row. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const src = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++
      row.push(field)
      field = ''
      if (row.some((f) => f !== '')) rows.push(row)
      row = []
    } else field += c
  }
  row.push(field)
  if (row.some((f) => f !== '')) rows.push(row)
  const [header, ...body] = rows
  if (!header) return []
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])))
}

export class PlaceImportError extends Error {}

function need(row: Record<string, string>, column: string, file: string, line: number): string {
  const v = row[column]
  if (v === undefined) throw new PlaceImportError(`${file}: column "${column}" is missing`)
  if (v === '') throw new PlaceImportError(`${file}, row ${line}: "${column}" is empty`)
  return v
}

function num(v: string | undefined): number | null {
  if (!v) return null
  const n = Number(v)
  return Number.isInteger(n) ? n : null
}

type PlaceInput = Omit<typeof places.$inferInsert, 'id' | 'parentId' | 'successorId'> & {
  parentKey?: string | undefined
  successorKey?: string | undefined
}

/** Day before an ISO date. */
function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

/** The 2026 changes per municipality: merged areas and key changes, with their effective dates. */
function changeDate(note: string, fallback: string): string {
  const m = /(\d{2})\.(\d{2})\.(\d{4})/.exec(note)
  return m ? `${m[3]}-${m[2]}-${m[1]}` : fallback
}

/** Reads both files into place rows with validity periods (no database access). */
export function placeRowsFromCsv(municipalitiesCsv: string, districtsCsv: string): PlaceInput[] {
  const out: PlaceInput[] = [{ kind: 'state', officialKey: '06', name: 'Hessen', designation: 'Land' }]
  parseCsv(districtsCsv).forEach((r, i) => {
    const f = 'districts'
    out.push({
      kind: 'district',
      officialKey: need(r, 'kreis_ags', f, i + 2),
      regionalKey: r.ars || null,
      name: need(r, 'name', f, i + 2),
      designation: r.typ || null,
      status: r.typ || null,
      parentKey: '06',
      population: num(r.einwohner_zensus_2022_gebietsstand_2022),
      validFrom: r.gueltig_ab || null,
      validUntil: r.gueltig_bis || null,
      note: r.hinweis || null,
    })
  })
  parseCsv(municipalitiesCsv).forEach((r, i) => {
    const f = 'municipalities'
    const line = i + 2
    const key2021 = need(r, 'ags_2021', f, line)
    const key2026 = r.ags_2026 || key2021
    const status2026 = r.status_2026 ?? ''
    const note = r.hinweis || null
    const base = {
      kind: (r.bez === '' || /gemeindefrei/i.test(r.status_2021 ?? '')
        ? 'unincorporated'
        : 'municipality') as PlaceInput['kind'],
      name: need(r, 'name', f, line),
      designation: r.bez || null,
      population: num(r.einwohner_zensus_2022),
      note,
    }
    if (/aufgelöst|eingegliedert/i.test(status2026)) {
      // Merged into another municipality: valid until the day before the merger.
      const on = changeDate(note ?? '', '2023-01-01')
      out.push({
        ...base,
        officialKey: key2021,
        regionalKey: r.ars_2021 || null,
        status: r.status_2021 || null,
        parentKey: r.kreis_ags_2021,
        validUntil: dayBefore(on),
        successorKey: key2026,
      })
    } else if (key2026 !== key2021) {
      // New key (Hanau becoming district-free): the old row ends, a new one starts.
      const on = changeDate(note ?? '', '2026-01-01')
      out.push({
        ...base,
        officialKey: key2021,
        regionalKey: r.ars_2021 || null,
        status: r.status_2021 || null,
        parentKey: r.kreis_ags_2021,
        validUntil: dayBefore(on),
        successorKey: key2026,
      })
      out.push({
        ...base,
        officialKey: key2026,
        status: status2026 || null,
        parentKey: r.kreis_ags_2026 || r.kreis_ags_2021,
        validFrom: on,
      })
    } else {
      out.push({
        ...base,
        officialKey: key2021,
        regionalKey: r.ars_2021 || null,
        status: status2026 || r.status_2021 || null,
        parentKey: r.kreis_ags_2026 || r.kreis_ags_2021,
      })
    }
  })
  return out
}

export interface ImportResult {
  inserted: number
  updated: number
}

/**
 * Imports places idempotently: a row is matched by official key and start of validity, updated when
 * it exists and inserted otherwise. Parents and successors are linked after all rows exist.
 */
export async function importPlaces(db: Db, actor: Actor, rows: readonly PlaceInput[]): Promise<ImportResult> {
  return inTransaction(db, async (tx) => {
    let inserted = 0
    let updated = 0
    const ids = new Map<string, string>()
    const idFor = (key: string, validFrom: string | null | undefined) => `${key}|${validFrom ?? ''}`
    // The places with these keys that exist, in one query (a row is matched by key and start of
    // validity; the CSVs hold about 450 rows, so one query instead of one per row at a first start).
    const keys = [...new Set(rows.map((r) => r.officialKey))]
    const found =
      keys.length === 0
        ? []
        : await tx
            .select({ id: places.id, officialKey: places.officialKey, validFrom: places.validFrom })
            .from(places)
            .where(inArray(places.officialKey, keys))
    const existingIds = new Map(found.map((p) => [idFor(p.officialKey, p.validFrom), p.id]))
    // New rows are inserted together, in order; a later row for the same key and start updates it.
    let pending: { id: string; set: typeof places.$inferInsert }[] = []
    const flush = async () => {
      if (pending.length === 0) return
      await tx.insert(places).values(pending.map((p) => ({ ...p.set, id: p.id })))
      pending = []
    }
    for (const row of rows) {
      const { parentKey: _p, successorKey: _s, ...values } = row
      const id = idFor(row.officialKey, row.validFrom)
      const existing = existingIds.get(id)
      const set = {
        ...values,
        regionalKey: values.regionalKey ?? null,
        designation: values.designation ?? null,
        status: values.status ?? null,
        population: values.population ?? null,
        validFrom: values.validFrom ?? null,
        validUntil: values.validUntil ?? null,
        note: values.note ?? null,
        latitude: values.latitude ?? null,
        longitude: values.longitude ?? null,
      }
      if (existing) {
        await flush()
        await tx
          .update(places)
          .set({ ...set, updatedAt: new Date() })
          .where(eq(places.id, existing))
        ids.set(id, existing)
        updated++
      } else {
        const created = randomUUID()
        pending.push({ id: created, set })
        if (pending.length >= 500) await flush()
        existingIds.set(id, created)
        ids.set(id, created)
        inserted++
      }
    }
    await flush()
    // Resolve a key to the row valid at a day (the newest start not after it).
    const keyAt = (key: string, day: string | null | undefined): string | undefined => {
      const candidates = rows.filter(
        (r) =>
          r.officialKey === key &&
          (!day || !r.validFrom || r.validFrom <= day) &&
          (!day || !r.validUntil || r.validUntil >= day),
      )
      const r = candidates[0] ?? rows.find((x) => x.officialKey === key)
      return r ? ids.get(idFor(r.officialKey, r.validFrom)) : undefined
    }
    // Parents and successors of all rows in one statement (the last row wins for a repeated key,
    // as when each row was updated in turn).
    const links = new Map<string, { parentId: string | null; successorId: string | null }>()
    for (const row of rows) {
      const id = ids.get(idFor(row.officialKey, row.validFrom))!
      const day = row.validFrom ?? row.validUntil ?? null
      const parentId = row.parentKey ? (keyAt(row.parentKey, day) ?? null) : null
      const successorId = row.successorKey ? (keyAt(row.successorKey, null) ?? null) : null
      links.set(id, { parentId, successorId })
    }
    if (links.size > 0) {
      const values = sql.join(
        [...links].map(([id, l]) => sql`(${id}::uuid, ${l.parentId}::uuid, ${l.successorId}::uuid)`),
        sql`, `,
      )
      await tx.execute(
        sql`update ${places} set parent_id = v.parent_id, successor_id = v.successor_id
            from (values ${values}) as v(id, parent_id, successor_id) where ${places.id} = v.id`,
      )
    }
    await writeAudit(tx, actor, {
      action: 'places.import',
      entityType: 'place',
      entityId: 'hessen',
      summary: { inserted, updated },
    })
    return { inserted, updated }
  })
}

export async function importPlacesFromFiles(
  db: Db,
  actor: Actor,
  files: {
    municipalities?: string | undefined
    districts?: string | undefined
    centroids?: string | undefined
  } = {},
): Promise<ImportResult> {
  const [m, d, c] = await Promise.all([
    readFile(files.municipalities ?? DEFAULT_MUNICIPALITIES, 'utf8'),
    readFile(files.districts ?? DEFAULT_DISTRICTS, 'utf8'),
    readFile(files.centroids ?? DEFAULT_CENTROIDS, 'utf8'),
  ])
  return importPlaces(db, actor, withCentroids(placeRowsFromCsv(m, d), centroidsFromCsv(c)))
}

/**
 * Adds the places whose official key is not in the directory yet (any validity period); places that
 * exist are left as they are. For seed data of other features (the WIR programme's eligible bodies).
 */
export async function addMissingPlaces(
  db: Db,
  rows: readonly Pick<typeof places.$inferInsert, 'kind' | 'officialKey' | 'name' | 'status'>[],
): Promise<void> {
  await inTransaction(db, async (tx) => {
    for (const row of rows) {
      const [found] = await tx
        .select({ id: places.id })
        .from(places)
        .where(eq(places.officialKey, row.officialKey))
      if (found) continue
      await tx.insert(places).values(row)
    }
  })
}

import { parse } from 'csv-parse/sync'
import { eq, inArray } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { isUuid } from '../../platform/ids'
import { organisationsByIds, organisationsNamed, placeByKey } from '../directory/public'
import { type OfferInput, type OfferProblemKey, offerProblems } from './offer-input'
import { offerValues } from './save-offer'
import { offers } from './tables'

/**
 * The CSV import of offers for staff (`npm run cli -- import-offers --file F [--dry-run]`). Columns
 * are documented in docs/offers-import.md; every row is checked on its own, refused rows are listed
 * with line and reason, and the rows that pass are written in one transaction. A row is matched to an
 * offer by `external_id`: a re-import updates it and never adds a second one.
 */
export const IMPORT_COLUMNS = [
  'external_id',
  'provider',
  'place_key',
  'online',
  'title',
  'description',
  'lang',
  'languages',
  'topics',
  'target_groups',
  'street',
  'postcode',
  'city',
  'latitude',
  'longitude',
  'times',
  'starts_at',
  'ends_at',
  'cost_eur',
  'cost_note',
  'accessibility',
  'wheelchair',
  'contact_name',
  'contact_email',
  'contact_phone',
  'website',
  'confirmed_on',
] as const

const REQUIRED = ['external_id', 'provider', 'title', 'languages', 'topics'] as const

export interface RefusedRow {
  /** Line in the file (the header is line 1). */
  readonly line: number
  readonly externalId: string
  readonly reasons: readonly string[]
}

export interface ImportReport {
  readonly added: number
  readonly updated: number
  readonly refused: readonly RefusedRow[]
  readonly dryRun: boolean
}

export class OfferImportError extends Error {}

const REASONS: Record<OfferProblemKey, string> = {
  title: 'title is empty or longer than 200 characters',
  place: 'neither place_key nor online=ja',
  lang: 'lang is not a language tag (e.g. de, ar, tr)',
  languages: 'languages is empty',
  language: 'unknown language code',
  topics: 'topics is empty',
  topic: 'unknown topic',
  targetGroup: 'unknown target group',
  postcode: 'postcode must have 5 digits',
  coordinates: 'latitude and longitude must both be given, as decimal degrees',
  ends: 'ends_at is before starts_at, or ends_at without starts_at',
  cost: 'cost_eur must be an amount of at least 0',
  email: 'contact_email is not an e-mail address',
  website: 'website must start with http:// or https://',
  contact: 'no way to get in touch: give contact_email, contact_phone or website',
}

const list = (v: string) =>
  v
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter(Boolean)

function yesNo(v: string): boolean | null | 'bad' {
  const s = v.trim().toLowerCase()
  if (s === '') return null
  if (['ja', 'yes', 'true', '1', 'x'].includes(s)) return true
  if (['nein', 'no', 'false', '0'].includes(s)) return false
  return 'bad'
}

/** "12,50" or "12.50" euros → cents; "" → null. */
export function euroToCents(v: string): number | null | 'bad' {
  const s = v.trim().replace(/\s*(€|eur)$/i, '')
  if (s === '') return null
  if (!/^\d{1,7}([.,]\d{1,2})?$/.test(s)) return 'bad'
  const [whole, frac = ''] = s.split(/[.,]/)
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'))
}

function decimal(v: string): number | null | 'bad' {
  const s = v.trim().replace(',', '.')
  if (s === '') return null
  const n = Number(s)
  return Number.isFinite(n) ? n : 'bad'
}

/** An ISO date-time with offset, or a local date-time in Germany ("2026-03-02T18:00"). */
function instant(v: string): Date | null | 'bad' {
  const s = v.trim()
  if (s === '') return null
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/.exec(s)
  if (!m) return 'bad'
  const [y, mo, d, hh = '00', mm = '00'] = [m[1]!, m[2]!, m[3]!, m[4], m[5]]
  const calendar = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)))
  if (calendar.getUTCMonth() !== Number(mo) - 1 || calendar.getUTCDate() !== Number(d)) return 'bad'
  if (Number(hh) > 23 || Number(mm) > 59) return 'bad'
  return new Date(`${y}-${mo}-${d}T${hh}:${mm}:00${m[6] ?? berlinOffset(`${y}-${mo}-${d}`)}`)
}

/** Germany's UTC offset on a day (+01:00 or +02:00). */
function berlinOffset(day: string): string {
  const noon = new Date(`${day}T12:00:00Z`)
  if (Number.isNaN(noon.getTime())) return '+01:00'
  const name = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', timeZoneName: 'shortOffset' })
    .formatToParts(noon)
    .find((p) => p.type === 'timeZoneName')?.value
  return name === 'GMT+2' ? '+02:00' : '+01:00'
}

interface Checked {
  readonly line: number
  readonly externalId: string
  readonly input: OfferInput | null
  readonly reasons: string[]
}

/** Parses the file; throws OfferImportError when it is not CSV or lacks a required column. */
export function readOfferCsv(text: string): { line: number; row: Record<string, string> }[] {
  let records: string[][]
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true })
  } catch (err) {
    throw new OfferImportError(`The file is not valid CSV: ${(err as Error).message}`)
  }
  const [header, ...body] = records
  if (!header) throw new OfferImportError('The file is empty.')
  const names = header.map((h) => h.trim().toLowerCase())
  const missing = REQUIRED.filter((c) => !names.includes(c))
  if (missing.length)
    throw new OfferImportError(`Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`)
  const unknown = names.filter((n) => !(IMPORT_COLUMNS as readonly string[]).includes(n))
  if (unknown.length)
    throw new OfferImportError(`Unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`)
  return body.map((r, i) => ({
    line: i + 2,
    row: Object.fromEntries(names.map((n, j) => [n, r[j] ?? ''])),
  }))
}

/** Checks every row against the directory and the offer rules; nothing is written. */
async function checkRows(db: Db, rows: { line: number; row: Record<string, string> }[]): Promise<Checked[]> {
  const seen = new Map<string, number>()
  const out: Checked[] = []
  for (const { line, row } of rows) {
    const reasons: string[] = []
    const g = (c: (typeof IMPORT_COLUMNS)[number]) => row[c] ?? ''
    const externalId = g('external_id')
    if (!externalId) reasons.push('external_id is empty')
    else if (seen.has(externalId))
      reasons.push(`external_id "${externalId}" is also on line ${seen.get(externalId)}`)
    else seen.set(externalId, line)

    let organisationId: string | null = null
    const provider = g('provider')
    if (!provider) reasons.push('provider is empty')
    else if (isUuid(provider)) {
      const [org] = await organisationsByIds(db, [provider])
      if (org) organisationId = org.id
      else reasons.push(`no organisation in the directory has the id ${provider}`)
    } else {
      const named = await organisationsNamed(db, provider)
      if (named.length === 1) organisationId = named[0]!.id
      else if (named.length === 0) reasons.push(`no organisation in the directory is called "${provider}"`)
      else reasons.push(`several organisations are called "${provider}": give the organisation's id`)
    }

    let placeId: string | null = null
    const placeKey = g('place_key')
    if (placeKey) {
      const place = /^\d{5}(\d{3})?$/.test(placeKey) ? await placeByKey(db, placeKey) : null
      if (place && (place.kind === 'municipality' || place.kind === 'district')) placeId = place.id
      else reasons.push(`place_key "${placeKey}" is not the key of a municipality or district valid today`)
    }
    const online = yesNo(g('online'))
    const wheelchair = yesNo(g('wheelchair'))
    const cost = euroToCents(g('cost_eur'))
    const latitude = decimal(g('latitude'))
    const longitude = decimal(g('longitude'))
    const startsAt = instant(g('starts_at'))
    const endsAt = instant(g('ends_at'))
    const confirmed = instant(g('confirmed_on'))
    if (online === 'bad') reasons.push('online must be ja or nein')
    if (wheelchair === 'bad') reasons.push('wheelchair must be ja or nein')
    if (cost === 'bad')
      reasons.push(`cost_eur "${g('cost_eur')}" is not an amount in euros (e.g. 0 or 12,50)`)
    if (latitude === 'bad' || longitude === 'bad') reasons.push(REASONS.coordinates)
    if (startsAt === 'bad') reasons.push('starts_at is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)')
    if (endsAt === 'bad') reasons.push('ends_at is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM)')
    if (confirmed === 'bad') reasons.push('confirmed_on is not a date (YYYY-MM-DD)')
    const ok = <T>(v: T | 'bad'): T | null => (v === 'bad' ? null : v)
    const input: OfferInput = {
      externalId,
      organisationId: organisationId ?? '',
      placeId,
      online: ok(online) ?? false,
      title: g('title'),
      description: g('description'),
      lang: g('lang') || 'de',
      languages: list(g('languages')),
      topics: list(g('topics')),
      targetGroups: list(g('target_groups')),
      street: g('street'),
      postcode: g('postcode'),
      city: g('city'),
      latitude: ok(latitude),
      longitude: ok(longitude),
      times: g('times'),
      startsAt: ok(startsAt),
      endsAt: ok(endsAt),
      costCents: ok(cost),
      costNote: g('cost_note'),
      accessibility: g('accessibility'),
      wheelchairAccessible: ok(wheelchair),
      contactName: g('contact_name'),
      contactEmail: g('contact_email'),
      contactPhone: g('contact_phone'),
      website: g('website'),
      confirmedAt: ok(confirmed),
    }
    for (const p of offerProblems(input)) {
      if (p.field === 'place' && placeKey) continue // already said: the key is unknown
      if (p.field === 'coordinates' && (latitude === 'bad' || longitude === 'bad')) continue
      reasons.push(p.value ? `${REASONS[p.problem]}: "${p.value}"` : REASONS[p.problem])
    }
    out.push({ line, externalId, input: reasons.length ? null : input, reasons })
  }
  return out
}

/**
 * Imports offers from CSV text. With `dryRun` nothing is written; either way the report lists every
 * refused row and why, and how many offers would be (or were) added and updated.
 */
export async function importOffers(
  db: Db,
  actor: Actor,
  text: string,
  options: { dryRun?: boolean } = {},
): Promise<ImportReport> {
  const checked = await checkRows(db, readOfferCsv(text))
  const refused = checked
    .filter((c) => c.input === null)
    .map(({ line, externalId, reasons }) => ({ line, externalId, reasons }))
  const good = checked.flatMap((c) => (c.input ? [c.input] : []))
  const externalIds = good.map((g) => g.externalId!)
  const existing = new Map(
    (externalIds.length
      ? await db
          .select({ id: offers.id, externalId: offers.externalId })
          .from(offers)
          .where(inArray(offers.externalId, externalIds))
      : []
    ).map((r) => [r.externalId!, r.id]),
  )
  const updated = good.filter((g) => existing.has(g.externalId!)).length
  const added = good.length - updated
  if (options.dryRun || good.length === 0) return { added, updated, refused, dryRun: options.dryRun ?? false }
  await inTransaction(db, async (tx) => {
    for (const input of good) {
      const values = {
        ...offerValues(input),
        confirmedAt: input.confirmedAt ?? new Date(),
        updatedAt: new Date(),
      }
      const id = existing.get(input.externalId!)
      if (id) await tx.update(offers).set(values).where(eq(offers.id, id))
      else await tx.insert(offers).values(values)
    }
    await writeAudit(tx, actor, {
      action: 'offers.import',
      entityType: 'offer',
      entityId: 'csv',
      summary: { added, updated, refused: refused.length },
    })
  })
  return { added, updated, refused, dryRun: false }
}

/** The report as the CLI prints it. */
export function formatReport(r: ImportReport): string[] {
  const lines = r.refused.map(
    (row) => `line ${row.line}${row.externalId ? ` (${row.externalId})` : ''}: ${row.reasons.join('; ')}`,
  )
  const verb = r.dryRun ? 'would add' : 'added'
  const verb2 = r.dryRun ? 'would update' : 'updated'
  lines.push(
    `${r.dryRun ? 'Dry run: ' : ''}${r.added} ${verb}, ${r.updated} ${verb2}, ${r.refused.length} refused${r.dryRun ? ' (nothing written)' : ''}.`,
  )
  return lines
}

import { eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import { organisations, places } from '../directory/public'
import { type OfferFilters, type OfferHit, PAGE_SIZE, searchPlaces } from './find-offers'
import type { SearchPlace } from './place-search'
import { offers, offersSearchVersion } from './tables'
import { HIDE_AFTER_MONTHS } from './vocabulary'

/**
 * The finder's search index: what the search filters and sorts on, for every offer, in memory.
 *
 * The SQL search (`searchOffers`) computes a great-circle distance for every matching offer and sorts
 * them, on every page view; the place match reads every municipality and district. Both are the same
 * until an offer or a place changes, so this keeps them in memory, read at a version of
 * `offers_search_version` (raised by triggers in the same transaction as every statement on offers or
 * places, whoever writes it). A search filters and sorts here and reads only the page's rows from the
 * database, in one query that also returns the current version: when it is not the version the index
 * was read at, something changed, the index is read again and the search repeated. So a provider's
 * change shows with the next search, on every app node, without any notification to miss.
 * Decision: docs/decisions/offers-search.md (section "Speed").
 *
 * The results are those of `searchOffers` (a test compares them on both databases): the same filters,
 * the title order as the database's collation sorts it (a rank read with the index), the same distance
 * formula.
 */
interface IndexedOffer {
  readonly id: string
  readonly latitude: number | null
  readonly longitude: number | null
  readonly languages: readonly string[]
  readonly topics: readonly string[]
  readonly targetGroups: readonly string[]
  readonly online: boolean
  /** confirmed_at in microseconds since the epoch (the column's precision). */
  readonly confirmedUs: number
}

interface SearchIndex {
  readonly version: number
  /** Every offer with a provider, in the order of `title, id` in the database. */
  readonly offers: readonly IndexedOffer[]
}

interface State {
  index?: SearchIndex
  loading?: Promise<SearchIndex>
  places?: { readonly version: number; readonly day: string; readonly list: SearchPlace[] }
}

const states = new WeakMap<Db, State>()

function stateOf(db: Db): State {
  let s = states.get(db)
  if (!s) {
    s = {}
    states.set(db, s)
  }
  return s
}

/** The current version, in a sub-select so it is read in the same snapshot as the rows beside it. */
const versionSql = sql<number>`coalesce((select ${offersSearchVersion.version} from ${offersSearchVersion} where ${offersSearchVersion.id} = 1), -1)`

async function currentVersion(db: Db): Promise<number> {
  const [row] = await db.select({ v: versionSql.mapWith(Number) }).from(sql`(select 1) as one`)
  return row?.v ?? -1
}

async function loadIndex(db: Db): Promise<SearchIndex> {
  const rows = await db
    .select({
      version: versionSql.mapWith(Number),
      id: offers.id,
      latitude: sql<number | null>`coalesce(${offers.latitude}, ${places.latitude})`,
      longitude: sql<number | null>`coalesce(${offers.longitude}, ${places.longitude})`,
      languages: offers.languages,
      topics: offers.topics,
      targetGroups: offers.targetGroups,
      online: offers.online,
      confirmedUs: sql<number>`(extract(epoch from ${offers.confirmedAt}) * 1000000)::bigint`.mapWith(Number),
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .leftJoin(places, eq(places.id, offers.placeId))
    .orderBy(offers.title, offers.id)
  const version = rows[0]?.version ?? (await currentVersion(db))
  return {
    version,
    offers: rows.map(({ version: _v, latitude, longitude, ...o }) => ({
      ...o,
      latitude: latitude === null ? null : Number(latitude),
      longitude: longitude === null ? null : Number(longitude),
    })),
  }
}

/** The index as last read; read now when there is none (one read at a time per database). */
async function indexOf(db: Db): Promise<SearchIndex> {
  const s = stateOf(db)
  if (s.index) return s.index
  if (!s.loading) {
    const loading = loadIndex(db)
    s.loading = loading
    loading
      .then((index) => {
        if (s.loading === loading) s.index = index
      })
      .catch(() => {})
      .finally(() => {
        if (s.loading === loading) s.loading = undefined
      })
  }
  return s.loading
}

/** Forgets the index (and places) read at `version`: the database is past it. */
function drop(db: Db, version: number): void {
  const s = stateOf(db)
  if (s.index?.version === version) s.index = undefined
  if (s.places?.version === version) s.places = undefined
}

/** PostgreSQL's radians(): the argument times this constant. */
const RADIANS_PER_DEGREE = 0.017453292519943295
const radians = (deg: number) => deg * RADIANS_PER_DEGREE

/** The great-circle distance of `distanceSql` in find-offers.ts, the same formula in the same order. */
function distanceKm(lat0: number, lon0: number, lat: number, lon: number): number {
  return (
    12742 *
    Math.asin(
      Math.min(
        1,
        Math.sqrt(
          Math.sin(radians(lat - lat0) / 2) ** 2 +
            Math.cos(radians(lat0)) * Math.cos(radians(lat)) * Math.sin(radians(lon - lon0) / 2) ** 2,
        ),
      ),
    )
  )
}

/** `publicCondition` of find-offers.ts: confirmed after now minus 15 months, in microseconds. */
function publicAfterUs(now: Date): number {
  const cutoff = new Date(now)
  cutoff.setUTCMonth(cutoff.getUTCMonth() - HIDE_AFTER_MONTHS)
  return cutoff.getTime() * 1000
}

interface Ranked {
  readonly id: string
  readonly distanceKm: number | null
}

/** Filters and sorts as `searchOffers` does: nearest first (no distance last), then title and id. */
function rank(index: SearchIndex, f: OfferFilters): { page: Ranked[]; total: number } {
  const after = publicAfterUs(f.now ?? new Date())
  const { language, topic, targetGroup, online, from } = f
  // Offers with a distance, and those without (online only): these come last, in title order.
  const near: Near[] = []
  const far: Ranked[] = []
  const list = index.offers
  for (let i = 0; i < list.length; i++) {
    const o = list[i]!
    if (o.confirmedUs <= after) continue
    if (language && !o.languages.includes(language)) continue
    if (topic && !o.topics.includes(topic)) continue
    if (targetGroup && !o.targetGroups.includes(targetGroup)) continue
    if (online && !o.online) continue
    if (from && o.latitude !== null && o.longitude !== null)
      near.push({
        id: o.id,
        distanceKm: distanceKm(from.latitude, from.longitude, o.latitude, o.longitude),
        order: i,
      })
    else far.push({ id: o.id, distanceKm: null })
  }
  const start = (Math.max(1, f.page ?? 1) - 1) * PAGE_SIZE
  const end = start + PAGE_SIZE
  // The index is in title order already; only distances need sorting, and only as far as the page.
  const sorted: Ranked[] = end < near.length ? smallest(near, end) : near.sort(nearer)
  const page = end <= sorted.length ? sorted.slice(start, end) : [...sorted, ...far].slice(start, end)
  return {
    page: page.map((m) => ({ id: m.id, distanceKm: m.distanceKm })),
    total: near.length + far.length,
  }
}

interface Near {
  readonly id: string
  readonly distanceKm: number
  /** Position in the index: title order. */
  readonly order: number
}

const nearer = (a: Near, b: Near) => a.distanceKm - b.distanceKm || a.order - b.order

/** The k nearest of `xs`, sorted (a max-heap of k: n log k instead of sorting all n). */
function smallest(xs: readonly Near[], k: number): Near[] {
  const heap: Near[] = []
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (nearer(heap[i]!, heap[parent]!) <= 0) return
      ;[heap[i], heap[parent]] = [heap[parent]!, heap[i]!]
      i = parent
    }
  }
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let top = i
      if (l < heap.length && nearer(heap[l]!, heap[top]!) > 0) top = l
      if (r < heap.length && nearer(heap[r]!, heap[top]!) > 0) top = r
      if (top === i) return
      ;[heap[i], heap[top]] = [heap[top]!, heap[i]!]
      i = top
    }
  }
  for (const x of xs) {
    if (heap.length < k) {
      heap.push(x)
      up(heap.length - 1)
    } else if (nearer(x, heap[0]!) < 0) {
      heap[0] = x
      down(0)
    }
  }
  return heap.sort(nearer)
}

/** The page's rows as the result list shows them, with the version they were read at. */
async function pageRows(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return { version: await currentVersion(db), rows: [] }
  const rows = await db
    .select({
      version: versionSql.mapWith(Number),
      id: offers.id,
      title: offers.title,
      lang: offers.lang,
      online: offers.online,
      topics: offers.topics,
      languages: offers.languages,
      providerName: organisations.name,
      placeName: places.name,
      city: offers.city,
      startsAt: offers.startsAt,
      costCents: offers.costCents,
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .leftJoin(places, eq(places.id, offers.placeId))
    .where(inArray(offers.id, [...ids]))
  // No row: the version alone tells whether the offers are gone (and the index with them).
  return { version: rows[0]?.version ?? (await currentVersion(db)), rows }
}

/** `searchPlaces` and the version it was read at (one snapshot: the version is read inside it). */
function placesWithVersion(db: Db, day: string): Promise<[SearchPlace[], number]> {
  return db.transaction(
    async (t) => {
      const tx = t as unknown as Db
      return [await searchPlaces(tx, day), await currentVersion(tx)]
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
}

/** One search on the index as it is held now; `null` from a method: the database is past it. */
export interface IndexView {
  /** `searchPlaces(db, day)` at the index's version. */
  places(day: string): Promise<SearchPlace[] | null>
  /** `searchOffers(db, filters)` at the index's version, read with the page's rows. */
  search(filters: OfferFilters): Promise<{ hits: OfferHit[]; total: number } | null>
}

/** The index to search on, read first when none is held; null when the database has no version row. */
export async function openIndex(db: Db): Promise<IndexView | null> {
  const index = await indexOf(db)
  if (index.version < 0) return null
  const s = stateOf(db)
  return {
    async places(day) {
      if (s.places?.version === index.version && s.places.day === day) return s.places.list
      const [list, version] = await placesWithVersion(db, day)
      if (version !== index.version) {
        drop(db, index.version)
        return null
      }
      s.places = { version, day, list }
      return list
    },
    async search(filters) {
      const { page, total } = rank(index, filters)
      const { version, rows } = await pageRows(
        db,
        page.map((p) => p.id),
      )
      if (version !== index.version || rows.length !== page.length) {
        drop(db, index.version)
        return null
      }
      const byId = new Map(rows.map(({ version: _v, ...r }) => [r.id, r]))
      const hits = page.map((p) => ({ ...byId.get(p.id)!, distanceKm: p.distanceKm }))
      return { hits, total }
    },
  }
}

/** For tests: the version of the index held for this database (null: none held). */
export function heldIndexVersion(db: Db): number | null {
  return stateOf(db).index?.version ?? null
}

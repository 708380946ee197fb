import type { Db } from '../../platform/db'
import { isoDay } from '../directory/public'
import { type OfferFilters, type OfferHit, PAGE_SIZE, searchOffers, searchPlaces } from './find-offers'
import { matchPlace, type SearchPlace } from './place-search'
import { openIndex } from './search-index'
import { isOfferLanguage, isTargetGroup, isTopic } from './vocabulary'

/** The finder's query after cleaning: every value known, or left out. */
export interface FinderRequest {
  readonly place: string
  readonly placeKey: string
  readonly language: string
  readonly topic: string
  readonly targetGroup: string
  readonly online: boolean
  readonly page: number
  /** The place words were too long (the field says so). */
  readonly tooLong: boolean
}

export interface FinderResult {
  readonly request: FinderRequest
  readonly chosen: SearchPlace | null
  readonly corrected: boolean
  readonly suggestions: readonly SearchPlace[]
  /** Place words were typed but name no place. */
  readonly unknownPlace: boolean
  readonly hits: readonly OfferHit[]
  readonly total: number
  readonly pageCount: number
}

const one = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '')

/** Cleans the raw query string (see schema.ts); unknown values are dropped. */
export function finderRequest(raw: Record<string, unknown>): FinderRequest {
  const place = one(raw.ort)
    .replace(/[\p{C}]/gu, '')
    .trim()
  const page = /^\d{1,4}$/.test(one(raw.seite)) ? Math.max(1, Number(one(raw.seite))) : 1
  const language = one(raw.sprache)
  const topic = one(raw.thema)
  const targetGroup = one(raw.fuer)
  const placeKey = one(raw.gebiet)
  return {
    place: place.slice(0, 100),
    placeKey: /^\d{5}(\d{3})?$/.test(placeKey) ? placeKey : '',
    language: isOfferLanguage(language) ? language : '',
    topic: isTopic(topic) ? topic : '',
    targetGroup: isTargetGroup(targetGroup) ? targetGroup : '',
    online: ['on', 'ja', 'true', '1'].includes(one(raw.online)),
    page,
    tooLong: place.length > 100,
  }
}

/**
 * Resolves the place and runs the search: one call per page view. Searches the in-memory index
 * (search-index.ts), one database query per search; the SQL search when the index cannot answer.
 */
export async function findOffers(db: Db, request: FinderRequest, now?: Date): Promise<FinderResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const index = await openIndex(db)
    if (!index) break
    const result = await find(request, now, (day) => index.places(day), index.search)
    if (result) return result
  }
  return (await find(
    request,
    now,
    async (day) => searchPlaces(db, day),
    (f) => searchOffers(db, f),
  ))!
}

/** The finder's steps on some source of places and offers (null from a source: it went stale). */
async function find(
  request: FinderRequest,
  now: Date | undefined,
  placesAt: (day: string) => Promise<readonly SearchPlace[] | null>,
  search: (f: OfferFilters) => Promise<{ hits: OfferHit[]; total: number } | null>,
): Promise<FinderResult | null> {
  let chosen: SearchPlace | null = null
  let corrected = false
  let suggestions: readonly SearchPlace[] = []
  if (request.place && !request.tooLong) {
    const candidates = await placesAt(isoDay(new Date()))
    if (!candidates) return null
    const byKey = request.placeKey ? candidates.find((p) => p.officialKey === request.placeKey) : undefined
    if (byKey) chosen = byKey
    else ({ chosen, corrected, suggestions } = matchPlace(request.place, candidates))
  }
  const from =
    chosen?.latitude != null && chosen.longitude != null
      ? { latitude: chosen.latitude, longitude: chosen.longitude }
      : null
  const found = await search({
    from,
    language: request.language || undefined,
    topic: request.topic || undefined,
    targetGroup: request.targetGroup || undefined,
    online: request.online,
    page: request.page,
    ...(now ? { now } : {}),
  })
  if (!found) return null
  const { hits, total } = found
  return {
    request,
    chosen,
    corrected,
    suggestions,
    unknownPlace: Boolean(request.place) && !request.tooLong && !chosen && suggestions.length === 0,
    hits,
    total,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  }
}

import { and, asc, eq, max, min } from 'drizzle-orm'
import type { AppDeps } from '../../platform/feature'
import { type DatasetRows, defineDataset } from '../../platform/open-data'
import { isoDay, organisations, places } from '../directory/public'
import { publicCondition } from './find-offers'
import { offers } from './tables'

/**
 * The offers as open data: every public offer (confirmed within 15 months), never demo offers,
 * with what its public page shows. Lists (languages, topics, target groups) are joined with "|".
 */
export const offersDataset = defineDataset({
  id: 'angebote',
  titleKey: 'offers.openData.title',
  descriptionKey: 'offers.openData.description',
  keywords: ['Integration', 'Beratung', 'Sprachkurs', 'Angebote', 'Migration'],
  themes: ['SOCI', 'EDUC'],
  frequency: 'DAILY',
  licence: 'dl-zero-de/2.0',
  columns: [
    { name: 'id', type: 'string' },
    { name: 'title', type: 'string' },
    { name: 'lang', type: 'string' },
    { name: 'description', type: 'string' },
    { name: 'provider', type: 'string' },
    { name: 'municipality_key', type: 'string' },
    { name: 'district_key', type: 'string' },
    { name: 'place', type: 'string' },
    { name: 'online', type: 'boolean' },
    { name: 'languages', type: 'string' },
    { name: 'topics', type: 'string' },
    { name: 'target_groups', type: 'string' },
    { name: 'street', type: 'string' },
    { name: 'postcode', type: 'string' },
    { name: 'city', type: 'string' },
    { name: 'latitude', type: 'number' },
    { name: 'longitude', type: 'number' },
    { name: 'times', type: 'string' },
    { name: 'starts_at', type: 'datetime' },
    { name: 'ends_at', type: 'datetime' },
    { name: 'cost_cents', type: 'integer' },
    { name: 'wheelchair_accessible', type: 'boolean' },
    { name: 'contact_email', type: 'string' },
    { name: 'contact_phone', type: 'string' },
    { name: 'website', type: 'string' },
    { name: 'confirmed_at', type: 'datetime' },
    { name: 'url', type: 'string' },
  ],
  read: readOffers,
})

async function readOffers(deps: AppDeps, now: Date = new Date()): Promise<DatasetRows> {
  const where = and(publicCondition(now), eq(offers.demo, false))
  const rows = await deps.db
    .select({ offer: offers, provider: organisations.name, place: places.name, key: places.officialKey })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .leftJoin(places, eq(places.id, offers.placeId))
    .where(where)
    .orderBy(asc(offers.title), asc(offers.id))
  const [span] = await deps.db
    .select({ first: min(offers.confirmedAt), last: max(offers.updatedAt) })
    .from(offers)
    .where(where)
  const base = deps.config.publicUrl
  return {
    rows: rows.map(({ offer: o, provider, place, key }) => ({
      id: o.id,
      title: o.title,
      lang: o.lang,
      description: o.description,
      provider,
      municipality_key: key,
      district_key: key ? key.slice(0, 5) : null,
      place,
      online: o.online,
      languages: o.languages.join('|'),
      topics: o.topics.join('|'),
      target_groups: o.targetGroups.join('|'),
      street: o.street,
      postcode: o.postcode,
      city: o.city,
      latitude: o.latitude,
      longitude: o.longitude,
      times: o.times,
      starts_at: o.startsAt?.toISOString() ?? null,
      ends_at: o.endsAt?.toISOString() ?? null,
      cost_cents: o.costCents,
      wheelchair_accessible: o.wheelchairAccessible,
      contact_email: o.contactEmail,
      contact_phone: o.contactPhone,
      website: o.website,
      confirmed_at: o.confirmedAt.toISOString(),
      url: `${base}/angebote/${o.id}`,
    })),
    modified: span?.last ?? null,
    temporal: span?.first && span.last ? { start: isoDay(span.first), end: isoDay(now) } : null,
    districts: [...new Set(rows.flatMap((r) => (r.key ? [r.key.slice(0, 5)] : [])))].sort(),
  }
}

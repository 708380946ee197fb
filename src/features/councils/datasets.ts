import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm'
import type { AppDeps } from '../../platform/feature'
import { type DatasetRows, defineDataset } from '../../platform/open-data'
import { isoDay, people, places } from '../directory/public'
import { councilMemberships, councils, meetings } from './tables'

/**
 * The councils' open data, as their public pages show it: the councils (and the agah bodies), their
 * members today (contact details only with the person's consent, as on the council page) and the
 * meetings (never a deleted one). The same records the OParl API gives, as flat tables.
 */

const districtKeys = (keys: readonly (string | null)[]) =>
  [...new Set(keys.flatMap((k) => (k && k.length >= 5 ? [k.slice(0, 5)] : [])))].sort()

export const councilsDataset = defineDataset({
  id: 'beiraete',
  titleKey: 'councils.openData.councils.title',
  descriptionKey: 'councils.openData.councils.description',
  keywords: ['Ausländerbeirat', 'Integrationskommission', 'agah', 'Beteiligung'],
  themes: ['GOVE', 'SOCI'],
  frequency: 'WEEKLY',
  licence: 'dl-zero-de/2.0',
  columns: [
    { name: 'id', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'kind', type: 'string' },
    { name: 'municipality_key', type: 'string' },
    { name: 'place', type: 'string' },
    { name: 'agah_member', type: 'boolean' },
    { name: 'email', type: 'string' },
    { name: 'website', type: 'string' },
    { name: 'url', type: 'string' },
  ],
  async read(deps: AppDeps): Promise<DatasetRows> {
    const rows = await deps.db
      .select({ council: councils, place: places.name, key: places.officialKey })
      .from(councils)
      .leftJoin(places, eq(places.id, councils.placeId))
      .where(isNull(councils.deletedAt))
      .orderBy(asc(councils.name), asc(councils.id))
    const base = deps.config.publicUrl
    return {
      rows: rows.map(({ council: c, place, key }) => ({
        id: c.id,
        name: c.name,
        kind: c.kind,
        municipality_key: key,
        place,
        agah_member: c.agahMember,
        email: c.email,
        website: c.website,
        url:
          c.kind === 'auslaenderbeirat' || c.kind === 'integrationskommission'
            ? `${base}/beiraete/${c.id}`
            : `${base}/agah`,
      })),
      modified: rows.reduce<Date | null>(
        (m, r) => (!m || r.council.updatedAt > m ? r.council.updatedAt : m),
        null,
      ),
      districts: districtKeys(rows.map((r) => r.key)),
    }
  },
})

export const membersDataset = defineDataset({
  id: 'beiraete-mitglieder',
  titleKey: 'councils.openData.members.title',
  descriptionKey: 'councils.openData.members.description',
  keywords: ['Ausländerbeirat', 'Mitglieder', 'agah'],
  themes: ['GOVE'],
  frequency: 'WEEKLY',
  licence: 'dl-zero-de/2.0',
  columns: [
    { name: 'council_id', type: 'string' },
    { name: 'council', type: 'string' },
    { name: 'honorific_prefix', type: 'string' },
    { name: 'given_name', type: 'string' },
    { name: 'family_name', type: 'string' },
    { name: 'role', type: 'string' },
    { name: 'delegated_by_council_id', type: 'string' },
    { name: 'starts_on', type: 'date' },
    { name: 'ends_on', type: 'date' },
    { name: 'email', type: 'string' },
    { name: 'phone', type: 'string' },
  ],
  async read(deps: AppDeps): Promise<DatasetRows> {
    const day = isoDay(new Date())
    const rows = await deps.db
      .select({
        membership: {
          councilId: councilMemberships.councilId,
          role: councilMemberships.role,
          startsOn: councilMemberships.startsOn,
          endsOn: councilMemberships.endsOn,
          updatedAt: councilMemberships.updatedAt,
        },
        council: councils.name,
        key: places.officialKey,
        person: {
          honorificPrefix: people.honorificPrefix,
          givenName: people.givenName,
          familyName: people.familyName,
          email: people.email,
          phone: people.phone,
          publicContactConsent: people.publicContactConsent,
        },
        delegatedBy: councilMemberships.delegatedById,
      })
      .from(councilMemberships)
      .innerJoin(councils, eq(councils.id, councilMemberships.councilId))
      .innerJoin(people, eq(people.id, councilMemberships.personId))
      .leftJoin(places, eq(places.id, councils.placeId))
      .where(
        and(
          isNull(councilMemberships.deletedAt),
          isNull(councils.deletedAt),
          lte(councilMemberships.startsOn, day),
          or(isNull(councilMemberships.endsOn), gte(councilMemberships.endsOn, day)),
        ),
      )
      .orderBy(asc(councils.name), asc(people.familyName), asc(people.givenName), asc(councilMemberships.id))
    return {
      rows: rows.map(({ membership: m, council, person: p, delegatedBy }) => ({
        council_id: m.councilId,
        council,
        honorific_prefix: p.honorificPrefix,
        given_name: p.givenName,
        family_name: p.familyName,
        role: m.role,
        delegated_by_council_id: delegatedBy,
        starts_on: m.startsOn,
        ends_on: m.endsOn,
        email: p.publicContactConsent ? p.email : null,
        phone: p.publicContactConsent ? p.phone : null,
      })),
      modified: rows.reduce<Date | null>(
        (m, r) => (!m || r.membership.updatedAt > m ? r.membership.updatedAt : m),
        null,
      ),
      districts: districtKeys(rows.map((r) => r.key)),
    }
  },
})

export const meetingsDataset = defineDataset({
  id: 'sitzungen',
  titleKey: 'councils.openData.meetings.title',
  descriptionKey: 'councils.openData.meetings.description',
  keywords: ['Ausländerbeirat', 'Sitzung', 'Termine', 'agah'],
  themes: ['GOVE'],
  frequency: 'DAILY',
  licence: 'dl-zero-de/2.0',
  columns: [
    { name: 'id', type: 'string' },
    { name: 'council_id', type: 'string' },
    { name: 'council', type: 'string' },
    { name: 'title', type: 'string' },
    { name: 'starts_at', type: 'datetime' },
    { name: 'ends_at', type: 'datetime' },
    { name: 'location_name', type: 'string' },
    { name: 'location_address', type: 'string' },
    { name: 'state', type: 'string' },
    { name: 'url', type: 'string' },
  ],
  async read(deps: AppDeps): Promise<DatasetRows> {
    const rows = await deps.db
      .select({ meeting: meetings, council: councils.name, key: places.officialKey })
      .from(meetings)
      .innerJoin(councils, eq(councils.id, meetings.councilId))
      .leftJoin(places, eq(places.id, councils.placeId))
      .where(and(isNull(meetings.deletedAt), isNull(councils.deletedAt)))
      .orderBy(asc(meetings.startsAt), asc(meetings.id))
    const base = deps.config.publicUrl
    const first = rows[0]?.meeting.startsAt
    const last = rows.at(-1)?.meeting.startsAt
    return {
      rows: rows.map(({ meeting: m, council }) => ({
        id: m.id,
        council_id: m.councilId,
        council,
        title: m.title,
        starts_at: m.startsAt.toISOString(),
        ends_at: m.endsAt?.toISOString() ?? null,
        location_name: m.locationName,
        location_address: m.locationAddress,
        state: m.state,
        url: `${base}/sitzungen/${m.id}`,
      })),
      modified: rows.reduce<Date | null>(
        (m, r) => (!m || r.meeting.updatedAt > m ? r.meeting.updatedAt : m),
        null,
      ),
      temporal: first && last ? { start: isoDay(first), end: isoDay(last) } : null,
      districts: districtKeys(rows.map((r) => r.key)),
    }
  },
})

import { and, asc, gte, inArray, isNotNull, isNull } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import { MUNICIPAL_KINDS } from './bodies-and-members/council-organisations'
import { bodyPath } from './rules'
import { councils, meetings } from './tables'

/** A public municipal council as other features may show it (the offers finder lists it). */
export interface PublicCouncil {
  readonly id: string
  readonly kind: 'auslaenderbeirat' | 'integrationskommission'
  readonly name: string
  /** Its organisation in the directory (kind council_body). */
  readonly organisationId: string
  /** The municipality or district it belongs to (directory place). */
  readonly placeId: string
  readonly email: string | null
  readonly website: string | null
  /** Its public page on this platform (locale-free path). */
  readonly path: string
  /** Languages the council says it works in; the councils feature records none yet. */
  readonly languages: readonly string[]
  /** The next meeting that is planned or invited (council meetings are public, HGO § 88). */
  readonly nextMeeting: {
    readonly title: string
    readonly startsAt: Date
    readonly locationName: string | null
    readonly locationAddress: string | null
  } | null
}

/**
 * Every municipal council (Ausländerbeirat, integration commission) with a place and a directory
 * organisation, not deleted, with its next public meeting from `now` on.
 */
export async function publicCouncils(db: Db, now: Date = new Date()): Promise<PublicCouncil[]> {
  const rows = await db
    .select({
      id: councils.id,
      kind: councils.kind,
      name: councils.name,
      organisationId: councils.organisationId,
      placeId: councils.placeId,
      email: councils.email,
      website: councils.website,
    })
    .from(councils)
    .where(
      and(
        isNull(councils.deletedAt),
        inArray(councils.kind, [...MUNICIPAL_KINDS]),
        isNotNull(councils.organisationId),
        isNotNull(councils.placeId),
      ),
    )
    .orderBy(asc(councils.name), asc(councils.id))
  const ids = rows.map((r) => r.id)
  const upcoming = ids.length
    ? await db
        .select({
          councilId: meetings.councilId,
          title: meetings.title,
          startsAt: meetings.startsAt,
          locationName: meetings.locationName,
          locationAddress: meetings.locationAddress,
        })
        .from(meetings)
        .where(
          and(
            inArray(meetings.councilId, ids),
            isNull(meetings.deletedAt),
            inArray(meetings.state, ['planned', 'invited']),
            gte(meetings.startsAt, now),
          ),
        )
        .orderBy(asc(meetings.startsAt))
    : []
  const next = new Map<string, (typeof upcoming)[number]>()
  for (const m of upcoming) if (!next.has(m.councilId)) next.set(m.councilId, m)
  return rows.map((r) => {
    const m = next.get(r.id)
    return {
      id: r.id,
      kind: r.kind as PublicCouncil['kind'],
      name: r.name,
      organisationId: r.organisationId!,
      placeId: r.placeId!,
      email: r.email,
      website: r.website,
      path: bodyPath(r),
      languages: [],
      nextMeeting: m
        ? {
            title: m.title,
            startsAt: m.startsAt,
            locationName: m.locationName,
            locationAddress: m.locationAddress,
          }
        : null,
    }
  })
}

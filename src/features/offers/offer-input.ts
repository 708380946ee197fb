import { isOfferLanguage, isTargetGroup, isTopic } from './vocabulary'

/**
 * An offer as the use cases take it, from the editing form or a CSV row: already typed, not yet
 * checked against the rules below.
 */
export interface OfferInput {
  readonly externalId?: string | null
  readonly organisationId: string
  readonly placeId: string | null
  readonly online: boolean
  readonly title: string
  readonly description: string
  readonly lang: string
  readonly languages: readonly string[]
  readonly topics: readonly string[]
  readonly targetGroups: readonly string[]
  readonly street?: string | null
  readonly postcode?: string | null
  readonly city?: string | null
  readonly latitude?: number | null
  readonly longitude?: number | null
  readonly times?: string | null
  readonly startsAt?: Date | null
  readonly endsAt?: Date | null
  readonly costCents?: number | null
  readonly costNote?: string | null
  readonly accessibility?: string | null
  readonly wheelchairAccessible?: boolean | null
  readonly contactName?: string | null
  readonly contactEmail?: string | null
  readonly contactPhone?: string | null
  readonly website?: string | null
  readonly confirmedAt?: Date | null
  readonly demo?: boolean
}

/** What is wrong with an offer, by field; the message keys are the finder's (offers.error.*). */
export type OfferProblemKey =
  | 'title'
  | 'place'
  | 'lang'
  | 'languages'
  | 'language'
  | 'topics'
  | 'topic'
  | 'targetGroup'
  | 'postcode'
  | 'coordinates'
  | 'ends'
  | 'cost'
  | 'email'
  | 'website'
  | 'contact'

export interface OfferProblem {
  readonly field: string
  readonly problem: OfferProblemKey
  /** The value that was refused, when it helps (an unknown topic). */
  readonly value?: string
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const LANG_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/

/** The rules every offer keeps, wherever it comes from (pure; the use case checks them again). */
export function offerProblems(o: OfferInput): OfferProblem[] {
  const out: OfferProblem[] = []
  if (!o.title.trim() || o.title.length > 200) out.push({ field: 'title', problem: 'title' })
  if (!o.placeId && !o.online) out.push({ field: 'place', problem: 'place' })
  if (!LANG_TAG.test(o.lang)) out.push({ field: 'lang', problem: 'lang', value: o.lang })
  if (o.languages.length === 0) out.push({ field: 'languages', problem: 'languages' })
  for (const l of o.languages)
    if (!isOfferLanguage(l)) out.push({ field: 'languages', problem: 'language', value: l })
  if (o.topics.length === 0) out.push({ field: 'topics', problem: 'topics' })
  for (const v of o.topics) if (!isTopic(v)) out.push({ field: 'topics', problem: 'topic', value: v })
  for (const v of o.targetGroups)
    if (!isTargetGroup(v)) out.push({ field: 'targetGroups', problem: 'targetGroup', value: v })
  if (o.postcode && !/^[0-9]{5}$/.test(o.postcode)) out.push({ field: 'postcode', problem: 'postcode' })
  const hasLat = o.latitude !== null && o.latitude !== undefined
  const hasLon = o.longitude !== null && o.longitude !== undefined
  if (
    hasLat !== hasLon ||
    (hasLat && !(Math.abs(o.latitude!) <= 90)) ||
    (hasLon && !(Math.abs(o.longitude!) <= 180))
  )
    out.push({ field: 'coordinates', problem: 'coordinates' })
  if (o.endsAt && (!o.startsAt || o.endsAt < o.startsAt)) out.push({ field: 'endsAt', problem: 'ends' })
  if (
    o.costCents !== null &&
    o.costCents !== undefined &&
    !(Number.isInteger(o.costCents) && o.costCents >= 0)
  )
    out.push({ field: 'cost', problem: 'cost' })
  if (o.contactEmail && !EMAIL.test(o.contactEmail)) out.push({ field: 'contactEmail', problem: 'email' })
  if (o.website && !/^https?:\/\/\S+$/.test(o.website)) out.push({ field: 'website', problem: 'website' })
  if (!o.contactEmail && !o.contactPhone && !o.website)
    out.push({ field: 'contactEmail', problem: 'contact' })
  return out
}

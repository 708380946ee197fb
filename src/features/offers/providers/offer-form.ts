import Type, { type Static } from 'typebox'
import { parseBerlinDateTime, toBerlinInput } from '../../../platform/dates'
import type { FieldProblem } from '../../../platform/http/forms'
import type { MessageKey } from '../../../platform/i18n'
import { euroToCents } from '../import-offers'
import type { OfferInput } from '../offer-input'
import { matchPlace, type SearchPlace } from '../place-search'
import type { offers } from '../tables'

const text = (max: number) => Type.Optional(Type.String({ maxLength: max }))
const list = () =>
  Type.Optional(
    Type.Union([
      Type.String({ maxLength: 40 }),
      Type.Array(Type.String({ maxLength: 40 }), { maxItems: 40 }),
    ]),
  )

/**
 * The offer editing form (providers and staff). Field names are the form's; `formToInput` turns the
 * checked values into the use case's input and names every field it cannot read.
 */
export const OfferForm = Type.Object({
  /** Staff only: the provider organisation, by its name in the directory. */
  organisation: text(300),
  /** Required, but checked by the offer's rules so that every missing field speaks in one answer. */
  title: text(200),
  description: text(5000),
  lang: text(20),
  languages: list(),
  topics: list(),
  targetGroups: list(),
  ort: text(200),
  online: Type.Optional(Type.Literal('on')),
  street: text(200),
  postcode: text(10),
  city: text(200),
  latitude: text(30),
  longitude: text(30),
  times: text(500),
  startsAt: Type.Optional(Type.String({ format: 'berlin-date-time', maxLength: 19 })),
  endsAt: Type.Optional(Type.String({ format: 'berlin-date-time', maxLength: 19 })),
  cost: text(20),
  costNote: text(300),
  accessibility: text(2000),
  wheelchair: Type.Optional(Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('unknown')])),
  contactName: text(200),
  contactEmail: text(254),
  contactPhone: text(50),
  website: text(500),
})
export type OfferFormValues = Static<typeof OfferForm>

/** Messages naming the field where the schema refuses (the others are the generic ones). */
export const OFFER_FORM_MESSAGES = {
  title: 'offers.error.title',
  lang: 'offers.error.lang',
  startsAt: 'offers.edit.error.dateTime',
  endsAt: 'offers.edit.error.dateTime',
} as const satisfies Record<string, MessageKey>

const asList = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v]

function decimal(v: string | undefined): number | null | 'bad' {
  if (!v) return null
  const n = Number(v.replace(',', '.'))
  return Number.isFinite(n) ? n : 'bad'
}

/**
 * The place field: a municipality or district name (typos corrected only as a suggestion, never
 * silently) or an official key. A name two places share (Kassel the city and the district) means
 * the municipality; the district is then given by its key, which the form fills in itself.
 */
export function resolvePlace(
  typed: string,
  candidates: readonly SearchPlace[],
): { place: SearchPlace } | { problem: FieldProblem } {
  const byKey = /^\d{5}(\d{3})?$/.test(typed) ? candidates.find((p) => p.officialKey === typed) : undefined
  if (byKey) return { place: byKey }
  const m = matchPlace(typed, candidates)
  if (m.chosen && !m.corrected) return { place: m.chosen }
  const guess = m.chosen ?? m.suggestions[0]
  return {
    problem: guess
      ? { field: 'ort', key: 'offers.edit.error.placeGuess', params: { typed, place: guess.name } }
      : { field: 'ort', key: 'offers.edit.error.placeUnknown', params: { typed } },
  }
}

/** The value the place field shows for a place: its name, or its key when another place shares it. */
export function placeFieldValue(place: SearchPlace, candidates: readonly SearchPlace[]): string {
  const r = resolvePlace(place.name, candidates)
  return 'place' in r && r.place.id === place.id ? place.name : place.officialKey
}

/**
 * The checked form as the use case's input. Problems name the form's fields; the offer's own rules
 * (offerProblems) are checked by the use case and reported with the same field names.
 */
export function formToInput(
  v: OfferFormValues,
  organisationId: string,
  candidates: readonly SearchPlace[],
): { input: OfferInput; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  let placeId: string | null = null
  if (v.ort) {
    const r = resolvePlace(v.ort, candidates)
    if ('place' in r) placeId = r.place.id
    else problems.push(r.problem)
  }
  const cost = v.cost ? euroToCents(v.cost) : null
  if (cost === 'bad') problems.push({ field: 'cost', key: 'offers.error.cost' })
  const lat = decimal(v.latitude)
  const lon = decimal(v.longitude)
  if (lat === 'bad' || lon === 'bad') problems.push({ field: 'latitude', key: 'offers.error.coordinates' })
  const input: OfferInput = {
    organisationId,
    placeId,
    online: v.online === 'on',
    title: v.title ?? '',
    description: v.description ?? '',
    lang: v.lang ?? '',
    languages: asList(v.languages),
    topics: asList(v.topics),
    targetGroups: asList(v.targetGroups),
    street: v.street ?? null,
    postcode: v.postcode ?? null,
    city: v.city ?? null,
    latitude: typeof lat === 'number' ? lat : null,
    longitude: typeof lon === 'number' ? lon : null,
    times: v.times ?? null,
    startsAt: v.startsAt ? parseBerlinDateTime(v.startsAt) : null,
    endsAt: v.endsAt ? parseBerlinDateTime(v.endsAt) : null,
    costCents: typeof cost === 'number' ? cost : null,
    costNote: v.costNote ?? null,
    accessibility: v.accessibility ?? null,
    wheelchairAccessible: v.wheelchair === 'yes' ? true : v.wheelchair === 'no' ? false : null,
    contactName: v.contactName ?? null,
    contactEmail: v.contactEmail ?? null,
    contactPhone: v.contactPhone ?? null,
    website: v.website ?? null,
  }
  return { input, problems }
}

/** The use case's rule fields as the form calls them. */
export const RULE_FIELDS: Readonly<Record<string, string>> = {
  place: 'ort',
  coordinates: 'latitude',
  organisationId: 'organisation',
}

const euros = (cents: number) =>
  cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2).replace('.', ',')

/** The form's values for a stored offer. */
export function offerFormValues(
  o: typeof offers.$inferSelect,
  placeValue: string | null,
  organisationName: string,
): Record<string, unknown> {
  return {
    organisation: organisationName,
    title: o.title,
    description: o.description,
    lang: o.lang,
    languages: o.languages,
    topics: o.topics,
    targetGroups: o.targetGroups,
    ort: placeValue ?? '',
    online: o.online ? 'on' : undefined,
    street: o.street ?? '',
    postcode: o.postcode ?? '',
    city: o.city ?? '',
    latitude: o.latitude ?? '',
    longitude: o.longitude ?? '',
    times: o.times ?? '',
    startsAt: o.startsAt ? toBerlinInput(o.startsAt) : '',
    endsAt: o.endsAt ? toBerlinInput(o.endsAt) : '',
    cost: o.costCents === null ? '' : euros(o.costCents),
    costNote: o.costNote ?? '',
    accessibility: o.accessibility ?? '',
    wheelchair: o.wheelchairAccessible === null ? 'unknown' : o.wheelchairAccessible ? 'yes' : 'no',
    contactName: o.contactName ?? '',
    contactEmail: o.contactEmail ?? '',
    contactPhone: o.contactPhone ?? '',
    website: o.website ?? '',
  }
}

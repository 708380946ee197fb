/**
 * The directory's public module: what other features may import from it (see "Feature boundaries" in
 * docs/architecture.md). The tables are exported for foreign keys and read-only joins; every change
 * to places, organisations and people goes through the directory's use cases below.
 */
import type { people as peopleTable, places as placesTable } from './tables'

export { createOrganisation } from './create-organisation'
export { createPerson } from './create-person'
export { organisationsByIds, organisationsNamed } from './find-organisations'
export { peopleByIds, searchPeople } from './find-people'
export { isoDay, placeByKey, placesByIds, placesValidOn } from './find-places'
export { addMissingPlaces, importPlacesFromFiles } from './import-places'
export { ORGANISATION_KINDS, organisations, people, places } from './tables'
export { type PersonDetails, updatePerson } from './update-person'

export type PersonRow = typeof peopleTable.$inferSelect
export type PlaceRow = typeof placesTable.$inferSelect

import type { Who } from '../../platform/policy'

/**
 * Record-level rules of the offers finder (docs/architecture.md, "Record-level rules"):
 * - staff (offers.manage) edit every offer;
 * - a provider account (offers.provide) edits only the offers of the organisation it keeps offers
 *   for, and creates offers only for that organisation;
 * - nobody else edits any offer.
 */
export interface OffersWho extends Who {
  /** The organisation the provider account keeps offers for (offer_providers), or null. */
  readonly organisationId: string | null
}

export type OfferAction = 'edit' | 'create'

export function isOffersStaff(who: Who): boolean {
  return who.id !== null && who.can('offers.manage')
}

export function mayOnOffer(who: OffersWho, _action: OfferAction, offer: { organisationId: string }): boolean {
  if (isOffersStaff(who)) return true
  return (
    who.id !== null &&
    who.can('offers.provide') &&
    who.organisationId !== null &&
    who.organisationId === offer.organisationId
  )
}

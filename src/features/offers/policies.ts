import type { Who } from '../../platform/policy'

/**
 * Record-level rules of the offers finder (docs/architecture.md, "Record-level rules"):
 * - staff (offers.manage) edit and confirm every offer and create offers for any organisation;
 * - an organisation's account (offers.provide, linked to its directory organisation through the
 *   applicant accounts of funding) edits and confirms only its organisation's offers, and creates
 *   offers only for that organisation;
 * - nobody else edits any offer.
 */
export interface OffersWho extends Who {
  /** The organisation the account acts for (funding's applicant accounts, address confirmed), or null. */
  readonly organisationId: string | null
}

export type OfferAction = 'edit' | 'create' | 'confirm'

export function isOffersStaff(who: Who): boolean {
  return who.id !== null && who.can('offers.manage')
}

/** An account that keeps the offers of its own organisation (not staff). */
export function isProvider(who: OffersWho): boolean {
  return who.id !== null && who.can('offers.provide') && who.organisationId !== null
}

/** Whether the actor may open the offer screens at all (the list of the offers it keeps). */
export function keepsOffers(who: OffersWho): boolean {
  return isOffersStaff(who) || isProvider(who)
}

export function mayOnOffer(who: OffersWho, _action: OfferAction, offer: { organisationId: string }): boolean {
  if (isOffersStaff(who)) return true
  return isProvider(who) && who.organisationId === offer.organisationId
}

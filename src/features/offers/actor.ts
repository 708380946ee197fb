import type { Db } from '../../platform/db'
import type { Who } from '../../platform/policy'
import { organisationOfAccount } from '../funding/public'
import type { OffersWho } from './policies'

/** The actor as the offers policies see it: the organisation its account acts for, if any. */
export async function offersWhoOf(db: Db, who: Who): Promise<OffersWho> {
  const organisationId = who.id && who.can('offers.provide') ? await organisationOfAccount(db, who.id) : null
  return { id: who.id, can: (p) => who.can(p), organisationId }
}

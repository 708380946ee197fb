import type { Db } from '../../platform/db'
import type { Who } from '../../platform/policy'
import { organisationOfAccount } from '../funding/public'
import type { ContractsWho } from './policies'

/** The actor as the contracts' policies see it: the organisation a partner's account acts for. */
export async function contractsWhoOf(db: Db, who: Who): Promise<ContractsWho> {
  const organisationId =
    who.id && who.can('contracts.report') ? await organisationOfAccount(db, who.id) : null
  return { id: who.id, can: (p) => who.can(p), organisationId }
}

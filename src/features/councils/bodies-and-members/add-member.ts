import type { Actor } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import { type Outcome, Refused, refusable } from '../../../platform/outcome'
import { createPerson } from '../../directory/public'
import type { MemberRole } from '../tables'
import { addMembership } from './manage-councils'

/**
 * Adds a new person to the directory and makes them a member, in one transaction: when the
 * membership is refused, the person is not created either.
 */
export async function addMemberWithPerson(
  db: Db,
  actor: Actor,
  input: {
    councilId: string
    givenName: string
    familyName: string
    email?: string | undefined
    phone?: string | undefined
    publicContactConsent?: boolean | undefined
    role: MemberRole
    startsOn: string
    endsOn?: string | undefined
    delegatedById?: string | undefined
    organisationId?: string | undefined
  },
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const personId = await createPerson(tx, actor, {
        givenName: input.givenName,
        familyName: input.familyName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        publicContactConsent: input.publicContactConsent ?? false,
      })
      const result = await addMembership(tx, actor, {
        councilId: input.councilId,
        personId,
        role: input.role,
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
        delegatedById: input.delegatedById ?? null,
        organisationId: input.organisationId ?? null,
      })
      if (!result.ok) throw new Refused(result)
      return result.value
    }),
  )
}

import type { Actor } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import { type Outcome, Refused, refusable, refuse } from '../../../platform/outcome'
import { type PersonDetails, updatePerson } from '../../directory/public'
import { type MembershipChange, updateMembership } from './manage-councils'

/**
 * Changes a membership and its person's details (name, contact, consent) in one transaction: when
 * the membership change is refused, the person is left as it was.
 */
export async function editMembership(
  db: Db,
  actor: Actor,
  input: { membershipId: string; personId: string; change: MembershipChange; person: PersonDetails },
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const result = await updateMembership(tx, actor, input.membershipId, input.change)
      if (!result.ok) throw new Refused(result)
      if (!(await updatePerson(tx, actor, input.personId, input.person)))
        throw new Refused(refuse('councils.error.personNotFound'))
      return result.value
    }),
  )
}

import type { Actor } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import { type PersonDetails, updatePerson } from '../../directory/public'
import {
  type MembershipChange,
  type Outcome,
  type Refusal,
  refuse,
  updateMembership,
} from './manage-councils'

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.error)
  }
}

/**
 * Changes a membership and its person's details (name, contact, consent) in one transaction: when
 * the membership change is refused, the person is left as it was.
 */
export async function editMembership(
  db: Db,
  actor: Actor,
  input: { membershipId: string; personId: string; change: MembershipChange; person: PersonDetails },
): Promise<Outcome> {
  try {
    return await inTransaction(db, async (tx) => {
      const result = await updateMembership(tx, actor, input.membershipId, input.change)
      if (!result.ok) throw new Refused(result)
      if (!(await updatePerson(tx, actor, input.personId, input.person)))
        throw new Refused(refuse('councils.error.personNotFound'))
      return result
    })
  } catch (err) {
    if (err instanceof Refused) return err.refusal
    throw err
  }
}

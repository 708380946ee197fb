import { eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { people } from './tables'

export interface PersonDetails {
  givenName: string
  familyName: string
  email: string | null
  phone: string | null
  /** Contact details are shown publicly only with this consent. */
  publicContactConsent: boolean
}

/**
 * Changes a person's name, contact details and consent (audited; the summary names which fields
 * changed but holds no contact details). False when there is no such person.
 */
export async function updatePerson(db: Db, actor: Actor, personId: string, details: PersonDetails) {
  return inTransaction(db, async (tx) => {
    const [before] = await tx.select().from(people).where(eq(people.id, personId))
    if (!before) return false
    const changed = (Object.keys(details) as (keyof PersonDetails)[]).filter((k) => before[k] !== details[k])
    if (changed.length === 0) return true
    await tx
      .update(people)
      .set({ ...details, updatedAt: new Date() })
      .where(eq(people.id, personId))
    await writeAudit(tx, actor, {
      action: 'person.update',
      entityType: 'person',
      entityId: personId,
      summary: {
        name: `${details.givenName} ${details.familyName}`,
        changed,
        publicContactConsent: details.publicContactConsent,
      },
    })
    return true
  })
}

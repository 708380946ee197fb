import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { people } from './tables'

export type NewPerson = typeof people.$inferInsert

/** Adds a person to the shared directory (audited); the summary names them but holds no contact details. */
export async function createPerson(db: Db, actor: Actor, input: NewPerson): Promise<string> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx.insert(people).values(input).returning({ id: people.id })
    const id = row!.id
    await writeAudit(tx, actor, {
      action: 'person.create',
      entityType: 'person',
      entityId: id,
      summary: { name: `${input.givenName} ${input.familyName}` },
    })
    return id
  })
}

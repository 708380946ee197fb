import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { organisations } from './tables'

export type NewOrganisation = typeof organisations.$inferInsert

/**
 * Adds an organisation to the shared directory (audited). Pass a transaction to make it part of a
 * larger change; `via` names that change in the audit entry (e.g. funding.register).
 */
export async function createOrganisation(
  db: Db,
  actor: Actor,
  input: NewOrganisation,
  options: { via?: string } = {},
): Promise<string> {
  return inTransaction(db, async (tx) => {
    const [row] = await tx.insert(organisations).values(input).returning({ id: organisations.id })
    const id = row!.id
    await writeAudit(tx, actor, {
      action: 'organisation.create',
      entityType: 'organisation',
      entityId: id,
      summary: { name: input.name, kind: input.kind, ...(options.via ? { via: options.via } : {}) },
    })
    return id
  })
}

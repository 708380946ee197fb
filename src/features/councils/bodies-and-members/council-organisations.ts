import { and, eq, inArray, isNull } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import { createOrganisation } from '../../directory/public'
import { type CouncilKind, councils } from '../tables'

/** The councils that are organisations of a municipality or district, and appear as offers. */
export const MUNICIPAL_KINDS: readonly CouncilKind[] = ['auslaenderbeirat', 'integrationskommission']

/**
 * The council's organisation in the directory (kind council_body): only its name and place, the
 * council keeps its own contact. Created with the directory's use case, in the caller's transaction.
 */
export function createCouncilOrganisation(
  tx: Db,
  actor: Actor,
  council: { name: string; placeId: string | null },
): Promise<string> {
  return createOrganisation(
    tx,
    actor,
    { kind: 'council_body', name: council.name, placeId: council.placeId },
    { via: 'council.organisation' },
  )
}

/**
 * Gives every municipal council without one its directory organisation (councils created before
 * the link existed); new councils get it when they are created. One audit entry per run that links
 * any, in the same transaction. Run hourly by the councils' recurring job and by the demo seed.
 */
export async function linkCouncilOrganisations(db: Db, actor: Actor): Promise<number> {
  return inTransaction(db, async (tx) => {
    const open = await tx
      .select({ id: councils.id, name: councils.name, placeId: councils.placeId })
      .from(councils)
      .where(
        and(
          isNull(councils.organisationId),
          isNull(councils.deletedAt),
          inArray(councils.kind, [...MUNICIPAL_KINDS]),
        ),
      )
      .for('update')
    for (const c of open) {
      const organisationId = await createCouncilOrganisation(tx, actor, c)
      await tx.update(councils).set({ organisationId }).where(eq(councils.id, c.id))
    }
    if (open.length > 0)
      await writeAudit(tx, actor, {
        action: 'council.organisations.link',
        entityType: 'council',
        entityId: 'all',
        summary: { linked: open.length },
      })
    return open.length
  })
}

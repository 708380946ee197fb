import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { offerProviders } from './tables'

/** Makes an account the provider account of an organisation (it then keeps that organisation's offers). */
export async function linkProvider(
  db: Db,
  actor: Actor,
  userId: string,
  organisationId: string,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx
      .insert(offerProviders)
      .values({ userId, organisationId })
      .onConflictDoUpdate({ target: offerProviders.userId, set: { organisationId } })
    await writeAudit(tx, actor, {
      action: 'offers.provider.link',
      entityType: 'user',
      entityId: userId,
      summary: { organisationId },
    })
  })
}

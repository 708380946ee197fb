import { eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { counsellingCentres } from '../antidiscrimination/public'
import { offers } from './tables'
import { isOfferLanguage } from './vocabulary'

/** External ids of offers that mirror a counselling centre of the anti-discrimination network. */
export const CENTRE_OFFER_PREFIX = 'antidisc-centre:'

/**
 * Keeps one offer per counselling centre of the anti-discrimination network (read through
 * antidiscrimination/public.ts), so the centres appear in the finder without being typed in twice:
 * provider, place, address and contact come from the centre's directory organisation, the languages
 * from the network; topics anti-discrimination advice and counselling. Each run confirms them (the
 * network keeps them current); a centre that leaves the network is no longer confirmed and is hidden
 * after 15 months like any offer, never deleted. One audit entry per run, in the same transaction.
 */
export async function syncCentreOffers(
  db: Db,
  actor: Actor,
  now: Date = new Date(),
): Promise<{ created: number; updated: number }> {
  const centres = await counsellingCentres(db)
  return inTransaction(db, async (tx) => {
    let created = 0
    let updated = 0
    for (const c of centres) {
      const placeId = c.placeId ?? c.districtIds[0] ?? null
      if (!placeId) continue
      const externalId = `${CENTRE_OFFER_PREFIX}${c.organisationId}`
      const values = {
        organisationId: c.organisationId,
        placeId,
        online: false,
        title: c.name,
        lang: 'de',
        languages: c.languages.filter(isOfferLanguage),
        topics: ['anti_discrimination', 'counselling'],
        targetGroups: ['everyone'],
        street: c.street,
        postcode: c.postcode,
        city: c.city,
        contactEmail: c.email,
        contactPhone: c.phone,
        website: c.website,
        confirmedAt: now,
        updatedAt: now,
      }
      const [existing] = await tx
        .select({ id: offers.id })
        .from(offers)
        .where(eq(offers.externalId, externalId))
        .for('update')
      if (existing) {
        await tx.update(offers).set(values).where(eq(offers.id, existing.id))
        updated++
      } else {
        await tx.insert(offers).values({ ...values, externalId })
        created++
      }
    }
    await writeAudit(tx, actor, {
      action: 'offers.centres.sync',
      entityType: 'offers',
      entityId: 'antidiscrimination-network',
      summary: { created, updated },
    })
    return { created, updated }
  })
}

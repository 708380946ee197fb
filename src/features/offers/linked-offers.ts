import { eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { formatDate } from '../../platform/i18n'
import { counsellingCentres } from '../antidiscrimination/public'
import { publicCouncils } from '../councils/public'
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

/** External ids of offers that mirror a council (Ausländerbeirat, integration commission). */
export const COUNCIL_OFFER_PREFIX = 'council:'

/**
 * Keeps one offer per public municipal council (read through councils/public.ts, never its tables),
 * so the councils appear in the finder without being typed in twice: the provider is the council's
 * own directory organisation (kind council_body, linked by the councils feature), the place its
 * municipality or district, the topic political participation, the times its next public meeting,
 * the contact its e-mail and website (or its page on this platform). Each run confirms them; a
 * council that is deleted is no longer confirmed and is hidden after 15 months like any offer.
 * One audit entry per run, in the same transaction.
 */
export async function syncCouncilOffers(
  db: Db,
  actor: Actor,
  /** `demo`: the offers this run creates belong to the demo data (the demo seed's run), so they stay
   * out of the open data like every demo offer; later runs never change the flag. */
  options: { publicUrl: string; now?: Date; demo?: boolean },
): Promise<{ created: number; updated: number }> {
  const now = options.now ?? new Date()
  const list = await publicCouncils(db, now)
  return inTransaction(db, async (tx) => {
    let created = 0
    let updated = 0
    for (const c of list) {
      const externalId = `${COUNCIL_OFFER_PREFIX}${c.id}`
      const m = c.nextMeeting
      const values = {
        organisationId: c.organisationId,
        placeId: c.placeId,
        online: false,
        title: c.name,
        description: COUNCIL_DESCRIPTION[c.kind],
        lang: 'de',
        languages: c.languages.filter(isOfferLanguage),
        topics: ['participation'],
        targetGroups: ['everyone'],
        times: m
          ? `Nächste öffentliche Sitzung: ${formatDate('de', m.startsAt, true)}${
              m.locationName || m.locationAddress
                ? `, ${[m.locationName, m.locationAddress].filter(Boolean).join(', ')}`
                : ''
            }`
          : null,
        costCents: 0,
        contactEmail: c.email,
        website: c.website ?? `${options.publicUrl}${c.path}`,
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
        await tx.insert(offers).values({ ...values, externalId, demo: options.demo ?? false })
        created++
      }
    }
    await writeAudit(tx, actor, {
      action: 'offers.councils.sync',
      entityType: 'offers',
      entityId: 'councils',
      summary: { created, updated },
    })
    return { created, updated }
  })
}

/** The offer's text for a council (German, the councils' working language). */
const COUNCIL_DESCRIPTION = {
  auslaenderbeirat:
    'Der Ausländerbeirat vertritt die Interessen der Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit gegenüber Gemeindevertretung und Verwaltung (§§ 84–88 HGO). Seine Sitzungen sind öffentlich: Jede und jeder kann zuhören und Anliegen an den Beirat herantragen.',
  integrationskommission:
    'Die Integrationskommission berät Gemeindevertretung und Verwaltung in allen Fragen der Integration. Ihre Sitzungen sind öffentlich: Jede und jeder kann zuhören und Anliegen an die Kommission herantragen.',
} as const

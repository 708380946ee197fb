import { eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import type { MessageKey } from '../../platform/i18n'
import { type Outcome, ok, type Problem, refuse, refuseAll } from '../../platform/outcome'
import { type OfferInput, type OfferProblem, offerProblems } from './offer-input'
import { mayOnOffer, type OffersWho } from './policies'
import { offers } from './tables'

/** A rule's problem as a message next to its field. */
export function asProblem(p: OfferProblem): Problem {
  return {
    field: p.field,
    key: `offers.error.${p.problem}` as MessageKey,
    ...(p.value ? { params: { value: p.value } } : {}),
  }
}

/** The database row of an input (everything the input leaves out is cleared). */
export function offerValues(input: OfferInput) {
  return {
    externalId: input.externalId ?? null,
    organisationId: input.organisationId,
    placeId: input.placeId,
    online: input.online,
    title: input.title.trim(),
    description: input.description.trim(),
    lang: input.lang,
    languages: [...new Set(input.languages)],
    topics: [...new Set(input.topics)],
    targetGroups: [...new Set(input.targetGroups)],
    street: input.street || null,
    postcode: input.postcode || null,
    city: input.city || null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    times: input.times || null,
    startsAt: input.startsAt ?? null,
    endsAt: input.endsAt ?? null,
    costCents: input.costCents ?? null,
    costNote: input.costNote || null,
    accessibility: input.accessibility || null,
    wheelchairAccessible: input.wheelchairAccessible ?? null,
    contactName: input.contactName || null,
    contactEmail: input.contactEmail || null,
    contactPhone: input.contactPhone || null,
    website: input.website || null,
    demo: input.demo ?? false,
  }
}

/**
 * Creates an offer (no `id`) or replaces one: checks the record-level rule (a provider only for its
 * own organisation, both for the offer as it was and as it will be), then the offer's rules, and
 * writes the audit entry in the same transaction. Saving counts as confirming the offer is current.
 */
export async function saveOffer(
  db: Db,
  actor: Actor,
  who: OffersWho,
  input: OfferInput,
  id?: string,
  now: Date = new Date(),
): Promise<Outcome<string>> {
  if (!mayOnOffer(who, id ? 'edit' : 'create', input))
    return refuse('offers.error.notYours', 'organisationId')
  const problems = offerProblems(input)
  if (problems.length) return refuseAll(problems.map(asProblem))
  return inTransaction(db, async (tx) => {
    const values = {
      ...offerValues(input),
      confirmedAt: input.confirmedAt ?? now,
      updatedAt: now,
    }
    if (id) {
      // The editing form knows neither the import's id nor the demo mark: they stay as they were.
      const { externalId, demo, ...kept } = values
      const changes = {
        ...kept,
        ...(input.externalId !== undefined ? { externalId } : {}),
        ...(input.demo !== undefined ? { demo } : {}),
      }
      const [current] = await tx
        .select({ organisationId: offers.organisationId })
        .from(offers)
        .where(eq(offers.id, id))
        .for('update')
      if (!current || !mayOnOffer(who, 'edit', current)) return refuse('offers.error.notFound')
      await tx.update(offers).set(changes).where(eq(offers.id, id))
      await writeAudit(tx, actor, {
        action: 'offers.offer.update',
        entityType: 'offer',
        entityId: id,
        summary: { title: values.title },
      })
      return ok(id)
    }
    const [row] = await tx.insert(offers).values(values).returning({ id: offers.id })
    await writeAudit(tx, actor, {
      action: 'offers.offer.create',
      entityType: 'offer',
      entityId: row!.id,
      summary: { title: values.title },
    })
    return ok(row!.id)
  })
}

/**
 * Confirms that an offer is still current (the provider's "Ist noch aktuell"): sets confirmedAt,
 * which keeps it public and starts the reminder period again. Same record-level rule as editing.
 */
export async function confirmOffer(
  db: Db,
  actor: Actor,
  who: OffersWho,
  id: string,
  now: Date = new Date(),
): Promise<Outcome<string>> {
  return inTransaction(db, async (tx) => {
    const [current] = await tx
      .select({ organisationId: offers.organisationId, title: offers.title })
      .from(offers)
      .where(eq(offers.id, id))
      .for('update')
    if (!current || !mayOnOffer(who, 'confirm', current)) return refuse('offers.error.notFound')
    await tx.update(offers).set({ confirmedAt: now, updatedAt: now }).where(eq(offers.id, id))
    await writeAudit(tx, actor, {
      action: 'offers.offer.confirm',
      entityType: 'offer',
      entityId: id,
      summary: { title: current.title },
    })
    return ok(id)
  })
}

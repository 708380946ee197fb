import { and, asc, eq, inArray } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { type Outcome, ok, type Problem, refuse, refuseAll } from '../../platform/outcome'
import { mayOnOffer, type OffersWho } from './policies'
import { offers, offerTranslations } from './tables'
import { isOfferLanguage } from './vocabulary'

/**
 * Provider translations of an offer's title and description. The offer's own text stays in the
 * language it was written in; a translation is shown to a visitor whose page language it is.
 */
export interface OfferTranslation {
  readonly lang: string
  readonly title: string | null
  readonly description: string
}

export const TRANSLATION_DESCRIPTION_MAX = 5000
export const TRANSLATION_TITLE_MAX = 200

/** Languages written right to left among the offer languages (for `dir`). */
const RTL = new Set(['ar', 'fa', 'ps', 'ku', 'ur', 'he'])
export const dirOf = (lang: string): 'rtl' | 'ltr' => (RTL.has(lang.split('-')[0]!) ? 'rtl' : 'ltr')

/** Every problem of a translation, field by field (nothing is written). */
export function translationProblems(
  originalLang: string,
  input: { lang: string; title: string; description: string },
): Problem[] {
  const problems: Problem[] = []
  if (!isOfferLanguage(input.lang)) problems.push({ field: 'lang', key: 'offers.translation.error.lang' })
  else if (input.lang === originalLang)
    problems.push({ field: 'lang', key: 'offers.translation.error.sameLang' })
  const description = input.description.trim()
  if (!description || description.length > TRANSLATION_DESCRIPTION_MAX)
    problems.push({ field: 'description', key: 'offers.translation.error.description' })
  if (input.title.trim().length > TRANSLATION_TITLE_MAX)
    problems.push({ field: 'title', key: 'offers.translation.error.title' })
  return problems
}

/**
 * Adds or replaces the translation of an offer into one language (one per language), or removes it
 * when `remove` is set. The record rule is the offer's (`mayOnOffer` edit: staff for every offer,
 * a provider for its organisation's); checked in the transaction, with the audit entry.
 */
export async function saveOfferTranslation(
  db: Db,
  actor: Actor,
  who: OffersWho,
  offerId: string,
  input: { lang: string; title: string; description: string; remove?: boolean },
): Promise<Outcome<string>> {
  return inTransaction(db, async (tx) => {
    const [offer] = await tx
      .select({ organisationId: offers.organisationId, lang: offers.lang })
      .from(offers)
      .where(eq(offers.id, offerId))
      .for('update')
    if (!offer) return refuse('offers.error.notFound')
    if (!mayOnOffer(who, 'edit', offer)) return refuse('offers.error.notYours')
    const where = and(eq(offerTranslations.offerId, offerId), eq(offerTranslations.lang, input.lang))
    if (input.remove) {
      const gone = await tx.delete(offerTranslations).where(where).returning({ id: offerTranslations.id })
      if (gone.length)
        await writeAudit(tx, actor, {
          action: 'offer.translation.remove',
          entityType: 'offer',
          entityId: offerId,
          summary: { lang: input.lang },
        })
      return ok(offerId)
    }
    const problems = translationProblems(offer.lang, input)
    if (problems.length) return refuseAll(problems)
    const values = {
      title: input.title.trim() || null,
      description: input.description.trim(),
      updatedAt: new Date(),
    }
    await tx
      .insert(offerTranslations)
      .values({ offerId, lang: input.lang, ...values })
      .onConflictDoUpdate({ target: [offerTranslations.offerId, offerTranslations.lang], set: values })
    await writeAudit(tx, actor, {
      action: 'offer.translation.save',
      entityType: 'offer',
      entityId: offerId,
      summary: { lang: input.lang, title: values.title !== null },
    })
    return ok(offerId)
  })
}

/** The translations of an offer, by language. */
export async function translationsOf(db: Db, offerId: string): Promise<OfferTranslation[]> {
  return db
    .select({
      lang: offerTranslations.lang,
      title: offerTranslations.title,
      description: offerTranslations.description,
    })
    .from(offerTranslations)
    .where(eq(offerTranslations.offerId, offerId))
    .orderBy(asc(offerTranslations.lang))
}

/** The translations into one language of these offers (for the result list). */
export async function translationsInto(
  db: Db,
  offerIds: readonly string[],
  lang: string,
): Promise<Map<string, OfferTranslation>> {
  if (offerIds.length === 0) return new Map()
  const rows = await db
    .select({
      offerId: offerTranslations.offerId,
      lang: offerTranslations.lang,
      title: offerTranslations.title,
      description: offerTranslations.description,
    })
    .from(offerTranslations)
    .where(and(inArray(offerTranslations.offerId, [...offerIds]), eq(offerTranslations.lang, lang)))
  return new Map(rows.map(({ offerId, ...t }) => [offerId, t]))
}

/**
 * The JSON-LD with the original description and every translation, each tagged with its language
 * (schema.org accepts language-tagged values).
 */
export function withTranslatedDescriptions(
  jsonLd: Record<string, unknown>,
  original: { lang: string; description: string },
  translations: readonly OfferTranslation[],
): Record<string, unknown> {
  if (translations.length === 0) return jsonLd
  return {
    ...jsonLd,
    description: [
      { '@value': original.description, '@language': original.lang },
      ...translations.map((t) => ({ '@value': t.description, '@language': t.lang })),
    ],
  }
}

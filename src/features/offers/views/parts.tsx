import type { PageContext } from '../../../platform/http/context'
import { intlTag, type Locale, type MessageKey } from '../../../platform/i18n'
import { languageName, OFFER_LANGUAGES, TARGET_GROUPS, TOPICS } from '../vocabulary'

export const topicLabel = (ctx: PageContext, v: string) => ctx.t(`offers.topic.${v}` as MessageKey)
export const targetLabel = (ctx: PageContext, v: string) => ctx.t(`offers.target.${v}` as MessageKey)

/** "Kassel" for the city, "Kassel (Landkreis)" for the district. */
export function placeLabel(ctx: PageContext, p: { kind: string; name: string }): string {
  return p.kind === 'district' ? ctx.t('offers.place.district', { name: p.name }) : p.name
}

export function topicOptions(ctx: PageContext) {
  return TOPICS.map((v) => ({ value: v, label: topicLabel(ctx, v) }))
}

export function targetOptions(ctx: PageContext) {
  return TARGET_GROUPS.map((v) => ({ value: v, label: targetLabel(ctx, v) }))
}

/** Languages by their name in the reader's language, alphabetically. */
export function languageOptions(ctx: PageContext) {
  return OFFER_LANGUAGES.map((v) => ({ value: v, label: languageName(v, ctx.locale) })).sort((a, b) =>
    a.label.localeCompare(b.label, ctx.locale),
  )
}

/** A distance as people say it: one decimal below 10 km, whole kilometres above. */
export function formatKm(locale: Locale, km: number): string {
  return new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: km < 10 ? 1 : 0 }).format(km)
}

export function formatEuro(locale: Locale, cents: number): string {
  return new Intl.NumberFormat(intlTag(locale), { style: 'currency', currency: 'EUR' }).format(cents / 100)
}

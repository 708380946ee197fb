/** The fixed lists of the offers finder: topics and target groups (keys; labels in messages.ts). */
export const TOPICS = [
  'language_course',
  'counselling',
  'anti_discrimination',
  'youth_work',
  'womens_group',
  'job_recognition',
  'integration_guides',
  'interpreting',
  'family',
  'health',
  'leisure_culture',
  /** Political participation: the foreign residents' councils and integration commissions. */
  'participation',
] as const
export type Topic = (typeof TOPICS)[number]

export const TARGET_GROUPS = [
  'everyone',
  'refugees',
  'new_arrivals',
  'women',
  'youth',
  'children',
  'families',
  'seniors',
  'skilled_workers',
] as const
export type TargetGroup = (typeof TARGET_GROUPS)[number]

/** Languages an offer can be given in (ISO 639-1); names come from Intl.DisplayNames. */
export const OFFER_LANGUAGES = [
  'de',
  'en',
  'ar',
  'tr',
  'uk',
  'ru',
  'fa',
  'ps',
  'ku',
  'ti',
  'so',
  'fr',
  'es',
  'it',
  'pl',
  'ro',
  'bg',
  'hr',
  'sr',
  'sq',
  'el',
  'vi',
  'zh',
] as const
export type OfferLanguage = (typeof OFFER_LANGUAGES)[number]

export const isTopic = (v: string): v is Topic => (TOPICS as readonly string[]).includes(v)
export const isTargetGroup = (v: string): v is TargetGroup => (TARGET_GROUPS as readonly string[]).includes(v)
export const isOfferLanguage = (v: string): v is OfferLanguage =>
  (OFFER_LANGUAGES as readonly string[]).includes(v)

/** The name of a language in the reader's language ("Arabisch", "Arabic", "العربية"). */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}

/** Months after the last confirmation: the provider is reminded, then the offer is hidden. */
export const REMIND_AFTER_MONTHS = 12
export const HIDE_AFTER_MONTHS = 15

/**
 * Grounds of discrimination a report or case names, several at once (advd practice, ADS/DeZIM
 * minimum standards 2022): those of the AGG and, beyond it, language, social status, residence
 * status and appearance.
 */
export const GROUNDS = [
  'racism',
  'antisemitism',
  'gender',
  'religion',
  'belief',
  'disability',
  'age',
  'sexual_identity',
  'language',
  'social_status',
  'residence_status',
  'appearance',
  'other',
] as const
export type Ground = (typeof GROUNDS)[number]

/** The languages a report can be written in and counselling offered in (the platform's locales). */
export const COUNSELLING_LANGUAGES = ['de', 'en', 'ar', 'tr', 'uk', 'ru', 'fa'] as const

/** What a counselling centre of the network offers (the network office keeps it per centre). */
export const CENTRE_SERVICES = [
  'first_advice',
  'accompaniment',
  'mediation',
  'complaint',
  'legal_referral',
  'testing',
  'documentation',
] as const

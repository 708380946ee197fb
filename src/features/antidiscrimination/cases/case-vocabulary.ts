import { GROUNDS } from '../grounds'

/**
 * What a case file records, as the advd's documentation practice and the ADS/DeZIM minimum
 * standards (2022) describe it. Every list is closed (a select or checkbox in the form, a literal
 * union in the schema), so the anonymised records count cleanly.
 */

/** Grounds a counsellor may record: those of a report and, beyond them, weight and care duties. */
export const CASE_GROUNDS = [...GROUNDS, 'weight', 'care_responsibilities'] as const
export type CaseGround = (typeof CASE_GROUNDS)[number]

/** Life domains; `covered` says whether the AGG applies there in general (state action is not covered). */
export const LIFE_DOMAINS = [
  { id: 'work', covered: true },
  { id: 'housing', covered: true },
  { id: 'goods_services', covered: true },
  { id: 'authorities', covered: false },
  { id: 'police_justice', covered: false },
  { id: 'education', covered: false },
  { id: 'health_care', covered: true },
  { id: 'media_internet', covered: false },
  { id: 'public_space', covered: false },
  { id: 'leisure', covered: true },
  { id: 'transport', covered: true },
] as const
export type LifeDomain = (typeof LIFE_DOMAINS)[number]['id']
export const LIFE_DOMAIN_IDS = LIFE_DOMAINS.map((d) => d.id) as LifeDomain[]

/** Whether the AGG covers this case: the counsellor's judgement, prefilled from the domain. */
export const AGG_COVERAGE = ['yes', 'no', 'unclear'] as const
export type AggCoverage = (typeof AGG_COVERAGE)[number]

/** Forms of discrimination (AGG § 3, victimisation § 16). */
export const DISCRIMINATION_FORMS = [
  'direct',
  'indirect',
  'harassment',
  'sexual_harassment',
  'instruction',
  'victimisation',
] as const
export type DiscriminationForm = (typeof DISCRIMINATION_FORMS)[number]

export const LEVELS = ['individual', 'institutional', 'structural'] as const
export type Level = (typeof LEVELS)[number]

export const ACTOR_KINDS = [
  'employer',
  'landlord',
  'business',
  'authority',
  'police',
  'school',
  'private_person',
  'other',
] as const
export type ActorKind = (typeof ACTOR_KINDS)[number]

export const INTERVENTIONS = [
  'first_advice',
  'memory_protocol',
  'complaint_letter',
  'statement_request',
  'accompaniment',
  'mediation',
  'testing',
  'referral_lawyer',
  'referral_specialist',
  'lawsuit_support',
  'public_work',
] as const
export type Intervention = (typeof INTERVENTIONS)[number]

export const OUTCOMES = ['resolved', 'partly_resolved', 'not_resolved', 'withdrawn', 'referred'] as const
export type CaseOutcome = (typeof OUTCOMES)[number]

export const CLIENT_ASSESSMENTS = ['satisfied', 'partly_satisfied', 'not_satisfied', 'not_asked'] as const
export type ClientAssessment = (typeof CLIENT_ASSESSMENTS)[number]

export const CASE_STATUSES = ['open', 'closed'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** Whether the AGG covers a domain in general (the default of the case's own judgement). */
export function domainCovered(domain: LifeDomain): boolean {
  return LIFE_DOMAINS.find((d) => d.id === domain)?.covered ?? false
}

/**
 * The end of the AGG's two-month period for claims (§ 15 Abs. 4, § 21 Abs. 5 AGG) counted from the
 * day given (the incident, or the day the client learnt of it): the day of the same number two
 * months later, or the last day of that month when it has no such day (§ 188 Abs. 2 and 3 BGB).
 * Dates are ISO days (YYYY-MM-DD).
 */
export function aggDeadline(from: string): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number]
  const month0 = m - 1 + 2
  const year = y + Math.floor(month0 / 12)
  const month = (month0 % 12) + 1
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const day = Math.min(d, last)
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** How many days before the end the case list warns. */
export const DEADLINE_WARN_DAYS = 14

export type DeadlineState = 'passed' | 'soon' | 'running'

/**
 * Where a case stands with the AGG deadline on `today`: null when no deadline applies (the case is
 * closed, or the AGG does not cover it); 'soon' from DEADLINE_WARN_DAYS days before the end up to
 * and including the last day; 'passed' after it.
 */
export function deadlineState(
  c: { readonly deadline: string; readonly status: CaseStatus; readonly aggCovered: AggCoverage | null },
  today: string,
): DeadlineState | null {
  if (c.status === 'closed' || c.aggCovered === 'no') return null
  if (today > c.deadline) return 'passed'
  const warnFrom = new Date(`${c.deadline}T00:00:00Z`)
  warnFrom.setUTCDate(warnFrom.getUTCDate() - DEADLINE_WARN_DAYS)
  return today >= warnFrom.toISOString().slice(0, 10) ? 'soon' : 'running'
}

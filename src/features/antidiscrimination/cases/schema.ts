import Type from 'typebox'
import type { FieldMessages, FieldProblem } from '../../../platform/http/forms'
import { REFERRAL_CONSENTS } from '../tables'
import {
  ACTOR_KINDS,
  AGG_COVERAGE,
  CASE_GROUNDS,
  CASE_STATUSES,
  CLIENT_ASSESSMENTS,
  DISCRIMINATION_FORMS,
  INTERVENTIONS,
  LEVELS,
  LIFE_DOMAIN_IDS,
  OUTCOMES,
} from './case-vocabulary'

const oneOf = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)))
/** A checkbox group: one value arrives as a string, several as a list. */
const someOf = <T extends string>(values: readonly T[], min: number) =>
  Type.Union([
    oneOf(values),
    Type.Array(oneOf(values), { minItems: min, maxItems: values.length, uniqueItems: true }),
  ])
const text = (max: number) => Type.Optional(Type.String({ maxLength: max }))

export const CaseFileForm = Type.Object({
  status: oneOf(CASE_STATUSES),
  grounds: someOf(CASE_GROUNDS, 1),
  intersectional: Type.Optional(Type.Literal('on')),
  domain: Type.Optional(oneOf(LIFE_DOMAIN_IDS)),
  aggCovered: Type.Optional(oneOf(AGG_COVERAGE)),
  forms: Type.Optional(someOf(DISCRIMINATION_FORMS, 0)),
  level: Type.Optional(oneOf(LEVELS)),
  actorKind: Type.Optional(oneOf(ACTOR_KINDS)),
  deadlineFrom: Type.String({ format: 'date' }),
  facts: text(20_000),
  consequences: text(10_000),
  goal: text(10_000),
  outcome: Type.Optional(oneOf(OUTCOMES)),
  clientAssessment: Type.Optional(oneOf(CLIENT_ASSESSMENTS)),
  notes: text(20_000),
})

export const CASE_FILE_MESSAGES: FieldMessages = {
  status: 'antidisc.staff.file.error.status',
  grounds: 'antidisc.staff.file.error.grounds',
  domain: 'antidisc.staff.file.error.choice',
  aggCovered: 'antidisc.staff.file.error.choice',
  forms: 'antidisc.staff.file.error.choice',
  level: 'antidisc.staff.file.error.choice',
  actorKind: 'antidisc.staff.file.error.choice',
  deadlineFrom: 'antidisc.staff.file.error.deadlineFrom',
  facts: 'antidisc.staff.file.error.tooLong',
  consequences: 'antidisc.staff.file.error.tooLong',
  goal: 'antidisc.staff.file.error.tooLong',
  outcome: 'antidisc.staff.file.error.choice',
  clientAssessment: 'antidisc.staff.file.error.choice',
  notes: 'antidisc.staff.file.error.tooLong',
}

/**
 * The case file's rules beyond the schema: the period cannot start in the future, and a case is
 * closed only with an outcome (what the statistics of closed cases count).
 */
export function caseFileProblems(
  v: { deadlineFrom?: unknown; status?: unknown; outcome?: unknown },
  today: string,
): FieldProblem[] {
  const out: FieldProblem[] = []
  if (
    typeof v.deadlineFrom === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(v.deadlineFrom) &&
    v.deadlineFrom > today
  )
    out.push({ field: 'deadlineFrom', key: 'antidisc.staff.file.error.future' })
  if (v.status === 'closed' && !v.outcome)
    out.push({ field: 'outcome', key: 'antidisc.staff.file.error.outcomeToClose' })
  return out
}

export const ReferForm = Type.Object({
  toCentreId: Type.String({ format: 'uuid' }),
  consent: oneOf(REFERRAL_CONSENTS),
  consentOn: Type.String({ format: 'date' }),
  confirmed: Type.Literal('on'),
})

export const REFER_MESSAGES: FieldMessages = {
  toCentreId: 'antidisc.staff.refer.error.centre',
  consent: 'antidisc.staff.refer.error.consent',
  consentOn: 'antidisc.staff.refer.error.consentOn',
  confirmed: 'antidisc.staff.refer.error.confirmed',
}

export function referralProblems(v: { consentOn?: unknown }, today: string): FieldProblem[] {
  return typeof v.consentOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.consentOn) && v.consentOn > today
    ? [{ field: 'consentOn', key: 'antidisc.staff.file.error.future' }]
    : []
}

export const InterventionForm = Type.Object({
  kind: oneOf(INTERVENTIONS),
  on: Type.String({ format: 'date' }),
  note: text(10_000),
})

export const INTERVENTION_MESSAGES: FieldMessages = {
  kind: 'antidisc.staff.intervention.error.kind',
  on: 'antidisc.staff.intervention.error.on',
  note: 'antidisc.staff.file.error.tooLong',
}

export function interventionProblems(v: { on?: unknown }, today: string): FieldProblem[] {
  return typeof v.on === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.on) && v.on > today
    ? [{ field: 'on', key: 'antidisc.staff.file.error.future' }]
    : []
}

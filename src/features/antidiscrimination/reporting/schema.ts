import Type from 'typebox'
import type { FieldMessages, FieldProblem } from '../../../platform/http/forms'
import { GROUNDS } from '../grounds'
import { CONTACT_WISHES } from '../tables'

const Ground = Type.Union(GROUNDS.map((g) => Type.Literal(g)))

export const ReportForm = Type.Object({
  narrative: Type.String({ minLength: 1, maxLength: 10_000 }),
  occurredOn: Type.String({ format: 'date' }),
  districtId: Type.String({ format: 'uuid' }),
  grounds: Type.Union([Ground, Type.Array(Ground, { minItems: 1, maxItems: GROUNDS.length })]),
  /** 'network' (let the network route it) or a centre's id. */
  centre: Type.String({ minLength: 1, maxLength: 40 }),
  contactWish: Type.Union(CONTACT_WISHES.map((w) => Type.Literal(w))),
  contactEmail: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  contactPhone: Type.Optional(Type.String({ maxLength: 40, pattern: '^[0-9 +()/-]{4,40}$' })),
  consent: Type.Literal('on'),
})

export const REPORT_MESSAGES: FieldMessages = {
  narrative: {
    required: 'antidisc.report.error.narrative',
    maxLength: 'antidisc.report.error.narrativeLong',
  },
  occurredOn: 'antidisc.report.error.date',
  districtId: 'antidisc.report.error.district',
  grounds: 'antidisc.report.error.grounds',
  centre: 'antidisc.report.error.centre',
  contactWish: 'antidisc.report.error.contactWish',
  contactEmail: 'antidisc.report.error.email',
  contactPhone: 'antidisc.report.error.phone',
  consent: 'antidisc.report.error.consent',
}

/** The form's rules beyond the schema: no date in the future, contact details for the way chosen. */
export function reportProblems(
  v: { occurredOn?: unknown; contactWish?: unknown; contactEmail?: unknown; contactPhone?: unknown },
  today: string,
): FieldProblem[] {
  const out: FieldProblem[] = []
  if (typeof v.occurredOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.occurredOn) && v.occurredOn > today)
    out.push({ field: 'occurredOn', key: 'antidisc.report.error.future' })
  if (v.contactWish === 'email' && !v.contactEmail)
    out.push({ field: 'contactEmail', key: 'antidisc.report.error.email' })
  if (v.contactWish === 'phone' && !v.contactPhone)
    out.push({ field: 'contactPhone', key: 'antidisc.report.error.phone' })
  return out
}

export const ReceiptForm = Type.Object({ code: Type.String({ minLength: 1, maxLength: 60 }) })

export const ReporterMessageForm = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 60 }),
  body: Type.String({ minLength: 1, maxLength: 10_000 }),
})

/** Deleting one's report asks for the box "yes, delete it" to be ticked. */
export const WithdrawForm = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 60 }),
  confirm: Type.Literal('on'),
})

/** What an anonymous reporter tells about themselves later (sealed; the custodian step guards it). */
export const IdentityForm = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 60 }),
  identity: Type.String({ minLength: 1, maxLength: 2_000 }),
})

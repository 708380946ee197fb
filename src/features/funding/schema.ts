import Type from 'typebox'
import type { MessageKey } from '../../platform/i18n'
import { APPLICANT_KINDS } from './public/register-applicant'

const Line = (max: number) => Type.String({ minLength: 1, maxLength: max })
const Day = Type.String({ format: 'date' })

export const RegisterForm = Type.Object({
  organisationName: Line(200),
  kind: Type.Enum(APPLICANT_KINDS),
  legalForm: Line(100),
  registerCourt: Type.Optional(Line(100)),
  registerNumber: Type.Optional(Line(50)),
  nonProfit: Type.Optional(Type.Literal('on')),
  officialKey: Type.Optional(Type.String({ pattern: '^\\d{5}(\\d{3})?$' })),
  street: Line(200),
  postcode: Type.String({ pattern: '^\\d{5}$' }),
  city: Line(100),
  representativeGivenName: Line(100),
  representativeFamilyName: Line(100),
  iban: Line(50),
  accountHolder: Line(200),
  displayName: Line(100),
  email: Type.String({ format: 'email', maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
})

const need = (key: MessageKey) => ({ required: key, minLength: key })

/** Messages of the registration that say which field and what to do (GOV.UK pattern). */
export const REGISTER_MESSAGES = {
  organisationName: need('funding.register.msg.organisationName'),
  kind: { required: 'funding.register.msg.kind', enum: 'funding.register.msg.kind' },
  legalForm: need('funding.register.msg.legalForm'),
  officialKey: { pattern: 'funding.register.msg.officialKey' },
  street: need('funding.register.msg.street'),
  postcode: { required: 'funding.register.msg.postcodeRequired', pattern: 'funding.register.msg.postcode' },
  city: need('funding.register.msg.city'),
  representativeGivenName: need('funding.register.msg.givenName'),
  representativeFamilyName: need('funding.register.msg.familyName'),
  iban: need('funding.register.msg.iban'),
  accountHolder: need('funding.register.msg.accountHolder'),
  displayName: need('funding.register.msg.displayName'),
  email: { required: 'funding.register.msg.emailRequired', format: 'funding.register.msg.email' },
  password: need('funding.register.msg.password'),
} as const

export const ConfirmForm = Type.Object({
  token: Line(100),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
})

export const InviteForm = Type.Object({
  displayName: Line(100),
  email: Type.String({ format: 'email', maxLength: 254 }),
})

export const NewApplicationForm = Type.Object({ lineId: Type.String({ format: 'uuid' }) })

export const ProjectForm = Type.Object({
  title: Line(200),
  aims: Line(5000),
  targetGroups: Line(2000),
  municipalities: Line(2000),
  periodStart: Day,
  periodEnd: Day,
  joint: Type.Optional(Type.Literal('on')),
  partnerMunicipalities: Type.Optional(Type.String({ maxLength: 4000 })),
  partnerOrganisationId: Type.Optional(Type.String({ format: 'uuid' })),
})

export const DeclarationsForm = Type.Object({
  notStarted: Type.Optional(Type.Literal('on')),
  truth: Type.Optional(Type.Literal('on')),
})

export const SubmitForm = Type.Object({
  reply: Type.Optional(Type.String({ maxLength: 5000 })),
  /** The checkbox of the line's declaration on the check-your-answers page. */
  declaration: Type.Optional(Type.Literal('on')),
})

export const AttachmentForm = Type.Object({ kind: Line(40) })

export const ChecklistForm = Type.Object({
  check: Type.Optional(
    Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }))]),
  ),
})

export const CommentForm = Type.Object({ body: Line(5000) })

export const ProposalForm = Type.Object({
  decision: Type.Enum(['approve', 'approve_part', 'reject']),
  reasons: Line(5000),
})

/** Amendment of a grant; the amounts (amend_<year>) are parsed as money separately. */
export const AmendmentForm = Type.Object({
  periodStart: Day,
  periodEnd: Day,
  conditions: Type.Optional(Type.String({ maxLength: 40_000 })),
  reason: Line(5000),
})

export const AmendmentDecisionForm = Type.Object({ amendment: Type.String({ format: 'uuid' }) })

export const AmendmentRejectForm = Type.Object({
  amendment: Type.String({ format: 'uuid' }),
  rejectReasons: Line(5000),
})

export const RulesForm = Type.Object({ rules: Line(100_000) })

export const BudgetForm = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  budget: Line(30),
})

export const StaffQuery = Type.Object({
  line: Type.Optional(Type.String({ format: 'uuid' })),
  status: Type.Optional(Type.String({ maxLength: 30 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
})

/** The recipient's payment request; the amount is parsed as money separately. */
export const PaymentRequestForm = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  amount: Line(30),
  dueOn: Day,
  purpose: Line(2000),
})

export const PAYMENT_REQUEST_MESSAGES = {
  year: 'funding.pay.msg.year',
  amount: need('funding.pay.msg.amount'),
  dueOn: { required: 'funding.pay.msg.dueOn', format: 'funding.pay.msg.dueOn' },
  purpose: need('funding.pay.msg.purpose'),
} as const

/** The officer's check of a payment request. */
export const PaymentCheckForm = Type.Object({
  decision: Type.Enum(['check', 'reject']),
  hold: Type.Optional(Type.Literal('on')),
  reason: Type.Optional(Type.String({ maxLength: 5000 })),
})

export const PAYMENT_CHECK_MESSAGES = {
  decision: 'funding.payStaff.msg.decision',
} as const

/** The recipient's change requests (one form per kind) and notifications. */
const Reason = Line(5000)
export const ChangePeriodForm = Type.Object({ periodStart: Day, periodEnd: Day, reason: Reason })
export const ChangePurposeForm = Type.Object({ purpose: Line(5000), reason: Reason })
export const ChangeCostsForm = Type.Object({ reason: Reason })
export const CHANGE_MESSAGES = {
  reason: need('funding.change.msg.reason'),
  purpose: need('funding.change.msg.purpose'),
  periodStart: { required: 'funding.change.msg.periodStart', format: 'funding.change.msg.periodStart' },
  periodEnd: { required: 'funding.change.msg.periodEnd', format: 'funding.change.msg.periodEnd' },
} as const

export const NotificationForm = Type.Object({
  kind: Type.Enum(['other_grant', 'savings', 'delay', 'insolvency']),
  occurredOn: Day,
  amount: Type.Optional(Type.String({ maxLength: 30 })),
  details: Line(5000),
})
export const NOTIFICATION_MESSAGES = {
  kind: 'funding.notify.msg.kind',
  occurredOn: { required: 'funding.notify.msg.occurredOn', format: 'funding.notify.msg.occurredOn' },
  details: need('funding.notify.msg.details'),
} as const

/** The officer's decision on a change request. */
export const ChangeDecisionForm = Type.Object({
  decision: Type.Enum(['accept', 'reject']),
  note: Type.Optional(Type.String({ maxLength: 5000 })),
})
export const CHANGE_DECISION_MESSAGES = { decision: 'funding.changeStaff.msg.decision' } as const

/** Passing micro-project money on (Weiterleitung) and a sub-grant's simple proof of use. */
export const SubGrantForm = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  organisationName: Line(200),
  city: Type.Optional(Type.String({ maxLength: 100 })),
  title: Line(300),
  amount: Line(30),
})
export const SUB_GRANT_MESSAGES = {
  year: 'funding.sub.msg.year',
  organisationName: need('funding.sub.msg.organisationName'),
  title: need('funding.sub.msg.title'),
  amount: need('funding.sub.error.amount'),
} as const
export const SubGrantProofForm = Type.Object({ used: Line(30), report: Line(3000) })
export const SUB_GRANT_PROOF_MESSAGES = {
  used: need('funding.sub.error.used'),
  report: need('funding.sub.msg.report'),
} as const

import Type from 'typebox'

const line = (max: number) => Type.String({ minLength: 1, maxLength: max })
const optionalLine = (max: number) => Type.Optional(Type.String({ maxLength: max }))

/** The operator's details (Impressum, accessibility statement, press office). */
export const OperatorForm = Type.Object({
  name: line(300),
  representedBy: optionalLine(300),
  street: line(200),
  postcode: Type.String({ pattern: '^[0-9]{5}$' }),
  city: line(100),
  email: Type.String({ format: 'email', maxLength: 254 }),
  phone: line(50),
  accessibilityEmail: Type.String({ format: 'email', maxLength: 254 }),
  accessibilityPhone: optionalLine(50),
  enforcementBody: line(1000),
  enforcementUrl: Type.Optional(Type.String({ pattern: '^https?://\\S+$', maxLength: 500 })),
  pressOffice: line(200),
  pressEmail: Type.String({ format: 'email', maxLength: 254 }),
  pressPhone: line(50),
})

/** Per field: what to enter, in the words of the field (the generic messages name no field). */
export const OPERATOR_MESSAGES = {
  name: 'admin.operator.error.name',
  street: 'admin.operator.error.street',
  postcode: 'admin.operator.error.postcode',
  city: 'admin.operator.error.city',
  email: 'admin.operator.error.email',
  phone: 'admin.operator.error.phone',
  accessibilityEmail: 'admin.operator.error.accessibilityEmail',
  enforcementBody: 'admin.operator.error.enforcementBody',
  enforcementUrl: 'admin.operator.error.enforcementUrl',
  pressOffice: 'admin.operator.error.pressOffice',
  pressEmail: 'admin.operator.error.pressEmail',
  pressPhone: 'admin.operator.error.pressPhone',
} as const

/** Filters of the audit log page; all optional. Dates are YYYY-MM-DD (inclusive). */
export const AuditQuery = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 254 })),
  entityType: Type.Optional(Type.String({ maxLength: 100 })),
  entityId: Type.Optional(Type.String({ maxLength: 200 })),
  from: Type.Optional(Type.String({ format: 'date' })),
  until: Type.Optional(Type.String({ format: 'date' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
})

import Type from 'typebox'

/** Filters of the audit log page; all optional. Dates are YYYY-MM-DD (inclusive). */
export const AuditQuery = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: 254 })),
  entityType: Type.Optional(Type.String({ maxLength: 100 })),
  entityId: Type.Optional(Type.String({ maxLength: 200 })),
  from: Type.Optional(Type.String({ format: 'date' })),
  until: Type.Optional(Type.String({ format: 'date' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
})

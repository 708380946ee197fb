import Type from 'typebox'

/** A full date-time with time zone, as OParl's filters expect (2.4, 2.5). */
const DATE_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})$'

const DateTimeParam = Type.Optional(Type.String({ pattern: DATE_TIME, maxLength: 40 }))

/** Query of every OParl list (2.5): filters, where the page starts (from `links.next`) and page size. */
export const ListQuery = Type.Object({
  created_since: DateTimeParam,
  created_until: DateTimeParam,
  modified_since: DateTimeParam,
  modified_until: DateTimeParam,
  omit_internal: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  after: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]+$', maxLength: 800 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
})

/** Object ids are UUIDs; anything else is simply an unknown object (404), so no format here. */
export const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) })

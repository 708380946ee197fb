import Type from 'typebox'

/**
 * TypeBox schemas of the OParl answers. Objects keep every property (additionalProperties), so the
 * serializer never drops a field; their full shape is checked against the official draft-07 schemas
 * in the tests (test/fixtures/oparl-schema).
 */
export const OparlObjectSchema = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    created: Type.Optional(Type.String()),
    modified: Type.Optional(Type.String()),
    deleted: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: true },
)

export const OparlList = Type.Object({
  data: Type.Array(OparlObjectSchema),
  pagination: Type.Object({
    totalElements: Type.Integer(),
    elementsPerPage: Type.Integer(),
    currentPage: Type.Integer(),
    totalPages: Type.Integer(),
  }),
  links: Type.Object({
    first: Type.Optional(Type.String()),
    prev: Type.Optional(Type.String()),
    self: Type.Optional(Type.String()),
    next: Type.Optional(Type.String()),
    last: Type.Optional(Type.String()),
  }),
})

export const OparlError = Type.Object({
  type: Type.Literal('https://schema.oparl.org/1.1/Error'),
  message: Type.String(),
  debug: Type.String(),
})

/** Query of the lists; checked by the handler so that a bad value gets the OParl error object. */
export const OparlQuery = Type.Object(
  {
    page: Type.Optional(Type.String()),
    limit: Type.Optional(Type.String()),
    created_since: Type.Optional(Type.String()),
    created_until: Type.Optional(Type.String()),
    modified_since: Type.Optional(Type.String()),
    modified_until: Type.Optional(Type.String()),
    omit_internal: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
)

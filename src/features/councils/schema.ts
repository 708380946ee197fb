import Type from 'typebox'
import { MEMBER_ROLES } from './tables'

export const DirectoryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
})

export const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) })

export const MemberForm = Type.Object({
  givenName: Type.String({ minLength: 1, maxLength: 100 }),
  familyName: Type.String({ minLength: 1, maxLength: 100 }),
  role: Type.Union(MEMBER_ROLES.map((r) => Type.Literal(r))),
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.Optional(Type.String({ format: 'date' })),
  delegatedById: Type.Optional(Type.String({ format: 'uuid' })),
})

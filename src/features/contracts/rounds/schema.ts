import Type from 'typebox'
import { Uuid } from '../../../platform/ids'
import { ROUND_ANSWERS } from '../../../platform/rounds/rules'

export const IdParams = Type.Object({ id: Uuid() })

export const OpenRoundForm = Type.Object({
  roundTitle: Type.String({ minLength: 1, maxLength: 200 }),
  opensAt: Type.String({ format: 'berlin-date-time', maxLength: 19 }),
  closesAt: Type.String({ format: 'berlin-date-time', maxLength: 19 }),
})

export const CommentForm = Type.Object({
  body: Type.String({ minLength: 1, maxLength: 5000 }),
  proposedText: Type.Optional(Type.String({ maxLength: 10000 })),
})

export const AnswerForm = Type.Object({
  answer: Type.Union(ROUND_ANSWERS.map((a) => Type.Literal(a))),
  reason: Type.String({ minLength: 1, maxLength: 5000 }),
})

export const RevisionForm = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 10000 }),
  commentIds: Type.Optional(
    Type.Union([
      Type.String({ format: 'uuid' }),
      Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 }),
    ]),
  ),
})

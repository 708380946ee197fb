import Type from 'typebox'
import { Uuid } from '../../../platform/ids'
import { PLAN_ANSWERS } from '../tables'

export const RoundParams = Type.Object({ id: Uuid() })

export const RoundForm = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  opensAt: Type.String({ format: 'berlin-date-time', maxLength: 19 }),
  closesAt: Type.String({ format: 'berlin-date-time', maxLength: 19 }),
})

export const CommentForm = Type.Object({
  body: Type.String({ minLength: 1, maxLength: 5000 }),
  proposedText: Type.Optional(Type.String({ maxLength: 10000 })),
})

export const AnswerForm = Type.Object({
  answer: Type.Union(PLAN_ANSWERS.map((a) => Type.Literal(a))),
  reason: Type.String({ minLength: 1, maxLength: 5000 }),
})

export const RevisionForm = Type.Object({
  text: Type.String({ maxLength: 10000 }),
  commentIds: Type.Optional(
    Type.Union([
      Type.String({ format: 'uuid' }),
      Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 }),
    ]),
  ),
})

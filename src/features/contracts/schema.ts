import Type from 'typebox'
import { Uuid } from '../../platform/ids'
import { CONTRACT_STATES, OBLIGATION_SIDES } from './tables'

export const ContractParams = Type.Object({ id: Uuid() })

export const ContractForm = Type.Object({
  organisationId: Type.String({ format: 'uuid' }),
  topic: Type.String({ minLength: 1, maxLength: 300 }),
  summary: Type.Optional(Type.String({ maxLength: 5000 })),
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.String({ format: 'date' }),
})

export const ObligationForm = Type.Object({
  side: Type.Union(OBLIGATION_SIDES.map((s) => Type.Literal(s))),
  obligationText: Type.String({ minLength: 1, maxLength: 2000 }),
})

export const MilestoneForm = Type.Object({
  milestoneTitle: Type.String({ minLength: 1, maxLength: 300 }),
  dueOn: Type.String({ format: 'date' }),
  evidence: Type.Optional(Type.String({ maxLength: 1000 })),
})

export const StatusForm = Type.Object({
  to: Type.Union(CONTRACT_STATES.map((s) => Type.Literal(s))),
  signedOn: Type.Optional(Type.String({ format: 'date' })),
})

export const RenewalForm = Type.Object({
  renewedOn: Type.String({ format: 'date' }),
  newEndsOn: Type.String({ format: 'date' }),
  renewalNote: Type.Optional(Type.String({ maxLength: 2000 })),
})

/** The text is checked by the use case too (white space only is no report). */
export const ReportForm = Type.Object({
  milestoneId: Type.Optional(Type.String({ format: 'uuid' })),
  text: Type.String({ minLength: 1, maxLength: 10000 }),
})

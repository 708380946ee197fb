import Type from 'typebox'
import { Uuid } from '../../platform/ids'
import { MEASURE_STATES } from './tables'

export const VersionParams = Type.Object({ id: Uuid() })
export const MeasureParams = Type.Object({ id: Uuid() })

export const DraftForm = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
})

export const TextForm = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
})

const Status = Type.Union(MEASURE_STATES.map((s) => Type.Literal(s)))
const Percent = Type.Integer({ minimum: 0, maximum: 100 })

export const MeasureForm = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  responsibleUnit: Type.String({ minLength: 1, maxLength: 200 }),
  partnerIds: Type.Optional(
    Type.Union([
      Type.String({ format: 'uuid' }),
      Type.Array(Type.String({ format: 'uuid' }), { maxItems: 100 }),
    ]),
  ),
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.Optional(Type.String({ format: 'date' })),
  fundingLineId: Type.Optional(Type.String({ format: 'uuid' })),
  status: Status,
  weight: Type.Integer({ minimum: 1, maximum: 100 }),
  progress: Percent,
})

export const ProgressForm = Type.Object({ status: Status, progress: Percent })

export const IndicatorValueForm = Type.Object({
  indicatorId: Type.String({ format: 'uuid' }),
  measuredOn: Type.String({ format: 'date' }),
  value: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
  source: Type.String({ minLength: 1, maxLength: 300 }),
})

export const AdoptForm = Type.Object({
  adoptedOn: Type.String({ format: 'date' }),
  confirm: Type.Literal('on'),
})

export const NewMeasureForm = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  responsibleUnit: Type.String({ minLength: 1, maxLength: 200 }),
  startsOn: Type.String({ format: 'date' }),
  weight: Type.Integer({ minimum: 1, maximum: 100 }),
})

export const RemoveForm = Type.Object({ confirm: Type.Literal('on') })

export const IndicatorForm = Type.Object({
  indicatorId: Type.Optional(Type.String({ format: 'uuid' })),
  indicatorName: Type.String({ minLength: 1, maxLength: 200 }),
  indicatorUnit: Type.String({ minLength: 1, maxLength: 100 }),
  target: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
  targetOn: Type.Optional(Type.String({ format: 'date' })),
})

import Type from 'typebox'

const optionalText = (max: number) => Type.Optional(Type.String({ maxLength: max }))
const ids = Type.Optional(
  Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 })]),
)

/** The editor's form. The slug may be long here: the use case explains what is wrong with it. */
export const ReleaseForm = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  subtitle: optionalText(1000),
  slug: optionalText(1000),
  teaser: optionalText(1000),
  dateline: optionalText(100),
  body: Type.String({ minLength: 1, maxLength: 200_000 }),
  contactId: optionalText(40),
  topicIds: ids,
  /** The version the editor was opened on (hidden field): a save from an older one is refused. */
  version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
})

export const StatusForm = Type.Object({
  action: Type.Union([
    Type.Literal('publish'),
    Type.Literal('unpublish'),
    Type.Literal('archive'),
    Type.Literal('schedule'),
  ]),
  /** datetime-local: YYYY-MM-DDTHH:MM, German time. */
  publishAt: optionalText(40),
  /** "ja" from the confirmation page; publishing at once without it only shows that page. */
  confirm: Type.Optional(Type.Literal('ja')),
})

export const AttachmentForm = Type.Object({
  fileTitle: optionalText(200),
})

export const TopicForm = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  slug: optionalText(1000),
})

export const ContactForm = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  organisation: Type.String({ minLength: 1, maxLength: 300 }),
  street: optionalText(200),
  postalCode: Type.Optional(Type.String({ pattern: '^[0-9]{5}$' })),
  city: optionalText(100),
  phone: optionalText(50),
  fax: optionalText(50),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
})

/** Turns "2026-12-01T09:30" (German local time) into an instant: the platform's one date parser. */
export { parseBerlinDateTime, toBerlinInput } from '../../platform/dates'

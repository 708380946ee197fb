import Type from 'typebox'
import { COUNCIL_FILE_ROLES, MAJORITY_RULES, MEMBER_ROLES } from './tables'

export const DirectoryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
})

export const IdParams = Type.Object({ id: Type.String({ maxLength: 100 }) })

const ContactFields = {
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  phone: Type.Optional(Type.String({ maxLength: 50, pattern: '^[0-9+()/ .-]+$' })),
  consent: Type.Optional(Type.Literal('on')),
}

export const MemberForm = Type.Object({
  givenName: Type.String({ minLength: 1, maxLength: 100 }),
  familyName: Type.String({ minLength: 1, maxLength: 100 }),
  ...ContactFields,
  role: Type.Union(MEMBER_ROLES.map((r) => Type.Literal(r))),
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.Optional(Type.String({ format: 'date' })),
  delegatedById: Type.Optional(Type.String({ format: 'uuid' })),
  /** Integration conference: the directory organisation the new member represents. */
  organisationId: Type.Optional(Type.String({ format: 'uuid' })),
})

export const MeetingForm = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 200 }),
  /** datetime-local, German time; a day or time that does not exist is refused (platform/dates). */
  startsAt: Type.String({ format: 'berlin-date-time', maxLength: 19 }),
  locationName: Type.Optional(Type.String({ maxLength: 200 })),
  locationAddress: Type.Optional(Type.String({ maxLength: 300 })),
})

export const AgendaItemForm = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  body: Type.Optional(Type.String({ maxLength: 20000 })),
  submittedBy: Type.Optional(Type.String({ maxLength: 300 })),
  visibility: Type.Union([Type.Literal('public'), Type.Literal('nonPublic')]),
  majorityRule: Type.Union(MAJORITY_RULES.map((r) => Type.Literal(r))),
  kind: Type.Optional(
    Type.Union([Type.Literal('motion'), Type.Literal('amendment'), Type.Literal('report')]),
  ),
  relatedPaperId: Type.Optional(Type.String({ format: 'uuid' })),
})

export const AttendanceForm = Type.Object({
  present: Type.Optional(
    Type.Union([
      Type.String({ format: 'uuid' }),
      Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 }),
    ]),
  ),
})

export const VoteForm = Type.Object({
  agendaItemId: Type.String({ format: 'uuid' }),
  yes: Type.Integer({ minimum: 0, maximum: 10000 }),
  no: Type.Integer({ minimum: 0, maximum: 10000 }),
  abstain: Type.Integer({ minimum: 0, maximum: 10000 }),
})

export const ApproveForm = Type.Object({
  approvedAt: Type.String({ format: 'uuid' }),
})

export const SettingsForm = Type.Object({
  delegatesPerCouncil: Type.Integer({ minimum: 1, maximum: 50 }),
  quorumPercent: Type.Integer({ minimum: 0, maximum: 100 }),
})

export const ElectionForm = Type.Object(
  {
    agendaItemId: Type.String({ format: 'uuid' }),
    role: Type.Union(MEMBER_ROLES.map((r) => Type.Literal(r))),
    seats: Type.Integer({ minimum: 1, maximum: 50 }),
  },
  { additionalProperties: true },
)

export const TermParams = Type.Object({
  id: Type.String({ maxLength: 100 }),
  termId: Type.String({ maxLength: 100 }),
})

export const MembershipParams = Type.Object({
  id: Type.String({ maxLength: 100 }),
  membershipId: Type.String({ maxLength: 100 }),
})

export const TermForm = Type.Object({
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.String({ format: 'date' }),
  seats: Type.Integer({ minimum: 1, maximum: 200 }),
  electionOn: Type.Optional(Type.String({ format: 'date' })),
})

const MembershipFields = {
  role: Type.Union(MEMBER_ROLES.map((r) => Type.Literal(r))),
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.Optional(Type.String({ format: 'date' })),
  delegatedById: Type.Optional(Type.String({ format: 'uuid' })),
}

export const ExistingMemberForm = Type.Object({
  personId: Type.String({ format: 'uuid' }),
  ...MembershipFields,
})

export const PersonQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
})

export const MembershipEditForm = Type.Object({
  ...MembershipFields,
  givenName: Type.String({ minLength: 1, maxLength: 100 }),
  familyName: Type.String({ minLength: 1, maxLength: 100 }),
  ...ContactFields,
})

export const EndMembershipForm = Type.Object({
  lastDay: Type.String({ format: 'date' }),
})

export const ConfirmForm = Type.Object({
  confirm: Type.Literal('on'),
})

export const SeatParams = Type.Object({ seatId: Type.String({ maxLength: 100 }) })

export const StateSeatForm = Type.Object({
  bodyName: Type.String({ minLength: 1, maxLength: 200 }),
  seat: Type.String({ minLength: 1, maxLength: 100 }),
  personId: Type.Optional(Type.String({ format: 'uuid' })),
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.Optional(Type.String({ format: 'date' })),
})

export const SecretaryLinkForm = Type.Object({
  secretaryEmail: Type.String({ minLength: 3, maxLength: 200 }),
  councilId: Type.String({ format: 'uuid' }),
})

export const DelegateLinkForm = Type.Object({
  delegateEmail: Type.String({ minLength: 3, maxLength: 200 }),
  personId: Type.String({ format: 'uuid' }),
})

export const UnlinkForm = Type.Object({
  userId: Type.String({ format: 'uuid' }),
})

export const PaperForm = Type.Object({
  kind: Type.Union([Type.Literal('motion'), Type.Literal('amendment'), Type.Literal('report')]),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  body: Type.Optional(Type.String({ maxLength: 20000 })),
  submittedByCouncilId: Type.Optional(Type.String({ format: 'uuid' })),
  submittedBy: Type.Optional(Type.String({ maxLength: 300 })),
  relatedPaperId: Type.Optional(Type.String({ format: 'uuid' })),
})

export const FileParams = Type.Object({
  id: Type.String({ maxLength: 100 }),
  fileId: Type.String({ maxLength: 100 }),
})

/** Upload of a paper's or minutes' file (the file itself is a multipart part named `file`). */
export const UploadForm = Type.Object({
  role: Type.Union(COUNCIL_FILE_ROLES.map((r) => Type.Literal(r))),
  name: Type.Optional(Type.String({ maxLength: 200 })),
})

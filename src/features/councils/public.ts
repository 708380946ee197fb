/**
 * The councils feature's public module: what other features may import from it (see "Feature
 * boundaries" in docs/architecture.md). Nothing else under src/features/councils is imported from
 * outside the feature; a test checks it.
 */

export { linkCouncilOrganisations } from './bodies-and-members/council-organisations'
export {
  type ConferenceMember,
  type ConferenceRef,
  conferenceMemberOf,
  integrationConference,
} from './conference'
export { type PublicCouncil, publicCouncils } from './council-offers'
export {
  agahOfSeatHolder,
  allCouncilRecords,
  allTermRecords,
  type BodyRecords,
  bodyOfCouncil,
  bodyRecords,
  type CandidateRow,
  type CouncilRow,
  councilOfRecord,
  councilRecord,
  firstMembershipCouncil,
  firstRepresentingCouncil,
  type ItemRow,
  type MeetingRow,
  type MembershipRow,
  organisationsOfBody,
  type PaperRow,
  type RecordKind,
  type SeatRow,
  type TermRow,
  type UploadRow,
  type VoteRow,
} from './open-data'
export { bodyPath } from './rules'

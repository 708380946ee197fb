import type { Who } from '../../platform/policy'
import type { Centre } from './network/find-network'

/**
 * Record-level rules of the anti-discrimination network (docs/architecture.md, "Record-level
 * rules"); routes and use cases ask here.
 *
 * - A report (its narrative, contact and messages) is read and answered only by a counsellor bound
 *   to the centre it is routed to. For everyone else it does not exist (404), including the network
 *   office, administrators and counsellors of other centres.
 * - An anonymised report (retention.ts) is no one's to read: only its facts are left, for statistics.
 * - The network office routes reports no centre has yet; it sees only when, where and on which
 *   grounds (never what happened or who), which is all routing needs.
 */
export function mayReadReport(
  who: Who,
  counsellorCentreId: string | null,
  report: { readonly centreId: string | null; readonly anonymisedAt?: Date | null },
): boolean {
  return (
    !report.anonymisedAt &&
    who.id !== null &&
    who.can('antidisc.counsel') &&
    counsellorCentreId !== null &&
    report.centreId !== null &&
    report.centreId === counsellorCentreId
  )
}

/**
 * A case file (its categories, the client's account, notes and interventions) is kept by the same
 * people who read the report: a counsellor of the owning centre.
 */
export function mayEditCase(
  who: Who,
  counsellorCentreId: string | null,
  report: { readonly centreId: string | null; readonly anonymisedAt?: Date | null },
): boolean {
  return mayReadReport(who, counsellorCentreId, report)
}

/**
 * A counsellor hands a case of their own centre to another centre of the network (with the
 * reporter's consent, which the use case asks for); after that it is the other centre's alone.
 */
export function mayReferReport(
  who: Who,
  counsellorCentreId: string | null,
  report: { readonly centreId: string | null; readonly anonymisedAt?: Date | null },
  toCentreId: string,
): boolean {
  return mayEditCase(who, counsellorCentreId, report) && toCentreId !== report.centreId
}

export function mayRouteReport(
  who: Who,
  report: { readonly centreId: string | null; readonly anonymisedAt?: Date | null },
): boolean {
  return !report.anonymisedAt && who.id !== null && who.can('antidisc.network') && report.centreId === null
}

/**
 * The routing rule when the reporter leaves the choice to the network: the centres serving the
 * report's district; of those, the ones counselling in the report's language. Exactly one candidate
 * takes the report; none or several leave it to the network office (with the candidates suggested).
 */
export function candidateCentres(
  centres: readonly Centre[],
  report: { readonly districtId: string; readonly language: string },
): Centre[] {
  const inRegion = centres.filter((c) => c.districtIds.includes(report.districtId))
  const speaking = inRegion.filter((c) => c.languages.includes(report.language))
  return speaking.length ? speaking : inRegion
}

export function routeByRule(
  centres: readonly Centre[],
  report: { readonly districtId: string; readonly language: string },
): string | null {
  const inRegion = centres.filter((c) => c.districtIds.includes(report.districtId))
  const speaking = inRegion.filter((c) => c.languages.includes(report.language))
  return speaking.length === 1 ? speaking[0]!.id : null
}

/**
 * The custodian step: a custodian of the network office approves a counsellor's request to see the
 * identity an anonymous reporter disclosed; never the person who asked (two people, always).
 */
export function mayApproveReveal(
  who: Who,
  request: { readonly requestedBy: string | null; readonly approvedAt: Date | null },
): boolean {
  return (
    who.id !== null &&
    who.can('antidisc.custody') &&
    request.requestedBy !== null &&
    request.approvedAt === null &&
    request.requestedBy !== who.id
  )
}

import type { Who } from '../../platform/policy'
import type { PlanVersionState } from './tables'

/**
 * Record-level rules of the integration plan (docs/architecture.md, "Record-level rules"):
 *
 * - Adopted and superseded versions are public; a draft is seen only by those keeping the plan.
 * - The content of a version (titles, partners, periods, weights, indicators) changes only while it
 *   is a draft; an adopted version is changed by drafting the next one.
 * - Measured indicator values and the state of implementation (status, progress) are recorded on the
 *   current adopted version; a draft takes them over when it is adopted (values of the same measure
 *   code and indicator), a superseded version is history and never changes.
 * - A draft is adopted only as a draft; a new draft is started only when there is none.
 */

export function seesVersion(who: Who, status: PlanVersionState): boolean {
  return status !== 'draft' || (who.id !== null && who.can('plan.manage'))
}

const keeps = (who: Who) => who.id !== null && who.can('plan.manage')

export function editsContent(who: Who, status: PlanVersionState): boolean {
  return keeps(who) && status === 'draft'
}

export function recordsProgress(who: Who, status: PlanVersionState): boolean {
  return keeps(who) && status === 'adopted'
}

export function adoptsVersion(who: Who, status: PlanVersionState): boolean {
  return keeps(who) && status === 'draft'
}

export function startsDraft(who: Who, draftExists: boolean): boolean {
  return keeps(who) && !draftExists
}

import type { Who } from '../../platform/policy'

/**
 * Record-level rules of the funding feature: may this actor do this to this application? Routes,
 * the attachment download rule and use cases ask here (docs/architecture.md, "Record-level rules").
 *
 * - An applicant (funding.apply) sees and works on the applications of their own organisation
 *   only; for anyone else those do not exist (404, never 403, so ids reveal nothing).
 * - Reviewers (funding.review) see every application, its attachments and notices.
 * - Four eyes: the person who decides on a proposal (an approval, an amendment) is a known person
 *   and never the one who proposed it; the person who releases a payment never the one who checked
 *   it. Only the recipient organisation's own accounts request payments of its grants.
 */

/** The actor as the funding rules see it: who, holding what, and the organisation they apply for. */
export interface FundingWho extends Who {
  /** The applicant organisation of the account (funding_applicant_users), or null. */
  readonly organisationId: string | null
}

/** What the rules need to know of an application: whose it is and who proposed its decision. */
export interface ApplicationFacts {
  readonly organisationId: string
  readonly proposedBy?: string | null
}

export type ApplicationAction =
  /** The application's pages, its attachments and its notices (PDF). */
  | 'read'
  /** The applicant's task list: project, costs, financing, attachments, submission, amendments requested. */
  | 'edit'
  /** Staff review: comments, requests for information, proposals. */
  | 'review'
  /** The second signature on a proposed approval. */
  | 'approve'

/** Whether the application belongs to the actor's organisation. */
export function ownsApplication(who: FundingWho, app: Pick<ApplicationFacts, 'organisationId'>): boolean {
  return who.id !== null && who.organisationId !== null && who.organisationId === app.organisationId
}

/** The four-eyes rule: a decision on a proposal is taken by a known person other than the proposer. */
export function isSecondPerson(deciderId: string | null, proposerId: string | null | undefined): boolean {
  return deciderId !== null && deciderId !== proposerId
}

/** Staff who review applications (and see all of them). */
export function isReviewer(who: Who): boolean {
  return who.id !== null && who.can('funding.review')
}

export function mayOnApplication(who: FundingWho, action: ApplicationAction, app: ApplicationFacts): boolean {
  switch (action) {
    case 'read':
      return isReviewer(who) || ownsApplication(who, app)
    case 'edit':
      return ownsApplication(who, app) && who.can('funding.apply')
    case 'review':
      return isReviewer(who)
    case 'approve':
      return who.id !== null && who.can('funding.approve') && isSecondPerson(who.id, app.proposedBy)
  }
}

/** What the payment rules need to know: whose grant it is and who checked the request. */
export interface PaymentFacts {
  readonly organisationId: string
  readonly checkedBy?: string | null
}

export type PaymentAction =
  /** The recipient's payment request (Mittelabruf) and its page. */
  | 'request'
  /** Staff: see payment requests and the ledger. */
  | 'read'
  /** The officer's check of a request (sachliche Prüfung), or its rejection. */
  | 'check'
  /** Releasing the money: an approver other than the person who checked it (four eyes). */
  | 'release'

export function mayOnPayment(who: FundingWho, action: PaymentAction, payment: PaymentFacts): boolean {
  switch (action) {
    case 'request':
      return ownsApplication(who, payment) && who.can('funding.apply')
    case 'read':
      return isReviewer(who)
    case 'check':
      return who.id !== null && who.can('funding.propose')
    case 'release':
      return who.id !== null && who.can('funding.approve') && isSecondPerson(who.id, payment.checkedBy)
  }
}

/** What the proof-of-use and closing rules need to know: whose grant it is and who reviewed its proof. */
export interface ProofFacts {
  readonly organisationId: string
  readonly reviewedBy?: string | null
}

export type ProofAction =
  /** The recipient's proof of use: its page and its submission. */
  | 'submit'
  /** Staff: see proofs, their receipts and attachments, closings. */
  | 'read'
  /** The officer's review of a proof; the hearing before a repayment claim; incoming repayments. */
  | 'review'
  /** The final notice (Schlussbescheid): an approver other than the person who reviewed the proof. */
  | 'close'

export function mayOnProof(who: FundingWho, action: ProofAction, proof: ProofFacts): boolean {
  switch (action) {
    case 'submit':
      return ownsApplication(who, proof) && who.can('funding.apply')
    case 'read':
      return isReviewer(who)
    case 'review':
      return who.id !== null && who.can('funding.propose')
    case 'close':
      return who.id !== null && who.can('funding.approve') && isSecondPerson(who.id, proof.reviewedBy)
  }
}

export type ChangeAction =
  /** The recipient files a change request or a notification for its own grant. */
  | 'file'
  /** Seeing a change request, a notification and their attachments. */
  | 'read'
  /** The officer's decision on a change request, or dealing with a notification. */
  | 'decide'

/** Change requests and notifications (Mitteilungspflichten) of a grant: whose grant it is. */
export function mayOnChange(
  who: FundingWho,
  action: ChangeAction,
  grant: Pick<ApplicationFacts, 'organisationId'>,
): boolean {
  switch (action) {
    case 'file':
      return ownsApplication(who, grant) && who.can('funding.apply')
    case 'read':
      return isReviewer(who) || ownsApplication(who, grant)
    case 'decide':
      return who.id !== null && who.can('funding.propose')
  }
}

/** Days the recipient has to answer the hearing (Anhörung, § 28 HVwVfG), counted from its opening. */
export const HEARING_ANSWER_DAYS = 14

export interface HearingFacts {
  readonly status: string
  /** The last day of the answer period; older closings have none and use the payment deadline. */
  readonly hearingDue: string | null
  readonly interestUntil: string | null
  readonly hearingAnswerAt: Date | null
}

/** The last day the recipient may answer the hearing. */
export const hearingDueOf = (c: HearingFacts): string | null => c.hearingDue ?? c.interestUntil

/**
 * May the recipient answer the hearing today? Once, while the hearing is open (no final notice yet),
 * up to and including its last day. Returns why not, or null when the answer is welcome.
 */
export function hearingAnswerRefusal(
  c: HearingFacts,
  today: string,
): 'notHearing' | 'answered' | 'late' | null {
  if (c.status !== 'hearing') return 'notHearing'
  if (c.hearingAnswerAt) return 'answered'
  const due = hearingDueOf(c)
  if (due && today > due) return 'late'
  return null
}

/**
 * May the final notice be issued today? Not while the hearing's answer period runs and nothing has
 * come in (§ 28 HVwVfG: the recipient must have had the chance to answer): an answer in the portal,
 * an answer by letter the officer records, or the end of the period lets it go ahead.
 */
export function finalNoticeRefusal(
  c: HearingFacts,
  replyByLetter: string,
  today: string,
): 'hearingRunning' | null {
  if (c.hearingAnswerAt || replyByLetter.trim()) return null
  const due = hearingDueOf(c)
  return due && today <= due ? 'hearingRunning' : null
}

/** Who records a newly published base rate (Basiszinssatz): the programme's administrators. */
export function mayRecordBaseRate(who: Who): boolean {
  return who.id !== null && who.can('funding.manage')
}

/**
 * A new base rate: valid from 1 January or 1 July (§ 247 (1) BGB: it changes on those days only),
 * later than the last one known, the rate as a percentage with at most two decimals (as the
 * Bundesbank publishes it, e.g. "1,27" or "-0,88"). Returns the basis points or the problem.
 */
export function checkBaseRate(
  input: { readonly validFrom: string; readonly percent: string },
  lastFrom: string,
):
  | { readonly ok: true; readonly basisPoints: number }
  | { readonly ok: false; readonly field: 'validFrom' | 'percent'; readonly key: BaseRateProblem } {
  if (!/^\d{4}-(01|07)-01$/.test(input.validFrom)) {
    return { ok: false, field: 'validFrom', key: 'funding.baseRate.error.day' }
  }
  if (input.validFrom <= lastFrom)
    return { ok: false, field: 'validFrom', key: 'funding.baseRate.error.notAfter' }
  const m = /^([+-]?)(\d{1,2})(?:[.,](\d{1,2}))?$/.exec(input.percent.trim())
  if (!m) return { ok: false, field: 'percent', key: 'funding.baseRate.error.percent' }
  const points = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'))
  const basisPoints = m[1] === '-' ? -points : points
  // The base rate has been between −0.88 % and 4.26 % since 1999; beyond −10 % or 20 % is a typo.
  if (basisPoints < -1000 || basisPoints > 2000) {
    return { ok: false, field: 'percent', key: 'funding.baseRate.error.percent' }
  }
  return { ok: true, basisPoints }
}

export type BaseRateProblem =
  | 'funding.baseRate.error.day'
  | 'funding.baseRate.error.notAfter'
  | 'funding.baseRate.error.percent'

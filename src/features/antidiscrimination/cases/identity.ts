import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { type Outcome, Refused, refusable, refuse } from '../../../platform/outcome'
import type { Who } from '../../../platform/policy'
import { centreOfCounsellor } from '../network/find-network'
import { mayApproveReveal, mayReadReport } from '../policies'
import { reportByCode } from '../reporting/reporter-thread'
import { REPORTER } from '../reporting/submit-report'
import { antidiscIdentities, antidiscReports } from '../tables'
import { type CaseBox, openCaseKey } from './case-crypto'
import { reportById } from './conversation'

/**
 * The custodian step (issue 15): an anonymous reporter may later tell who they are (with the
 * receipt code). What they write is sealed with the report's key and stays hidden from the centre:
 * a counsellor asks for it with a reason, a custodian of the network office (a second person, never
 * the one who asked) approves, and only then do the counsellors of the centre see it, each time
 * audited as a reveal. The custodian sees the reason, never the identity.
 */
export type IdentityState =
  | { readonly state: 'none' }
  | { readonly state: 'disclosed' }
  | { readonly state: 'requested'; readonly requestedAt: Date }
  | { readonly state: 'approved'; readonly identity: string; readonly approvedAt: Date }

/** The reporter tells who they are; a new disclosure replaces the old one and needs a new approval. */
export async function discloseIdentity(deps: AppDeps, typed: string, identity: string): Promise<boolean> {
  const found = await reportByCode(deps, typed)
  if (!found) return false
  await inTransaction(deps.db, async (tx) => {
    const report = await reportById(tx, found.id)
    const sealed = openCaseKey(deps.keyRing, report!).seal('identity', identity)
    const fresh = {
      identitySealed: sealed,
      disclosedAt: new Date(),
      reasonSealed: null,
      requestedBy: null,
      requestedAt: null,
      approvedBy: null,
      approvedAt: null,
    }
    await tx
      .insert(antidiscIdentities)
      .values({ reportId: found.id, ...fresh })
      .onConflictDoUpdate({ target: antidiscIdentities.reportId, set: fresh })
    await writeAudit(tx, REPORTER, {
      action: 'antidisc.identity.disclose',
      entityType: 'antidisc_report',
      entityId: found.id,
      summary: {},
    })
  })
  return true
}

/**
 * Where the identity of a report stands, for its counsellors (inside readReport's transaction): the
 * identity itself only once a custodian approved, and then the reveal is audited.
 */
export async function identityForCounsellor(
  tx: Db,
  box: CaseBox,
  actor: Actor,
  reportId: string,
): Promise<IdentityState> {
  const [row] = await tx.select().from(antidiscIdentities).where(eq(antidiscIdentities.reportId, reportId))
  if (!row) return { state: 'none' }
  if (row.approvedAt) {
    const identity = box.open('identity', row.identitySealed)
    await writeAudit(tx, actor, {
      action: 'antidisc.identity.reveal',
      entityType: 'antidisc_report',
      entityId: reportId,
      summary: { approvedBy: row.approvedBy },
    })
    return { state: 'approved', identity, approvedAt: row.approvedAt }
  }
  if (row.requestedAt) return { state: 'requested', requestedAt: row.requestedAt }
  return { state: 'disclosed' }
}

/** A counsellor of the owning centre asks the custodian for the identity; null (404) for anyone else. */
export async function requestReveal(
  deps: AppDeps,
  who: Who,
  actor: Actor,
  reportId: string,
  reason: string,
): Promise<Outcome<void> | null> {
  const report = await reportById(deps.db, reportId)
  const centreId = who.id ? await centreOfCounsellor(deps.db, who.id) : null
  if (!report || !mayReadReport(who, centreId, report)) return null
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      const box = openCaseKey(deps.keyRing, report)
      const done = await tx
        .update(antidiscIdentities)
        .set({
          reasonSealed: box.seal('identity-reason', reason),
          requestedBy: who.id,
          requestedAt: new Date(),
        })
        .where(
          and(
            eq(antidiscIdentities.reportId, report.id),
            isNull(antidiscIdentities.requestedAt),
            isNull(antidiscIdentities.approvedAt),
          ),
        )
        .returning({ id: antidiscIdentities.reportId })
      if (done.length === 0) throw new Refused(refuse('antidisc.staff.identity.error.state', 'reason'))
      await writeAudit(tx, actor, {
        action: 'antidisc.identity.request',
        entityType: 'antidisc_report',
        entityId: report.id,
        summary: { centreId },
      })
    }),
  )
}

export interface RevealRequest {
  readonly reportId: string
  readonly centreId: string | null
  readonly requestedBy: string
  readonly requestedAt: Date
  readonly reason: string
}

/** The requests waiting for a custodian (the reasons opened, audited as one read); none for others. */
export async function pendingReveals(deps: AppDeps, who: Who, actor: Actor): Promise<RevealRequest[]> {
  if (!who.id || !who.can('antidisc.custody')) return []
  return inTransaction(deps.db, async (tx) => {
    const rows = await tx
      .select({ identity: antidiscIdentities, report: antidiscReports })
      .from(antidiscIdentities)
      .innerJoin(antidiscReports, eq(antidiscReports.id, antidiscIdentities.reportId))
      .where(
        and(
          isNotNull(antidiscIdentities.requestedAt),
          isNull(antidiscIdentities.approvedAt),
          isNull(antidiscReports.anonymisedAt),
        ),
      )
      .orderBy(asc(antidiscIdentities.requestedAt))
    const list = rows.map(({ identity, report }) => ({
      reportId: report.id,
      centreId: report.centreId,
      requestedBy: identity.requestedBy!,
      requestedAt: identity.requestedAt!,
      reason: identity.reasonSealed
        ? openCaseKey(deps.keyRing, report).open('identity-reason', identity.reasonSealed)
        : '',
    }))
    // Each reason opened is a read of that report.
    for (const r of list)
      await writeAudit(tx, actor, {
        action: 'antidisc.identity.reason.read',
        entityType: 'antidisc_report',
        entityId: r.reportId,
        summary: {},
      })
    return list
  })
}

/** A custodian approves; refused for the person who asked, null (404) when there is nothing to approve. */
export async function approveReveal(
  deps: AppDeps,
  who: Who,
  actor: Actor,
  reportId: string,
): Promise<Outcome<void> | null> {
  const [row] = await deps.db
    .select()
    .from(antidiscIdentities)
    .where(eq(antidiscIdentities.reportId, reportId))
  if (!row?.requestedAt || row.approvedAt || !who.id || !who.can('antidisc.custody')) return null
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      if (!mayApproveReveal(who, row)) throw new Refused(refuse('antidisc.staff.custody.error.self'))
      const done = await tx
        .update(antidiscIdentities)
        .set({ approvedBy: who.id, approvedAt: new Date() })
        .where(and(eq(antidiscIdentities.reportId, reportId), isNull(antidiscIdentities.approvedAt)))
        .returning({ id: antidiscIdentities.reportId })
      if (done.length === 0) throw new Refused(refuse('antidisc.staff.custody.error.self'))
      await writeAudit(tx, actor, {
        action: 'antidisc.identity.approve',
        entityType: 'antidisc_report',
        entityId: reportId,
        summary: { requestedBy: row.requestedBy },
      })
    }),
  )
}

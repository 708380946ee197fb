import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { type Outcome, ok, Refused, refusable, refuse } from '../../../platform/outcome'
import type { Who } from '../../../platform/policy'
import { places } from '../../directory/public'
import { centreOfCounsellor, listCentres } from '../network/find-network'
import { mayReadReport, mayRouteReport } from '../policies'
import { antidiscCaseFiles, antidiscMessages, antidiscReports } from '../tables'
import { type AttachmentEntry, attachmentsOf } from './attachments'
import { openCaseKey } from './case-crypto'
import { type CaseFile, caseFileOf, type InterventionEntry, interventionsOf } from './case-file'
import { type AggCoverage, aggDeadline, type CaseStatus } from './case-vocabulary'
import { addMessage, type Message, messagesOf, reportById } from './conversation'
import { type IdentityState, identityForCounsellor } from './identity'

/** A report as a list shows it: no narrative, no contact. */
export interface ReportSummary {
  readonly id: string
  readonly createdAt: Date
  readonly occurredOn: string
  readonly district: string
  readonly districtId: string
  readonly grounds: readonly string[]
  readonly language: string
  readonly messages: number
  /** The case file's status ('open' while no case file was started). */
  readonly status: CaseStatus
  readonly aggCovered: AggCoverage | null
  /** The last day of the AGG's two-month period for claims. */
  readonly deadline: string
}

async function summaries(db: Db, where: SQL | undefined) {
  const rows = await db
    .select({
      id: antidiscReports.id,
      createdAt: antidiscReports.createdAt,
      occurredOn: antidiscReports.occurredOn,
      district: places.name,
      districtId: antidiscReports.districtId,
      grounds: antidiscReports.grounds,
      language: antidiscReports.language,
      status: antidiscCaseFiles.status,
      aggCovered: antidiscCaseFiles.aggCovered,
      deadlineFrom: antidiscCaseFiles.deadlineFrom,
    })
    .from(antidiscReports)
    .innerJoin(places, eq(places.id, antidiscReports.districtId))
    .leftJoin(antidiscCaseFiles, eq(antidiscCaseFiles.reportId, antidiscReports.id))
    .where(where)
    .orderBy(desc(antidiscReports.createdAt))
    .limit(200)
  if (rows.length === 0) return []
  const counts = await db
    .select({ reportId: antidiscMessages.reportId, n: sql<number>`count(*)::int` })
    .from(antidiscMessages)
    .where(
      inArray(
        antidiscMessages.reportId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(antidiscMessages.reportId)
  return rows.map(({ deadlineFrom, ...r }) => ({
    ...r,
    status: r.status ?? 'open',
    deadline: aggDeadline(deadlineFrom ?? r.occurredOn),
    messages: counts.find((c) => c.reportId === r.id)?.n ?? 0,
  }))
}

/** The reports routed to the counsellor's centre (none when the account is bound to no centre). */
export async function inboxOf(
  db: Db,
  userId: string,
): Promise<{ centreId: string | null; reports: ReportSummary[] }> {
  const centreId = await centreOfCounsellor(db, userId)
  return {
    centreId,
    reports: centreId
      ? await summaries(db, and(eq(antidiscReports.centreId, centreId), isNull(antidiscReports.anonymisedAt)))
      : [],
  }
}

/** Reports no centre has yet, for the network office, with the centres suggested by the rule. */
export async function unroutedReports(db: Db): Promise<ReportSummary[]> {
  return summaries(db, and(isNull(antidiscReports.centreId), isNull(antidiscReports.anonymisedAt)))
}

export interface CaseView {
  readonly id: string
  /** The centre the report is with (the reader's own). */
  readonly centreId: string
  readonly createdAt: Date
  readonly occurredOn: string
  readonly districtId: string
  readonly grounds: readonly string[]
  readonly language: string
  readonly narrative: string
  readonly contactWish: string
  readonly contact: { email?: string; phone?: string } | null
  readonly messages: readonly Message[]
  /** The case file, null while none was started. */
  readonly file: CaseFile | null
  readonly interventions: readonly InterventionEntry[]
  readonly attachments: readonly AttachmentEntry[]
  /** An identity the anonymous reporter disclosed: shown only after the custodian step. */
  readonly identity: IdentityState
}

/**
 * A counsellor reads a report of their centre: it is opened with its data key and the read is written
 * to the audit log in the same transaction. Null (404 for the route) when the report does not exist
 * or belongs to another centre: nothing of it is opened then.
 */
export async function readReport(
  deps: AppDeps,
  who: Who,
  actor: Actor,
  reportId: string,
): Promise<CaseView | null> {
  return inTransaction(deps.db, async (tx) => {
    const report = await reportById(tx, reportId)
    const centreId = who.id ? await centreOfCounsellor(tx, who.id) : null
    if (!report || !mayReadReport(who, centreId, report)) return null
    const box = openCaseKey(deps.keyRing, report)
    const view: CaseView = {
      id: report.id,
      centreId: report.centreId!,
      createdAt: report.createdAt,
      occurredOn: report.occurredOn,
      districtId: report.districtId,
      grounds: report.grounds,
      language: report.language,
      narrative: report.narrativeSealed ? box.open('narrative', report.narrativeSealed) : '',
      contactWish: report.contactWish,
      contact: report.contactSealed ? JSON.parse(box.open('contact', report.contactSealed)) : null,
      messages: await messagesOf(tx, box, report.id),
      file: await caseFileOf(tx, box, report.id),
      interventions: await interventionsOf(tx, box, report.id),
      attachments: await attachmentsOf(tx, box, report.id),
      identity: await identityForCounsellor(tx, box, actor, report.id),
    }
    await writeAudit(tx, actor, {
      action: 'antidisc.report.read',
      entityType: 'antidisc_report',
      entityId: report.id,
      summary: { centreId },
    })
    return view
  })
}

/** A counsellor answers the reporter; refused (as not found) outside their centre. */
export async function answerReport(
  deps: AppDeps,
  who: Who,
  actor: Actor,
  reportId: string,
  body: string,
): Promise<Outcome<string> | null> {
  const report = await reportById(deps.db, reportId)
  const centreId = who.id ? await centreOfCounsellor(deps.db, who.id) : null
  if (!report || !mayReadReport(who, centreId, report)) return null
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      const id = await addMessage(tx, deps.keyRing, report, { author: 'counsellor', userId: who.id, body })
      await writeAudit(tx, actor, {
        action: 'antidisc.message.counsellor',
        entityType: 'antidisc_report',
        entityId: report.id,
        summary: { messageId: id },
      })
      return id
    }),
  )
}

/** The network office routes a report no centre has to one of the centres. */
export async function routeReport(
  deps: AppDeps,
  who: Who,
  actor: Actor,
  input: { reportId: string; centreId: string },
): Promise<Outcome<void> | null> {
  const report = await reportById(deps.db, input.reportId)
  if (!report || !mayRouteReport(who, report)) return null
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      const centres = await listCentres(tx)
      if (!centres.some((c) => c.id === input.centreId))
        throw new Refused(refuse('antidisc.staff.route.centre', 'centreId'))
      const updated = await tx
        .update(antidiscReports)
        .set({ centreId: input.centreId, routedBy: 'office' })
        .where(and(eq(antidiscReports.id, report.id), isNull(antidiscReports.centreId)))
        .returning({ id: antidiscReports.id })
      if (updated.length === 0) throw new Refused(refuse('antidisc.staff.route.already', 'centreId'))
      await writeAudit(tx, actor, {
        action: 'antidisc.report.route',
        entityType: 'antidisc_report',
        entityId: report.id,
        summary: { centreId: input.centreId },
      })
      return ok(undefined).value
    }),
  )
}

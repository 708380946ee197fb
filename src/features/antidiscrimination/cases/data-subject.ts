import { and, asc, eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import type { Who } from '../../../platform/policy'
import { places } from '../../directory/public'
import { centreOfCounsellor } from '../network/find-network'
import { mayEditCase, mayReadReport } from '../policies'
import { reportByCode } from '../reporting/reporter-thread'
import { REPORTER } from '../reporting/submit-report'
import { antidiscAttachments } from '../tables'
import { type CaseBox, openCaseKey } from './case-crypto'
import { caseFileOf, interventionsOf } from './case-file'
import { messagesOf, type ReportRow, reportById } from './conversation'
import { anonymiseReport } from './retention'

/**
 * The rights of the person a report is about (GDPR Art. 15, 17, 20; issue 15 "deletion on request,
 * exports for the data subject"):
 *
 * - Export: everything stored of the report, opened, as one JSON file: the report, the contact
 *   details, the conversation and the files (their bytes in base64; for the reporter their own files,
 *   with the counsellor's export also the centre's documents). The anonymous reporter gets it
 *   with the receipt code; for a client the centre knows, a counsellor of the owning centre exports
 *   it, and then the case file and interventions come with it. Each export is audited (it is a read).
 * - Deletion on request (the consent is withdrawn): the report is anonymised at once, exactly as the
 *   retention rules do it after their time (retention.ts): the data key, texts, contact, messages,
 *   files and the receipt code are destroyed; what is left identifies nobody (date, district,
 *   grounds, the case file's categories) and stays in the statistics. Audited with the reason.
 */
export const EXPORT_FORMAT = 'teilhabe-antidisc-export/1'

export interface DataSubjectExport {
  readonly fileName: string
  readonly json: string
}

async function exportOf(db: Db, box: CaseBox, report: ReportRow, withCaseFile: boolean, now: Date) {
  const [district] = await db
    .select({ name: places.name })
    .from(places)
    .where(eq(places.id, report.districtId))
  const files = await db
    .select()
    .from(antidiscAttachments)
    .where(
      withCaseFile
        ? eq(antidiscAttachments.reportId, report.id)
        : and(eq(antidiscAttachments.reportId, report.id), eq(antidiscAttachments.author, 'reporter')),
    )
    .orderBy(asc(antidiscAttachments.createdAt))
  const doc = {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    report: {
      receivedAt: report.createdAt.toISOString(),
      occurredOn: report.occurredOn,
      district: district?.name ?? null,
      grounds: report.grounds,
      language: report.language,
      contactWish: report.contactWish,
      narrative: report.narrativeSealed ? box.open('narrative', report.narrativeSealed) : '',
      contact: report.contactSealed ? JSON.parse(box.open('contact', report.contactSealed)) : null,
    },
    messages: (await messagesOf(db, box, report.id)).map((m) => ({
      from: m.author,
      at: m.createdAt.toISOString(),
      text: m.body,
    })),
    files: files.map((f) => ({
      from: f.author,
      name: box.open(`attachment-name:${f.id}`, f.nameSealed),
      mediaType: f.mediaType,
      size: f.size,
      addedAt: f.createdAt.toISOString(),
      base64: box.openBytes(`attachment:${f.id}`, f.bytesSealed).toString('base64'),
    })),
    ...(withCaseFile
      ? {
          caseFile: await caseFileOf(db, box, report.id),
          interventions: (await interventionsOf(db, box, report.id)).map(({ id: _id, ...i }) => i),
        }
      : {}),
  }
  const day = now.toISOString().slice(0, 10)
  return {
    fileName: `meldung-${day}.json`,
    json: `${JSON.stringify(doc, null, 2)}\n`,
    files: files.length,
  }
}

/** The reporter's own export, by the receipt code; null when the code opens nothing. */
export async function exportForReporter(
  deps: AppDeps,
  typed: string,
  now = new Date(),
): Promise<DataSubjectExport | null> {
  const found = await reportByCode(deps, typed)
  if (!found) return null
  return inTransaction(deps.db, async (tx) => {
    const report = await reportById(tx, found.id)
    if (!report || report.anonymisedAt) return null
    const out = await exportOf(tx, openCaseKey(deps.keyRing, report), report, false, now)
    await writeAudit(tx, REPORTER, {
      action: 'antidisc.report.export',
      entityType: 'antidisc_report',
      entityId: report.id,
      summary: { by: 'reporter', files: out.files },
    })
    return { fileName: out.fileName, json: out.json }
  })
}

/** A counsellor of the owning centre exports a report for their client; null (404) for anyone else. */
export async function exportForClient(
  deps: AppDeps,
  who: Who,
  actor: Actor,
  reportId: string,
  now = new Date(),
): Promise<DataSubjectExport | null> {
  return inTransaction(deps.db, async (tx) => {
    const report = await reportById(tx, reportId)
    const centreId = who.id ? await centreOfCounsellor(tx, who.id) : null
    if (!report || !mayReadReport(who, centreId, report)) return null
    const out = await exportOf(tx, openCaseKey(deps.keyRing, report), report, true, now)
    await writeAudit(tx, actor, {
      action: 'antidisc.report.export',
      entityType: 'antidisc_report',
      entityId: report.id,
      summary: { by: 'counsellor', centreId, files: out.files },
    })
    return { fileName: out.fileName, json: out.json }
  })
}

/** The reporter withdraws their consent with the receipt code: the report is anonymised now. */
export async function withdrawByReporter(deps: AppDeps, typed: string, now = new Date()): Promise<boolean> {
  const found = await reportByCode(deps, typed)
  if (!found) return false
  return inTransaction(deps.db, (tx) => anonymiseReport(tx, REPORTER, found.id, 'withdrawn', now))
}

/**
 * The client withdrew their consent (told the centre): a counsellor of the owning centre deletes the
 * report and case file's personal content. Null (404) for anyone else.
 */
export async function withdrawForClient(
  deps: AppDeps,
  who: Who,
  actor: Actor,
  reportId: string,
  now = new Date(),
): Promise<boolean | null> {
  return inTransaction(deps.db, async (tx) => {
    const report = await reportById(tx, reportId)
    const centreId = who.id ? await centreOfCounsellor(tx, who.id) : null
    if (!report || !mayEditCase(who, centreId, report)) return null
    return anonymiseReport(tx, actor, report.id, 'withdrawn', now)
  })
}

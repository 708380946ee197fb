import { eq } from 'drizzle-orm'
import { writeAudit } from '../../../platform/audit'
import { inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { type AttachmentEntry, attachmentsOf } from '../cases/attachments'
import { openCaseKey } from '../cases/case-crypto'
import { addMessage, type Message, messagesOf } from '../cases/conversation'
import { antidiscReports } from '../tables'
import { normaliseReceiptCode, receiptHash } from './receipt'
import { REPORTER } from './submit-report'

export interface ReporterThread {
  readonly reportId: string
  readonly createdAt: Date
  readonly narrative: string
  /** Reported without contact details (then the reporter may tell who they are later). */
  readonly anonymous: boolean
  readonly messages: readonly Message[]
  readonly attachments: readonly AttachmentEntry[]
}

/**
 * The report a receipt code opens, or null. A well-formed code always costs the same argon2 work,
 * whether a report has it or not (the route adds a floor on the answer time and the throttle); a
 * request hashes the typed code exactly once, so writing again costs no more than reading.
 */
export async function reportByCode(deps: AppDeps, typed: string) {
  const code = normaliseReceiptCode(typed)
  // A malformed code is hashed too, so its answer takes as long as a wrong one.
  const hash = await receiptHash(deps.signingKey, code ?? '0'.repeat(16))
  if (!code) return null
  const [report] = await deps.db.select().from(antidiscReports).where(eq(antidiscReports.receiptHash, hash))
  return report && !report.anonymisedAt ? report : null
}

/** The thread of a report already found by its code (reopened after a change, without hashing again). */
export async function threadOf(deps: AppDeps, reportId: string): Promise<ReporterThread | null> {
  const [report] = await deps.db.select().from(antidiscReports).where(eq(antidiscReports.id, reportId))
  if (!report || report.anonymisedAt) return null
  const box = openCaseKey(deps.keyRing, report)
  return {
    reportId: report.id,
    createdAt: report.createdAt,
    narrative: report.narrativeSealed ? box.open('narrative', report.narrativeSealed) : '',
    anonymous: report.contactWish === 'anonymous',
    messages: await messagesOf(deps.db, box, report.id),
    // The reporter's own files; the counsellors' documents of the case file are theirs.
    attachments: await attachmentsOf(deps.db, box, report.id, 'reporter'),
  }
}

export async function threadByCode(deps: AppDeps, typed: string): Promise<ReporterThread | null> {
  const report = await reportByCode(deps, typed)
  return report ? threadOf(deps, report.id) : null
}

/** The reporter writes again on their report (found by its code); null when the code opens nothing. */
export async function reporterWrites(
  deps: AppDeps,
  typed: string,
  body: string,
): Promise<ReporterThread | null> {
  const found = await reportByCode(deps, typed)
  if (!found) return null
  await inTransaction(deps.db, async (tx) => {
    const [report] = await tx.select().from(antidiscReports).where(eq(antidiscReports.id, found.id))
    const id = await addMessage(tx, deps.keyRing, report!, { author: 'reporter', userId: null, body })
    await writeAudit(tx, REPORTER, {
      action: 'antidisc.message.reporter',
      entityType: 'antidisc_report',
      entityId: found.id,
      summary: { messageId: id },
    })
  })
  return threadOf(deps, found.id)
}

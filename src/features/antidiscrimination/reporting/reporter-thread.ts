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
  readonly messages: readonly Message[]
  readonly attachments: readonly AttachmentEntry[]
}

/**
 * The report a receipt code opens, or null. A well-formed code always costs the same argon2 work,
 * whether a report has it or not (the route adds a floor on the answer time and the throttle).
 */
export async function threadByCode(deps: AppDeps, typed: string): Promise<ReporterThread | null> {
  const code = normaliseReceiptCode(typed)
  // A malformed code is hashed too, so its answer takes as long as a wrong one.
  const hash = await receiptHash(deps.signingKey, code ?? '0'.repeat(16))
  if (!code) return null
  const [report] = await deps.db.select().from(antidiscReports).where(eq(antidiscReports.receiptHash, hash))
  if (!report) return null
  const box = openCaseKey(deps.keyRing, report)
  return {
    reportId: report.id,
    createdAt: report.createdAt,
    narrative: report.narrativeSealed ? box.open('narrative', report.narrativeSealed) : '',
    messages: await messagesOf(deps.db, box, report.id),
    attachments: await attachmentsOf(deps.db, box, report.id),
  }
}

/** The reporter writes again on their report (found by its code); null when the code opens nothing. */
export async function reporterWrites(
  deps: AppDeps,
  typed: string,
  body: string,
): Promise<ReporterThread | null> {
  const thread = await threadByCode(deps, typed)
  if (!thread) return null
  await inTransaction(deps.db, async (tx) => {
    const [report] = await tx.select().from(antidiscReports).where(eq(antidiscReports.id, thread.reportId))
    const id = await addMessage(tx, deps.keyRing, report!, { author: 'reporter', userId: null, body })
    await writeAudit(tx, REPORTER, {
      action: 'antidisc.message.reporter',
      entityType: 'antidisc_report',
      entityId: thread.reportId,
      summary: { messageId: id },
    })
  })
  return threadByCode(deps, typed)
}

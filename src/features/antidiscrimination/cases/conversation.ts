import { randomUUID } from 'node:crypto'
import { asc, eq } from 'drizzle-orm'
import type { KeyRing } from '../../../platform/crypto'
import type { Db } from '../../../platform/db'
import { antidiscMessages, antidiscReports } from '../tables'
import { type CaseBox, openCaseKey } from './case-crypto'

export type ReportRow = typeof antidiscReports.$inferSelect

export interface Message {
  readonly id: string
  readonly author: 'reporter' | 'counsellor'
  readonly body: string
  readonly createdAt: Date
}

/** The messages of a report, opened with its data key, oldest first. */
export async function messagesOf(db: Db, box: CaseBox, reportId: string): Promise<Message[]> {
  const rows = await db
    .select()
    .from(antidiscMessages)
    .where(eq(antidiscMessages.reportId, reportId))
    .orderBy(asc(antidiscMessages.createdAt), asc(antidiscMessages.id))
  return rows.map((m) => ({
    id: m.id,
    author: m.author,
    body: box.open(`message:${m.id}`, m.bodySealed),
    createdAt: m.createdAt,
  }))
}

/** Adds a sealed message to a report (inside the caller's transaction). */
export async function addMessage(
  tx: Db,
  ring: KeyRing,
  report: ReportRow,
  message: { author: 'reporter' | 'counsellor'; userId: string | null; body: string },
): Promise<string> {
  const box = openCaseKey(ring, report)
  const id = randomUUID()
  await tx.insert(antidiscMessages).values({
    id,
    reportId: report.id,
    author: message.author,
    userId: message.userId,
    bodySealed: box.seal(`message:${id}`, message.body),
  })
  return id
}

export async function reportById(db: Db, id: string): Promise<ReportRow | null> {
  const [row] = await db.select().from(antidiscReports).where(eq(antidiscReports.id, id))
  return row ?? null
}

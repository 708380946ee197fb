import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm'
import type { Db } from '../db'
import { auditLog } from './tables'

/** Who caused a change: a signed-in person, or a named non-personal actor ("system", "cli"). */
export interface Actor {
  readonly id: string | null
  readonly label: string
  readonly ip?: string | null
}

export const SYSTEM_ACTOR: Actor = { id: null, label: 'system' }
export const CLI_ACTOR: Actor = { id: null, label: 'cli' }

export interface AuditEntry {
  readonly action: string
  readonly entityType: string
  readonly entityId: string
  /** What changed, in a form a person can read; never passwords or confidential content. */
  readonly summary?: Record<string, unknown>
}

/** Writes one audit entry; call it with the transaction that makes the change. */
export async function writeAudit(tx: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor.id,
    actorLabel: actor.label,
    ip: actor.ip ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    summary: entry.summary ?? {},
  })
}

export interface AuditFilter {
  actor?: string | undefined
  entityType?: string | undefined
  entityId?: string | undefined
  from?: Date | undefined
  /** Exclusive upper bound. */
  until?: Date | undefined
  limit: number
  offset: number
}

export async function listAudit(db: Db, filter: AuditFilter) {
  const where: SQL[] = []
  if (filter.actor) where.push(eq(auditLog.actorLabel, filter.actor))
  if (filter.entityType) where.push(eq(auditLog.entityType, filter.entityType))
  if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId))
  if (filter.from) where.push(gte(auditLog.at, filter.from))
  if (filter.until) where.push(lt(auditLog.at, filter.until))
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(filter.limit)
    .offset(filter.offset)
}

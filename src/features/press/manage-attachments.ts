import { and, eq, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { type FileStore, MEDIA_TYPES } from '../../platform/files'
import { isUuid } from '../../platform/ids'
import { notFound, type Outcome, ok, refuse } from '../../platform/outcome'
import { pageCache } from './cache'
import { pressAttachments, pressReleases } from './tables'

/** Owner key of attachments in the file store (download rule in feature.ts). */
export const ATTACHMENT_OWNER = 'press.attachment'

/** PDF, Office documents and images. */
export const ATTACHMENT_TYPES: readonly string[] = [...MEDIA_TYPES.documents, ...MEDIA_TYPES.images]

export type AddAttachmentResult = Outcome<string>

/** Stores an uploaded file (type checked from its bytes) and attaches it to a release. */
export async function addAttachment(
  db: Db,
  files: FileStore,
  actor: Actor,
  releaseId: string,
  input: { title?: string | undefined; fileName: string; bytes: Buffer; truncated: boolean } | undefined,
): Promise<AddAttachmentResult> {
  if (!isUuid(releaseId)) return notFound()
  if (!input) return refuse('press.error.missing', 'file')
  if (input.truncated || input.bytes.length > files.maxBytes) return refuse('press.error.too_large', 'file')
  const result = await inTransaction(db, async (tx): Promise<AddAttachmentResult> => {
    const [release] = await tx
      .select({ id: pressReleases.id })
      .from(pressReleases)
      .where(eq(pressReleases.id, releaseId))
      .for('update')
    if (!release) return notFound()
    const stored = await files.store(
      tx,
      {
        bytes: input.bytes,
        originalName: input.fileName || 'datei',
        createdBy: actor.id,
        owner: ATTACHMENT_OWNER,
      },
      ATTACHMENT_TYPES,
    )
    if (!stored.ok) return refuse(`press.error.${stored.error}`, 'file')
    const [pos] = await tx
      .select({ n: sql<number>`coalesce(max(${pressAttachments.position}), 0)::int` })
      .from(pressAttachments)
      .where(eq(pressAttachments.releaseId, releaseId))
    const title = input.title?.trim() || input.fileName.replace(/\.[^.]*$/, '') || 'Download'
    const [row] = await tx
      .insert(pressAttachments)
      .values({ releaseId, fileId: stored.id, title, position: Number(pos?.n ?? 0) + 1 })
      .returning({ id: pressAttachments.id })
    await tx.update(pressReleases).set({ updatedAt: new Date() }).where(eq(pressReleases.id, releaseId))
    await writeAudit(tx, actor, {
      action: 'press.attachment.add',
      entityType: 'press_release',
      entityId: releaseId,
      summary: { attachment: row!.id, title, mediaType: stored.mediaType, size: stored.size },
    })
    return ok(row!.id)
  })
  if (result.ok) await pageCache.invalidate(db)
  return result
}

export async function removeAttachment(
  db: Db,
  actor: Actor,
  releaseId: string,
  attachmentId: string,
): Promise<boolean> {
  if (!isUuid(releaseId) || !isUuid(attachmentId)) return false
  const done = await inTransaction(db, async (tx) => {
    const rows = await tx
      .delete(pressAttachments)
      .where(and(eq(pressAttachments.id, attachmentId), eq(pressAttachments.releaseId, releaseId)))
      .returning({ title: pressAttachments.title })
    if (rows.length === 0) return false
    await tx.update(pressReleases).set({ updatedAt: new Date() }).where(eq(pressReleases.id, releaseId))
    await writeAudit(tx, actor, {
      action: 'press.attachment.remove',
      entityType: 'press_release',
      entityId: releaseId,
      summary: { attachment: attachmentId, title: rows[0]!.title },
    })
    return true
  })
  if (done) await pageCache.invalidate(db)
  return done
}

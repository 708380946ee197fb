import { randomUUID } from 'node:crypto'
import { asc, count, eq } from 'drizzle-orm'
import sharp from 'sharp'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { detectType, safeFileName } from '../../../platform/files'
import { type Outcome, Refused, refusable, refuse } from '../../../platform/outcome'
import type { Who } from '../../../platform/policy'
import { centreOfCounsellor } from '../network/find-network'
import { mayReadReport } from '../policies'
import { REPORTER } from '../reporting/submit-report'
import { antidiscAttachments } from '../tables'
import { type CaseBox, openCaseKey } from './case-crypto'
import { reportById } from './conversation'

/**
 * Attachments of a report: photos (JPEG, PNG) and PDF documents, at most MAX_ATTACHMENT_BYTES each
 * and MAX_ATTACHMENTS per report. The type is read from the bytes, never from the name. Images are
 * decoded and encoded again with sharp, which writes no metadata (EXIF with GPS position, camera and
 * time, XMP, IPTC): what is stored is the picture only, turned upright first. PDFs are stored as
 * they are (their metadata is the sender's own document's). Name and bytes are sealed with the
 * report's data key.
 */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
export const MAX_ATTACHMENTS = 5
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const

export interface AttachmentEntry {
  readonly id: string
  readonly name: string
  readonly mediaType: string
  readonly size: number
  readonly createdAt: Date
}

/** The bytes as they will be stored: type checked, images without metadata. */
export async function cleanAttachment(
  bytes: Buffer,
): Promise<{ mediaType: string; extension: string; bytes: Buffer } | null> {
  const type = await detectType(bytes)
  if (!type || !(ATTACHMENT_TYPES as readonly string[]).includes(type.mediaType)) return null
  if (type.mediaType === 'application/pdf') return { ...type, bytes }
  try {
    const image = sharp(bytes, { failOn: 'error' }).rotate()
    const clean =
      type.mediaType === 'image/png'
        ? await image.png().toBuffer()
        : await image.jpeg({ quality: 90 }).toBuffer()
    return { ...type, bytes: clean }
  } catch {
    return null
  }
}

export async function attachmentsOf(db: Db, box: CaseBox, reportId: string): Promise<AttachmentEntry[]> {
  const rows = await db
    .select({
      id: antidiscAttachments.id,
      nameSealed: antidiscAttachments.nameSealed,
      mediaType: antidiscAttachments.mediaType,
      size: antidiscAttachments.size,
      createdAt: antidiscAttachments.createdAt,
    })
    .from(antidiscAttachments)
    .where(eq(antidiscAttachments.reportId, reportId))
    .orderBy(asc(antidiscAttachments.createdAt))
  return rows.map(({ nameSealed, ...r }) => ({ ...r, name: box.open(`attachment-name:${r.id}`, nameSealed) }))
}

/**
 * The reporter adds a file to their report (found by the receipt code before this is called).
 * Refused next to the field: no file, too large, a type not allowed, or the report full.
 */
export async function addReporterAttachment(
  deps: AppDeps,
  reportId: string,
  file: { readonly fileName: string; readonly bytes: Buffer; readonly truncated: boolean } | undefined,
): Promise<Outcome<string>> {
  return refusable(async () => {
    if (!file || (file.bytes.length === 0 && !file.truncated))
      throw new Refused(refuse('antidisc.attach.error.missing', 'attachment'))
    if (file.truncated || file.bytes.length > MAX_ATTACHMENT_BYTES)
      throw new Refused(
        refuse('antidisc.attach.error.size', 'attachment', { mb: MAX_ATTACHMENT_BYTES / 1024 / 1024 }),
      )
    const clean = await cleanAttachment(file.bytes)
    if (!clean) throw new Refused(refuse('antidisc.attach.error.type', 'attachment'))
    return inTransaction(deps.db, async (tx) => {
      const report = await reportById(tx, reportId)
      if (!report || report.anonymisedAt)
        throw new Refused(refuse('antidisc.attach.error.missing', 'attachment'))
      const [{ n } = { n: 0 }] = await tx
        .select({ n: count() })
        .from(antidiscAttachments)
        .where(eq(antidiscAttachments.reportId, reportId))
      if (n >= MAX_ATTACHMENTS)
        throw new Refused(refuse('antidisc.attach.error.tooMany', 'attachment', { max: MAX_ATTACHMENTS }))
      const box = openCaseKey(deps.keyRing, report)
      const id = randomUUID()
      const name = safeFileName(file.fileName.replace(/\.[^.]*$/, '') || 'anhang', clean.extension)
      await tx.insert(antidiscAttachments).values({
        id,
        reportId,
        mediaType: clean.mediaType,
        size: clean.bytes.length,
        nameSealed: box.seal(`attachment-name:${id}`, name),
        bytesSealed: box.seal(`attachment:${id}`, clean.bytes),
      })
      await writeAudit(tx, REPORTER, {
        action: 'antidisc.attachment.add',
        entityType: 'antidisc_report',
        entityId: reportId,
        summary: { attachmentId: id, mediaType: clean.mediaType, size: clean.bytes.length },
      })
      return id
    })
  })
}

/**
 * A counsellor of the owning centre downloads an attachment: opened with the report's key, the read
 * audited in the same transaction. Null (404) for anyone else or an unknown file.
 */
export async function readAttachment(
  deps: AppDeps,
  who: Who,
  actor: Actor,
  reportId: string,
  attachmentId: string,
): Promise<{ name: string; mediaType: string; bytes: Buffer } | null> {
  return inTransaction(deps.db, async (tx) => {
    const report = await reportById(tx, reportId)
    const centreId = who.id ? await centreOfCounsellor(tx, who.id) : null
    if (!report || !mayReadReport(who, centreId, report)) return null
    const [row] = await tx.select().from(antidiscAttachments).where(eq(antidiscAttachments.id, attachmentId))
    if (!row || row.reportId !== report.id) return null
    const box = openCaseKey(deps.keyRing, report)
    const bytes = box.openBytes(`attachment:${row.id}`, row.bytesSealed)
    await writeAudit(tx, actor, {
      action: 'antidisc.attachment.read',
      entityType: 'antidisc_report',
      entityId: report.id,
      summary: { attachmentId: row.id },
    })
    return { name: box.open(`attachment-name:${row.id}`, row.nameSealed), mediaType: row.mediaType, bytes }
  })
}

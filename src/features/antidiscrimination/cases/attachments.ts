import { randomUUID } from 'node:crypto'
import { and, asc, count, eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { detectType, safeFileName } from '../../../platform/files'
import { type Outcome, Refused, refusable, refuse } from '../../../platform/outcome'
import type { Who } from '../../../platform/policy'
import { centreOfCounsellor } from '../network/find-network'
import { mayEditCase, mayReadReport } from '../policies'
import { REPORTER } from '../reporting/submit-report'
import { antidiscAttachments } from '../tables'
import { type CaseBox, openCaseKey } from './case-crypto'
import { type ReportRow, reportById } from './conversation'

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
  readonly author: 'reporter' | 'counsellor'
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
  // sharp (libvips) is loaded by the first image, not by every start.
  const { default: sharp } = await import('sharp')
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

/** The files of a report, oldest first; only the reporter's own when `author` says so. */
export async function attachmentsOf(
  db: Db,
  box: CaseBox,
  reportId: string,
  author?: 'reporter' | 'counsellor',
): Promise<AttachmentEntry[]> {
  const rows = await db
    .select({
      id: antidiscAttachments.id,
      author: antidiscAttachments.author,
      nameSealed: antidiscAttachments.nameSealed,
      mediaType: antidiscAttachments.mediaType,
      size: antidiscAttachments.size,
      createdAt: antidiscAttachments.createdAt,
    })
    .from(antidiscAttachments)
    .where(
      author
        ? and(eq(antidiscAttachments.reportId, reportId), eq(antidiscAttachments.author, author))
        : eq(antidiscAttachments.reportId, reportId),
    )
    .orderBy(asc(antidiscAttachments.createdAt))
  return rows.map(({ nameSealed, ...r }) => ({ ...r, name: box.open(`attachment-name:${r.id}`, nameSealed) }))
}

type UploadedFile =
  | { readonly fileName: string; readonly bytes: Buffer; readonly truncated: boolean }
  | undefined

/** Type and size checked, images cleaned; refused next to the field `attachment`. */
async function checkedFile(file: UploadedFile) {
  if (!file || (file.bytes.length === 0 && !file.truncated))
    throw new Refused(refuse('antidisc.attach.error.missing', 'attachment'))
  if (file.truncated || file.bytes.length > MAX_ATTACHMENT_BYTES)
    throw new Refused(
      refuse('antidisc.attach.error.size', 'attachment', { mb: MAX_ATTACHMENT_BYTES / 1024 / 1024 }),
    )
  const clean = await cleanAttachment(file.bytes)
  if (!clean) throw new Refused(refuse('antidisc.attach.error.type', 'attachment'))
  return { ...clean, fileName: file.fileName }
}

/** Stores a checked file sealed with the report's key (inside the caller's transaction). */
async function storeFile(
  tx: Db,
  deps: AppDeps,
  report: ReportRow,
  clean: Awaited<ReturnType<typeof checkedFile>>,
  by: { author: 'reporter' | 'counsellor'; userId: string | null },
): Promise<string> {
  const box = openCaseKey(deps.keyRing, report)
  const id = randomUUID()
  const name = safeFileName(clean.fileName.replace(/\.[^.]*$/, '') || 'anhang', clean.extension)
  await tx.insert(antidiscAttachments).values({
    id,
    reportId: report.id,
    author: by.author,
    userId: by.userId,
    mediaType: clean.mediaType,
    size: clean.bytes.length,
    nameSealed: box.seal(`attachment-name:${id}`, name),
    bytesSealed: box.seal(`attachment:${id}`, clean.bytes),
  })
  return id
}

/** How many documents the counsellors may add to one case file. */
export const MAX_DOCUMENTS = 30

/**
 * A counsellor of the owning centre adds a document to the case file (a letter, a memory protocol,
 * a reply): checked and sealed like the reporter's files, audited. Null (404) for anyone else.
 */
export async function addCounsellorDocument(
  deps: AppDeps,
  who: Who,
  actor: Actor,
  reportId: string,
  file: UploadedFile,
): Promise<Outcome<string> | null> {
  const report = await reportById(deps.db, reportId)
  const centreId = who.id ? await centreOfCounsellor(deps.db, who.id) : null
  if (!report || !mayEditCase(who, centreId, report)) return null
  return refusable(async () => {
    const clean = await checkedFile(file)
    return inTransaction(deps.db, async (tx) => {
      const [{ n } = { n: 0 }] = await tx
        .select({ n: count() })
        .from(antidiscAttachments)
        .where(and(eq(antidiscAttachments.reportId, reportId), eq(antidiscAttachments.author, 'counsellor')))
      if (n >= MAX_DOCUMENTS)
        throw new Refused(refuse('antidisc.attach.error.tooMany', 'attachment', { max: MAX_DOCUMENTS }))
      const id = await storeFile(tx, deps, report, clean, { author: 'counsellor', userId: who.id })
      await writeAudit(tx, actor, {
        action: 'antidisc.document.add',
        entityType: 'antidisc_report',
        entityId: reportId,
        summary: { attachmentId: id, mediaType: clean.mediaType, size: clean.bytes.length },
      })
      return id
    })
  })
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
    const clean = await checkedFile(file)
    return inTransaction(deps.db, async (tx) => {
      const report = await reportById(tx, reportId)
      if (!report || report.anonymisedAt)
        throw new Refused(refuse('antidisc.attach.error.missing', 'attachment'))
      const [{ n } = { n: 0 }] = await tx
        .select({ n: count() })
        .from(antidiscAttachments)
        .where(and(eq(antidiscAttachments.reportId, reportId), eq(antidiscAttachments.author, 'reporter')))
      if (n >= MAX_ATTACHMENTS)
        throw new Refused(refuse('antidisc.attach.error.tooMany', 'attachment', { max: MAX_ATTACHMENTS }))
      const id = await storeFile(tx, deps, report, clean, { author: 'reporter', userId: null })
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

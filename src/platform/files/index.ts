import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { fileTypeFromBuffer } from 'file-type'
import type { Db } from '../db'
import { storedFiles } from './tables'

/** Media types by purpose; features pass one of these lists (or their own) when storing. */
export const MEDIA_TYPES = {
  documents: [
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
  ],
  images: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
} as const

export type StoreResult =
  | { ok: true; id: string; mediaType: string; size: number; sha256: string }
  | { ok: false; error: 'too_large' | 'forbidden_type' | 'empty'; mediaType?: string }

export interface DetectedType {
  mediaType: string
  extension: string
}

/** Determines the type from the bytes alone; the file name is never trusted. */
export async function detectType(bytes: Uint8Array): Promise<DetectedType | null> {
  const found = await fileTypeFromBuffer(bytes)
  if (found) return { mediaType: found.mime, extension: found.ext }
  // Plain text has no magic number: accept valid UTF-8 without control characters.
  const sample = bytes.subarray(0, 64 * 1024)
  if (sample.includes(0)) return null
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample)
    return { mediaType: 'text/plain', extension: 'txt' }
  } catch {
    return null
  }
}

/**
 * Uploads stored under DATA_DIR/files by SHA-256 (identical files are kept once), with their
 * metadata in the database. The caller decides the allowed types and passes its transaction.
 */
export class FileStore {
  constructor(
    private readonly root: string,
    readonly maxBytes: number,
  ) {}

  private pathFor(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256)
  }

  async store(
    tx: Db,
    input: { bytes: Uint8Array; originalName: string; createdBy: string | null },
    allowed: readonly string[],
  ): Promise<StoreResult> {
    if (input.bytes.length === 0) return { ok: false, error: 'empty' }
    if (input.bytes.length > this.maxBytes) return { ok: false, error: 'too_large' }
    const type = await detectType(input.bytes)
    if (!type || !allowed.includes(type.mediaType)) {
      return { ok: false, error: 'forbidden_type', ...(type ? { mediaType: type.mediaType } : {}) }
    }
    const sha256 = createHash('sha256').update(input.bytes).digest('hex')
    const target = this.pathFor(sha256)
    const exists = await stat(target).then(
      () => true,
      () => false,
    )
    if (!exists) {
      await mkdir(path.dirname(target), { recursive: true })
      const tmp = `${target}.${process.pid}.${Date.now()}.tmp`
      await writeFile(tmp, input.bytes)
      await rename(tmp, target)
    }
    const [row] = await tx
      .insert(storedFiles)
      .values({
        sha256,
        size: input.bytes.length,
        mediaType: type.mediaType,
        extension: type.extension,
        originalName: safeFileName(input.originalName, type.extension),
        createdBy: input.createdBy,
      })
      .returning({ id: storedFiles.id })
    return { ok: true, id: row!.id, mediaType: type.mediaType, size: input.bytes.length, sha256 }
  }

  async meta(db: Db, id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null
    const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, id))
    return row ?? null
  }

  read(sha256: string): Promise<Buffer> {
    return readFile(this.pathFor(sha256))
  }
}

/** A download name without path parts or control characters, ending in the detected extension. */
export function safeFileName(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 150)
  const stem = base.replace(/\.[^.]*$/, '') || 'datei'
  return `${stem}.${extension}`
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(fileName: string, inline = false): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/[\\"]/g, '_')
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

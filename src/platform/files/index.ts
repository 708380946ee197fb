import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { asc, eq, sql } from 'drizzle-orm'
import { fileTypeFromBuffer } from 'file-type'
import type { Permission } from '../auth/permissions'
import type { Db } from '../db'
import type { CurrentUser } from '../http/context'
import { isUuid } from '../ids'
import { storedFileChunks, storedFiles } from './tables'

export type StoredFile = typeof storedFiles.$inferSelect

/** Who asks for a download: the signed-in person (or null) and their permission check. */
export interface FileRequester {
  readonly user: CurrentUser | null
  can(permission: Permission): boolean
}

/**
 * Decides whether `who` may download `file`. The feature that owns the file declares one per
 * owner key in `Feature.files`; it may look at its own tables (e.g. "is the press release this
 * attachment belongs to published?").
 */
export type CanDownload = (who: FileRequester, file: StoredFile, db: Db) => boolean | Promise<boolean>

/** For files meant for everyone (e.g. attachments of published pages). Must be chosen explicitly. */
export const anyone: CanDownload = () => true

/** Builds a rule from a permission: only signed-in people holding it may download. */
export function withPermission(permission: Permission): CanDownload {
  return (who) => who.user !== null && who.can(permission)
}

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
    // stream: a character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: bytes.length > sample.length })
    return { mediaType: 'text/plain', extension: 'txt' }
  } catch {
    return null
  }
}

/** The largest piece of a file kept in one row of stored_file_chunks. */
export const FILE_CHUNK_BYTES = 1024 * 1024

/**
 * Uploads stored in the database by SHA-256 (identical files are kept once), the bytes in chunks of
 * FILE_CHUNK_BYTES beside their metadata, so every app node serves every file with no shared disk
 * (docs/decisions/files-in-postgresql.md). The caller decides the allowed types and passes its
 * transaction: the bytes are written exactly when the change that stores them is committed.
 *
 * Access: every stored file has an owner key, and each owner key has exactly one download rule,
 * declared by the owning feature in `Feature.files` (registered by createDeps). Nothing is public
 * by default: storing under an undeclared owner throws, and a file whose owner has no rule (e.g. the
 * feature was removed) cannot be downloaded. The download route is GET /dateien/:id/:name.
 */
export class FileStore {
  private readonly rules = new Map<string, CanDownload>()

  constructor(
    private readonly db: Db,
    readonly maxBytes: number,
  ) {}

  /** Declares the download rule of an owner key; called by createDeps from Feature.files. */
  declareOwner(owner: string, canDownload: CanDownload): void {
    if (this.rules.has(owner)) throw new Error(`File owner declared twice: ${owner}`)
    this.rules.set(owner, canDownload)
  }

  /** False for unknown owners: a file nobody declared is never handed out. */
  async mayDownload(who: FileRequester, file: StoredFile, db: Db): Promise<boolean> {
    const rule = this.rules.get(file.owner)
    return rule ? (await rule(who, file, db)) === true : false
  }

  async store(
    tx: Db,
    input: { bytes: Uint8Array; originalName: string; createdBy: string | null; owner: string },
    allowed: readonly string[],
  ): Promise<StoreResult> {
    if (!this.rules.has(input.owner)) {
      throw new Error(`Undeclared file owner ${input.owner}: declare it in the feature's \`files\``)
    }
    if (input.bytes.length === 0) return { ok: false, error: 'empty' }
    if (input.bytes.length > this.maxBytes) return { ok: false, error: 'too_large' }
    const type = await detectType(input.bytes)
    if (!type || !allowed.includes(type.mediaType)) {
      return { ok: false, error: 'forbidden_type', ...(type ? { mediaType: type.mediaType } : {}) }
    }
    const sha256 = createHash('sha256').update(input.bytes).digest('hex')
    await writeChunks(tx, sha256, input.bytes)
    const [row] = await tx
      .insert(storedFiles)
      .values({
        sha256,
        owner: input.owner,
        size: input.bytes.length,
        mediaType: type.mediaType,
        extension: type.extension,
        originalName: safeFileName(input.originalName, type.extension),
        createdBy: input.createdBy,
      })
      .returning({ id: storedFiles.id })
    return { ok: true, id: row!.id, mediaType: type.mediaType, size: input.bytes.length, sha256 }
  }

  async meta(db: Db, id: string): Promise<StoredFile | null> {
    if (!isUuid(id)) return null
    const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, id))
    return row ?? null
  }

  /** The bytes of a stored file, put together from its chunks; throws when there are none. */
  async read(sha256: string): Promise<Buffer> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a SHA-256')
    const rows = await this.db
      .select({ bytes: storedFileChunks.bytes })
      .from(storedFileChunks)
      .where(eq(storedFileChunks.sha256, sha256))
      .orderBy(asc(storedFileChunks.seq))
    if (rows.length === 0) throw new Error(`stored file ${sha256} has no bytes in the database`)
    return rows.length === 1 ? rows[0]!.bytes : Buffer.concat(rows.map((r) => r.bytes))
  }
}

/**
 * Writes the chunks of a file unless they are there (content-addressed: the same hash is the same
 * bytes). Two transactions storing the same new file at once both insert; the second waits on the
 * first's primary key and then does nothing.
 */
async function writeChunks(tx: Db, sha256: string, bytes: Uint8Array): Promise<void> {
  const [have] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(storedFileChunks)
    .where(eq(storedFileChunks.sha256, sha256))
  if (Number(have?.n ?? 0) > 0) return
  for (let seq = 0, at = 0; at < bytes.length; seq++, at += FILE_CHUNK_BYTES) {
    const part = Buffer.from(
      bytes.buffer,
      bytes.byteOffset + at,
      Math.min(FILE_CHUNK_BYTES, bytes.length - at),
    )
    await tx.insert(storedFileChunks).values({ sha256, seq, bytes: part }).onConflictDoNothing()
  }
}

/**
 * Moves the bytes of files kept on disk by an older version (DATA_DIR/files/ab/abcd…) into the
 * database: `npm run cli -- files-to-database`. Only files whose hash a stored_files row names and
 * whose content matches their name are taken; it can run again (what is there already is skipped).
 */
export async function importFilesFromDirectory(
  db: Db,
  root: string,
): Promise<{ imported: number; present: number; unknown: number; corrupt: number; missing: number }> {
  const wanted = new Set(
    (await db.selectDistinct({ sha256: storedFiles.sha256 }).from(storedFiles)).map((r) => r.sha256),
  )
  const have = new Set(
    (await db.selectDistinct({ sha256: storedFileChunks.sha256 }).from(storedFileChunks)).map(
      (r) => r.sha256,
    ),
  )
  const out = { imported: 0, present: 0, unknown: 0, corrupt: 0, missing: 0 }
  const names = await readdir(root, { recursive: true }).catch(() => [] as string[])
  const seen = new Set<string>()
  for (const name of names) {
    const sha256 = path.basename(name)
    if (!/^[0-9a-f]{64}$/.test(sha256)) continue
    seen.add(sha256)
    if (!wanted.has(sha256)) {
      out.unknown++
      continue
    }
    if (have.has(sha256)) {
      out.present++
      continue
    }
    const bytes = await readFile(path.join(root, name))
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
      out.corrupt++
      continue
    }
    await db.transaction((tx) => writeChunks(tx as unknown as Db, sha256, bytes))
    have.add(sha256)
    out.imported++
  }
  for (const h of wanted) if (!have.has(h) && !seen.has(h)) out.missing++
  return out
}

/** The download address of a stored file (locale-free; the name is for people, the id decides). */
export function fileUrl(file: Pick<StoredFile, 'id' | 'originalName'>): string {
  return `/dateien/${file.id}/${encodeURIComponent(file.originalName)}`
}

/**
 * A download name without path parts, control or reserved characters and leading dots, ending in
 * the detected extension (never the uploaded one: a PDF named "x.png" becomes "x.pdf").
 */
export function safeFileName(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f"*:<>?|]/g, '')
    // Bidirectional overrides could make "rechnung\u202Efdp.exe" look like "rechnungexe.pdf".
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/^[\s.]+/, '')
    .trim()
    .slice(0, 150)
  const stem = base.replace(/\.[^.]*$/, '').replace(/[\s.]+$/, '') || 'datei'
  return `${stem}.${extension}`
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 8187). */
export function contentDisposition(fileName: string, inline = false): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/[\\"%]/g, '_')
  // encodeURIComponent leaves ' ( ) * ! unencoded, but RFC 8187 attr-char does not allow ' ( ) *.
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

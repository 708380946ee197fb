import { createHash } from 'node:crypto'
import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import { type FileStore, MEDIA_TYPES } from '../../../platform/files'
import { storedFiles } from '../../../platform/files/tables'
import { type Outcome, Refused, refusable, refuse } from '../../../platform/outcome'
import { agendaItems, type CouncilFileRole, councilFiles, meetings, papers } from '../tables'

/** Owner keys in the file store; the download rules are declared in feature.ts (files-access.ts). */
export const PAPER_FILE_OWNER = 'councils.paper'
export const MINUTES_FILE_OWNER = 'councils.minutes'

/** PDF, Office/OpenDocument files and images. */
export const COUNCIL_FILE_TYPES: readonly string[] = [...MEDIA_TYPES.documents, ...MEDIA_TYPES.images]

export interface UploadInput {
  role: CouncilFileRole
  /** The name people see; the file name without extension when empty. */
  name?: string | undefined
  fileName: string
  bytes: Buffer
  truncated: boolean
}

/** Checks the upload before any data access: missing, empty or too large never reach the store. */
function precheck(files: FileStore, input: UploadInput | undefined): Outcome<string> | null {
  if (!input || (input.bytes.length === 0 && !input.fileName))
    return refuse('councils.files.error.missing', 'file')
  if (input.truncated || input.bytes.length > files.maxBytes)
    return refuse('councils.files.error.too_large', 'file')
  if (input.bytes.length === 0) return refuse('councils.files.error.empty', 'file')
  return null
}

function displayName(input: UploadInput): string {
  const given = input.name?.trim()
  if (given) return given.slice(0, 200)
  const stem = input.fileName
    .split(/[\\/]/)
    .pop()!
    .replace(/\.[^.]*$/, '')
    .trim()
  return stem.slice(0, 200) || 'Datei'
}

async function storeAndLink(
  tx: Db,
  files: FileStore,
  actor: Actor,
  input: UploadInput,
  owner: string,
  link: { councilId: string; paperId?: string; meetingId?: string },
): Promise<{ id: string; name: string; mediaType: string; size: number }> {
  const existingMain =
    input.role === 'main'
      ? await tx
          .select({ id: councilFiles.id })
          .from(councilFiles)
          .where(
            and(
              link.paperId
                ? eq(councilFiles.paperId, link.paperId)
                : eq(councilFiles.meetingId, link.meetingId!),
              eq(councilFiles.role, 'main'),
              isNull(councilFiles.deletedAt),
            ),
          )
      : []
  if (existingMain.length) throw new Refused(refuse('councils.files.error.mainExists', 'role'))
  const stored = await files.store(
    tx,
    { bytes: input.bytes, originalName: input.fileName || 'datei', createdBy: actor.id, owner },
    COUNCIL_FILE_TYPES,
  )
  if (!stored.ok) throw new Refused(refuse(`councils.files.error.${stored.error}`, 'file'))
  const name = displayName(input)
  const [row] = await tx
    .insert(councilFiles)
    .values({
      fileId: stored.id,
      councilId: link.councilId,
      paperId: link.paperId ?? null,
      meetingId: link.meetingId ?? null,
      role: input.role,
      name,
      sha512: createHash('sha512').update(input.bytes).digest('hex'),
    })
    .returning({ id: councilFiles.id })
  return { id: row!.id, name, mediaType: stored.mediaType, size: stored.size }
}

/**
 * A paper is published once it went out with an invitation: it (or, for a resolution, the motion
 * it comes from) is on the agenda of a meeting that was invited to or held. Its files are final then:
 * further attachments may be added, none removed.
 */
export async function paperPublished(db: Db, paper: typeof papers.$inferSelect): Promise<boolean> {
  const ids = [
    paper.id,
    ...(paper.kind === 'resolution' && paper.relatedPaperId ? [paper.relatedPaperId] : []),
  ]
  const rows = await db
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(
      and(
        inArray(agendaItems.paperId, ids),
        isNull(agendaItems.deletedAt),
        isNull(meetings.deletedAt),
        inArray(meetings.state, ['invited', 'held']),
      ),
    )
    .limit(1)
  return rows.length > 0
}

/** Stores an upload as the main file or an attachment of a paper. */
export async function addPaperFile(
  db: Db,
  files: FileStore,
  actor: Actor,
  paperId: string,
  input: UploadInput | undefined,
): Promise<Outcome<string>> {
  const bad = precheck(files, input)
  if (bad) return bad
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const [paper] = await tx
        .select()
        .from(papers)
        .where(and(eq(papers.id, paperId), isNull(papers.deletedAt)))
        .for('update')
      if (!paper) throw new Refused(refuse('councils.error.notFound'))
      const added = await storeAndLink(tx, files, actor, input!, PAPER_FILE_OWNER, {
        councilId: paper.councilId,
        paperId: paper.id,
      })
      await tx.update(papers).set({ updatedAt: new Date() }).where(eq(papers.id, paper.id))
      await writeAudit(tx, actor, {
        action: 'paper.file.add',
        entityType: 'paper',
        entityId: paper.id,
        summary: {
          file: added.id,
          role: input!.role,
          name: added.name,
          mediaType: added.mediaType,
          size: added.size,
        },
      })
      return added.id
    }),
  )
}

/** Stores an upload as the minutes document or an attachment of a meeting's minutes (before publication). */
export async function addMinutesFile(
  db: Db,
  files: FileStore,
  actor: Actor,
  meetingId: string,
  input: UploadInput | undefined,
): Promise<Outcome<string>> {
  const bad = precheck(files, input)
  if (bad) return bad
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const [m] = await tx
        .select()
        .from(meetings)
        .where(and(eq(meetings.id, meetingId), isNull(meetings.deletedAt)))
        .for('update')
      if (!m) throw new Refused(refuse('councils.error.notFound'))
      if (m.state === 'cancelled') throw new Refused(refuse('meetings.error.cancelled'))
      if (m.minutesState === 'published') throw new Refused(refuse('councils.files.error.minutesPublished'))
      const added = await storeAndLink(tx, files, actor, input!, MINUTES_FILE_OWNER, {
        councilId: m.councilId,
        meetingId: m.id,
      })
      await tx.update(meetings).set({ updatedAt: new Date() }).where(eq(meetings.id, m.id))
      await writeAudit(tx, actor, {
        action: 'meeting.minutes.file.add',
        entityType: 'meeting',
        entityId: m.id,
        summary: {
          file: added.id,
          role: input!.role,
          name: added.name,
          mediaType: added.mediaType,
          size: added.size,
        },
      })
      return added.id
    }),
  )
}

/**
 * Removes a file of a paper (until the paper is published) or of a meeting's minutes (until they are
 * published). The row is marked deleted (OParl shows it as deleted); its bytes are no longer served.
 */
export async function removeCouncilFile(
  db: Db,
  actor: Actor,
  target: { paperId: string } | { meetingId: string },
  fileRowId: string,
): Promise<Outcome<string>> {
  return refusable(() =>
    inTransaction(db, async (tx) => {
      const [row] = await tx
        .select()
        .from(councilFiles)
        .where(
          and(
            eq(councilFiles.id, fileRowId),
            'paperId' in target
              ? eq(councilFiles.paperId, target.paperId)
              : eq(councilFiles.meetingId, target.meetingId),
            isNull(councilFiles.deletedAt),
          ),
        )
        .for('update')
      if (!row) throw new Refused(refuse('councils.error.notFound'))
      const now = new Date()
      if (row.paperId) {
        const [paper] = await tx.select().from(papers).where(eq(papers.id, row.paperId))
        if (!paper || paper.deletedAt) throw new Refused(refuse('councils.error.notFound'))
        if (await paperPublished(tx, paper)) throw new Refused(refuse('councils.files.error.paperPublished'))
        await tx.update(papers).set({ updatedAt: now }).where(eq(papers.id, paper.id))
      } else {
        const [m] = await tx.select().from(meetings).where(eq(meetings.id, row.meetingId!))
        if (!m || m.deletedAt) throw new Refused(refuse('councils.error.notFound'))
        if (m.minutesState === 'published') throw new Refused(refuse('councils.files.error.minutesPublished'))
        await tx.update(meetings).set({ updatedAt: now }).where(eq(meetings.id, m.id))
      }
      await tx.update(councilFiles).set({ deletedAt: now, updatedAt: now }).where(eq(councilFiles.id, row.id))
      await writeAudit(tx, actor, {
        action: row.paperId ? 'paper.file.remove' : 'meeting.minutes.file.remove',
        entityType: row.paperId ? 'paper' : 'meeting',
        entityId: (row.paperId ?? row.meetingId)!,
        summary: { file: row.id, role: row.role, name: row.name },
      })
      return row.id
    }),
  )
}

/** The live files of papers or of a meeting's minutes, main files first, then by upload time. */
async function liveFiles(db: Db, where: SQL) {
  const rows = await db
    .select({
      id: councilFiles.id,
      fileId: councilFiles.fileId,
      paperId: councilFiles.paperId,
      role: councilFiles.role,
      name: councilFiles.name,
      createdAt: councilFiles.createdAt,
      fileName: storedFiles.originalName,
      mediaType: storedFiles.mediaType,
      extension: storedFiles.extension,
      size: storedFiles.size,
    })
    .from(councilFiles)
    .innerJoin(storedFiles, eq(storedFiles.id, councilFiles.fileId))
    .where(and(where, isNull(councilFiles.deletedAt)))
    .orderBy(asc(councilFiles.createdAt), asc(councilFiles.id))
  return [...rows.filter((r) => r.role === 'main'), ...rows.filter((r) => r.role !== 'main')]
}

/** The live files of a paper or of a meeting's minutes, main file first. */
export function filesOf(db: Db, target: { paperId: string } | { meetingId: string }) {
  return liveFiles(
    db,
    'paperId' in target
      ? eq(councilFiles.paperId, target.paperId)
      : eq(councilFiles.meetingId, target.meetingId),
  )
}

/** The live files of several papers, by paper id. */
export async function filesOfPapers(
  db: Db,
  paperIds: readonly string[],
): Promise<Map<string, CouncilFileRow[]>> {
  const out = new Map<string, CouncilFileRow[]>()
  if (paperIds.length === 0) return out
  for (const row of await liveFiles(db, inArray(councilFiles.paperId, [...paperIds]))) {
    const list = out.get(row.paperId!) ?? []
    list.push(row)
    out.set(row.paperId!, list)
  }
  return out
}

export type CouncilFileRow = Awaited<ReturnType<typeof liveFiles>>[number]

import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import { storedFiles } from '../../platform/files/tables'
import { isUuid } from '../../platform/ids'
import {
  pressAttachments,
  pressContacts,
  pressReleases,
  pressReleaseTopics,
  pressRevisions,
  pressSlugHistory,
  pressTopics,
} from './tables'

export type Release = typeof pressReleases.$inferSelect
export type Topic = typeof pressTopics.$inferSelect
export type Contact = typeof pressContacts.$inferSelect

export interface Attachment {
  id: string
  fileId: string
  title: string
  mediaType: string
  extension: string
  size: number
  fileName: string
}

export interface ReleaseDetail {
  release: Release
  topics: Topic[]
  contact: Contact | null
  attachments: Attachment[]
}

const summaryColumns = {
  id: pressReleases.id,
  slug: pressReleases.slug,
  title: pressReleases.title,
  teaser: pressReleases.teaser,
  readingMinutes: pressReleases.readingMinutes,
  publishedAt: pressReleases.publishedAt,
  updatedAt: pressReleases.updatedAt,
}
export type ReleaseSummary = {
  id: string
  slug: string
  title: string
  teaser: string
  readingMinutes: number
  publishedAt: Date | null
  updatedAt: Date
}

const isPublished = eq(pressReleases.status, 'published')
const yearOf = sql`extract(year from ${pressReleases.publishedAt} at time zone 'Europe/Berlin')::int`

export async function listTopics(db: Db): Promise<Topic[]> {
  return db.select().from(pressTopics).orderBy(asc(pressTopics.name))
}

export async function topicBySlug(db: Db, slug: string): Promise<Topic | null> {
  const [t] = await db.select().from(pressTopics).where(eq(pressTopics.slug, slug))
  return t ?? null
}

export async function listContacts(db: Db): Promise<Contact[]> {
  return db.select().from(pressContacts).orderBy(asc(pressContacts.name))
}

export async function contactById(db: Db, id: string): Promise<Contact | null> {
  if (!isUuid(id)) return null
  const [c] = await db.select().from(pressContacts).where(eq(pressContacts.id, id))
  return c ?? null
}

/** Published releases, newest first, optionally of one topic and one year (Berlin time). */
export async function listPublished(
  db: Db,
  filter: { topicId?: string | undefined; year?: number | undefined; limit: number; offset: number },
): Promise<{ rows: ReleaseSummary[]; total: number }> {
  const where: SQL[] = [isPublished]
  if (filter.year) where.push(sql`${yearOf} = ${filter.year}`)
  if (filter.topicId) {
    where.push(
      sql`exists (select 1 from ${pressReleaseTopics} where ${pressReleaseTopics.releaseId} = ${pressReleases.id} and ${pressReleaseTopics.topicId} = ${filter.topicId})`,
    )
  }
  const cond = and(...where)
  const rows = await db
    .select(summaryColumns)
    .from(pressReleases)
    .where(cond)
    .orderBy(desc(pressReleases.publishedAt), desc(pressReleases.id))
    .limit(filter.limit)
    .offset(filter.offset)
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(pressReleases).where(cond)
  return { rows, total: Number(count?.n ?? 0) }
}

/** Years that have published releases, newest first. */
export async function publishedYears(db: Db): Promise<number[]> {
  const rows = await db
    .selectDistinct({ y: sql<number>`${yearOf}` })
    .from(pressReleases)
    .where(isPublished)
  return rows.map((r) => Number(r.y)).sort((a, b) => b - a)
}

async function detailOf(db: Db, release: Release): Promise<ReleaseDetail> {
  const topics = await db
    .select({ t: pressTopics })
    .from(pressReleaseTopics)
    .innerJoin(pressTopics, eq(pressTopics.id, pressReleaseTopics.topicId))
    .where(eq(pressReleaseTopics.releaseId, release.id))
    .orderBy(asc(pressTopics.name))
  const contact = release.contactId ? await contactById(db, release.contactId) : null
  const attachments = await db
    .select({
      id: pressAttachments.id,
      fileId: pressAttachments.fileId,
      title: pressAttachments.title,
      mediaType: storedFiles.mediaType,
      extension: storedFiles.extension,
      size: storedFiles.size,
      fileName: storedFiles.originalName,
    })
    .from(pressAttachments)
    .innerJoin(storedFiles, eq(storedFiles.id, pressAttachments.fileId))
    .where(eq(pressAttachments.releaseId, release.id))
    .orderBy(asc(pressAttachments.position))
  return {
    release,
    topics: topics.map((r) => r.t),
    contact,
    attachments: attachments.map((a) => ({ ...a, size: Number(a.size) })),
  }
}

export type PublicLookup =
  | { kind: 'found'; detail: ReleaseDetail }
  | { kind: 'moved'; slug: string }
  | { kind: 'missing' }

/** A published release by its slug, or where a former slug now points. */
export async function findPublishedBySlug(db: Db, slug: string): Promise<PublicLookup> {
  const [release] = await db
    .select()
    .from(pressReleases)
    .where(and(eq(pressReleases.slug, slug), isPublished))
  if (release) return { kind: 'found', detail: await detailOf(db, release) }
  const [moved] = await db
    .select({ slug: pressReleases.slug })
    .from(pressSlugHistory)
    .innerJoin(pressReleases, eq(pressReleases.id, pressSlugHistory.releaseId))
    .where(and(eq(pressSlugHistory.slug, slug), isPublished))
  return moved ? { kind: 'moved', slug: moved.slug } : { kind: 'missing' }
}

/** Any release by slug, for staff (drafts and previews). */
export async function findAnyBySlug(db: Db, slug: string): Promise<ReleaseDetail | null> {
  const [release] = await db.select().from(pressReleases).where(eq(pressReleases.slug, slug))
  return release ? detailOf(db, release) : null
}

export async function findById(db: Db, id: string): Promise<ReleaseDetail | null> {
  if (!isUuid(id)) return null
  const [release] = await db.select().from(pressReleases).where(eq(pressReleases.id, id))
  return release ? detailOf(db, release) : null
}

/** Every release for the press office, most recently changed first. */
export async function listAllReleases(db: Db) {
  return db
    .select({
      id: pressReleases.id,
      slug: pressReleases.slug,
      title: pressReleases.title,
      status: pressReleases.status,
      publishAt: pressReleases.publishAt,
      publishedAt: pressReleases.publishedAt,
      updatedAt: pressReleases.updatedAt,
    })
    .from(pressReleases)
    .orderBy(desc(pressReleases.updatedAt))
    .limit(500)
}

export async function listRevisions(db: Db, releaseId: string) {
  return db
    .select({
      id: pressRevisions.id,
      version: pressRevisions.version,
      createdByLabel: pressRevisions.createdByLabel,
      createdAt: pressRevisions.createdAt,
    })
    .from(pressRevisions)
    .where(eq(pressRevisions.releaseId, releaseId))
    .orderBy(desc(pressRevisions.version))
}

export async function revisionById(db: Db, releaseId: string, revisionId: string) {
  if (!isUuid(releaseId) || !isUuid(revisionId)) return null
  const [rev] = await db
    .select()
    .from(pressRevisions)
    .where(and(eq(pressRevisions.id, revisionId), eq(pressRevisions.releaseId, releaseId)))
  return rev ?? null
}

/** Attachment file of a release (for the download route). */
export async function attachmentFile(db: Db, releaseId: string, fileId: string) {
  if (!isUuid(fileId)) return null
  const [a] = await db
    .select({ id: pressAttachments.id })
    .from(pressAttachments)
    .where(and(eq(pressAttachments.releaseId, releaseId), eq(pressAttachments.fileId, fileId)))
  return a ?? null
}

/** True when the stored file is attached to at least one published release (the download rule). */
export async function attachedToPublished(db: Db, fileId: string): Promise<boolean> {
  const [a] = await db
    .select({ id: pressAttachments.id })
    .from(pressAttachments)
    .innerJoin(pressReleases, eq(pressReleases.id, pressAttachments.releaseId))
    .where(and(eq(pressAttachments.fileId, fileId), isPublished))
    .limit(1)
  return !!a
}

/** Topics of several releases at once (feeds). */
export async function topicsOf(db: Db, releaseIds: string[]): Promise<Map<string, Topic[]>> {
  const out = new Map<string, Topic[]>()
  if (releaseIds.length === 0) return out
  const rows = await db
    .select({ releaseId: pressReleaseTopics.releaseId, t: pressTopics })
    .from(pressReleaseTopics)
    .innerJoin(pressTopics, eq(pressTopics.id, pressReleaseTopics.topicId))
    .where(inArray(pressReleaseTopics.releaseId, releaseIds))
  for (const r of rows) out.set(r.releaseId, [...(out.get(r.releaseId) ?? []), r.t])
  return out
}

/** Releases for a feed: newest 50, with the full HTML. */
export async function feedEntries(db: Db, topicId?: string) {
  const where: SQL[] = [isPublished]
  if (topicId) {
    where.push(
      sql`exists (select 1 from ${pressReleaseTopics} where ${pressReleaseTopics.releaseId} = ${pressReleases.id} and ${pressReleaseTopics.topicId} = ${topicId})`,
    )
  }
  return db
    .select()
    .from(pressReleases)
    .where(and(...where))
    .orderBy(desc(pressReleases.publishedAt))
    .limit(50)
}

/** Every published release's slug and change date (sitemap). */
export async function sitemapEntries(db: Db) {
  return db
    .select({ slug: pressReleases.slug, updatedAt: pressReleases.updatedAt })
    .from(pressReleases)
    .where(isPublished)
    .orderBy(desc(pressReleases.publishedAt))
    .limit(50000)
}

/** How many releases are in each state (for the staff desk). */
export async function countByStatus(db: Db): Promise<Partial<Record<Release['status'], number>>> {
  const rows = await db
    .select({ status: pressReleases.status, n: sql<number>`count(*)::int` })
    .from(pressReleases)
    .groupBy(pressReleases.status)
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
}

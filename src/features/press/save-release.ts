import { and, eq, inArray, ne } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import type { MessageKey } from '../../platform/i18n'
import { isUuid } from '../../platform/ids'
import { FORM, notFound, type Outcome, ok, type Refusal, refuse, refuseAll } from '../../platform/outcome'
import { pageCache } from './cache'
import { htmlToText, renderMarkdown } from './markdown'
import {
  pressContacts,
  pressReleases,
  pressReleaseTopics,
  pressRevisions,
  pressSlugHistory,
  pressTopics,
  type ReleaseSnapshot,
} from './tables'
import { readingMinutes, slugify, slugProblem, teaserOf } from './text'

export interface ReleaseInput {
  title: string
  subtitle?: string | undefined
  /** Empty: derived from the title. */
  slug?: string | undefined
  /** Empty: the first sentences of the body. */
  teaser?: string | undefined
  dateline?: string | undefined
  body: string
  contactId?: string | undefined
  topicIds?: readonly string[] | undefined
}

export type ReleaseField = 'title' | 'slug' | 'body' | 'contactId' | 'topicIds'
export type ReleaseError =
  | 'required'
  | 'slug_taken'
  | 'slug_too_long'
  | 'slug_pattern'
  | 'slug_reserved'
  | 'unknown_contact'
  | 'unknown_topic'

export type SaveReleaseResult = Outcome<{ id: string; slug: string }>

/** The message of a field's error. */
export function releaseErrorKey(field: ReleaseField, code: ReleaseError): MessageKey {
  if (code === 'required') return field === 'title' ? 'press.error.titleRequired' : 'press.error.bodyRequired'
  return `press.error.${code}`
}

function refusal(errors: Partial<Record<ReleaseField, ReleaseError>>): Refusal {
  return refuseAll(
    Object.entries(errors).map(([field, code]) => ({
      field,
      key: releaseErrorKey(field as ReleaseField, code),
    })),
  )
}

/**
 * The refusal when someone saved the release after the editor was opened (version check): nothing
 * was changed; its `version` parameter is the release's current version.
 */
export const STALE = 'press.error.stale' satisfies MessageKey

/** The current version named by a stale refusal, or null when the outcome is something else. */
export function staleVersion(outcome: SaveReleaseResult): number | null {
  if (outcome.ok) return null
  const version = outcome.problems.find((p) => p.key === STALE)?.params?.version
  return typeof version === 'number' ? version : null
}

function actorId(actor: Actor): string | null {
  return actor.id
}

/** Finds a free slug for a derived one: base, base-2, base-3 … */
async function freeSlug(tx: Db, base: string, exceptId: string | null): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base.slice(0, 95)}-${n}`
    if (!(await slugTaken(tx, candidate, exceptId)) && !slugProblem(candidate)) return candidate
  }
  return `${base.slice(0, 80)}-${Date.now()}`
}

async function slugTaken(tx: Db, slug: string, exceptId: string | null): Promise<boolean> {
  const rows = await tx
    .select({ id: pressReleases.id })
    .from(pressReleases)
    .where(
      exceptId
        ? and(eq(pressReleases.slug, slug), ne(pressReleases.id, exceptId))
        : eq(pressReleases.slug, slug),
    )
  if (rows.length > 0) return true
  const old = await tx
    .select({ releaseId: pressSlugHistory.releaseId })
    .from(pressSlugHistory)
    .where(eq(pressSlugHistory.slug, slug))
  // A former slug of another release keeps redirecting there; it is not free.
  return old.some((o) => o.releaseId !== exceptId)
}

interface Prepared {
  values: {
    title: string
    subtitle: string | null
    teaser: string
    dateline: string | null
    body: string
    bodyHtml: string
    plainText: string
    readingMinutes: number
    contactId: string | null
  }
  topicIds: string[]
}

async function prepare(
  tx: Db,
  input: ReleaseInput,
): Promise<{ ok: true; p: Prepared } | { ok: false; errors: Partial<Record<ReleaseField, ReleaseError>> }> {
  const errors: Partial<Record<ReleaseField, ReleaseError>> = {}
  const title = input.title.trim()
  const body = input.body.replace(/\r\n/g, '\n').trim()
  if (!title) errors.title = 'required'
  if (!body) errors.body = 'required'
  const contactId = input.contactId || null
  // Not a uuid: unknown, before PostgreSQL refuses the comparison with a uuid column.
  if (contactId && !isUuid(contactId)) errors.contactId = 'unknown_contact'
  else if (contactId) {
    const [c] = await tx
      .select({ id: pressContacts.id })
      .from(pressContacts)
      .where(eq(pressContacts.id, contactId))
    if (!c) errors.contactId = 'unknown_contact'
  }
  const topicIds = [...new Set(input.topicIds ?? [])]
  if (topicIds.some((topicId) => !isUuid(topicId))) errors.topicIds = 'unknown_topic'
  else if (topicIds.length > 0) {
    const found = await tx
      .select({ id: pressTopics.id })
      .from(pressTopics)
      .where(inArray(pressTopics.id, topicIds))
    if (found.length !== topicIds.length) errors.topicIds = 'unknown_topic'
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const bodyHtml = renderMarkdown(body)
  const plainText = htmlToText(bodyHtml)
  const dateline = input.dateline?.trim().replace(/\.$/, '') || null
  return {
    ok: true,
    p: {
      values: {
        title,
        subtitle: input.subtitle?.trim() || null,
        teaser: input.teaser?.trim() || teaserOf(plainText),
        dateline,
        body,
        bodyHtml,
        plainText,
        readingMinutes: readingMinutes(plainText),
        contactId,
      },
      topicIds,
    },
  }
}

function snapshotOf(p: Prepared, slug: string): ReleaseSnapshot {
  return {
    title: p.values.title,
    subtitle: p.values.subtitle,
    slug,
    teaser: p.values.teaser,
    dateline: p.values.dateline,
    body: p.values.body,
    contactId: p.values.contactId,
    topicIds: p.topicIds,
  }
}

/** Checks an explicitly typed slug; returns the error or null. */
async function explicitSlugError(
  tx: Db,
  slug: string,
  exceptId: string | null,
): Promise<ReleaseError | null> {
  const problem = slugProblem(slug)
  if (problem === 'too_long') return 'slug_too_long'
  if (problem === 'pattern') return 'slug_pattern'
  if (problem === 'reserved') return 'slug_reserved'
  if (await slugTaken(tx, slug, exceptId)) return 'slug_taken'
  return null
}

/** Creates a draft (or, for the importer, a published release) with its first revision. */
export async function createRelease(
  db: Db,
  actor: Actor,
  input: ReleaseInput,
  options: { publish?: boolean; publishedAt?: Date } = {},
): Promise<SaveReleaseResult> {
  const result = await inTransaction(db, async (tx): Promise<SaveReleaseResult> => {
    const prepared = await prepare(tx, input)
    const explicit = input.slug?.trim().toLowerCase()
    const slugError = explicit ? await explicitSlugError(tx, explicit, null) : null
    if (!prepared.ok || slugError)
      return refusal({ ...(prepared.ok ? {} : prepared.errors), ...(slugError ? { slug: slugError } : {}) })
    const { p } = prepared
    const slug = explicit || (await freeSlug(tx, slugify(p.values.title), null))
    const now = new Date()
    const [row] = await tx
      .insert(pressReleases)
      .values({
        ...p.values,
        slug,
        status: options.publish ? 'published' : 'draft',
        publishedAt: options.publish ? (options.publishedAt ?? now) : null,
        createdBy: actorId(actor),
      })
      .returning({ id: pressReleases.id })
    const id = row!.id
    if (p.topicIds.length)
      await tx.insert(pressReleaseTopics).values(p.topicIds.map((topicId) => ({ releaseId: id, topicId })))
    await tx.insert(pressRevisions).values({
      releaseId: id,
      version: 1,
      snapshot: snapshotOf(p, slug),
      createdBy: actorId(actor),
      createdByLabel: actor.label,
    })
    await writeAudit(tx, actor, {
      action: options.publish ? 'press.release.create_published' : 'press.release.create',
      entityType: 'press_release',
      entityId: id,
      summary: { title: p.values.title, slug },
    })
    return ok({ id, slug })
  })
  if (result.ok) await pageCache.invalidate(db)
  return result
}

/**
 * Saves a new version of a release: a new revision, the audit entry and, when the slug changes, the
 * old slug kept for the 301 redirect. When the title changed and the slug was left as it was, the
 * slug follows the title.
 */
export async function updateRelease(
  db: Db,
  actor: Actor,
  id: string,
  input: ReleaseInput,
  options: {
    auditAction?: string
    slugFollowsTitle?: boolean
    auditExtra?: Record<string, unknown>
    /** The version the editor was opened on; a save from another one is refused (lost update). */
    expectedVersion?: number | undefined
  } = {},
): Promise<SaveReleaseResult> {
  const auditAction = options.auditAction ?? 'press.release.update'
  const slugFollowsTitle = options.slugFollowsTitle ?? true
  if (!isUuid(id)) return notFound()
  const result = await inTransaction(db, async (tx): Promise<SaveReleaseResult> => {
    const [current] = await tx.select().from(pressReleases).where(eq(pressReleases.id, id)).for('update')
    if (!current) return notFound()
    if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
      return refuse(STALE, FORM, { version: current.version })
    }
    const prepared = await prepare(tx, input)
    const typed = input.slug?.trim().toLowerCase() || ''
    const titleChanged = prepared.ok && prepared.p.values.title !== current.title
    let slug = current.slug
    let slugError: ReleaseError | null = null
    if (typed && typed !== current.slug) {
      slugError = await explicitSlugError(tx, typed, id)
      slug = typed
    } else if (slugFollowsTitle && titleChanged && prepared.ok) {
      const derived = slugify(prepared.p.values.title)
      if (derived !== current.slug) slug = await freeSlug(tx, derived, id)
    }
    if (!prepared.ok || slugError)
      return refusal({ ...(prepared.ok ? {} : prepared.errors), ...(slugError ? { slug: slugError } : {}) })
    const { p } = prepared
    const version = current.version + 1
    await tx
      .update(pressReleases)
      .set({ ...p.values, slug, version, updatedAt: new Date() })
      .where(eq(pressReleases.id, id))
    if (slug !== current.slug) {
      await tx.delete(pressSlugHistory).where(eq(pressSlugHistory.slug, slug))
      await tx
        .insert(pressSlugHistory)
        .values({ slug: current.slug, releaseId: id })
        .onConflictDoUpdate({ target: pressSlugHistory.slug, set: { releaseId: id } })
    }
    await tx.delete(pressReleaseTopics).where(eq(pressReleaseTopics.releaseId, id))
    if (p.topicIds.length)
      await tx.insert(pressReleaseTopics).values(p.topicIds.map((topicId) => ({ releaseId: id, topicId })))
    await tx.insert(pressRevisions).values({
      releaseId: id,
      version,
      snapshot: snapshotOf(p, slug),
      createdBy: actorId(actor),
      createdByLabel: actor.label,
    })
    const changed = (['title', 'subtitle', 'teaser', 'dateline', 'body', 'contactId'] as const).filter(
      (k) => p.values[k] !== current[k],
    )
    await writeAudit(tx, actor, {
      action: auditAction,
      entityType: 'press_release',
      entityId: id,
      summary: {
        version,
        changed,
        ...options.auditExtra,
        ...(slug !== current.slug ? { slug: { from: current.slug, to: slug } } : {}),
      },
    })
    return ok({ id, slug })
  })
  if (result.ok) await pageCache.invalidate(db)
  return result
}

/** Restores an earlier revision as a new save (topics or a contact deleted since are left out). */
export async function restoreRevision(
  db: Db,
  actor: Actor,
  releaseId: string,
  revisionId: string,
): Promise<SaveReleaseResult> {
  if (!isUuid(releaseId) || !isUuid(revisionId)) return notFound()
  const [rev] = await db
    .select()
    .from(pressRevisions)
    .where(and(eq(pressRevisions.id, revisionId), eq(pressRevisions.releaseId, releaseId)))
  if (!rev) return notFound()
  const s = rev.snapshot
  const topics = s.topicIds.length
    ? await db.select({ id: pressTopics.id }).from(pressTopics).where(inArray(pressTopics.id, s.topicIds))
    : []
  const contact = s.contactId
    ? await db.select({ id: pressContacts.id }).from(pressContacts).where(eq(pressContacts.id, s.contactId))
    : []
  const slugFree = !(await slugTaken(db, s.slug, releaseId))
  const restored = await updateRelease(
    db,
    actor,
    releaseId,
    {
      title: s.title,
      subtitle: s.subtitle ?? undefined,
      slug: slugFree ? s.slug : undefined,
      teaser: s.teaser,
      dateline: s.dateline ?? undefined,
      body: s.body,
      contactId: contact[0]?.id,
      topicIds: topics.map((t) => t.id),
    },
    {
      auditAction: 'press.release.restore',
      slugFollowsTitle: false,
      auditExtra: { restoredVersion: rev.version },
    },
  )
  // A restore does not pass a version, so it is never refused as stale.
  return restored
}

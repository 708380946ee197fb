import { and, asc, count, eq, gte, lte, max, min, type SQL, sql } from 'drizzle-orm'
import { type Db, inTransaction } from '../../platform/db'
import { loadAllBodies, loadBody } from './find-oparl'
import { BODY_LISTS, BodyObjects, type Entry, type OParlUrls } from './objects'
import { oparlEntries, oparlIndexState, oparlVersion } from './tables'

/**
 * The OParl read model (table oparl_entries): lists are paged in the database with a keyset
 * (`(modified, id) > cursor order by modified, id limit n + 1`), so a list request reads its page and
 * a count, never the body's whole data set.
 *
 * The entries of a body are built by objects.ts from the source tables, as before, but only when
 * `oparl_version` has moved on since they were built: every statement that changes one of those
 * tables raises it in its own transaction (migration `*_oparl_index.sql`). The version is read before
 * the data, so entries are never older than the version they are recorded with; a change committed
 * while a body is being built makes the next request build it again. Rebuilds of one body queue on
 * its row in oparl_index_state.
 */

/** The body id under which the list of all bodies is kept. */
export const ALL_BODIES = '00000000-0000-0000-0000-000000000000'

/** The list of the Body object itself (one entry) and of an organisation's meetings. */
export const BODY_ENTRY = 'body'
export const orgMeetingsList = (orgId: string) => `meetings@${orgId}`

type Row = typeof oparlEntries.$inferInsert

function rows(bodyId: string, list: string, entries: readonly Entry[]): Row[] {
  return entries.map((e) => ({
    bodyId,
    list,
    id: e.id,
    createdAt: e.created,
    modifiedAt: e.modified,
    deleted: e.deleted,
    object: JSON.stringify(e.object),
  }))
}

/** Every entry of a body (all its lists), or null when there is no such body. */
async function buildBody(tx: Db, bodyId: string, u: OParlUrls): Promise<Row[] | null> {
  if (bodyId === ALL_BODIES) {
    const worlds = await loadAllBodies(tx)
    return rows(
      ALL_BODIES,
      'bodies',
      worlds.map((w) => new BodyObjects(w, u).bodyOf()),
    )
  }
  const world = await loadBody(tx, bodyId)
  if (!world) return null
  const objects = new BodyObjects(world, u)
  const out = rows(bodyId, BODY_ENTRY, [objects.bodyOf()])
  for (const list of BODY_LISTS) out.push(...rows(bodyId, list, objects.list(list)))
  const prefix = u.object('organization', '')
  for (const org of objects.organizations()) {
    const orgId = org.id.slice(prefix.length)
    out.push(...rows(bodyId, orgMeetingsList(orgId), objects.meetingsOf(orgId)))
  }
  return out
}

/**
 * The version of the data the OParl objects are made of: raised in the writer's transaction by every
 * statement that changes one of those tables (migration 0021), on whichever node it runs.
 */
export const currentVersion = async (db: Db) =>
  Number(
    (await db.select({ v: oparlVersion.version }).from(oparlVersion).where(eq(oparlVersion.id, 1)))[0]?.v,
  )

/**
 * Makes the entries of a body match the current data (building them if the data changed since);
 * false when there is no such body. One query when nothing changed.
 */
export async function freshEntries(db: Db, bodyId: string, u: OParlUrls): Promise<boolean> {
  const [state] = await db
    .select({
      built: oparlIndexState.version,
      current: sql<string>`(select ${oparlVersion.version} from ${oparlVersion} where ${oparlVersion.id} = 1)`,
    })
    .from(oparlIndexState)
    .where(eq(oparlIndexState.bodyId, bodyId))
  if (state && Number(state.built) === Number(state.current)) return true
  return inTransaction(db, async (tx) => {
    if (state) {
      // Wait for a rebuild of this body under way elsewhere, then look again.
      const [locked] = await tx
        .select({ built: oparlIndexState.version })
        .from(oparlIndexState)
        .where(eq(oparlIndexState.bodyId, bodyId))
        .for('update')
      const version = await currentVersion(tx)
      if (locked && Number(locked.built) === version) return true
      return rebuild(tx, bodyId, u, version)
    }
    return rebuild(tx, bodyId, u, await currentVersion(tx))
  })
}

/** Builds a body's entries from data at least as new as `version`, and records that version. */
async function rebuild(tx: Db, bodyId: string, u: OParlUrls, version: number): Promise<boolean> {
  const built = await buildBody(tx, bodyId, u)
  if (!built) return false
  // A first build of this body racing another one: the second waits on the state row here.
  await tx.insert(oparlIndexState).values({ bodyId, version: -1 }).onConflictDoNothing()
  await tx
    .select({ v: oparlIndexState.version })
    .from(oparlIndexState)
    .where(eq(oparlIndexState.bodyId, bodyId))
    .for('update')
  await tx.delete(oparlEntries).where(eq(oparlEntries.bodyId, bodyId))
  for (let i = 0; i < built.length; i += 500) await tx.insert(oparlEntries).values(built.slice(i, i + 500))
  await tx.update(oparlIndexState).set({ version }).where(eq(oparlIndexState.bodyId, bodyId))
  return true
}

export interface PageQuery {
  createdSince?: Date | undefined
  createdUntil?: Date | undefined
  /** Deleted objects are listed only with modified_since (OParl 1.1, 2.5). */
  modifiedSince?: Date | undefined
  modifiedUntil?: Date | undefined
  /** The last entry of the previous page. */
  after?: Cursor | undefined
  limit: number
}

export interface Cursor {
  readonly modified: Date
  readonly id: string
}

export interface Page {
  /** The page's objects, as JSON text. */
  readonly objects: readonly string[]
  /** Where the next page starts, when there is one. */
  readonly next: Cursor | null
  /** How many entries match the filters (on every page). */
  readonly total: number
}

/** One page of a list: the keyset query (limit n + 1, to know whether a next page exists) and a count. */
export async function listPage(db: Db, bodyId: string, list: string, q: PageQuery): Promise<Page> {
  const e = oparlEntries
  const filters: SQL[] = [eq(e.bodyId, bodyId), eq(e.list, list)]
  if (!q.modifiedSince) filters.push(eq(e.deleted, false))
  if (q.createdSince) filters.push(gte(e.createdAt, q.createdSince))
  if (q.createdUntil) filters.push(lte(e.createdAt, q.createdUntil))
  if (q.modifiedSince) filters.push(gte(e.modifiedAt, q.modifiedSince))
  if (q.modifiedUntil) filters.push(lte(e.modifiedAt, q.modifiedUntil))
  const keyset = q.after
    ? sql`(${e.modifiedAt}, ${e.id}) > (${q.after.modified.toISOString()}::timestamptz, ${q.after.id})`
    : undefined
  const counted = sql<string>`(select count(*) from ${e} where ${and(...filters)})`
  // The page and the count in one statement (one round trip); the count alone only for a page past the end.
  const found = await db
    .select({ id: e.id, modified: e.modifiedAt, object: e.object, total: counted })
    .from(e)
    .where(and(...filters, keyset))
    .orderBy(asc(e.modifiedAt), asc(e.id))
    .limit(q.limit + 1)
  const total =
    found[0]?.total ??
    (
      await db
        .select({ n: count() })
        .from(e)
        .where(and(...filters))
    )[0]?.n
  const page = found.slice(0, q.limit)
  const last = page.at(-1)
  return {
    objects: page.map((r) => r.object),
    next: found.length > q.limit && last ? { modified: last.modified, id: last.id } : null,
    total: Number(total ?? 0),
  }
}

/** One object of a body's list (its OParl JSON), or null. */
export async function entryOf(db: Db, bodyId: string, list: string, id: string): Promise<string | null> {
  const [row] = await db
    .select({ object: oparlEntries.object })
    .from(oparlEntries)
    .where(and(eq(oparlEntries.bodyId, bodyId), eq(oparlEntries.list, list), eq(oparlEntries.id, id)))
  return row?.object ?? null
}

/**
 * An object by its URL from the entries of a body that is up to date, in one query; null when it is
 * in no such body (unknown, or its body's entries must be built first: the caller takes the long way).
 * Only for kinds that belong to exactly one body (a person may be listed by several).
 */
export async function freshEntryById(db: Db, list: string, id: string): Promise<string | null> {
  const [row] = await db
    .select({ object: oparlEntries.object })
    .from(oparlEntries)
    .innerJoin(oparlIndexState, eq(oparlIndexState.bodyId, oparlEntries.bodyId))
    .where(
      and(
        eq(oparlEntries.id, id),
        eq(oparlEntries.list, list),
        sql`${oparlIndexState.version} = (select ${oparlVersion.version} from ${oparlVersion} where ${oparlVersion.id} = 1)`,
      ),
    )
    .limit(1)
  return row?.object ?? null
}

/** Earliest `created` and latest `modified` of all bodies (the System object). */
export async function bodiesSpan(db: Db): Promise<{ created: Date | null; modified: Date | null }> {
  const [row] = await db
    .select({ created: min(oparlEntries.createdAt), modified: max(oparlEntries.modifiedAt) })
    .from(oparlEntries)
    .where(and(eq(oparlEntries.bodyId, ALL_BODIES), eq(oparlEntries.list, 'bodies')))
  return { created: row?.created ?? null, modified: row?.modified ?? null }
}

/** The cursor in a `next` link: opaque to clients (base64url of the time in ms and the id). */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.modified.getTime(), c.id])).toString('base64url')
}

const MAX_CURSOR_MS = Date.UTC(9999, 11, 31)

export function decodeCursor(text: string): Cursor | null {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown
    if (!Array.isArray(v) || v.length !== 2) return null
    const [ms, id] = v as [unknown, unknown]
    // Times from 1970 to 9999 only: the database refuses years its timestamps cannot hold.
    if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0 || ms > MAX_CURSOR_MS) return null
    if (typeof id !== 'string' || id.length > 500) return null
    return { modified: new Date(ms), id }
  } catch {
    return null
  }
}

import type { Db } from '../../platform/db'
import { notificationsOf } from '../../platform/db/notify'
import { type CachedPage, frontCache } from '../../platform/http/front-cache'

export type { CachedPage, PageVariant } from '../../platform/http/front-cache'

/**
 * Rendered release pages for anonymous visitors, in memory, one cache per database (tests run several
 * apps in one process). Every change to a release, topic or contact drops the whole cache, on every
 * app node: the change is published on the database's notifications (LISTEN/NOTIFY on PostgreSQL,
 * platform/db/notify.ts). Releases change rarely and re-rendering is cheap. Entries also expire after
 * MAX_AGE_MS, a last bound should a node miss a notification. Pages kept here are also handed to the
 * platform's front cache, which answers them before Fastify (see front-cache.ts); it is emptied with
 * this cache, on every node.
 */
export const PRESS_PAGES_TOPIC = 'press.pages'
export const MAX_AGE_MS = 60_000
const MAX_ENTRIES = 2000
const caches = new WeakMap<Db, Map<string, CachedPage>>()

function cacheOf(db: Db): Map<string, CachedPage> {
  let c = caches.get(db)
  if (!c) {
    const fresh = new Map<string, CachedPage>()
    c = fresh
    caches.set(db, fresh)
    notificationsOf(db).subscribe(PRESS_PAGES_TOPIC, () => {
      fresh.clear()
      frontCache.invalidate(db)
    })
  }
  return c
}

export const pageCache = {
  get(db: Db, key: string, now = Date.now()): CachedPage | undefined {
    const c = cacheOf(db)
    const hit = c.get(key)
    if (hit && now - hit.storedAt > MAX_AGE_MS) {
      c.delete(key)
      return undefined
    }
    return hit
  },
  set(db: Db, key: string, page: CachedPage): void {
    const c = cacheOf(db)
    if (c.size >= MAX_ENTRIES) c.clear()
    c.set(key, page)
  },
  /** Drops every cached page of this database on every node; called after each committed change. */
  async invalidate(db: Db): Promise<void> {
    cacheOf(db).clear()
    frontCache.invalidate(db)
    await notificationsOf(db).publish(PRESS_PAGES_TOPIC)
  },
  /** Subscribes this database's cache to invalidations at once (the press routes call it when registered). */
  attach(db: Db): void {
    cacheOf(db)
  },
  size(db: Db): number {
    return cacheOf(db).size
  },
}

import type { Db } from '../../platform/db'
import { type CachedPage, frontCache } from '../../platform/http/front-cache'

export type { CachedPage, PageVariant } from '../../platform/http/front-cache'

/**
 * Rendered release pages for anonymous visitors, in memory, one cache per database (tests run several
 * apps in one process). Every change to a release, topic or contact drops the whole cache: releases
 * change rarely and re-rendering is cheap. Entries also expire after MAX_AGE_MS, which bounds how long
 * a change made by another process (a second instance) can stay unseen. Pages kept here are also
 * handed to the platform's front cache, which answers them before Fastify (see front-cache.ts).
 */
export const MAX_AGE_MS = 60_000
const MAX_ENTRIES = 2000
const caches = new WeakMap<Db, Map<string, CachedPage>>()

function cacheOf(db: Db): Map<string, CachedPage> {
  let c = caches.get(db)
  if (!c) {
    c = new Map()
    caches.set(db, c)
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
  /** Drops every cached page of this database; called after each committed change. */
  invalidate(db: Db): void {
    cacheOf(db).clear()
    frontCache.invalidate(db)
  },
  size(db: Db): number {
    return cacheOf(db).size
  },
}

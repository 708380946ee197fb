import type { Db } from '../../platform/db'
import type { Encoding } from '../../platform/http/compression'

/** One representation of a cached page: its bytes and every response header, built once. */
export interface PageVariant {
  readonly bytes: Buffer
  /** Strong validator of this representation (the compressed ones have their own). */
  readonly etag: string
  /** Every response header (one reply.headers call per hit). */
  readonly headers: Readonly<Record<string, string>>
}

/** A rendered public page, ready to send: plain and compressed once with brotli and gzip. */
export interface CachedPage {
  readonly body: string
  readonly lastModified: Date
  readonly identity: PageVariant
  readonly encoded: Readonly<Record<Encoding, PageVariant>>
  readonly storedAt: number
}

/**
 * Rendered release pages for anonymous visitors, in memory, one cache per database (tests run several
 * apps in one process). Every change to a release, topic or contact drops the whole cache: releases
 * change rarely and re-rendering is cheap. Entries also expire after MAX_AGE_MS, which bounds how long
 * a change made by another process (a second instance) can stay unseen.
 */
const MAX_AGE_MS = 60_000
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
  },
  size(db: Db): number {
    return cacheOf(db).size
  },
}

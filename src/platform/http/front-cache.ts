import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { Db } from '../db'
import { type Encoding, preferredEncoding } from './compression'

/** One representation of a cached page: its bytes and every response header, built once. */
export interface PageVariant {
  readonly bytes: Buffer
  /** Strong validator of this representation (the compressed ones have their own). */
  readonly etag: string
  /** Every response header (sent as they are, the security headers included). */
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
 * The front cache: public pages that are the same for every anonymous visitor, answered from the
 * bytes before Fastify sees the request (no routing, no hooks, no cookie parsing, no session lookup).
 *
 * A feature puts a page here only after its route has rendered it for an anonymous visitor, under the
 * exact URL the visitor asked for (locale prefix included, no query string). A request is answered
 * here only when it could not be answered differently by the route:
 * - GET or HEAD, no query string, no conditional headers (those go the normal way and get a 304);
 * - no session or flash cookie (the names are checked in the raw Cookie header; any doubt, e.g. a
 *   cookie whose name merely contains one of them, sends the request the normal way);
 * - the entry is younger than its maximum age and was rendered under the installation's current
 *   version (operator details on every page).
 * Everything else, and every miss, goes to Fastify unchanged. The feature that owns the pages
 * empties its entries on every committed change (`invalidate`).
 */
interface Entry {
  readonly storedAt: number
  readonly expiresAt: number
  readonly version: number
  readonly route: string
  readonly identity: Prepared
  readonly encoded: Readonly<Record<Encoding, Prepared>>
}

/** A variant with its Content-Length, as `writeHead` wants it. */
interface Prepared {
  readonly bytes: Buffer
  readonly headers: Readonly<Record<string, string>>
}

function prepared(variant: PageVariant): Prepared {
  return {
    bytes: variant.bytes,
    headers: { ...variant.headers, 'content-length': String(variant.bytes.length) },
  }
}

const MAX_ENTRIES = 2000
const stores = new WeakMap<Db, Map<string, Entry>>()

function storeOf(db: Db): Map<string, Entry> {
  let s = stores.get(db)
  if (!s) {
    s = new Map()
    stores.set(db, s)
  }
  return s
}

export interface FrontCacheOptions {
  readonly db: Db
  /** The installation's current version: entries rendered under another one are not served. */
  readonly version: () => number
  /** Cookie names that make a visitor's page personal. */
  readonly personalCookies: readonly string[]
  /** Counts a request answered here (method, route pattern, status). */
  readonly observe: (method: string, route: string, status: number) => void
}

export interface PutOptions {
  /** The URL as the visitor requested it (Fastify's `request.originalUrl`). */
  readonly url: string
  /** The route pattern, for the metrics. */
  readonly route: string
  /** The installation's version the page was rendered under. */
  readonly version: number
  readonly maxAgeMs: number
}

export const frontCache = {
  /**
   * Keeps a page for anonymous visitors of `where.url` (the URL as requested; nothing is kept for one
   * with a query string) until `where.maxAgeMs` after it was rendered, which bounds how long a change
   * made through another node can stay unseen if its invalidation is lost.
   */
  put(db: Db, where: PutOptions, page: CachedPage): void {
    const { url, route, version, maxAgeMs } = where
    if (url.includes('?')) return
    const s = storeOf(db)
    const old = s.get(url)
    if (old && old.storedAt === page.storedAt && old.version === version) return
    if (s.size >= MAX_ENTRIES) s.clear()
    s.set(url, {
      storedAt: page.storedAt,
      expiresAt: page.storedAt + maxAgeMs,
      version,
      route,
      identity: prepared(page.identity),
      encoded: { br: prepared(page.encoded.br), gzip: prepared(page.encoded.gzip) },
    })
  },
  /** Drops every page of this database. */
  invalidate(db: Db): void {
    storeOf(db).clear()
  },
  size(db: Db): number {
    return storeOf(db).size
  },
}

/**
 * Wraps Fastify's request handler: a request the front cache can answer is answered, every other one
 * is handed on untouched. Returns the listener for `http.createServer`.
 */
export function withFrontCache(next: RequestListener, options: FrontCacheOptions): RequestListener {
  const store = storeOf(options.db)
  const cookieMarks = options.personalCookies.map((name) => `${name}=`)
  return (request: IncomingMessage, response: ServerResponse) => {
    if (store.size === 0 || !answer(request, response)) next(request, response)
  }

  function answer(request: IncomingMessage, response: ServerResponse): boolean {
    const method = request.method
    if (method !== 'GET' && method !== 'HEAD') return false
    const url = request.url
    if (!url) return false
    const entry = store.get(url)
    if (!entry) return false
    const h = request.headers
    if (h['if-none-match'] !== undefined || h['if-modified-since'] !== undefined) return false
    const cookie = h.cookie
    if (cookie !== undefined && cookieMarks.some((mark) => cookie.includes(mark))) return false
    if (entry.version !== options.version() || Date.now() > entry.expiresAt) {
      store.delete(url)
      return false
    }
    const encoding = preferredEncoding(h['accept-encoding'])
    const variant = encoding ? entry.encoded[encoding] : entry.identity
    response.writeHead(200, variant.headers)
    if (method === 'HEAD') response.end()
    else response.end(variant.bytes)
    options.observe(method, entry.route, 200)
    return true
  }
}

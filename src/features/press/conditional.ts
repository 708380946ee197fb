import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { SESSION_COOKIE } from '../../platform/auth/sessions'
import { compressOnce, ENCODINGS, preferredEncoding } from '../../platform/http/compression'
import { FLASH_COOKIE } from '../../platform/http/plugin'
import type { CachedPage, PageVariant } from './cache'

/** A strong ETag of a response body. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
}

/**
 * True for a visitor whose page is the same as everyone's: not signed in, no session cookie and
 * no flash message waiting. Only these get cached pages, ETag and 304.
 */
export function isAnonymous(request: FastifyRequest): boolean {
  return !request.user && !request.cookies[SESSION_COOKIE] && !request.cookies[FLASH_COOKIE]
}

/** RFC 9110 §13.1: If-None-Match wins; If-Modified-Since only without it (second precision). */
export function isNotModified(request: FastifyRequest, etag: string, lastModified: Date): boolean {
  const inm = request.headers['if-none-match']
  if (inm !== undefined) {
    return inm
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === etag || t === '*')
  }
  const ims = request.headers['if-modified-since']
  if (ims) {
    const since = Date.parse(ims)
    return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since
  }
  return false
}

/** Sends a public, revalidatable response: ETag, Last-Modified and 304 when the client has it. */
export function sendConditional(
  request: FastifyRequest,
  reply: FastifyReply,
  page: { body: string; etag: string; lastModified: Date },
  contentType: string,
): FastifyReply {
  reply
    .header('etag', page.etag)
    .header('last-modified', page.lastModified.toUTCString())
    .header('cache-control', 'public, no-cache')
    .header('vary', 'Cookie')
  if (isNotModified(request, page.etag, page.lastModified)) return reply.code(304).send()
  return reply.code(200).type(contentType).send(page.body)
}

/**
 * Builds a cache entry for a rendered public page: body bytes, their brotli and gzip variants and all
 * headers computed once, the platform's security headers included (its onSend hook then has nothing
 * left to add). The route sending it opts out of on-the-fly compression.
 */
export function cachedPage(
  body: string,
  lastModified: Date,
  contentType: string,
  extraHeaders: Readonly<Record<string, string>>,
): CachedPage {
  const etag = etagOf(body)
  const bytes = Buffer.from(body, 'utf8')
  const common = {
    ...extraHeaders,
    'content-type': contentType,
    'last-modified': lastModified.toUTCString(),
    'cache-control': 'public, no-cache',
    vary: 'Cookie, Accept-Encoding',
  }
  const compressed = compressOnce(bytes)
  const encoded = Object.fromEntries(
    ENCODINGS.map((enc): [string, PageVariant] => {
      const tag = `${etag.slice(0, -1)}-${enc}"`
      return [
        enc,
        {
          bytes: compressed[enc],
          etag: tag,
          headers: { ...common, etag: tag, 'content-encoding': enc },
        },
      ]
    }),
  ) as unknown as CachedPage['encoded']
  return {
    body,
    lastModified,
    storedAt: Date.now(),
    identity: { bytes, etag, headers: { ...common, etag } },
    encoded,
  }
}

/** Sends a cached page in the encoding the client prefers, or 304 when the visitor has it already. */
export function sendCached(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  const enc = preferredEncoding(request.headers['accept-encoding'])
  const variant = enc ? page.encoded[enc] : page.identity
  reply.headers(variant.headers)
  if (isNotModified(request, variant.etag, page.lastModified)) return reply.code(304).send()
  return reply.send(variant.bytes)
}

/** The latest of some dates (the epoch for none): Last-Modified of a list. */
export function latest(dates: readonly Date[]): Date {
  let max = 0
  for (const d of dates) max = Math.max(max, d.getTime())
  return new Date(max)
}

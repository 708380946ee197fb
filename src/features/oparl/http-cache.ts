import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App } from '../../platform/feature'

/**
 * Throttling and caching of the OParl interface, which builds its answers from a council's whole
 * data set: every answer carries an ETag (a hash of its bytes) and a matching If-None-Match gets
 * 304; successful answers are kept in memory for OPARL_CACHE_SECONDS, so many clients crawling
 * the same lists cost one computation per interval; and each address may send
 * OPARL_RATE_LIMIT_PER_MINUTE requests a minute (429 beyond). Changes reach the API after at most
 * the cache interval; the web pages are not cached.
 */
interface Cached {
  readonly until: number
  readonly etag: string
  readonly body: string
  readonly type: string
}

const MAX_ENTRIES = 2000

const isOparl = (request: FastifyRequest) =>
  (request.method === 'GET' || request.method === 'HEAD') &&
  (request.url === '/oparl' || request.url.startsWith('/oparl/'))

const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`

function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match']
  if (!header) return false
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*')
}

export function oparlHttpCache(app: App, opts: { cacheMs: number; perMinute: number }) {
  const cache = new Map<string, Cached>()

  /** The route option every OParl GET route adds: its per-address rate limit. */
  const rateLimit = { max: opts.perMinute, timeWindow: '1 minute' }

  // preHandler, not onRequest: after the rate limit, which a cached answer must not bypass.
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isOparl(request) || opts.cacheMs <= 0) return
    const hit = cache.get(request.url)
    if (!hit) return
    if (hit.until < Date.now()) {
      cache.delete(request.url)
      return
    }
    reply.header('etag', hit.etag).header('x-oparl-cache', 'hit')
    if (notModified(request, hit.etag)) return reply.code(304).send()
    return reply.code(200).type(hit.type).send(hit.body)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    if (!isOparl(request) || reply.statusCode !== 200 || typeof payload !== 'string') return payload
    if (reply.getHeader('x-oparl-cache') === 'hit') return payload
    const etag = etagOf(payload)
    reply.header('etag', etag)
    if (opts.cacheMs > 0) {
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string)
      cache.set(request.url, {
        until: Date.now() + opts.cacheMs,
        etag,
        body: payload,
        type: String(reply.getHeader('content-type') ?? 'application/json'),
      })
    }
    if (notModified(request, etag)) {
      reply.code(304)
      return ''
    }
    return payload
  })

  return { rateLimit }
}

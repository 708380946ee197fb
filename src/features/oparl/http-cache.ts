import { createHash } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App } from '../../platform/feature'

/**
 * Throttling and caching of the OParl interface, which builds its answers from a council's whole
 * data set: every answer carries an ETag (a hash of its bytes) and a matching If-None-Match gets
 * 304; each address may send OPARL_RATE_LIMIT_PER_MINUTE requests a minute (429 beyond).
 *
 * Successful answers are kept in memory together with the data version they were computed under
 * (`oparl_version`, raised by every change to the tables OParl is made of, on any node):
 * - for OPARL_CACHE_SECONDS an answer is sent again without asking the database at all, so many
 *   clients crawling the same lists cost one computation per interval (changes reach the API after
 *   at most that interval);
 * - after that (and always with OPARL_CACHE_SECONDS=0) one query reads the version, and the kept
 *   answer is sent only if the version has not moved since: exact, and one small query instead of
 *   the three to five an answer costs.
 * The web pages are not cached here.
 */
interface Cached {
  until: number
  readonly version: number
  readonly etag: string
  readonly body: string
  readonly type: string
  /** A file's download answer is an attachment; the kept answer must be one too. */
  readonly disposition: string | undefined
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

const VERSION = Symbol('teilhabe.oparlVersion')
type WithVersion = FastifyRequest & { [VERSION]?: number }

export function oparlHttpCache(
  app: App,
  opts: { cacheMs: number; perMinute: number; version: () => Promise<number> },
) {
  const cache = new Map<string, Cached>()

  /** The route option every OParl GET route adds: its per-address rate limit. */
  const rateLimit = { max: opts.perMinute, timeWindow: '1 minute' }

  // preHandler, not onRequest: after the rate limit, which a cached answer must not bypass.
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isOparl(request)) return
    const hit = cache.get(request.url)
    if (!hit || hit.until <= Date.now()) {
      const version = await opts.version()
      ;(request as WithVersion)[VERSION] = version
      if (!hit) return
      if (hit.version !== version) {
        cache.delete(request.url)
        return
      }
      hit.until = Date.now() + opts.cacheMs
    }
    reply.header('etag', hit.etag).header('x-oparl-cache', 'hit')
    if (notModified(request, hit.etag)) return reply.code(304).send()
    if (hit.disposition) reply.header('content-disposition', hit.disposition)
    return reply.code(200).type(hit.type).send(hit.body)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    if (!isOparl(request) || reply.statusCode !== 200 || typeof payload !== 'string') return payload
    if (reply.getHeader('x-oparl-cache') === 'hit') return payload
    const etag = etagOf(payload)
    reply.header('etag', etag)
    // The version read before the answer was computed: the answer is at least that new.
    const version = (request as WithVersion)[VERSION]
    if (version !== undefined) {
      if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string)
      cache.set(request.url, {
        until: Date.now() + opts.cacheMs,
        version,
        etag,
        body: payload,
        type: String(reply.getHeader('content-type') ?? 'application/json'),
        disposition: reply.getHeader('content-disposition')?.toString(),
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

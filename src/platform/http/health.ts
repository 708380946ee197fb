import { createHash, timingSafeEqual } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { App, AppDeps } from '../feature'
import { queueHealth } from '../jobs'
import type { Metrics } from './metrics'

export function healthRoutes(app: App, deps: AppDeps, metrics: Metrics): void {
  app.get('/health/live', { config: { json: true } }, async () => ({ status: 'ok' }))

  app.get('/health/ready', { config: { json: true } }, async (_request, reply) => {
    try {
      await deps.db.execute(sql`select 1`)
      const migrated = await deps.database.migrationsApplied()
      if (!migrated)
        return reply.code(503).send({ status: 'unavailable', database: 'ok', migrations: 'pending' })
      // Reported, not judged: a queue that waits is a reason to look, not to take the node out.
      const jobs = await queueHealth(deps.db)
      return { status: 'ok', database: 'ok', migrations: 'applied', jobs }
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' })
    }
  })

  // Browsers ask for /favicon.ico regardless of the <link rel="icon">.
  app.get('/favicon.ico', async (_request, reply) => reply.redirect('/assets/favicon.svg', 301))

  // Request counts per staff route are nobody's business but the operator's: only with the bearer
  // token from METRICS_TOKEN, and not at all (404, as if absent) when none is configured.
  const token = deps.config.metricsToken
  const expected = token ? createHash('sha256').update(`Bearer ${token}`).digest() : undefined
  app.get('/metrics', { config: { json: true } }, async (request, reply) => {
    if (!expected) return reply.code(404).send({ error: 'not_found', message: 'Not found' })
    const given = createHash('sha256')
      .update(request.headers.authorization ?? '')
      .digest()
    if (!timingSafeEqual(given, expected)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({ error: 'unauthorized', message: 'Bearer token required' })
    }
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render())
  })
}

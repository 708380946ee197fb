import { sql } from 'drizzle-orm'
import type { App, AppDeps } from '../feature'
import type { Metrics } from './metrics'

export function healthRoutes(app: App, deps: AppDeps, metrics: Metrics): void {
  app.get('/health/live', { config: { json: true } }, async () => ({ status: 'ok' }))

  app.get('/health/ready', { config: { json: true } }, async (_request, reply) => {
    try {
      await deps.db.execute(sql`select 1`)
      const migrated = await deps.database.migrationsApplied()
      if (!migrated)
        return reply.code(503).send({ status: 'unavailable', database: 'ok', migrations: 'pending' })
      return { status: 'ok', database: 'ok', migrations: 'applied' }
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: 'unreachable' })
    }
  })

  // Browsers ask for /favicon.ico regardless of the <link rel="icon">.
  app.get('/favicon.ico', async (_request, reply) => reply.redirect('/assets/favicon.svg', 301))

  app.get('/metrics', async (_request, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render()),
  )
}

import { createServer, type RequestListener } from 'node:http'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyServerOptions } from 'fastify'
import { adminFeature } from './features/admin/feature'
import { antidiscriminationFeature } from './features/antidiscrimination/feature'
import { contractsFeature } from './features/contracts/feature'
import { councilsFeature } from './features/councils/feature'
import { directoryFeature } from './features/directory/feature'
import { fundingFeature } from './features/funding/feature'
import { offersFeature } from './features/offers/feature'
import { oparlFeature } from './features/oparl/feature'
import { openDataFeature } from './features/opendata/feature'
import { pagesFeature } from './features/pages/feature'
import { planFeature } from './features/plan/feature'
import { pressFeature } from './features/press/feature'
import { authFeature } from './platform/auth/feature'
import { SESSION_COOKIE } from './platform/auth/sessions'
import type { App, AppDeps, Feature } from './platform/feature'
import { fileRoutes } from './platform/files/routes'
import { registerAssets } from './platform/http/assets'
import { registerCompression } from './platform/http/compression'
import { withFrontCache } from './platform/http/front-cache'
import { healthRoutes } from './platform/http/health'
import { Metrics } from './platform/http/metrics'
import { FLASH_COOKIE, registerPlatformHttp, rewriteLocaleUrl } from './platform/http/plugin'
import { requestIdGenerator, requestIdMixin, runWithRequest } from './platform/http/request-context'
import { discoveryRoutes } from './platform/http/sitemaps'
import { type CataloguePart, loadCatalogues } from './platform/i18n/translations'
import { uiMessages, uiStaffOnlyMessages } from './platform/ui/messages'

/** The message catalogues of the platform and of each feature, by name (src/locales/<locale>/<name>.json). */
export function catalogueParts(features: readonly Feature[] = FEATURES): CataloguePart[] {
  return [
    { name: 'ui', messages: uiMessages, staffOnly: uiStaffOnlyMessages },
    ...features.flatMap((f) =>
      f.messages ? [{ name: f.name, messages: f.messages, staffOnly: f.staffOnlyMessages ?? [] }] : [],
    ),
  ]
}

/** Every feature of Teilhabe, in navigation order. Adding a feature means adding it here. */
export const FEATURES: readonly Feature[] = [
  pagesFeature,
  pressFeature,
  authFeature,
  directoryFeature,
  councilsFeature,
  oparlFeature,
  fundingFeature,
  offersFeature,
  antidiscriminationFeature,
  planFeature,
  openDataFeature,
  contractsFeature,
  adminFeature,
]

export interface BuildOptions {
  /** Pino logger settings; false in tests (a test that reads the log lines passes a stream). */
  logger?: boolean | { level: string; stream?: { write(line: string): void } }
  features?: readonly Feature[]
  /** Called for every route as it is registered (the authorisation matrix test lists them). */
  onRoute?: (route: { method: string | string[]; url: string }) => void
}

/** Builds the web app. Does no I/O and never listens (src/server.ts does). */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<App> {
  const features = options.features ?? FEATURES
  const metrics = new Metrics(deps.database)
  // Our own HTTP server, so that the front cache answers cached public pages before Fastify routes
  // them (platform/http/front-cache.ts); the timeouts are Fastify's, as its own factory sets them.
  const serverFactory = (handler: RequestListener, opts: FastifyServerOptions) => {
    const server = createServer(
      withFrontCache(handler, {
        db: deps.db,
        version: () => deps.installation.version,
        personalCookies: [SESSION_COOKIE, FLASH_COOKIE],
        observe: (method, route, status) => metrics.observe(method, route, status, 0),
      }),
    )
    if (opts.keepAliveTimeout !== undefined) server.keepAliveTimeout = opts.keepAliveTimeout
    if (opts.requestTimeout !== undefined) server.requestTimeout = opts.requestTimeout
    if (opts.connectionTimeout !== undefined) server.setTimeout(opts.connectionTimeout)
    return server
  }
  const logger = options.logger ?? false
  const app = Fastify({
    serverFactory,
    // Every line carries the request's id (request.log binds it; the mixin adds it to the others).
    logger: typeof logger === 'object' ? { ...logger, mixin: requestIdMixin } : logger,
    genReqId: requestIdGenerator(deps.config.trustProxy),
    trustProxy: deps.config.trustProxy,
    rewriteUrl: rewriteLocaleUrl,
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App
  // First of all hooks: the rest of the request runs inside its context (request-context.ts).
  app.addHook('onRequest', (request, _reply, done) => runWithRequest(request.id, done))
  const onRoute = options.onRoute
  if (onRoute) app.addHook('onRoute', (route) => onRoute(route))
  // Each route remembers the feature that registered it (metrics per feature).
  let registering = 'platform'
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), feature: registering }
  })

  // Slow queries are logged with the request they belong to (the logger's mixin adds its id).
  deps.database.queries.slowMs = deps.config.slowQueryMs
  deps.database.queries.onSlow = (durationMs, query) => app.log.warn({ durationMs, query }, 'slow query')
  const replicaQueries = deps.database.replica?.queries
  if (replicaQueries) {
    replicaQueries.slowMs = deps.config.slowQueryMs
    replicaQueries.onSlow = (durationMs, query) =>
      app.log.warn({ durationMs, query, pool: 'replica' }, 'slow query')
  }
  const { catalogues, reports: languages } = loadCatalogues(catalogueParts(features))
  const nav = features.flatMap((f) => f.nav ?? [])
  // Before any route: compression hooks into the routes registered after it.
  await registerCompression(app)
  await registerPlatformHttp(app, deps, { catalogues, languages, nav, metrics })
  await registerAssets(app, deps.config.assetCacheDir)
  healthRoutes(app, deps, metrics)
  fileRoutes(app, deps)
  discoveryRoutes(app, deps, features)
  for (const feature of features) {
    registering = feature.name
    await feature.routes?.(app, deps)
  }
  registering = 'platform'
  return app
}

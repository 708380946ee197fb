import { buildApp, FEATURES } from './app'
import { type Config, ConfigError, loadConfigFromEnv } from './platform/config'
import { KeyFileError } from './platform/crypto'
import { DatabaseLockedError, openDatabase, pgliteTemplateFile } from './platform/db'
import { createDeps, seedDemoOnce } from './platform/runtime'

async function main(): Promise<void> {
  let config: Config
  try {
    config = loadConfigFromEnv()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Teilhabe cannot start: ${err.message}`)
      process.exit(78)
    }
    throw err
  }
  if (config.env === 'production' && !config.databaseUrl) {
    console.warn(
      'WARNING: NODE_ENV=production without DATABASE_URL: using the embedded database in DATA_DIR. ' +
        'Use a real PostgreSQL server in production.',
    )
  }
  let database: Awaited<ReturnType<typeof openDatabase>>
  try {
    database = await openDatabase({
      url: config.databaseUrl,
      replicaUrl: config.databaseReplicaUrl,
      pgliteDir: config.databaseUrl ? undefined : config.dataDir,
      // A first start loads the migrated template npm install built (instead of initdb).
      pgliteInitial: config.databaseUrl ? undefined : pgliteTemplateFile(config.assetCacheDir),
    })
  } catch (err) {
    if (err instanceof DatabaseLockedError) {
      console.error(err.message)
      process.exit(75)
    }
    throw err
  }
  try {
    await database.migrate()
  } catch (err) {
    console.error('Migration failed; the database was left unchanged.', err)
    await database.close()
    process.exit(1)
  }

  const logger = { level: config.logLevel }
  const bootLog = {
    info: (o: unknown, m?: string) => console.log(m ?? o),
    error: (o: unknown, m?: string) => console.error(m ?? '', o),
  }
  let deps: Awaited<ReturnType<typeof createDeps>>
  let app: Awaited<ReturnType<typeof buildApp>>
  try {
    deps = await createDeps(config, database, FEATURES, bootLog)
    if (config.demoData) await seedDemoOnce(deps, FEATURES, (line) => console.log(line))
    app = await buildApp(deps, { logger })
  } catch (err) {
    if (err instanceof KeyFileError) {
      // Case files are never served without their keys: one clear line naming the file.
      console.error(`Teilhabe cannot start: ${err.message}`)
      await database.close()
      process.exit(78)
    }
    throw err
  }
  // Listen for other nodes' cache invalidations before the first request (docs/scaling.md).
  await database.notifications.start()
  if (config.jobsEnabled) deps.jobs.start(config.jobsPollMs)
  try {
    await app.listen({ port: config.port, host: config.host })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      // One clear line instead of a stack trace; the database is closed cleanly (its lock released).
      const why =
        code === 'EADDRINUSE'
          ? 'is already in use (another program, or Teilhabe, listens there); choose another PORT or stop it'
          : code === 'EACCES'
            ? 'may not be used by this user (ports below 1024 need extra rights); choose another PORT'
            : 'is not an address of this machine; choose another HOST'
      console.error(
        `Teilhabe cannot start: port ${config.port} on ${config.host} ${why}.`.replace(
          /^Teilhabe cannot start: port/,
          'Teilhabe cannot start: Port',
        ),
      )
      await deps.jobs.stop()
      await app.close().catch(() => {})
      await database.close()
      process.exit(69)
    }
    throw err
  }
  console.log(`\nTeilhabe is running at ${config.publicUrl}\n`)

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    await app.close()
    await deps.jobs.stop()
    await database.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}

await main()

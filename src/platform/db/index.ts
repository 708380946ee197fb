import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres'
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
import { acquireLock, LockHeldError, type LockOwner } from './lock'
import { localNotifications, type Notifications, pgNotifications, registerNotifications } from './notify'
import { QueryStats, timePool, timeQueries } from './query-stats'

/** The one database type use cases receive; a transaction is one too. */
export type Db = PgDatabase<PgQueryResultHKT>

/** Connections per process to a PostgreSQL server. */
export const POOL_MAX = 10

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../migrations')

export interface Database {
  readonly db: Db
  readonly kind: 'pglite' | 'postgres'
  /** Applies pending migrations in one transaction; throws (and changes nothing) when one fails. */
  migrate(migrationsFolder?: string): Promise<void>
  /** True when every migration in the folder has been applied. */
  migrationsApplied(migrationsFolder?: string): Promise<boolean>
  /** Cache invalidation across the app nodes on this database (notify.ts). */
  readonly notifications: Notifications
  /** Count and time of every query; the slow-query log hooks in here (query-stats.ts). */
  readonly queries: QueryStats
  /** The connection pool's state for /metrics (PGlite: one connection, always in use). */
  poolState(): PoolState
  /**
   * Reads that tolerate replication lag (seconds): public lists and reports that no write of the same
   * request or of the visitor's last request must show (docs/scaling.md, "Read replica"). The
   * replica's pool when DATABASE_REPLICA_URL is set, else the same handle as `db`. Read only: a
   * write through it fails on the replica.
   */
  readonly readDb: Db
  /** The replica's pool when there is one (for /metrics and the slow-query log), else undefined. */
  readonly replica: { readonly queries: QueryStats; poolState(): PoolState } | undefined
  close(): Promise<void>
}

export interface PoolState {
  total: number
  idle: number
  waiting: number
  max: number
}

export class DatabaseLockedError extends Error {
  constructor(dir: string, owner: LockOwner) {
    super(
      `The embedded database in ${dir} is in use by another Teilhabe process ` +
        `(pid ${owner.pid} on ${owner.host}, started ${owner.startedAt}). ` +
        'Stop that process first, or start this one with another DATA_DIR or a DATABASE_URL.',
    )
    this.name = 'DatabaseLockedError'
  }
}

export interface OpenOptions {
  /** postgres://… for a real PostgreSQL; without it the embedded PGlite is used. */
  url?: string | undefined
  /** postgres://… of a streaming replica of `url` for `readDb` (ignored without `url`). */
  replicaUrl?: string | undefined
  /** Directory for the embedded database; undefined means in memory (tests). */
  pgliteDir?: string | undefined
  /** A tarball from PGlite's dumpDataDir to start from (tests copy a migrated template). */
  pgliteTemplate?: Blob | undefined
  /**
   * A migrated template (buildPgliteTemplate) to start an empty pgliteDir from instead of running
   * initdb; ignored when the file is missing or the directory already holds a database.
   */
  pgliteInitial?: string | undefined
  /** Hears one line when the lock of a process that is gone is taken over (default: stderr). */
  onStaleLock?: ((message: string) => void) | undefined
  /** Hears every query with its parameters (tests that count what a request reads). */
  logQuery?: ((query: string, params: unknown[]) => void) | undefined
}

function journalEntries(folder: string): number {
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[]
  }
  return journal.entries.length
}

/** How many migrations have been applied: the schema version recorded in backups. */
export async function appliedCount(db: Db): Promise<number> {
  const exists = (await db.execute(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`,
  )) as {
    rows: unknown[]
  }
  if (!(exists.rows[0] as { ok: boolean } | undefined)?.ok) return 0
  const res = (await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as {
    rows: unknown[]
  }
  return Number((res.rows[0] as { n: number }).n)
}

function queryLogger(options: OpenOptions) {
  const log = options.logQuery
  return log ? { logger: { logQuery: (query: string, params: unknown[]) => log(query, params) } } : {}
}

/**
 * The embedded database's memory: PostgreSQL's default shared_buffers (128 MB) live inside PGlite's
 * WebAssembly memory, which never shrinks once touched. One process with one connection needs far
 * less; 32 MB keeps the demo data and the test data sets cached (docs/performance.md, "Memory").
 */
const PGLITE_MEMORY = {
  startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
}

/** A node-postgres pool with its query stats and its drizzle handle; `name` is its application_name. */
async function openPool(url: string, name: string, options: OpenOptions) {
  const pool = new pg.Pool({ connectionString: url, max: POOL_MAX, application_name: name })
  const queries = new QueryStats()
  // A connection the server ends (a restart, pg_terminate_backend) must not end this process: the
  // query in flight rejects with the error (its transaction is rolled back by the server) and the
  // pool discards the connection; without these listeners node-postgres raises the same error again
  // as an uncaught 'error' event. Tested in src/features/funding/payments/payments.test.ts.
  pool.on('error', () => {})
  pool.on('connect', (client) => client.on('error', () => {}))
  timePool(pool, queries)
  // Fail fast with the driver's own message when the server is unreachable.
  await pool.query('select 1')
  const db = drizzleNodePg({ client: pool, ...queryLogger(options) }) as unknown as Db
  return { pool, queries, db }
}

function stateOf(pool: pg.Pool): PoolState {
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: POOL_MAX }
}

const PGLITE_VERSION = (() => {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite')
  const pkg = path.join(path.dirname(entry), '../package.json')
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version
})()

/**
 * The file name of the migrated template for this PGlite and these migrations (content-addressed:
 * other migrations or another PGlite give another name, so a stale template is never used).
 */
export function pgliteTemplateFile(dir: string, migrationsFolder = MIGRATIONS_DIR): string {
  const hash = createHash('sha256').update(`pglite ${PGLITE_VERSION}\n`)
  const files = readdirSync(migrationsFolder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
  for (const file of files) hash.update(path.relative(migrationsFolder, file)).update(readFileSync(file))
  return path.join(dir, `pglite-${hash.digest('base64url').slice(0, 16)}.tar`)
}

/**
 * Writes the migrated template of an empty embedded database into `dir` (npm install's postinstall
 * does): a first start loads it instead of running initdb in a second PGlite and then every
 * migration, which is most of its time and its memory peak (docs/performance.md). Returns the file.
 */
export async function buildPgliteTemplate(dir: string, migrationsFolder = MIGRATIONS_DIR): Promise<string> {
  const file = pgliteTemplateFile(dir, migrationsFolder)
  if (existsSync(file)) return file
  const template = await openDatabase({})
  try {
    await template.migrate(migrationsFolder)
    const tarball = await dumpPglite(template)
    await mkdir(dir, { recursive: true })
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    await writeFile(tmp, Buffer.from(await tarball.arrayBuffer()))
    await rename(tmp, file)
  } finally {
    await template.close()
  }
  return file
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    const { pool, queries, db } = await openPool(options.url, 'teilhabe', options)
    const replica = options.replicaUrl
      ? await openPool(options.replicaUrl, 'teilhabe-replica-reads', options)
      : undefined
    const notifications = pgNotifications(pool, options.url)
    registerNotifications(db, notifications)
    return {
      db,
      kind: 'postgres',
      notifications,
      queries,
      poolState: () => stateOf(pool),
      readDb: replica?.db ?? db,
      replica: replica && { queries: replica.queries, poolState: () => stateOf(replica.pool) },
      async migrate(migrationsFolder = MIGRATIONS_DIR) {
        // An advisory lock keeps two starting processes from migrating at once.
        const client = await pool.connect()
        try {
          await client.query('select pg_advisory_lock(727274)')
          await migrateNodePg(drizzleNodePg({ client }), { migrationsFolder })
        } finally {
          await client.query('select pg_advisory_unlock(727274)').catch(() => {})
          client.release()
        }
      },
      async migrationsApplied(migrationsFolder = MIGRATIONS_DIR) {
        return (await appliedCount(db)) >= journalEntries(migrationsFolder)
      },
      async close() {
        await notifications.close()
        await pool.end()
        await replica?.pool.end()
      },
    }
  }

  let release: (() => Promise<void>) | undefined
  if (options.pgliteDir) {
    const dir = path.resolve(options.pgliteDir)
    mkdirSync(dir, { recursive: true })
    const say = options.onStaleLock ?? ((m: string) => console.warn(m))
    try {
      release = await acquireLock(path.join(dir, '.teilhabe.lock'), (owner) =>
        say(
          `The embedded database in ${dir} was locked by Teilhabe process pid ${owner.pid} ` +
            `(started ${owner.startedAt}), which is no longer running; taking the lock over.`,
        ),
      )
    } catch (err) {
      if (err instanceof LockHeldError) throw new DatabaseLockedError(dir, err.owner)
      throw err
    }
  }
  let client: PGlite
  try {
    const dataDir = options.pgliteDir ? path.join(path.resolve(options.pgliteDir), 'pglite') : undefined
    const initial =
      dataDir &&
      options.pgliteInitial &&
      !existsSync(path.join(dataDir, 'PG_VERSION')) &&
      existsSync(options.pgliteInitial)
        ? new Blob([readFileSync(options.pgliteInitial)])
        : undefined
    client = dataDir
      ? await PGlite.create({ ...PGLITE_MEMORY, dataDir, ...(initial ? { loadDataDir: initial } : {}) })
      : await PGlite.create({
          ...PGLITE_MEMORY,
          ...(options.pgliteTemplate ? { loadDataDir: options.pgliteTemplate } : {}),
        })
  } catch (err) {
    await release?.()
    throw err
  }
  const queries = new QueryStats()
  timeQueries(client, 'query', queries)
  timeQueries(client, 'exec', queries)
  const transaction = client.transaction.bind(client)
  client.transaction = (work) =>
    transaction((tx) => {
      timeQueries(tx, 'query', queries)
      timeQueries(tx, 'exec', queries)
      return work(tx)
    })
  const db = drizzlePglite({ client, ...queryLogger(options) }) as unknown as Db
  const notifications = localNotifications()
  registerNotifications(db, notifications)
  return {
    db,
    kind: 'pglite',
    notifications,
    queries,
    poolState: () => ({ total: 1, idle: 0, waiting: 0, max: 1 }),
    readDb: db,
    replica: undefined,
    async migrate(migrationsFolder = MIGRATIONS_DIR) {
      await migratePglite(drizzlePglite({ client }), { migrationsFolder })
    },
    async migrationsApplied(migrationsFolder = MIGRATIONS_DIR) {
      return (await appliedCount(db)) >= journalEntries(migrationsFolder)
    },
    async close() {
      await notifications.close()
      await client.close()
      await release?.()
    },
  }
}

/** The PGlite client behind a Database, for dumping a test template. */
export async function dumpPglite(database: Database): Promise<Blob> {
  const client = (database.db as unknown as { $client: PGlite }).$client
  return client.dumpDataDir('none')
}

/** Runs `work` in one transaction: all of it is written, or none. */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Db))
}

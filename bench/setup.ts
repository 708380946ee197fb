/**
 * The database set-up the funding benchmarks share: a fresh PostgreSQL database
 * teilhabe_bench_<random> on DATABASE_URL or TEST_DATABASE_URL (a server where the user may create
 * databases), migrated, with the app's dependencies, the WIR programme, staff users and a registered
 * MSO; dropped again at the end.
 *
 * BENCH_KEEP=1 keeps the database after the run and prints its name; BENCH_DB=<name> reuses such a
 * database (already seeded) instead of creating one, so that query plans can be looked at again
 * without seeding a million rows each time.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { FEATURES } from '../src/app'
import { type Actor, CLI_ACTOR } from '../src/platform/audit'
import { createUser, findUserByEmail } from '../src/platform/auth/users'
import { type Config, loadConfig } from '../src/platform/config'
import { type Database, openDatabase } from '../src/platform/db'
import type { AppDeps } from '../src/platform/feature'
import { createDeps } from '../src/platform/runtime'
import { seedProgramme } from '../test/helpers/funding'

export const benchBase = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL

export function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function admin(query: string) {
  const c = new pg.Client({ connectionString: benchBase })
  await c.connect()
  try {
    await c.query(query)
  } finally {
    await c.end()
  }
}

export interface BenchDatabase {
  readonly name: string
  readonly url: string
  readonly config: Config
  readonly database: Database
  readonly deps: AppDeps
  /** True when BENCH_DB named a database seeded by an earlier run. */
  readonly reused: boolean
  /** A staff user with the given roles (its e-mail its label); the same one again when reused. */
  user(email: string, roles: string[]): Promise<Actor>
}

/** Creates (or reuses) the database, runs `work` with it, then closes and drops it. */
export async function withBenchDatabase(work: (b: BenchDatabase) => Promise<void>): Promise<void> {
  if (!benchBase) throw new Error('Set DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server.')
  const reuse = process.env.BENCH_DB
  const keep = process.env.BENCH_KEEP === '1' || Boolean(reuse)
  const name = reuse ?? `teilhabe_bench_${randomBytes(4).toString('hex')}`
  if (!reuse) await admin(`create database ${name}`)
  const dataDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-bench-'))
  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    PUBLIC_URL: 'https://teilhabe.example',
  })
  const url = withDatabase(benchBase, name)
  const database = await openDatabase({ url })
  try {
    await database.migrate()
    const deps = await createDeps(config, database, FEATURES, { info() {}, error() {} })
    if (!reuse) await seedProgramme(deps)
    const user = async (email: string, roles: string[]): Promise<Actor> => {
      const r = await createUser(
        deps.db,
        CLI_ACTOR,
        { email, displayName: email, password: 'benchmark password', roles },
        deps.permissions.roles,
      )
      if (r.ok) return { id: r.id, label: email }
      const found = await findUserByEmail(deps.db, email)
      if (!found) throw new Error(r.error)
      return { id: found.id, label: email }
    }
    await work({ name, url, config, database, deps, reused: Boolean(reuse), user })
  } finally {
    await database.close()
    await new Promise((r) => setTimeout(r, 200))
    if (keep) console.log(`kept database ${name} (BENCH_DB=${name} reuses it)`)
    else await admin(`drop database if exists ${name} with (force)`)
    await rm(dataDir, { recursive: true, force: true })
  }
}

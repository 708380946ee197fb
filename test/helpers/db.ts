import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import pg from 'pg'
import { type Database, openDatabase } from '../../src/platform/db'

/**
 * Test databases. `npm test` (scripts/test.ts) migrates one template per kind before the tests:
 * a PGlite data-dir dump (TEILHABE_PGLITE_TEMPLATE) and, with TEST_DATABASE_URL, a PostgreSQL
 * template database (TEILHABE_PG_TEMPLATE). Every test file gets its own copy.
 */
export type DbKind = 'pglite' | 'postgres'

export function dbKinds(): DbKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']
}

export interface TestDatabase {
  database: Database
  kind: DbKind
  /** postgres://… of the copy, for code that opens its own connection (e.g. the CLI). */
  url?: string
  drop(): Promise<void>
  /** Hears every query of this database from now on (undefined: stop), e.g. to count a request's. */
  observeQueries(observer: ((query: string, params: unknown[]) => void) | undefined): void
}

export async function openTestDatabase(kind: DbKind): Promise<TestDatabase> {
  let observer: ((query: string, params: unknown[]) => void) | undefined
  const observeQueries = (o: typeof observer) => {
    observer = o
  }
  const logQuery = (query: string, params: unknown[]) => observer?.(query, params)
  if (kind === 'pglite') {
    const templatePath = process.env.TEILHABE_PGLITE_TEMPLATE
    const template = templatePath ? new Blob([await readFile(templatePath)]) : undefined
    const database = await openDatabase({ pgliteTemplate: template, logQuery })
    if (!template) await database.migrate()
    return { database, kind, drop: () => database.close(), observeQueries }
  }
  const base = process.env.TEST_DATABASE_URL
  if (!base) throw new Error('TEST_DATABASE_URL is not set')
  const name = `teilhabe_t_${randomBytes(6).toString('hex')}`
  const template = process.env.TEILHABE_PG_TEMPLATE
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  try {
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`)
  } finally {
    await admin.end()
  }
  const url = withDatabase(base, name)
  const database = await openDatabase({ url, logQuery })
  if (!template) await database.migrate()
  return {
    database,
    kind,
    url,
    observeQueries,
    async drop() {
      await database.close()
      const c = new pg.Client({ connectionString: base })
      await c.connect()
      try {
        // pool.end() resolves before its clients have finished disconnecting; a forced drop would
        // then kill them mid-goodbye (an unhandled error). Wait for them to leave first.
        for (let i = 0; i < 100; i++) {
          const r = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
            name,
          ])
          if ((r.rows[0] as { n: number }).n === 0) break
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
        await c.query(`drop database if exists ${name} with (force)`)
      } finally {
        await c.end()
      }
    },
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

/**
 * The read replica (DATABASE_REPLICA_URL, docs/scaling.md "Read replica") against a real streaming
 * replica: TEST_REPLICA_URL names a physical standby of the server at TEST_DATABASE_URL (.ci/run
 * makes one with pg_basebackup -R). The test makes its database on the primary, finds it on the
 * replica, and proves that the reads chosen for the replica are answered there (by pausing the
 * replica's replay: they do not see a change the primary already has), that writes and
 * read-your-writes pages stay on the primary, that /metrics covers both pools, and that without a
 * replica everything works on the primary alone.
 */
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { buildApp, FEATURES } from '../../src/app'
import { createCouncil } from '../../src/features/councils/bodies-and-members/manage-councils'
import { CLI_ACTOR } from '../../src/platform/audit'
import { loadConfig } from '../../src/platform/config'
import { type Database, openDatabase } from '../../src/platform/db'
import type { App, AppDeps } from '../../src/platform/feature'
import { createDeps } from '../../src/platform/runtime'
import { withDatabase } from '../helpers/db'

const primaryBase = process.env.TEST_DATABASE_URL
const replicaBase = process.env.TEST_REPLICA_URL
const TOKEN = 'metrics-token-for-the-read-replica-test-0123456'

async function until<T>(what: string, get: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await get().catch(() => undefined)
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`timed out: ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

async function appOn(database: Database, dataDir: string): Promise<{ app: App; deps: AppDeps }> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    RATE_LIMIT_PER_MINUTE: '1000',
    REPORT_WAIT_SECONDS: '0',
    METRICS_TOKEN: TOKEN,
  })
  const deps = await createDeps(config, database, FEATURES, { info() {}, error() {} })
  const app = await buildApp(deps, { logger: false })
  await app.ready()
  return { app, deps }
}

const value = (r: unknown) => (r as { rows: Record<string, unknown>[] }).rows[0]

if (primaryBase && replicaBase) {
  describe('a read replica (DATABASE_REPLICA_URL) on a real streaming replica', () => {
    const name = `teilhabe_replica_${randomBytes(5).toString('hex')}`
    const primaryUrl = withDatabase(primaryBase, name)
    const replicaUrl = withDatabase(replicaBase, name)
    let database: Database
    let app: App
    let deps: AppDeps
    let replicaAdmin: pg.Client
    const dirs: string[] = []

    before(async () => {
      const admin = new pg.Client({ connectionString: primaryBase })
      await admin.connect()
      const template = process.env.TEILHABE_PG_TEMPLATE
      await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`)
      await admin.end()
      // The new database reaches the replica through the WAL stream.
      replicaAdmin = await until('the database on the replica', async () => {
        const c = new pg.Client({ connectionString: replicaUrl })
        await c.connect()
        return c
      })
      const migrated = await openDatabase({ url: primaryUrl })
      await migrated.migrate()
      await migrated.close()
      database = await openDatabase({ url: primaryUrl, replicaUrl })
      const dir = await mkdtemp(path.join(tmpdir(), 'teilhabe-replica-'))
      dirs.push(dir)
      ;({ app, deps } = await appOn(database, dir))
    })

    after(async () => {
      await replicaAdmin?.query('select pg_wal_replay_resume()').catch(() => {})
      await replicaAdmin?.end()
      await app?.close()
      await database?.close()
      const admin = new pg.Client({ connectionString: primaryBase })
      await admin.connect()
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
      for (const d of dirs) await rm(d, { recursive: true, force: true })
    })

    it('readDb is the replica (in recovery, its own application_name); db is the primary', async () => {
      assert.equal(value(await deps.readDb.execute(sql`select pg_is_in_recovery() as r`))?.r, true)
      assert.equal(value(await deps.db.execute(sql`select pg_is_in_recovery() as r`))?.r, false)
      const onReplica = await replicaAdmin.query(
        `select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = 'teilhabe-replica-reads'`,
        [name],
      )
      assert.ok(onReplica.rows[0].n >= 1, 'the replica pool is connected to the replica')
      await assert.rejects(deps.readDb.execute(sql`create table replica_write_probe (x int)`), (err: Error) =>
        /read-only transaction/.test(String((err.cause as Error | undefined)?.message)),
      )
    })

    it('lag-tolerant reads come from the replica; writes and read-your-writes pages from the primary', async () => {
      const before = (await app.inject({ url: '/opendata/beiraete.csv' })).body
      await replicaAdmin.query('select pg_wal_replay_pause()')
      try {
        await until('replay paused', async () => {
          const r = await replicaAdmin.query('select pg_get_wal_replay_pause_state() as s')
          return r.rows[0].s === 'paused' ? true : undefined
        })
        // A change through a use case goes to the primary (it would fail on the replica).
        await createCouncil(deps.db, CLI_ACTOR, {
          kind: 'auslaenderbeirat',
          name: 'Ausländerbeirat Replikadorf',
        })
        const csv = await app.inject({ url: '/opendata/beiraete.csv' })
        assert.equal(csv.statusCode, 200)
        assert.ok(!csv.body.includes('Replikadorf'), 'the open-data file is read from the paused replica')
        assert.equal(csv.body, before)
        // The catalogue reads the datasets there too; the statistics page answers from the replica.
        assert.equal((await app.inject({ url: '/opendata/catalog' })).statusCode, 200)
        assert.equal((await app.inject({ url: '/statistik/diskriminierung' })).statusCode, 200)
        assert.equal((await app.inject({ url: '/foerderung/projekte' })).statusCode, 200)
        // A page of the council list reads the primary: the change shows at once.
        assert.match((await app.inject({ url: '/beiraete' })).body, /Replikadorf/)
        // A public form's write (a receipt-code try) lands on the primary while the replica stands still.
        const form = await app.inject({ url: '/melden/antwort' })
        const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? ''
        const cookie = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
        const wrong = await app.inject({
          method: 'POST',
          url: '/melden/antwort',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: token, code: '1111 2222 3333 4444' }).toString(),
        })
        assert.equal(wrong.statusCode, 400)
        const tries = value(await deps.db.execute(sql`select count(*)::int as n from antidisc_receipt_tries`))
        assert.equal(tries?.n, 1)
      } finally {
        await replicaAdmin.query('select pg_wal_replay_resume()')
      }
      // Replay resumed: the replica catches up and the file shows the new council.
      await until('the replica shows the change', async () =>
        (await app.inject({ url: '/opendata/beiraete.csv' })).body.includes('Replikadorf') ? true : undefined,
      )
    })

    it('/metrics reports both pools', async () => {
      const res = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })
      assert.equal(res.statusCode, 200)
      const count = (pool: string) =>
        Number(
          new RegExp(`teilhabe_db_queries_total\\{pool="${pool}",kind="postgres"\\} (\\d+)`).exec(
            res.body,
          )?.[1],
        )
      assert.ok(count('main') > 0)
      assert.ok(count('replica') > 0, 'queries on the replica are counted')
      assert.match(res.body, /teilhabe_db_pool_connections\{pool="replica",kind="postgres",state="max"\} 10/)
      assert.match(res.body, /teilhabe_db_pool_waiting\{pool="replica",kind="postgres"\} 0/)
    })

    it('without a replica everything reads and writes on the primary', async () => {
      const alone = await openDatabase({ url: primaryUrl })
      const dir = await mkdtemp(path.join(tmpdir(), 'teilhabe-replica-'))
      dirs.push(dir)
      const one = await appOn(alone, dir)
      try {
        assert.equal(alone.readDb, alone.db)
        assert.equal(alone.replica, undefined)
        assert.equal(one.deps.readDb, one.deps.db)
        await createCouncil(one.deps.db, CLI_ACTOR, {
          kind: 'auslaenderbeirat',
          name: 'Ausländerbeirat Primärstadt',
        })
        assert.match((await one.app.inject({ url: '/opendata/beiraete.csv' })).body, /Primärstadt/)
        assert.equal((await one.app.inject({ url: '/statistik/diskriminierung' })).statusCode, 200)
        const metrics = await one.app.inject({
          url: '/metrics',
          headers: { authorization: `Bearer ${TOKEN}` },
        })
        assert.match(metrics.body, /pool="main"/)
        assert.doesNotMatch(metrics.body, /pool="replica"/)
      } finally {
        await one.app.close()
        await alone.close()
      }
    })
  })
}

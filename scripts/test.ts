/**
 * `npm test`: prepares the test databases once, then runs every test file with node:test.
 *
 * Tiers: unit + integration (src/**\/*.test.ts[x], test/integration), PostgreSQL (the same
 * integration tests again when TEST_DATABASE_URL is set) and browser (test/browser, needs
 * /usr/bin/chromium). A tier whose tool is missing is skipped with a message locally; under
 * CI=true a missing tier fails the run, and so does any skipped or todo test.
 *
 *   npm test                      everything
 *   npm test -- --tier unit       without the browser tier
 *   npm test -- --tier browser    only the browser tier
 *   npm test -- path/to/file.test.ts …   only these files
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { loadConfig } from '../src/platform/config'
import { dumpPglite, openDatabase } from '../src/platform/db'
import { buildAssets } from '../src/platform/http/assets'
import { readSummary, verdict } from './test-summary'

const root = path.resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const tierIdx = args.indexOf('--tier')
const tier = tierIdx >= 0 ? args[tierIdx + 1] : 'all'
const explicit = args.filter(
  (a, i) => a.endsWith('.test.ts') || a.endsWith('.test.tsx') || (i > 0 && args[i - 1] === '--files'),
)
const ci = process.env.CI === 'true'
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

async function findTests(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return []
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.test\.tsx?$/.test(entry.name)) out.push(path.join(entry.parentPath, entry.name))
  }
  return out.sort()
}

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`)
  process.exit(1)
}

async function main() {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), NODE_ENV: 'test' }
  const tmp = await mkdtemp(path.join(tmpdir(), 'teilhabe-tests-'))

  // 1. PGlite: migrate once, dump the data dir; each test file loads a copy.
  const t0 = Date.now()
  const template = await openDatabase({})
  await template.migrate()
  const tarball = await dumpPglite(template)
  await template.close()
  const templateFile = path.join(tmp, 'pglite-template.tar')
  await writeFile(templateFile, Buffer.from(await tarball.arrayBuffer()))
  env.TEILHABE_PGLITE_TEMPLATE = templateFile
  console.log(`PGlite template migrated in ${Date.now() - t0} ms`)

  // 1b. Assets: built once here (usually already by npm install), so test files never race to build.
  const t1 = Date.now()
  await buildAssets(loadConfig({}).assetCacheDir)
  console.log(`Assets ready in ${Date.now() - t1} ms`)

  // 2. PostgreSQL: a migrated template database, copied per test file with CREATE DATABASE … TEMPLATE.
  //    Its name carries a hash of the migrations, so runs with other migrations never share one.
  const pgUrl = process.env.TEST_DATABASE_URL
  if (pgUrl) {
    const hash = createHash('sha256')
    const migrationsDir = path.join(root, 'migrations')
    for (const f of (await readdir(migrationsDir, { recursive: true })).sort()) {
      if (f.endsWith('.sql') || f.endsWith('_journal.json'))
        hash.update(f).update(await readFile(path.join(migrationsDir, f)))
    }
    const name = `teilhabe_tpl_${hash.digest('hex').slice(0, 16)}`
    const admin = new pg.Client({ connectionString: pgUrl })
    await admin.connect()
    await admin.query('select pg_advisory_lock(727275)')
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [name])
      if (exists.rowCount === 0) {
        await admin.query(`create database ${name}_tmp`).catch(async () => {
          await admin.query(`drop database ${name}_tmp with (force)`)
          await admin.query(`create database ${name}_tmp`)
        })
        const u = new URL(pgUrl)
        u.pathname = `/${name}_tmp`
        const db = await openDatabase({ url: u.toString() })
        await db.migrate()
        await db.close()
        await admin.query(`alter database ${name}_tmp rename to ${name}`)
      }
    } finally {
      await admin.query('select pg_advisory_unlock(727275)')
    }
    const version = (await admin.query('show server_version')).rows[0].server_version
    await admin.end()
    env.TEILHABE_PG_TEMPLATE = name
    console.log(`PostgreSQL ${version} template ${name} ready`)
    // The read-replica test needs a streaming replica of that server (.ci/run starts one).
    if (ci && !process.env.TEST_REPLICA_URL)
      fail('CI=true but TEST_REPLICA_URL is not set: the read-replica test cannot be skipped in CI.')
  } else if (ci) {
    fail('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tier cannot be skipped in CI.')
  } else {
    console.log(
      'PostgreSQL tier skipped: set TEST_DATABASE_URL=postgres://… to run the tests on PostgreSQL too.',
    )
  }

  // 3. Which files.
  let files: string[]
  if (explicit.length) files = explicit.map((f) => path.resolve(f))
  else {
    const unit = [
      ...(await findTests(path.join(root, 'src'))),
      ...(await findTests(path.join(root, 'test/integration'))),
    ]
    const browser = await findTests(path.join(root, 'test/browser'))
    const wantBrowser = tier === 'all' || tier === 'browser'
    let runBrowser = wantBrowser
    if (wantBrowser && !existsSync(CHROMIUM)) {
      if (ci) fail(`CI=true but ${CHROMIUM} is missing: the browser tier cannot be skipped in CI.`)
      console.log(`Browser tier skipped: ${CHROMIUM} not found (apt-get install chromium).`)
      runBrowser = false
    }
    files = [...(tier === 'browser' ? [] : unit), ...(runBrowser ? browser : [])]
    // The browser tests photograph every page they check; a run starts with an empty folder.
    if (runBrowser) await rm(path.join(root, 'test-results/screenshots'), { recursive: true, force: true })
  }
  if (files.length === 0) fail('no test files found')

  // 4. Run them with node:test through tsx, two files at a time (two cores).
  const tap = path.join(tmp, 'results.tap')
  const nodeArgs = [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]
  const started = Date.now()
  const child = spawn(process.execPath, nodeArgs, { cwd: root, env, stdio: 'inherit' })
  const code: number = await new Promise((resolve) =>
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))),
  )
  const summary = readSummary(existsSync(tap) ? await readFile(tap, 'utf8') : '')
  const result = verdict(summary, code, ci)
  console.log(`\n${files.length} test files in ${Math.round((Date.now() - started) / 1000)} s`)
  console.log(result.line)
  if (result.problem) fail(result.problem)
  process.exit(result.code)
}

await main()

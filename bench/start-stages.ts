/**
 * `npm run bench:start-stages`: where `npm start`'s time and memory go, stage by stage, in one process
 * (docs/performance.md, "Where memory and start time go").
 *
 * Runs what src/server.ts runs, in the same order, on a fresh DATA_DIR (or STAGES_DATA_DIR to measure
 * a later start on a seeded one) and prints after each stage: the time since the process started
 * (performance.now() counts from Node's start, so the first line includes Node itself and the
 * loader), the stage's own time, the resident set (VmRSS), its peak so far (VmHWM), V8's heap in use
 * and the memory outside it (`external`: PGlite's WebAssembly memory lives there). Demo seeding is
 * measured feature by feature. Run it with Node's flags from the `start` script, e.g.
 * `node --max-semi-space-size=8 --liftoff-only --import tsx bench/start-stages.ts` (the npm script does).
 * Linux only (reads /proc/self/status).
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

const atStart = performance.now()
const proc = () => {
  const status = readFileSync('/proc/self/status', 'utf8')
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
}
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)}`
let last = 0
const rows: string[] = []
function mark(stage: string, since = last): void {
  const now = performance.now()
  // STAGES_GC=1 (with --expose-gc): collect before measuring, so RSS shows what is still live.
  if (process.env.STAGES_GC) globalThis.gc?.()
  const m = process.memoryUsage()
  const p = proc()
  rows.push(
    `| ${stage} | ${now.toFixed(0)} | ${(now - since).toFixed(0)} | ${p.rss.toFixed(0)} | ${p.peak.toFixed(0)} | ${mb(m.heapUsed)} | ${mb(m.external)} | ${queries ? queries.count - lastCount : ''} |`,
  )
  lastCount = queries?.count ?? 0
  last = performance.now()
  if (process.env.STAGES_VERBOSE) console.error(rows.at(-1))
}
last = atStart
rows.push('| stage | at (ms) | took (ms) | RSS (MB) | peak (MB) | heap used (MB) | external (MB) | queries |')
rows.push('|---|---|---|---|---|---|---|---|')
/** Queries sent by the stage (once the database is open). */
let queries: { count: number } | undefined
let lastCount = 0
mark('Node and the loader (before the first line of the entry)', 0)

const given = process.env.STAGES_DATA_DIR
const dataDir = given ?? (await mkdtemp(path.join(tmpdir(), 'teilhabe-stages-')))
process.env.DATA_DIR = dataDir
process.env.LOG_LEVEL = 'warn'

const { loadConfigFromEnv } = await import('../src/platform/config')
const { openDatabase, pgliteTemplateFile } = await import('../src/platform/db')
mark('platform config and db modules (drizzle, PGlite, pg)')
const { buildApp, FEATURES } = await import('../src/app')
mark('app modules (every feature and its dependencies)')
const { createDeps, seedDemoOnce } = await import('../src/platform/runtime')
const config = loadConfigFromEnv()
const template = process.env.STAGES_NO_TEMPLATE ? undefined : pgliteTemplateFile(config.assetCacheDir)
const database = await openDatabase({ pgliteDir: config.dataDir, pgliteInitial: template })
queries = database.queries
mark(template ? 'PGlite opened (from the migrated template when new)' : 'PGlite opened (initdb when new)')
await database.migrate()
mark('migrations')
const quiet = { info: () => {}, error: (o: unknown) => console.error(o) }
const deps = await createDeps(config, database, FEATURES, quiet)
mark('deps (keys, installation)')
const seedStart = performance.now()
if (given) {
  await seedDemoOnce(deps, FEATURES, () => {})
  mark('demo data present (a later start: only looked up)')
} else {
  // One feature at a time, in the order of FEATURES (forced: the marker is written after each).
  for (const f of FEATURES) {
    if (!f.seedDemo) continue
    await seedDemoOnce(deps, [f], () => {}, true)
    mark(`seed: ${f.name}`)
  }
  lastCount = 0
  mark('demo seeding, all', seedStart)
}
globalThis.gc?.()
mark('after a full GC (only with --expose-gc)')
const app = await buildApp(deps, { logger: false })
mark('app built (catalogues, assets checked, routes)')
await database.notifications.start()
await app.listen({ port: 0, host: '127.0.0.1' })
mark('listening')
await app.inject({ url: '/' })
mark('first request (/)')
console.log(rows.join('\n'))
await app.close()
await database.close()
if (!given) await rm(dataDir, { recursive: true, force: true })

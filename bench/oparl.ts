/**
 * `npm run bench:oparl`: the OParl API on the demo data.
 *
 * Two processes: Teilhabe (child; in-memory PGlite, or DATABASE_URL, migrated and seeded with the demo
 * data as `npm start` does) and the load generator (this process: autocannon and a crawler).
 *
 * 1. Every list of the demo body (`/oparl/v1/body/<id>/<list>`, first page, up to 100 objects) with
 *    autocannon at 20 connections for BENCH_SECONDS each: requests per second and p50/p99 latency, once
 *    with the production response cache (OPARL_CACHE_SECONDS=10) and once without it (0), which is
 *    what a harvester meets after every change. Target (issue "scale and speed"): ≥ 1,000 requests/s.
 * 2. A full crawl from the System object, as a harvester does it: every list, every next page, every
 *    object URL found, 8 requests in flight, against the uncached server. Target: under 2 s.
 * The OParl rate limit is raised for the benchmark (it would otherwise refuse the load generator).
 * Prints median and range over BENCH_ROUNDS rounds (default 3). BENCH_PROFILE=<dir> writes CPU profiles
 * of the servers; BENCH_ONLY=uncached skips the cached server.
 */
import { fork } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { buildApp, FEATURES } from '../src/app'
import { loadConfig } from '../src/platform/config'
import { openDatabase } from '../src/platform/db'
import { createDeps, seedDemoOnce } from '../src/platform/runtime'
import { median } from './stats'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const connections = 20

async function serve(): Promise<void> {
  const cacheSeconds = process.argv.includes('--cached') ? '10' : '0'
  const dataDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-bench-oparl-'))
  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    PUBLIC_URL: 'http://127.0.0.1',
    OPARL_CACHE_SECONDS: cacheSeconds,
    OPARL_RATE_LIMIT_PER_MINUTE: '1000000',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  })
  const database = await openDatabase({ url: config.databaseUrl })
  await database.migrate()
  const deps = await createDeps(config, database, FEATURES, { info() {}, error() {} })
  await seedDemoOnce(deps, FEATURES, () => {})
  const app = await buildApp(deps, { logger: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  process.send?.({ base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` })
  process.on('disconnect', async () => {
    await app.close()
    await database.close()
    await rm(dataDir, { recursive: true, force: true })
    process.exit(0)
  })
}

function start(cached: boolean): Promise<{ child: ReturnType<typeof fork>; base: string }> {
  const child = fork(import.meta.filename, ['--serve', ...(cached ? ['--cached'] : [])], {
    execArgv: process.env.BENCH_PROFILE
      ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
      : process.execArgv,
    stdio: 'inherit',
  })
  return new Promise((resolve, reject) => {
    child.once('exit', (c) => reject(new Error(`the server exited with ${c}`)))
    child.once('message', (m) => resolve({ child, base: (m as { base: string }).base }))
  })
}

/** The public URL in OParl ids is PUBLIC_URL; the bench asks the server it started. */
const local = (base: string, url: string) => url.replace(/^https?:\/\/[^/]+/, base)

const range = (xs: number[], d = 0) =>
  `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`

async function lists(base: string): Promise<{ name: string; url: string; count: number }[]> {
  const bodies = (await (await fetch(`${base}/oparl/v1/bodies`)).json()) as { data: { id: string }[] }
  const body = bodies.data[0]
  if (!body) throw new Error('no body in the demo data')
  const out: { name: string; url: string; count: number }[] = []
  const b = (await (await fetch(local(base, body.id))).json()) as Record<string, unknown>
  for (const [key, value] of Object.entries(b)) {
    if (typeof value !== 'string' || !value.includes('/oparl/v1/body/') || value === body.id) continue
    const url = local(base, value)
    const page = (await (await fetch(url)).json()) as { data?: unknown[] }
    if (Array.isArray(page.data)) out.push({ name: key, url, count: page.data.length })
  }
  return out
}

async function crawl(base: string): Promise<{ requests: number; ms: number }> {
  const seen = new Set<string>()
  const queue = [`${base}/oparl/v1`]
  let requests = 0
  const t0 = performance.now()
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.includes('/oparl/v1') && !value.endsWith('/content') && !value.endsWith('/download')) {
        const u = local(base, value)
        if (!seen.has(u)) {
          seen.add(u)
          queue.push(u)
        }
      }
    } else if (Array.isArray(value)) for (const v of value) visit(v)
    else if (value && typeof value === 'object') for (const v of Object.values(value)) visit(v)
  }
  seen.add(queue[0]!)
  const worker = async () => {
    while (queue.length > 0) {
      const url = queue.shift()!
      const res = await fetch(url)
      requests++
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`)
      visit(await res.json())
      // Other workers may have queued more while this one waited.
      if (queue.length === 0) await new Promise((r) => setImmediate(r))
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  return { requests, ms: performance.now() - t0 }
}

async function main(): Promise<void> {
  console.log(`OParl on the demo data: ${connections} connections, ${seconds} s per list, ${rounds} rounds`)
  const results: Record<string, { rps: number[]; p99: number[] }> = {}
  for (const cached of process.env.BENCH_ONLY === 'uncached' ? [false] : [true, false]) {
    const { child, base } = await start(cached)
    const all = await lists(base)
    for (let round = 0; round < rounds; round++) {
      for (const l of all) {
        const r = await autocannon({ url: l.url, connections, duration: seconds })
        if (r.errors || r.non2xx || r.timeouts) throw new Error(`${l.url}: errors`)
        const key = `${cached ? 'cached  ' : 'uncached'} ${l.name} (${l.count} objects)`
        results[key] ??= { rps: [], p99: [] }
        results[key].rps.push(r.requests.average)
        results[key].p99.push(r.latency.p99)
      }
    }
    if (!cached) {
      const crawls = []
      for (let round = 0; round < rounds; round++) crawls.push(await crawl(base))
      console.log(
        `full crawl from System, uncached: ${crawls[0]!.requests} requests, ${range(crawls.map((c) => c.ms))} ms (target < 2,000 ms)`,
      )
    }
    child.removeAllListeners('exit')
    child.disconnect()
  }
  console.log('list                                   req/s median (min–max)     p99 ms')
  for (const [key, r] of Object.entries(results)) {
    const met = median(r.rps) >= 1000 ? 'met' : 'MISSED'
    console.log(`${key.padEnd(38)} ${range(r.rps).padEnd(26)} ${range(r.p99)}  ${met}`)
  }
}

if (process.argv.includes('--serve')) await serve()
else await main()

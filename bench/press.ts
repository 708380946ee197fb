/**
 * `npm run bench:press`: how close a published release page comes to a static response.
 *
 * Three processes on the same Node binary:
 * 1. the Teilhabe server (child): in-memory PGlite (or DATABASE_URL), imports and publishes the demo
 *    release (the agah plenary release) and serves it at /presse/<slug> as in production;
 * 2. the baseline (another child): a bare `node:http` server that answers every request with the
 *    byte-identical body and exactly the real page's response headers (security headers, ETag,
 *    Last-Modified, …; only Date, Connection and Content-Length are the server's own). This is the
 *    ceiling: nothing can send those bytes faster on this Node;
 * 3. the load generator (this process): autocannon, 50 connections, 10 s per run after a warm-up.
 *
 * Teilhabe and the baseline are measured alternately, BENCH_ROUNDS times (default 5); the report gives
 * the median and the range of requests per second, p99 latency, server CPU time per request and the
 * ratio per round. Target (issue "scale and speed"): ratio ≥ 0.9 and p99 ≤ 10 ms.
 * BENCH_SECONDS, BENCH_CONNECTIONS and BENCH_ROUNDS override the defaults; BENCH_TARGET=0.9.
 * BENCH_PROFILE=<dir> writes a V8 CPU profile of both servers there (`--cpu-prof`).
 */
import { fork } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { buildApp, FEATURES } from '../src/app'
import { pageCache } from '../src/features/press/cache'
import { importPressReleaseCommand } from '../src/features/press/cli'
import { DEMO_RELEASE_FILE } from '../src/features/press/feature'
import { loadConfig } from '../src/platform/config'
import { openDatabase } from '../src/platform/db'
import { createDeps } from '../src/platform/runtime'
import { copiedHeaders, startBaseline } from './baseline'
import { median } from './stats'

const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const rounds = Number(process.env.BENCH_ROUNDS ?? 5)
const target = Number(process.env.BENCH_TARGET ?? 0.9)

interface AppReady {
  url: string
  body: string
  headers: Record<string, string>
}

/** Child 1: Teilhabe with the published release; reports the URL, the body and the headers. */
async function serveApp(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-bench-'))
  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    PUBLIC_URL: 'https://teilhabe.example',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  })
  const database = await openDatabase({ url: config.databaseUrl })
  await database.migrate()
  const deps = await createDeps(config, database, FEATURES, { info() {}, error() {} })
  const lines: string[] = []
  const code = await importPressReleaseCommand.run(
    deps,
    { flags: { publish: ['true'] }, positionals: [DEMO_RELEASE_FILE] },
    { out: (l) => lines.push(l), err: (l) => lines.push(l) },
  )
  const slug = /\/presse\/(\S+)/.exec(lines.join('\n'))?.[1]
  if ((code !== 0 && !lines.some((l) => l.startsWith('Already imported'))) || !slug) {
    throw new Error(lines.join('\n'))
  }
  const app = await buildApp(deps, { logger: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/presse/${slug}`
  // autocannon sends no Accept-Encoding, so the page is compared uncompressed, byte for byte.
  const page = await fetch(url, { headers: { 'accept-encoding': 'identity' } })
  const body = await page.text()
  if (page.status !== 200 || !/\d Minuten? Lesezeit/.test(body)) throw new Error(`bad page: ${page.status}`)
  if (pageCache.size(deps.db) !== 1) throw new Error('the release page was not cached')
  const headers = copiedHeaders(page.headers)
  reportCpu()
  process.send?.({ url, body, headers } satisfies AppReady)
  process.on('disconnect', async () => {
    await app.close()
    await database.close()
    await rm(dataDir, { recursive: true, force: true })
    process.exit(0)
  })
}

/** Child 2: the baseline, a bare node:http server sending the same bytes with the same headers. */
function serveBaseline(): void {
  process.once('message', async (m) => {
    const { body, headers } = m as AppReady
    const path = '/presse/baseline'
    const { base } = await startBaseline(new Map([[path, { headers, bytes: Buffer.from(body, 'utf8') }]]))
    reportCpu()
    process.send?.({ url: `${base}${path}` })
  })
}

/** Both children answer 'cpu' with the CPU time (µs) they have used so far. */
function reportCpu(): void {
  process.on('message', (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage()
      process.send?.({ cpu: u.user + u.system })
    }
  })
}

type Child = ReturnType<typeof fork>

function cpuOf(child: Child): Promise<number> {
  return new Promise((resolve) => {
    const on = (m: unknown) => {
      if (m && typeof m === 'object' && 'cpu' in m) {
        child.off('message', on)
        resolve((m as { cpu: number }).cpu)
      }
    }
    child.on('message', on)
    child.send('cpu')
  })
}

function firstMessage<T>(child: Child): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onExit = (c: number | null) => reject(new Error(`a server process exited with ${c}`))
    child.once('exit', onExit)
    child.once('message', (m) => {
      child.off('exit', onExit)
      resolve(m as T)
    })
  })
}

interface Run {
  rps: number
  p50: number
  p99: number
  cpuPerRequest: number
}

async function load(child: Child, url: string, duration: number): Promise<Run> {
  const cpu0 = await cpuOf(child)
  const r = await autocannon({ url, connections, duration })
  const cpu = (await cpuOf(child)) - cpu0
  if (r.errors || r.non2xx || r.timeouts) {
    throw new Error(`${url}: ${r.errors} errors, ${r.non2xx} non-2xx, ${r.timeouts} timeouts`)
  }
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    cpuPerRequest: cpu / r.requests.total,
  }
}

function summary(xs: number[], digits = 0): string {
  const f = (n: number) =>
    n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
  return `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`
}

async function main(): Promise<void> {
  const spawn = (role: string) =>
    fork(import.meta.filename, [role], {
      execArgv: process.env.BENCH_PROFILE
        ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
        : process.execArgv,
      stdio: 'inherit',
    })
  const appChild = spawn('--serve-app')
  const app = await firstMessage<AppReady>(appChild)
  const baseChild = spawn('--serve-baseline')
  const baseReady = firstMessage<{ url: string }>(baseChild)
  baseChild.send(app)
  const base = await baseReady
  const check = await fetch(base.url)
  if ((await check.text()) !== app.body) throw new Error('the baseline body differs')
  for (const [k, v] of Object.entries(app.headers)) {
    if (check.headers.get(k) !== v) throw new Error(`the baseline header ${k} differs`)
  }
  console.log(
    `Release page: ${Buffer.byteLength(app.body)} bytes, ${Object.keys(app.headers).length} headers copied; ` +
      `Node ${process.version}; autocannon ${connections} connections, ${seconds} s per run, ${rounds} rounds`,
  )
  await load(appChild, app.url, 2)
  await load(baseChild, base.url, 2)
  const real: Run[] = []
  const top: Run[] = []
  for (let i = 0; i < rounds; i++) {
    // Alternate which goes first, so neither always meets the machine in the same state.
    const [a, b] =
      i % 2 === 0
        ? [await load(appChild, app.url, seconds), await load(baseChild, base.url, seconds)]
        : await (async () => {
            const b2 = await load(baseChild, base.url, seconds)
            return [await load(appChild, app.url, seconds), b2] as const
          })()
    real.push(a)
    top.push(b)
    console.log(
      `round ${i + 1}: Teilhabe ${a.rps.toFixed(0)} req/s p99 ${a.p99} ms ${a.cpuPerRequest.toFixed(1)} µs CPU/req; ` +
        `baseline ${b.rps.toFixed(0)} req/s p99 ${b.p99} ms ${b.cpuPerRequest.toFixed(1)} µs CPU/req; ratio ${(a.rps / b.rps).toFixed(2)}`,
    )
  }
  const ratios = real.map((r, i) => r.rps / top[i]!.rps)
  const cpuRatios = real.map((r, i) => top[i]!.cpuPerRequest / r.cpuPerRequest)
  console.log('\nmedian (min–max) over the rounds')
  console.log(
    `Teilhabe  req/s ${summary(real.map((r) => r.rps))}, p99 ${summary(real.map((r) => r.p99))} ms, CPU/req ${summary(
      real.map((r) => r.cpuPerRequest),
      1,
    )} µs`,
  )
  console.log(
    `baseline  req/s ${summary(top.map((r) => r.rps))}, p99 ${summary(top.map((r) => r.p99))} ms, CPU/req ${summary(
      top.map((r) => r.cpuPerRequest),
      1,
    )} µs`,
  )
  console.log(`ratio req/s ${summary(ratios, 2)} (target ≥ ${target}); CPU ratio ${summary(cpuRatios, 2)}`)
  const p99 = median(real.map((r) => r.p99))
  console.log(median(ratios) >= target && p99 <= 10 ? 'TARGET MET' : 'TARGET MISSED')
  appChild.disconnect()
  baseChild.disconnect()
}

if (process.argv.includes('--serve-app')) await serveApp()
else if (process.argv.includes('--serve-baseline')) serveBaseline()
else await main()

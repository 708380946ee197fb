/**
 * `npm run bench:offers`: the offers finder's search with 10,000 offers, filters combined.
 * Target (issue 16): p95 ≤ 20 ms on PostgreSQL, ≤ 50 ms on PGlite.
 *
 * Three processes on the same Node:
 * - the app (child `--app`): a fresh database (in-memory PGlite, or with DATABASE_URL /
 *   TEST_DATABASE_URL a new PostgreSQL database, dropped at the end) with BENCH_OFFERS (default 10,000)
 *   offers (bench/offers-data.ts), the real app in production mode. Before it listens it times the
 *   search alone (findOffers: place match + query) and the whole page in-process (app.inject: search,
 *   rendering, compression, no network).
 * - the baseline (child `--baseline`): a bare node:http server that answers each search's URL with the
 *   bytes and headers the app sent for it (compressed as the app compressed them), read from the app
 *   first. It does nothing else, so it is the ceiling of this machine and Node.
 * - the load generator (this process, autocannon): every search of SEARCHES in turn on each connection,
 *   `accept-encoding: br, gzip` as browsers send, for BENCH_SECONDS (default 5) per server and load,
 *   at 1 connection (latency: the target is judged here) and at BENCH_CONNECTIONS (default 8;
 *   throughput), app and baseline alternating, BENCH_ROUNDS (default 5) rounds.
 * Prints per server and load the median and the range (min–max) over the rounds of p50, p95, p99
 * (from every response's time) and requests per second, and the app's share of the baseline.
 * Exit code 1 when the app's median p95 at 1 connection misses the target.
 */
import { type ChildProcess, fork } from 'node:child_process'
import http from 'node:http'
import { loadavg } from 'node:os'
import autocannon from 'autocannon'
import { buildApp } from '../src/app'
import { finderRequest, findOffers } from '../src/features/offers/finder'
import { OWN_HEADERS, startBaseline } from './baseline'
import { offersBenchData, SEARCHES } from './offers-data'
import { median } from './stats'

const OFFERS = Number(process.env.BENCH_OFFERS ?? 10_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8)
const pgBase = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL
const TARGET_MS = pgBase ? 20 : 50
const DIRECT_RUNS = 100

/** The time quantile q of some sorted measurements (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN
}

function spread(ms: readonly number[]) {
  const s = [...ms].sort((a, b) => a - b)
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99) }
}

interface AppReady {
  readonly base: string
  readonly visible: number
  /** Per search: p50/p95/p99 ms of findOffers and of app.inject (in-process page). */
  readonly direct: Record<string, { search: ReturnType<typeof spread>; page: ReturnType<typeof spread> }>
}

async function serveApp(): Promise<void> {
  const { deps, close } = await offersBenchData(OFFERS, pgBase)
  const app = await buildApp(deps, { logger: false })
  const direct: AppReady['direct'] = {}
  for (const [name, query] of Object.entries(SEARCHES)) {
    const req = finderRequest(Object.fromEntries(new URLSearchParams(query)))
    const url = `/angebote?${query}`
    for (let i = 0; i < 20; i++) await app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } })
    const search: number[] = []
    const page: number[] = []
    for (let i = 0; i < DIRECT_RUNS; i++) {
      let t0 = performance.now()
      await findOffers(deps.db, req)
      search.push(performance.now() - t0)
      t0 = performance.now()
      const res = await app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } })
      page.push(performance.now() - t0)
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`)
    }
    direct[name] = { search: spread(search), page: spread(page) }
  }
  const visible = (await findOffers(deps.db, finderRequest({}))).total
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  process.send?.({ base, visible, direct } satisfies AppReady)
  process.on('disconnect', async () => {
    await app.close()
    await close()
    process.exit(0)
  })
}

/** What the app sent for one URL: status, headers (as sent, but the per-connection ones) and bytes. */
interface Recorded {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: string
}

async function serveBaseline(): Promise<void> {
  const pages = await new Promise<Record<string, Recorded>>((resolve) =>
    process.once('message', (m) => resolve(m as Record<string, Recorded>)),
  )
  const ready = new Map(
    Object.entries(pages).map(([url, p]) => [
      url,
      { status: p.status, headers: p.headers, bytes: Buffer.from(p.body, 'base64') },
    ]),
  )
  const { base } = await startBaseline(ready, { withQuery: true })
  process.send?.({ base })
}

function start<T>(flag: string): { child: ChildProcess; ready: Promise<T> } {
  const child = fork(import.meta.filename, [flag], { execArgv: process.execArgv, stdio: 'inherit' })
  const ready = new Promise<T>((resolve, reject) => {
    child.once('message', (m) => resolve(m as T))
    child.once('exit', (code) => reject(new Error(`${flag} exited with ${code}`)))
  })
  return { child, ready }
}

/** GET as a browser sends it (compression accepted), the body as sent: the bytes on the wire. */
function record(url: string): Promise<Recorded> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const body = Buffer.concat(chunks)
          const headers: Record<string, string> = {}
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined && !OWN_HEADERS.includes(k)) headers[k] = Array.isArray(v) ? v.join(', ') : v
          headers['content-length'] = String(body.length)
          resolve({ status: res.statusCode ?? 0, headers, body: body.toString('base64') })
        })
        res.on('error', reject)
      })
      .on('error', reject)
  })
}

interface Round {
  readonly p50: number
  readonly p95: number
  readonly p99: number
  readonly rps: number
}

/** One load of SECONDS on `base`: every search in turn on each connection; each response's time kept. */
async function load(base: string, connections: number): Promise<Round> {
  const times: number[] = []
  let bad = 0
  const instance = autocannon({
    url: base,
    connections,
    duration: SECONDS,
    headers: { 'accept-encoding': 'br, gzip' },
    requests: Object.values(SEARCHES).map((q) => ({ method: 'GET', path: `/angebote?${q}` })),
  })
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status !== 200) bad++
    times.push(ms)
  })
  const r = await instance
  if (bad || r.errors || r.non2xx || r.timeouts)
    throw new Error(`${base}: ${r.errors} errors, ${r.non2xx} non-2xx`)
  return { ...spread(times), rps: r.requests.total / SECONDS }
}

const range = (xs: readonly number[], d = 1) =>
  `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`
const f1 = (x: number) => x.toFixed(1)

async function main(): Promise<void> {
  const kind = pgBase ? 'PostgreSQL' : 'PGlite'
  const appProc = start<AppReady>('--app')
  const app = await appProc.ready
  const pages: Record<string, Recorded> = {}
  for (const q of Object.values(SEARCHES)) {
    const url = `/angebote?${q}`
    const got = await record(`${app.base}${url}`)
    if (got.status !== 200) throw new Error(`${url}: ${got.status}`)
    pages[url] = got
  }
  const baselineProc = start<{ base: string }>('--baseline')
  baselineProc.child.send(pages)
  const baseline = await baselineProc.ready
  for (const [url, p] of Object.entries(pages)) {
    const again = await record(`${baseline.base}${url}`)
    if (again.body !== p.body || JSON.stringify(again.headers) !== JSON.stringify(p.headers))
      throw new Error(`the baseline does not send what the app sent for ${url}`)
  }

  console.log(
    `offers search on ${kind}, Node ${process.version}: ${OFFERS} offers (${app.visible} public), ` +
      `${Object.keys(SEARCHES).length} searches in turn, ${ROUNDS} rounds × ${SECONDS} s per server and load`,
  )
  console.log(`load average before: ${loadavg().map(f1).join(' ')}`)
  console.log(`in the app process, no network (p50 / p95 / p99 ms over ${DIRECT_RUNS} runs):`)
  for (const [name, d] of Object.entries(app.direct))
    console.log(
      `  ${name.padEnd(46)} search ${f1(d.search.p50)} / ${f1(d.search.p95)} / ${f1(d.search.p99)}` +
        `   page ${f1(d.page.p50)} / ${f1(d.page.p95)} / ${f1(d.page.p99)}`,
    )

  const results: Record<string, Round[]> = {}
  for (const connections of [1, CONNECTIONS]) {
    // Warm-up of both.
    await load(app.base, connections)
    await load(baseline.base, connections)
    for (let round = 0; round < ROUNDS; round++)
      for (const [who, base] of [
        ['app', app.base],
        ['baseline', baseline.base],
      ] as const) {
        const key = `${who} c=${connections}`
        results[key] ??= []
        results[key].push(await load(base, connections))
      }
  }
  console.log(`load average after: ${loadavg().map(f1).join(' ')}`)
  console.log('over HTTP, median (min–max) of the rounds:')
  console.log('                   p50 ms            p95 ms            p99 ms            req/s')
  for (const [key, rs] of Object.entries(results))
    console.log(
      `  ${key.padEnd(15)}  ${range(rs.map((r) => r.p50)).padEnd(16)}  ${range(rs.map((r) => r.p95)).padEnd(16)}  ` +
        `${range(rs.map((r) => r.p99)).padEnd(16)}  ${range(
          rs.map((r) => r.rps),
          0,
        )}`,
    )
  for (const connections of [1, CONNECTIONS]) {
    const a = results[`app c=${connections}`]!
    const b = results[`baseline c=${connections}`]!
    console.log(
      `  c=${connections}: app req/s ${(median(a.map((r) => r.rps)) / median(b.map((r) => r.rps))).toFixed(2)} of the baseline's; ` +
        `p95 app − baseline ${f1(median(a.map((r) => r.p95)) - median(b.map((r) => r.p95)))} ms`,
    )
  }
  const p95 = median(results['app c=1']!.map((r) => r.p95))
  const met = p95 <= TARGET_MS
  console.log(
    `target p95 ≤ ${TARGET_MS} ms (${kind}, 1 connection, page over HTTP): ${met ? 'met' : 'NOT met'}`,
  )
  baselineProc.child.removeAllListeners('exit')
  appProc.child.removeAllListeners('exit')
  baselineProc.child.disconnect()
  appProc.child.disconnect()
  process.exitCode = met ? 0 : 1
}

if (process.argv.includes('--app')) await serveApp()
else if (process.argv.includes('--baseline')) await serveBaseline()
else await main()

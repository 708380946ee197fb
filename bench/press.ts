/**
 * `npm run bench:press`: how close a published release page comes to a static response.
 *
 * 1. Starts Teilhabe on an in-memory PGlite (or DATABASE_URL), imports and publishes the demo release
 *    (the agah plenary release) and serves it at /presse/<slug> as in production.
 * 2. Starts a bare Fastify instance that answers with the byte-identical HTML (the ceiling), and for
 *    reference the same with pre-encoded bytes and with the real page's response headers.
 * 3. Loads each with autocannon (50 connections, 10 s, after a 2 s warm-up) and prints requests per
 *    second, p50/p99 latency and the ratio. Target: ratio ≥ 0.8 and p99 < 10 ms.
 *
 * Both servers run in a child process (one event loop, as in production) and autocannon runs in this
 * one, so the load generator does not share the servers' thread. The two are measured alternately,
 * ROUNDS times, to even out noise from other work on the machine; the best round of each counts.
 * BENCH_SECONDS, BENCH_CONNECTIONS and BENCH_ROUNDS override the defaults.
 */
import { fork } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import Fastify from 'fastify'
import { buildApp, FEATURES } from '../src/app'
import { pageCache } from '../src/features/press/cache'
import { importPressReleaseCommand } from '../src/features/press/cli'
import { DEMO_RELEASE_FILE } from '../src/features/press/feature'
import { loadConfig } from '../src/platform/config'
import { openDatabase } from '../src/platform/db'
import { createDeps } from '../src/platform/runtime'

const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const rounds = Number(process.env.BENCH_ROUNDS ?? 1)

interface Ready {
  realUrl: string
  ceilingUrl: string
  headersUrl: string
  bytesUrl: string
  bytes: number
}

/** Child process: both servers; reports their URLs, stays up until the parent disconnects. */
async function serve(): Promise<void> {
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
  const realUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/presse/${slug}`
  const page = await fetch(realUrl)
  const html = await page.text()
  if (page.status !== 200 || !html.includes('2 Minuten Lesezeit')) throw new Error(`bad page: ${page.status}`)
  if (pageCache.size(deps.db) !== 1) throw new Error('the release page was not cached')

  const ceiling = Fastify({ logger: false })
  // The ceiling as a bare route is usually written: the HTML string as a static response.
  ceiling.get('/presse/:slug', async (_request, reply) => reply.type('text/html; charset=utf-8').send(html))
  // For reference: a stricter ceiling with the bytes encoded once (as the page cache does) …
  const bytes = Buffer.from(html, 'utf8')
  ceiling.get('/bytes/:slug', async (_request, reply) => reply.type('text/html; charset=utf-8').send(bytes))
  // … and the same with exactly the real page's response headers (security headers, ETag, …).
  const realHeaders = Object.fromEntries(
    [...page.headers].filter(([k]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(k)),
  )
  ceiling.get('/mit-kopfzeilen/:slug', async (_request, reply) => reply.headers(realHeaders).send(bytes))
  await ceiling.listen({ port: 0, host: '127.0.0.1' })
  const ceilingUrl = `http://127.0.0.1:${(ceiling.server.address() as { port: number }).port}/presse/${slug}`
  if ((await (await fetch(ceilingUrl)).text()) !== html) throw new Error('the ceiling HTML differs')

  const headersUrl = ceilingUrl.replace('/presse/', '/mit-kopfzeilen/')
  const bytesUrl = ceilingUrl.replace('/presse/', '/bytes/')
  process.send?.({
    realUrl,
    ceilingUrl,
    headersUrl,
    bytesUrl,
    bytes: Buffer.byteLength(html),
  } satisfies Ready)
  // The parent asks for the CPU time used so far, to compute CPU time per request of each server.
  process.on('message', (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage()
      process.send?.({ cpu: u.user + u.system })
    }
  })
  process.on('disconnect', async () => {
    await ceiling.close()
    await app.close()
    await database.close()
    await rm(dataDir, { recursive: true, force: true })
    process.exit(0)
  })
}

type Child = ReturnType<typeof fork>

/** CPU time (µs) the server process has used so far. */
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

async function load(child: Child, url: string, duration: number) {
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

async function main(): Promise<void> {
  const child = fork(import.meta.filename, ['--serve'], { execArgv: process.execArgv, stdio: 'inherit' })
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready))
    child.once('exit', (c) => reject(new Error(`the server process exited with ${c}`)))
  })
  console.log(
    `Release page: ${ready.bytes} bytes; autocannon ${connections} connections, ${seconds} s per run, ${rounds} round(s)`,
  )
  await load(child, ready.realUrl, 2)
  await load(child, ready.ceilingUrl, 2)
  const real: Awaited<ReturnType<typeof load>>[] = []
  const top: Awaited<ReturnType<typeof load>>[] = []
  for (let i = 0; i < rounds; i++) {
    real.push(await load(child, ready.realUrl, seconds))
    top.push(await load(child, ready.ceilingUrl, seconds))
    const [a, b] = [real[i]!, top[i]!]
    console.log(
      `round ${i + 1}: Teilhabe ${a.rps.toFixed(0)} req/s p99 ${a.p99} ms ${a.cpuPerRequest.toFixed(0)} µs CPU/req; ` +
        `ceiling ${b.rps.toFixed(0)} req/s p99 ${b.p99} ms ${b.cpuPerRequest.toFixed(0)} µs CPU/req`,
    )
  }
  const strict = await load(child, ready.bytesUrl, seconds)
  console.log(
    `reference: bare route with pre-encoded bytes ${strict.rps.toFixed(0)} req/s, p99 ${strict.p99} ms, ${strict.cpuPerRequest.toFixed(0)} µs CPU/req`,
  )
  const withHeaders = await load(child, ready.headersUrl, seconds)
  console.log(
    `reference: bare route with the real page's headers ${withHeaders.rps.toFixed(0)} req/s, ${withHeaders.cpuPerRequest.toFixed(0)} µs CPU/req`,
  )
  const best = (runs: typeof real) => runs.reduce((a, b) => (b.rps > a.rps ? b : a))
  const r = best(real)
  const c = best(top)
  const ratio = r.rps / c.rps
  const fmt = (n: number) => n.toFixed(0).padStart(8)
  console.log('                          req/s   p50 ms   p99 ms')
  console.log(`Teilhabe /presse/<slug> ${fmt(r.rps)} ${fmt(r.p50)} ${fmt(r.p99)}`)
  console.log(`bare Fastify (ceiling)  ${fmt(c.rps)} ${fmt(c.p50)} ${fmt(c.p99)}`)
  console.log(`ratio ${ratio.toFixed(2)} (target ≥ 0.80); p99 ${r.p99} ms (target < 10 ms)`)
  // CPU time per request hardly depends on what else runs on the machine: the steadier comparison.
  const cpuReal = Math.min(...real.map((x) => x.cpuPerRequest))
  const cpuTop = Math.min(...top.map((x) => x.cpuPerRequest))
  console.log(
    `server CPU per request: Teilhabe ${cpuReal.toFixed(0)} µs, ceiling ${cpuTop.toFixed(0)} µs → ratio ${(cpuTop / cpuReal).toFixed(2)}`,
  )
  console.log(ratio >= 0.8 && r.p99 < 10 ? 'TARGET MET' : 'TARGET MISSED')
  child.removeAllListeners('exit')
  child.disconnect()
}

if (process.argv.includes('--serve')) await serve()
else await main()

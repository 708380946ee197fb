/**
 * `npm run bench:offers`: the offers finder's search with 10,000 offers, filters combined.
 * Target (issue 16): p95 ≤ 20 ms on PostgreSQL, ≤ 50 ms on PGlite.
 *
 * 1. A child process opens a fresh database (in-memory PGlite, or with DATABASE_URL / TEST_DATABASE_URL a
 *    new PostgreSQL database teilhabe_bench_<random>, dropped at the end), imports Hessen's places,
 *    creates 200 provider organisations and inserts BENCH_OFFERS (default 10,000) offers spread over
 *    every municipality (10 % online only, 8 % not confirmed for 16 months and so hidden), each with
 *    1–3 languages, 1–2 topics and 0–2 target groups. It serves the real app and, as the ceiling, a
 *    bare Fastify that answers with the byte-identical result page.
 * 2. This process (the load generator, apart from the servers) requests each search of SEARCHES one at
 *    a time (BENCH_RUNS times after 20 warm-up requests), alternating real and ceiling, and prints the
 *    median, p95 and max per search and over all of them. The child also times the search function
 *    itself (place match + the one SQL query), without HTTP and rendering.
 *
 * BENCH_OFFERS and BENCH_RUNS override the defaults. Exit code 1 when the p95 target is missed.
 */
import { fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Fastify from 'fastify'
import pg from 'pg'
import { buildApp, FEATURES } from '../src/app'
import { createOrganisation, importPlacesFromFiles } from '../src/features/directory/public'
import { places } from '../src/features/directory/tables'
import { finderRequest, findOffers } from '../src/features/offers/finder'
import { offers } from '../src/features/offers/tables'
import { OFFER_LANGUAGES, TARGET_GROUPS, TOPICS } from '../src/features/offers/vocabulary'
import { CLI_ACTOR } from '../src/platform/audit'
import { loadConfig } from '../src/platform/config'
import { openDatabase } from '../src/platform/db'
import { createDeps } from '../src/platform/runtime'

const OFFERS = Number(process.env.BENCH_OFFERS ?? 10_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 200)
const pgBase = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL
const TARGET_MS = pgBase ? 20 : 50

/** The searches measured: place words as people type them, with filters combined. */
const SEARCHES: Record<string, string> = {
  'Fulda + Türkisch + Beratung': 'ort=Fulda&sprache=tr&thema=counselling',
  'Kasel (typo) + Arabisch + Sprachkurs + Frauen': 'ort=Kasel&sprache=ar&thema=language_course&fuer=women',
  'Darmstadt + Beratung + Geflüchtete + online': 'ort=Darmstadt&thema=counselling&fuer=refugees&online=on',
  'Frankfurt + Deutsch, Seite 2': 'ort=Frankfurt%20am%20Main&sprache=de&seite=2',
  'ohne Ort + Ukrainisch + Jugendarbeit': 'sprache=uk&thema=youth_work',
}

function pick<T>(list: readonly T[], n: number, rnd: () => number): T[] {
  const out = new Set<T>()
  while (out.size < n) out.add(list[Math.floor(rnd() * list.length)] as T)
  return [...out]
}

/** A small deterministic generator (mulberry32), so every run searches the same data. */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function admin(url: string, query: string) {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query(query)
  } finally {
    await c.end()
  }
}

function stats(ms: readonly number[]) {
  const s = [...ms].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1] as number, n: s.length }
}
const fmt = (x: ReturnType<typeof stats>) =>
  `median ${x.median.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms, max ${x.max.toFixed(1)} ms`

interface Ready {
  realUrl: string
  ceilingUrl: string
  visible: number
  direct: Record<string, ReturnType<typeof stats>>
}

async function serve(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-bench-'))
  const dbName = pgBase ? `teilhabe_bench_${randomBytes(4).toString('hex')}` : null
  if (pgBase && dbName) await admin(pgBase, `create database ${dbName}`)
  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    PUBLIC_URL: 'https://teilhabe.example',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...(pgBase && dbName ? { DATABASE_URL: withDatabase(pgBase, dbName) } : {}),
  })
  const database = await openDatabase({ url: config.databaseUrl })
  await database.migrate()
  const deps = await createDeps(config, database, FEATURES, { info() {}, error() {} })
  const db = deps.db
  await importPlacesFromFiles(db, CLI_ACTOR)
  const rnd = random(16)
  const orgs: string[] = []
  for (let i = 0; i < 200; i++)
    orgs.push(await createOrganisation(db, CLI_ACTOR, { kind: 'association', name: `Träger ${i + 1} e. V.` }))
  const municipalities = (await db.select().from(places)).filter(
    (p) => p.kind === 'municipality' && !p.validUntil,
  )
  const now = Date.now()
  const rows = Array.from({ length: OFFERS }, (_, i) => {
    const online = rnd() < 0.1
    const place = online ? null : (municipalities[Math.floor(rnd() * municipalities.length)] ?? null)
    const stale = rnd() < 0.08
    return {
      organisationId: orgs[i % orgs.length] as string,
      placeId: place?.id ?? null,
      online,
      title: `Angebot ${i + 1}: ${pick(TOPICS, 1, rnd)[0]}`,
      description: 'Ein Angebot für die Messung der Suche.',
      lang: 'de',
      languages: ['de', ...pick(OFFER_LANGUAGES, 1 + Math.floor(rnd() * 2), rnd)].filter(
        (l, j, all) => all.indexOf(l) === j,
      ),
      topics: pick(TOPICS, 1 + Math.floor(rnd() * 2), rnd),
      targetGroups: pick(TARGET_GROUPS, Math.floor(rnd() * 3), rnd),
      city: place?.name ?? null,
      confirmedAt: new Date(now - (stale ? 16 * 31 : Math.floor(rnd() * 300)) * 86_400_000),
    }
  })
  for (let i = 0; i < rows.length; i += 500) await db.insert(offers).values(rows.slice(i, i + 500))
  if (pgBase) await database.db.execute('analyze')

  // The search function alone, in this process: place match + the one query.
  const direct: Ready['direct'] = {}
  for (const [name, query] of Object.entries(SEARCHES)) {
    const req = finderRequest(Object.fromEntries(new URLSearchParams(query)))
    for (let i = 0; i < 20; i++) await findOffers(db, req)
    const ms: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now()
      await findOffers(db, req)
      ms.push(performance.now() - t0)
    }
    direct[name] = stats(ms)
  }
  const visible = (await findOffers(db, finderRequest({}))).total

  const app = await buildApp(deps, { logger: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const realUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/angebote`
  const first = Object.values(SEARCHES)[0] as string
  const page = await fetch(`${realUrl}?${first}`)
  const html = await page.text()
  if (page.status !== 200) throw new Error(`bad page: ${page.status}`)
  const headers = Object.fromEntries(
    [...page.headers].filter(
      ([k]) => !['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k),
    ),
  )
  const bytes = Buffer.from(html, 'utf8')
  const ceiling = Fastify({ logger: false })
  ceiling.get('/angebote', async (_request, reply) => reply.headers(headers).send(bytes))
  await ceiling.listen({ port: 0, host: '127.0.0.1' })
  const ceilingUrl = `http://127.0.0.1:${(ceiling.server.address() as { port: number }).port}/angebote`
  process.send?.({ realUrl, ceilingUrl, visible, direct } satisfies Ready)
  process.on('disconnect', async () => {
    await ceiling.close()
    await app.close()
    await database.close()
    if (pgBase && dbName) await admin(pgBase, `drop database if exists ${dbName} with (force)`)
    await rm(dataDir, { recursive: true, force: true })
    process.exit(0)
  })
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

/** GET as a browser sends it (compression accepted), body left as sent: the bytes on the wire. */
function rawGet(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        )
        res.on('error', reject)
      })
      .on('error', reject)
  })
}

async function timed(url: string): Promise<number> {
  const t0 = performance.now()
  const res = await rawGet(url)
  const ms = performance.now() - t0
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`)
  return ms
}

async function main(): Promise<void> {
  const child = fork(import.meta.filename, ['--serve'], { execArgv: process.execArgv, stdio: 'inherit' })
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready))
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  const kind = pgBase ? 'PostgreSQL' : 'PGlite'
  console.log(`offers search on ${kind}: ${OFFERS} offers (${ready.visible} public), ${RUNS} runs per search`)
  const all: number[] = []
  const ceilingAll: number[] = []
  for (const [name, query] of Object.entries(SEARCHES)) {
    const real = `${ready.realUrl}?${query}`
    const ceil = `${ready.ceilingUrl}?${query}`
    for (let i = 0; i < 20; i++) await timed(real)
    const ms: number[] = []
    const cms: number[] = []
    for (let i = 0; i < RUNS; i++) {
      ms.push(await timed(real))
      cms.push(await timed(ceil))
    }
    all.push(...ms)
    ceilingAll.push(...cms)
    console.log(`- ${name}`)
    console.log(`    search function: ${fmt(ready.direct[name]!)}`)
    console.log(`    page over HTTP:  ${fmt(stats(ms))}`)
    console.log(`    ceiling (same bytes, static): ${fmt(stats(cms))}`)
  }
  const total = stats(all)
  const directP95 = Math.max(...Object.values(ready.direct).map((d) => d.p95))
  console.log(`all searches, page over HTTP: ${fmt(total)}; ceiling ${fmt(stats(ceilingAll))}`)
  console.log(`worst search-function p95: ${directP95.toFixed(1)} ms`)
  const met = total.p95 <= TARGET_MS
  console.log(`target p95 ≤ ${TARGET_MS} ms (${kind}, page over HTTP): ${met ? 'met' : 'NOT met'}`)
  child.disconnect()
  process.exitCode = met ? 0 : 1
}

if (process.argv.includes('--serve')) await serve()
else await main()

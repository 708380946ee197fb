/**
 * `npm run bench:oparl`: the OParl API, measured side by side with a baseline.
 *
 * Three processes: Teilhabe (child; in-memory PGlite, or DATABASE_URL, migrated and seeded with the
 * demo data as `npm start` does), the baseline (child: a bare node:http server sending, for every
 * list, the same bytes with the same headers as Teilhabe did) and the load generator (this process:
 * autocannon and a crawler).
 *
 * Demo data (default):
 * 1. Every list of the demo body (first page; the demo lists hold 2–18 objects) with autocannon at 20
 *    connections for BENCH_SECONDS each, alternately against Teilhabe and the baseline, on three paths:
 *    - cached: the production response cache (OPARL_CACHE_SECONDS=10), no query at all;
 *    - validated: no cache interval (0), the kept answer after one query for the data version;
 *    - first fetch: every request a URL not asked before (a different `modified_until` far in the
 *      future, same objects), so each is built from the read model (oparl_entries): the cost of a page
 *      nobody has fetched since the last change.
 *    Target (issue 17): ≥ 1,000 requests/s for a list page.
 * 2. After a change: the data version is raised (as every write does) and the time of the next
 *    request, which rebuilds the body's read model, is taken.
 * 3. A full crawl from the System object, as a harvester does it (every list, every next page, every
 *    object URL found, 8 requests in flight), right after a change (read model and kept answers
 *    stale) and once more without one. Target: under 2 s.
 *
 * BENCH_LARGE=1 (needs DATABASE_URL, a PostgreSQL cluster): creates its own database, adds
 * BENCH_BODIES (100) councils with 1,000 papers and 5,000 people with 2 memberships each to the demo
 * data (100,000 papers and 1,000,000 memberships in all, generate_series in SQL), builds every body
 * once (timed), then fetches, 4 requests in flight, each URL once: first pages of the big lists of
 * every body, every page of the membership list of some bodies (deep pages through `next`),
 * single objects, and lists filtered by modified_since/created_until; reports p50/p95/max per kind
 * (target p95 ≤ 50 ms) and runs autocannon on a page of 100 memberships against the baseline.
 *
 * The OParl rate limit is raised for the benchmark (it would otherwise refuse the load generator).
 * Prints medians and ranges over BENCH_ROUNDS rounds (default 3). BENCH_PROFILE=<dir> writes CPU
 * profiles of the servers.
 */
import { fork } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { buildApp, FEATURES } from '../src/app'
import { loadConfig } from '../src/platform/config'
import { openDatabase } from '../src/platform/db'
import { createDeps, seedDemoOnce } from '../src/platform/runtime'
import { type BaselinePage, copiedHeaders, startBaseline } from './baseline'
import { median, percentile } from './stats'

const seconds = Number(process.env.BENCH_SECONDS ?? 5)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const connections = 20

/** Headers the server itself writes per response; everything else the baseline copies. */

type Page = { body: string; headers: Record<string, string> }

/** Child 1: Teilhabe. Answers 'bump' by raising the data version (as any write does). */
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
  process.on('message', async (m) => {
    if (m !== 'bump') return
    await deps.db.execute(sql`update oparl_version set version = version + 1 where id = 1`)
    process.send?.('bumped')
  })
  process.send?.({ base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` })
  process.on('disconnect', async () => {
    await app.close()
    await database.close()
    await rm(dataDir, { recursive: true, force: true })
    process.exit(0)
  })
}

/** Child 2: the baseline, a bare node:http server sending each page's bytes with its headers. */
function serveBaseline(): void {
  const pages = new Map<string, BaselinePage>()
  process.on('message', (m) => {
    const { path: p, page } = m as { path: string; page: Page }
    pages.set(p, { headers: page.headers, bytes: Buffer.from(page.body, 'utf8') })
    process.send?.('stored')
  })
  void startBaseline(pages).then(({ base }) => process.send?.({ base }))
}

type Child = ReturnType<typeof fork>

function spawn(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ child: Child; base: string }> {
  const child = fork(import.meta.filename, args, {
    execArgv: process.env.BENCH_PROFILE
      ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
      : process.execArgv,
    stdio: 'inherit',
    env,
  })
  return new Promise((resolve, reject) => {
    child.once('exit', (c) => reject(new Error(`a server exited with ${c}`)))
    child.once('message', (m) => resolve({ child, base: (m as { base: string }).base }))
  })
}

const ask = (child: Child, message: unknown, answer: string) =>
  new Promise<void>((resolve) => {
    const on = (m: unknown) => {
      if (m !== answer) return
      child.off('message', on)
      resolve()
    }
    child.on('message', on)
    child.send(message as never)
  })

function stop(child: Child): void {
  child.removeAllListeners('exit')
  child.disconnect()
}

/** The public URL in OParl ids is PUBLIC_URL; the bench asks the server it started. */
const local = (base: string, url: string) => url.replace(/^https?:\/\/[^/]+/, base)

const range = (xs: number[], d = 0) =>
  `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`

async function fetchPage(url: string): Promise<Page> {
  // autocannon sends no Accept-Encoding, so pages are compared uncompressed, byte for byte.
  const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } })
  const body = await res.text()
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`)
  const headers = copiedHeaders(res.headers)
  return { body, headers }
}

/** The lists a body links to, with how many objects their first page holds. */
async function listsOf(
  base: string,
  bodyUrl: string,
): Promise<{ name: string; url: string; count: number }[]> {
  const out: { name: string; url: string; count: number }[] = []
  const b = (await (await fetch(local(base, bodyUrl))).json()) as Record<string, unknown>
  for (const [key, value] of Object.entries(b)) {
    if (typeof value !== 'string' || !value.includes('/oparl/v1/body/') || value === bodyUrl) continue
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
  let active = 0
  const worker = async () => {
    for (;;) {
      const url = queue.shift()
      if (!url) {
        // Done when nobody is fetching any more; otherwise wait for what they find.
        if (active === 0) return
        await new Promise((r) => setTimeout(r, 1))
        continue
      }
      active++
      const res = await fetch(url)
      requests++
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`)
      visit(await res.json())
      active--
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  return { requests, ms: performance.now() - t0 }
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')

/** A different URL for every request, same objects: `modified_until` one second later each time. */
function firstFetchPaths(url: string) {
  const p = new URL(url).pathname
  let n = 0
  return [
    {
      setupRequest: (request: { path: string }) => {
        const until = new Date(Date.UTC(2100, 0, 1) + n++ * 1000).toISOString().replace('.000Z', 'Z')
        return { ...request, path: `${p}?modified_until=${until}` }
      },
    },
  ]
}

interface Series {
  rps: number[]
  p99: number[]
}

async function cannon(url: string, key: string, into: Record<string, Series>, firstFetch = false) {
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    ...(firstFetch ? { requests: firstFetchPaths(url) } : {}),
  })
  if (r.errors || r.non2xx || r.timeouts) throw new Error(`${url}: errors`)
  into[key] ??= { rps: [], p99: [] }
  into[key].rps.push(r.requests.average)
  into[key].p99.push(r.latency.p99)
}

async function demo(): Promise<void> {
  console.log(
    `OParl on the demo data: ${connections} connections, ${seconds} s per run, ${rounds} rounds; load average ${load()}`,
  )
  const baseline = await spawn(['--serve-baseline'])
  const results: Record<string, Series> = {}
  const names: string[] = []
  for (const cached of [true, false]) {
    const { child, base } = await spawn(['--serve', ...(cached ? ['--cached'] : [])])
    const bodies = (await (await fetch(`${base}/oparl/v1/bodies`)).json()) as { data: { id: string }[] }
    const all = await listsOf(base, bodies.data[0]!.id)
    for (const l of all) {
      const p = new URL(l.url).pathname
      const page = await fetchPage(l.url)
      await ask(baseline.child, { path: p, page }, 'stored')
      const check = await fetchPage(`${baseline.base}${p}`)
      if (check.body !== page.body) throw new Error('the baseline body differs')
      for (const [k, v] of Object.entries(page.headers))
        if (check.headers[k] !== v) throw new Error(`the baseline header ${k} differs`)
    }
    for (let round = 0; round < rounds; round++) {
      for (const l of all) {
        const name = `${l.name} (${l.count})`
        if (!names.includes(name)) names.push(name)
        const p = new URL(l.url).pathname
        if (cached) await cannon(l.url, `cached|${name}`, results)
        else {
          await cannon(l.url, `validated|${name}`, results)
          await cannon(l.url, `first fetch|${name}`, results, true)
        }
        await cannon(`${baseline.base}${p}`, `baseline|${name}`, results)
      }
    }
    if (!cached) {
      const body = all.find((l) => l.name === 'membership') ?? all[0]!
      const rebuild: number[] = []
      for (let i = 0; i < rounds * 3; i++) {
        await ask(child, 'bump', 'bumped')
        const t0 = performance.now()
        await fetchPage(body.url)
        rebuild.push(performance.now() - t0)
      }
      console.log(`first request after a change (rebuilds the body's read model): ${range(rebuild, 1)} ms`)
      for (const change of [true, false]) {
        const crawls = []
        for (let round = 0; round < rounds; round++) {
          if (change) await ask(child, 'bump', 'bumped')
          crawls.push(await crawl(base))
        }
        console.log(
          `full crawl from System, ${change ? 'right after a change' : 'nothing changed since the last'}: ${crawls[0]!.requests} requests, ${range(crawls.map((c) => c.ms))} ms (target < 2,000 ms)`,
        )
      }
    }
    stop(child)
  }
  stop(baseline.child)
  console.log(`load average at the end ${load()}`)
  console.log(
    'list (objects on the page)  path         req/s median (min–max)     p99 ms          ratio to baseline',
  )
  for (const name of names) {
    const b = results[`baseline|${name}`]!
    for (const pathName of ['cached', 'validated', 'first fetch', 'baseline']) {
      const r = results[`${pathName}|${name}`]
      if (!r) continue
      const ratio = pathName === 'baseline' ? '' : (median(r.rps) / median(b.rps)).toFixed(2)
      const met = pathName === 'baseline' ? '' : median(r.rps) >= 1000 ? ' met' : ' MISSED'
      console.log(
        `${name.padEnd(27)} ${pathName.padEnd(12)} ${range(r.rps).padEnd(26)} ${range(r.p99).padEnd(15)} ${ratio}${met}`,
      )
    }
  }
}

// ---- BENCH_LARGE: 100,000 papers and 1,000,000 memberships on PostgreSQL

/** The data set, in SQL: BENCH_BODIES councils, each with 1,000 papers and 5,000 people × 2 memberships. */
const LARGE_SQL = (bodies: number) => `
create temp table bench_bodies as select gen_random_uuid() as id, g from generate_series(1, ${bodies}) g;
insert into councils (id, kind, name, short_name, created_at, updated_at)
  select id, 'auslaenderbeirat', 'Ausländerbeirat Lastprobe ' || g, 'ALP ' || g, timestamptz '2021-01-01', timestamptz '2021-01-01'
  from bench_bodies;
create temp table bench_people as
  select gen_random_uuid() as id, b.id as body, p,
    timestamptz '2021-01-01' + (random() * interval '1800 days') as t
  from bench_bodies b, generate_series(1, 5000) p;
insert into people (id, given_name, family_name, created_at, updated_at)
  select id, 'Vorname ' || p, 'Nachname ' || p, t, t from bench_people;
insert into council_memberships (council_id, person_id, role, starts_on, ends_on, created_at, updated_at)
  select body, id, case when r = 1 and p = 1 then 'chair' else 'member' end,
    case r when 1 then date '2021-04-01' else date '2026-04-01' end,
    case r when 1 then date '2026-03-31' end,
    t + r * interval '1 day', t + r * interval '1 day' + (random() * interval '200 days')
  from bench_people, generate_series(1, 2) r;
insert into papers (council_id, kind, reference, title, body, date, created_at, updated_at)
  select b.id, 'motion', 'L-' || n, 'Antrag ' || n || ' zur Lastprobe', 'Der Beirat möge beschließen: Punkt ' || n || '.',
    date '2021-01-01' + (n % 1800), timestamptz '2021-01-01' + n * interval '1 hour', timestamptz '2021-01-01' + n * interval '1 hour'
  from bench_bodies b, generate_series(1, 1000) n;
analyze;
`

async function pool<T>(
  items: readonly T[],
  inFlight: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let i = 0
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (i < items.length) await work(items[i++]!)
    }),
  )
}

async function timed(urls: readonly string[]): Promise<number[]> {
  const ms: number[] = []
  await pool(urls, 4, async (url) => {
    const t0 = performance.now()
    const res = await fetch(url)
    await res.arrayBuffer()
    ms.push(performance.now() - t0)
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`)
  })
  return ms
}

async function large(): Promise<void> {
  const cluster = process.env.DATABASE_URL
  if (!cluster) throw new Error('BENCH_LARGE needs DATABASE_URL (a PostgreSQL cluster)')
  const bodies = Number(process.env.BENCH_BODIES ?? 100)
  // BENCH_REUSE=<database>: a database an earlier run generated and kept (BENCH_KEEP=1).
  const reuse = process.env.BENCH_REUSE
  const name = reuse ?? `teilhabe_bench_oparl_${process.pid}`
  const admin = new pg.Client({ connectionString: cluster })
  await admin.connect()
  if (!reuse) await admin.query(`create database ${name}`)
  const url = new URL(cluster)
  url.pathname = `/${name}`
  console.log(
    `OParl with ${bodies * 1000} papers and ${bodies * 10000} memberships on PostgreSQL (${name}); load average ${load()}`,
  )
  const baseline = await spawn(['--serve-baseline'])
  const app = await spawn(['--serve'], { ...process.env, DATABASE_URL: url.toString() })
  const db = new pg.Client({ connectionString: url.toString() })
  await db.connect()
  try {
    let t0 = performance.now()
    if (!reuse) {
      await db.query(LARGE_SQL(bodies))
      console.log(`data set generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    }
    const [counts] = (
      await db.query<{ papers: string; memberships: string }>(
        'select (select count(*) from papers) as papers, (select count(*) from council_memberships) as memberships',
      )
    ).rows
    console.log(`in the database: ${counts?.papers} papers, ${counts?.memberships} memberships`)
    // BENCH_BUILD: how many of the bodies are built and read (building all 100 takes long on a busy machine).
    const ids = (
      await db.query<{ id: string }>(
        `select id from councils where name like 'Ausländerbeirat Lastprobe %' order by length(name), name limit $1`,
        [Number(process.env.BENCH_BUILD ?? bodies)],
      )
    ).rows.map((r) => r.id)
    const u = (p: string) => `${app.base}/oparl/v1${p}`
    t0 = performance.now()
    const builds = await timed(ids.map((id) => u(`/body/${id}`)))
    const [entries] = (await db.query<{ n: string }>('select count(*) as n from oparl_entries')).rows
    console.log(
      `read model of ${ids.length} bodies built in ${((performance.now() - t0) / 1000).toFixed(1)} s (4 in flight): per body ${range(builds)} ms; oparl_entries ${entries?.n} rows`,
    )
    const report = (kind: string, ms: number[]) =>
      console.log(
        `${kind.padEnd(48)} ${String(ms.length).padStart(5)} requests  p50 ${median(ms).toFixed(1).padStart(6)} ms  p95 ${percentile(ms, 95).toFixed(1).padStart(6)} ms  max ${Math.max(
          ...ms,
        )
          .toFixed(1)
          .padStart(7)} ms  ${percentile(ms, 95) <= 50 ? 'met' : 'MISSED'}`,
      )
    const big = ['memberships', 'persons', 'papers', 'files']
    report(
      'first pages (memberships, persons, papers, files)',
      await timed(ids.flatMap((id) => big.map((l) => u(`/body/${id}/${l}`)))),
    )
    // Every page of the membership list of a few bodies, through `next` as a client follows it.
    const deep: number[] = []
    for (const id of ids.slice(0, 3)) {
      let next: string | undefined = u(`/body/${id}/memberships`)
      while (next) {
        const t = performance.now()
        const page = (await (await fetch(next)).json()) as { links: { next?: string } }
        deep.push(performance.now() - t)
        next = page.links.next ? local(app.base, page.links.next) : undefined
      }
    }
    report('every page of 3 membership lists (via next)', deep)
    const sample = async (table: string, kind: string) =>
      (
        await db.query<{ id: string }>(
          `select id from ${table} where council_id = any($1::uuid[]) order by random() limit 300`,
          [ids],
        )
      ).rows.map((r) => u(`/${kind}/${r.id}`))
    report('single memberships', await timed(await sample('council_memberships', 'membership')))
    report('single papers', await timed(await sample('papers', 'paper')))
    report(
      'memberships modified_since 2025-06-01 (first page)',
      await timed(ids.map((id) => u(`/body/${id}/memberships?modified_since=2025-06-01T00:00:00Z`))),
    )
    report(
      'papers created_until 2021-02-01 (first page)',
      await timed(ids.map((id) => u(`/body/${id}/papers?created_until=2021-02-01T00:00:00Z`))),
    )
    // Throughput on one page of 100 memberships, against the baseline with the same bytes.
    const list = u(`/body/${ids[0]}/memberships`)
    const p = new URL(list).pathname
    await ask(baseline.child, { path: p, page: await fetchPage(list) }, 'stored')
    const results: Record<string, Series> = {}
    for (let round = 0; round < rounds; round++) {
      await cannon(list, 'validated', results)
      await cannon(list, 'first fetch', results, true)
      await cannon(`${baseline.base}${p}`, 'baseline', results)
    }
    for (const [k, r] of Object.entries(results))
      console.log(
        `100 memberships, ${k.padEnd(11)} ${range(r.rps).padEnd(26)} req/s  p99 ${range(r.p99)} ms  ratio ${(median(r.rps) / median(results.baseline!.rps)).toFixed(2)}`,
      )
    console.log(`load average at the end ${load()}`)
  } finally {
    await db.end()
    stop(app.child)
    stop(baseline.child)
    await new Promise((r) => app.child.once('exit', r))
    if (!process.env.BENCH_KEEP && !reuse) await admin.query(`drop database ${name} with (force)`)
    await admin.end()
  }
}

if (process.argv.includes('--serve')) await serve()
else if (process.argv.includes('--serve-baseline')) serveBaseline()
else if (process.env.BENCH_LARGE) await large()
else await demo()

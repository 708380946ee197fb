/**
 * `npm run bench:scale-out`: the same load against 1, 2 and 4 app processes on one PostgreSQL.
 *
 * Processes (all on the same Node binary):
 * - four app processes exactly as `npm start` runs them (`node --import tsx src/server.ts`, each its
 *   own port and DATA_DIR, NODE_ENV=production) on one database made for the run; a measurement with
 *   k processes sends its load to the first k, the others stay idle (they only poll the job queue
 *   every 2 s and listen for invalidations);
 * - the load generator (a child of this process, `--load`): spreads the load round-robin itself, so
 *   there is no proxy process in the path and nothing to account for but the generator's own CPU,
 *   which the report shows. Public pages: autocannon, one instance per app process with an equal
 *   share of BENCH_CONNECTIONS (default 48), each connection cycling through the release page, the
 *   AGAH council page and an offers search. Write journey: BENCH_APPLICANTS (default 24) signed-in
 *   applicants, each creating a WIR application, saving its five steps (project, costs, financing,
 *   declarations, two PDF attachments) and submitting it, request after request round-robin over the
 *   k processes (the session and the CSRF token are valid on every node);
 * - this process (the coordinator): prepares the data, starts everything, reads the CPU time of the
 *   app processes and of the database's server processes from /proc, and prints the report.
 *
 * BENCH_ROUNDS rounds (default 3; the order of 1, 2 and 4 turns each round), BENCH_SECONDS per
 * measurement (default 10, after a 2 s warm-up). Median and range over the rounds; the speed-up is
 * the median throughput against the median with one process. Needs DATABASE_URL or
 * TEST_DATABASE_URL (a server where the user may create databases); the database
 * teilhabe_bench_scale_<random> is dropped at the end.
 */
import { fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { FEATURES } from '../src/app'
import { loadConfig } from '../src/platform/config'
import { newKeyFileContent } from '../src/platform/crypto'
import { openDatabase } from '../src/platform/db'
import { createDeps } from '../src/platform/runtime'
import { withDatabase } from '../test/helpers/db'
import { lineId, NEXT_YEAR, registerMso } from '../test/helpers/funding'
import { freePort, type ServerProcess, startServer, waitForOutput } from '../test/helpers/server-process'
import { median } from './stats'

const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 48)
const applicants = Number(process.env.BENCH_APPLICANTS ?? 24)
const SIZES = [1, 2, 4] as const
const PASSWORD = 'ein sehr langes Passwort'
const TICK_US = 10_000 // /proc/<pid>/stat counts in clock ticks of 10 ms (USER_HZ = 100)

type Workload = 'public' | 'write'
interface Plan {
  workload: Workload
  nodes: string[]
  seconds: number
  paths: string[]
  accounts: { email: string; mso: string }[]
}
interface Result {
  requests: number
  journeys: number
  errors: number
  seconds: number
  p50: number
  p99: number
  /** CPU time of the load generator in this measurement, µs. */
  cpu: number
}

// ---------------------------------------------------------------- load generator (child process)

function percentile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0
}

async function publicLoad(plan: Plan): Promise<Omit<Result, 'cpu'>> {
  const k = plan.nodes.length
  const runs = await Promise.all(
    plan.nodes.map((url, i) =>
      autocannon({
        url,
        connections: Math.floor(connections / k) + (i < connections % k ? 1 : 0),
        duration: plan.seconds,
        requests: plan.paths.map((p) => ({ method: 'GET' as const, path: p })),
      }),
    ),
  )
  const requests = runs.reduce((s, r) => s + r.requests.total, 0)
  return {
    requests,
    journeys: 0,
    errors: runs.reduce((s, r) => s + r.errors + r.timeouts + r.non2xx, 0),
    seconds: plan.seconds,
    // The slowest instance's percentiles (they see the same mix).
    p50: Math.max(...runs.map((r) => r.latency.p50)),
    p99: Math.max(...runs.map((r) => r.latency.p99)),
  }
}

/** A browser without JavaScript: one cookie jar for every node (the session lives in PostgreSQL). */
class Applicant {
  private readonly cookies = new Map<string, string>()
  token = ''
  constructor(
    /** The app processes of the current measurement, taken in turn. */
    public nodes: string[],
    private next: number,
  ) {}

  private node(): string {
    return this.nodes[this.next++ % this.nodes.length]!
  }

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';')
      const i = pair.indexOf('=')
      this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1))
    }
  }

  async request(method: 'GET' | 'POST', p: string, body?: URLSearchParams | FormData): Promise<Response> {
    const node = this.node()
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      origin: node,
    }
    if (body instanceof URLSearchParams) headers['content-type'] = 'application/x-www-form-urlencoded'
    const res = await fetch(node + p, { method, headers, body: body ?? null, redirect: 'manual' })
    this.keep(res)
    return res
  }

  async readToken(p: string): Promise<void> {
    const res = await this.request('GET', p)
    const m = /name="_csrf" value="([^"]+)"/.exec(await res.text())
    if (!m?.[1]) throw new Error(`no CSRF token on ${p} (${res.status})`)
    this.token = m[1]
  }

  form(fields: Record<string, string>): URLSearchParams {
    return new URLSearchParams({ _csrf: this.token, ...fields })
  }
}

const PDF = Buffer.from(`%PDF-1.4\n1 0 obj<<>>endobj\n${'% filler\n'.repeat(200)}trailer<<>>\n%%EOF\n`)

/** One application from creation to submission: eight POSTs and the check page read back. */
async function journey(a: Applicant, mso: string, timings: number[]): Promise<number> {
  let errors = 0
  const timed = async (method: 'GET' | 'POST', p: string, body?: URLSearchParams | FormData) => {
    const started = performance.now()
    const res = await a.request(method, p, body)
    const text = await res.text()
    timings.push(performance.now() - started)
    const expected = method === 'GET' ? 200 : 303
    if (res.status !== expected) errors++
    return Object.assign(res, { text })
  }
  const created = await timed('POST', '/foerderung/antraege', a.form({ lineId: mso }))
  const app = new URL(created.headers.get('location') ?? '/', 'http://x').pathname
  if (!/^\/foerderung\/antraege\/[0-9a-f-]{36}$/.test(app)) return errors + 1
  const y = NEXT_YEAR
  await timed(
    'POST',
    `${app}/projekt`,
    a.form({
      title: 'Sprachcafé für Neuzugewanderte',
      aims: 'Begegnung und Spracherwerb im Stadtteil',
      targetGroups: 'Neuzugewanderte Familien',
      municipalities: 'Frankfurt am Main',
      periodStart: `${y}-01-01`,
      periodEnd: `${y}-12-31`,
    }),
  )
  await timed(
    'POST',
    `${app}/kosten`,
    a.form({ [`cost_${y}_micro_project`]: '3.000,00', [`cost_${y}_minijob`]: '7200' }),
  )
  await timed(
    'POST',
    `${app}/finanzierung`,
    a.form({ [`fin_${y}_own`]: '200', [`fin_${y}_requested`]: '10.000,00' }),
  )
  await timed('POST', `${app}/erklaerungen`, a.form({ notStarted: 'on', truth: 'on' }))
  for (const kind of ['concept', 'coordination']) {
    const form = new FormData()
    form.set('_csrf', a.token)
    form.set('kind', kind)
    form.set('file', new Blob([PDF], { type: 'application/pdf' }), `${kind}.pdf`)
    await timed('POST', `${app}/anlagen`, form)
  }
  await timed('POST', `${app}/einreichen`, a.form({ declaration: 'on' }))
  const check = await timed('GET', `${app}/pruefen`)
  if (check.status === 200 && !/Ihr eingereichter Antrag/.test(check.text)) errors++
  return errors
}

const signedIn = new Map<string, Applicant>()

async function writeLoad(plan: Plan): Promise<Omit<Result, 'cpu'>> {
  const timings: number[] = []
  let journeys = 0
  let errors = 0
  const workers = await Promise.all(
    plan.accounts.map(async (acc, i) => {
      let a = signedIn.get(acc.email)
      if (!a) {
        a = new Applicant(plan.nodes, i)
        await a.readToken('/anmelden')
        const res = await a.request('POST', '/anmelden', a.form({ email: acc.email, password: PASSWORD }))
        if (res.status !== 303) throw new Error(`sign-in of ${acc.email}: ${res.status}`)
        await a.readToken('/foerderung/antraege')
        signedIn.set(acc.email, a)
      }
      a.nodes = plan.nodes
      return { a, mso: acc.mso }
    }),
  )
  const end = performance.now() + plan.seconds * 1000
  const started = performance.now()
  await Promise.all(
    workers.map(async ({ a, mso }) => {
      while (performance.now() < end) {
        errors += await journey(a, mso, timings)
        journeys++
      }
    }),
  )
  timings.sort((x, y) => x - y)
  return {
    requests: timings.length,
    journeys,
    errors,
    seconds: (performance.now() - started) / 1000,
    p50: percentile(timings, 0.5),
    p99: percentile(timings, 0.99),
  }
}

function loadGenerator(): void {
  process.on('message', async (m) => {
    const plan = m as Plan
    const cpu0 = process.cpuUsage()
    const r = plan.workload === 'public' ? await publicLoad(plan) : await writeLoad(plan)
    const cpu = process.cpuUsage(cpu0)
    process.send?.({ ...r, cpu: cpu.user + cpu.system } satisfies Result)
  })
  process.on('disconnect', () => process.exit(0))
}

// ---------------------------------------------------------------- coordinator

/** User + system CPU time of a process so far, µs (0 once it is gone). */
function cpuOfPid(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * TICK_US
  } catch {
    return 0
  }
}

/** The whole machine's busy and total CPU time so far, from /proc/stat (ticks). */
function machineCpu(): { busy: number; total: number } {
  const [line = ''] = readFileSync('/proc/stat', 'utf8').split('\n')
  const n = line.trim().split(/\s+/).slice(1).map(Number)
  const total = n.reduce((s, x) => s + x, 0)
  const idle = (n[3] ?? 0) + (n[4] ?? 0)
  return { busy: total - idle, total }
}

async function backendPids(admin: pg.Client, name: string): Promise<number[]> {
  const r = await admin.query('select pid from pg_stat_activity where datname = $1', [name])
  return r.rows.map((row: { pid: number }) => row.pid)
}

interface Measured extends Result {
  k: number
  appCpu: number
  pgCpu: number
  machineBusy: number
  load1: number
}

async function main(): Promise<void> {
  if (!base) throw new Error('Set DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server.')
  const name = `teilhabe_bench_scale_${randomBytes(4).toString('hex')}`
  const url = withDatabase(base, name)
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const dirs: string[] = []
  const nodes: ServerProcess[] = []
  const keys = await mkdtemp(path.join(tmpdir(), 'teilhabe-bench-keys-'))
  dirs.push(keys)
  const env = (dataDir: string): Record<string, string> => ({
    NODE_ENV: 'production',
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    CASE_KEY_FILE: path.join(keys, 'case-keys.json'),
    JOBS_POLL_SECONDS: '2',
    LOG_LEVEL: 'warn',
  })
  const loader = fork(import.meta.filename, ['--load'], { stdio: 'inherit' })
  try {
    // The first process migrates and seeds the demo data; every process gets the same key file.
    await writeFile(path.join(keys, 'case-keys.json'), newKeyFileContent(), { mode: 0o600 })
    const start = async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-bench-node-'))
      dirs.push(dataDir)
      const node = startServer(await freePort(), env(dataDir))
      nodes.push(node)
      await waitForOutput(node, /Teilhabe is running at/, 300_000)
      return node
    }
    const t0 = performance.now()
    await start()
    console.log(
      `first process migrated and seeded the demo data in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    )

    // The applicants of the write journey: registered and confirmed through the use cases.
    const accounts: Plan['accounts'] = []
    {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-bench-setup-'))
      dirs.push(dataDir)
      const config = loadConfig({ ...env(dataDir), LOG_LEVEL: 'silent', JOBS_ENABLED: 'false' })
      const database = await openDatabase({ url })
      const deps = await createDeps(config, database, FEATURES, { info() {}, error() {} })
      const mso = await lineId(deps, 'MSO')
      for (let i = 0; i < applicants; i++) {
        const email = `antrag${i}@bench.example`
        await registerMso(deps, {
          organisationName: `Bench-Verein ${i} e. V.`,
          registerNumber: `VR ${90000 + i}`,
          accountHolder: `Bench-Verein ${i} e. V.`,
          email,
          password: PASSWORD,
        })
        accounts.push({ email, mso })
      }
      await database.close()
    }
    await Promise.all([start(), start(), start()])

    // The public mix: a published release, the AGAH's council page, an offers search.
    const db = new pg.Client({ connectionString: url })
    await db.connect()
    const slug = (
      await db.query(
        `select slug from press_releases where status = 'published' order by published_at desc limit 1`,
      )
    ).rows[0]?.slug as string | undefined
    await db.end()
    if (!slug) throw new Error('no published release in the demo data')
    const paths = [`/presse/${slug}`, '/agah', '/angebote?q=Deutschkurs']
    for (const p of paths) {
      const res = await fetch(nodes[0]!.url + p)
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`${p}: ${res.status}`)
    }

    const measure = async (workload: Workload, k: number, secs: number): Promise<Measured> => {
      const used = nodes.slice(0, k)
      const pids0 = await backendPids(admin, name)
      const pg0 = new Map(pids0.map((p) => [p, cpuOfPid(p)]))
      const app0 = used.map((n) => cpuOfPid(n.child.pid!))
      const m0 = machineCpu()
      const load1 = loadavg()[0]!
      const done = new Promise<Result>((resolve) => loader.once('message', (m) => resolve(m as Result)))
      loader.send({ workload, nodes: used.map((n) => n.url), seconds: secs, paths, accounts } satisfies Plan)
      const r = await done
      const m1 = machineCpu()
      const appCpu = used.reduce((s, n, i) => s + cpuOfPid(n.child.pid!) - app0[i]!, 0)
      // Backends that came during the run count from zero (an approximation: the pool opens few).
      const pids1 = await backendPids(admin, name)
      const pgCpu = pids1.reduce((s, p) => s + Math.max(0, cpuOfPid(p) - (pg0.get(p) ?? 0)), 0)
      return { ...r, k, appCpu, pgCpu, machineBusy: (m1.busy - m0.busy) / (m1.total - m0.total), load1 }
    }

    console.log(
      `Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(
          ' ',
        )} before the runs; ${rounds} rounds × ${seconds} s; public: ${connections} connections over ${paths.join(', ')}; write: ${applicants} applicants`,
    )
    const results: Measured[] = []
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [...SIZES] : [...SIZES].reverse()
      for (const k of order) {
        for (const workload of ['public', 'write'] as const) {
          await measure(workload, k, 2)
          const r = await measure(workload, k, seconds)
          results.push({ ...r, workload } as Measured & { workload: Workload })
          console.log(
            `round ${round + 1} ${workload.padEnd(6)} ${k} process${k > 1 ? 'es' : '  '}: ${(r.requests / r.seconds).toFixed(0)} req/s` +
              `${workload === 'write' ? ` (${(r.journeys / r.seconds).toFixed(1)} applications/s)` : ''}, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ` +
              `errors ${r.errors}; CPU per request: app ${(r.appCpu / r.requests).toFixed(0)} µs, PostgreSQL ${(r.pgCpu / r.requests).toFixed(0)} µs, ` +
              `load generator ${(r.cpu / r.requests).toFixed(0)} µs; machine busy ${(r.machineBusy * 100).toFixed(0)} %, load ${r.load1.toFixed(1)}`,
          )
        }
      }
    }
    const f = (xs: number[], d = 0) =>
      `${median(xs).toFixed(d)} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`
    console.log('\nmedian (min–max) over the rounds')
    for (const workload of ['public', 'write'] as const) {
      const of = (k: number) =>
        results.filter((r) => (r as { workload?: Workload }).workload === workload && r.k === k)
      const one = median(of(1).map((r) => r.requests / r.seconds))
      for (const k of SIZES) {
        const rs = of(k)
        const rps = rs.map((r) => r.requests / r.seconds)
        console.log(
          `${workload.padEnd(6)} ${k}: req/s ${f(rps)}${
            workload === 'write'
              ? `, applications/s ${f(
                  rs.map((r) => r.journeys / r.seconds),
                  1,
                )}`
              : ''
          }, ` +
            `speed-up ${(median(rps) / one).toFixed(2)}, p99 ${f(
              rs.map((r) => r.p99),
              1,
            )} ms, ` +
            `CPU µs/req app ${f(rs.map((r) => r.appCpu / r.requests))} PG ${f(rs.map((r) => r.pgCpu / r.requests))} ` +
            `load gen ${f(rs.map((r) => r.cpu / r.requests))}, machine busy ${f(rs.map((r) => r.machineBusy * 100))} %, errors ${rs.reduce((s, r) => s + r.errors, 0)}`,
        )
      }
    }
  } finally {
    loader.disconnect()
    for (const n of nodes) n.child.kill('SIGTERM')
    await Promise.all(nodes.map((n) => n.exited))
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
    for (const d of dirs) await rm(d, { recursive: true, force: true })
  }
}

if (process.argv.includes('--load')) loadGenerator()
else await main()

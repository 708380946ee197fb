/**
 * `npm run bench:funding-dashboard`: the staff dashboard of payments over 1,000,000 ledger rows, on
 * PostgreSQL. Target: ≤ 150 ms (issue 13).
 *
 * Seeds (set-based, generate_series) GRANTS approved grants (default 100,000) spread over the six WIR
 * lines and three budget years, each with its grant, its ledger account and ENTRIES ledger entries
 * (default 10: one commitment and nine released instalments, so 1,000,000 entries and 900,000
 * payments), 2,000 open payment requests, 500 open change requests, and for every 50th grant of the
 * oldest year an accepted final proof with a final notice claiming a repayment (every other one
 * settled); the other grants of that year owe their final proof, overdue.
 *
 * Then two measurements:
 * 1. the queries alone, in this process: what the route runs (in parallel) and each query alone;
 * 2. the page end to end over HTTP, three processes on the same Node: the Teilhabe server (child),
 *    a bare node:http baseline (child) sending the page's bytes with the page's headers (only Date,
 *    Connection and Content-Length its own) — the ceiling — and the load generator (this process):
 *    BENCH_CONNECTIONS (default 1) clients requesting the page back to back for BENCH_SECONDS (default
 *    10) per round, BENCH_ROUNDS (default 5) rounds alternating which server goes first; p50 and p95
 *    per round, then the median and range over the rounds.
 *
 * BENCH_HTTP=0 measures the queries only. Needs DATABASE_URL or TEST_DATABASE_URL; see bench/setup.ts
 * for BENCH_KEEP and BENCH_DB.
 */
import { fork } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { buildApp, FEATURES } from '../src/app'
import { openChangeRequests } from '../src/features/funding/changes/find-changes'
import { openClaims } from '../src/features/funding/closing/find-claims'
import {
  interestRisks,
  openPayments,
  paymentsAgainstPlan,
} from '../src/features/funding/payments/find-payments'
import { overdueProofs } from '../src/features/funding/proof/find-overdue'
import { createSession, SESSION_COOKIE } from '../src/platform/auth/sessions'
import { findUserByEmail } from '../src/platform/auth/users'
import { loadConfig } from '../src/platform/config'
import { berlinDay } from '../src/platform/days'
import type { Db } from '../src/platform/db'
import { openDatabase } from '../src/platform/db'
import { createDeps } from '../src/platform/runtime'
import { registerMso } from '../test/helpers/funding'
import { copiedHeaders, startBaseline } from './baseline'
import { type BenchDatabase, withBenchDatabase } from './setup'
import { median } from './stats'

const GRANTS = Number(process.env.BENCH_GRANTS ?? 100_000)
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10)
const RUNS = Number(process.env.BENCH_RUNS ?? 30)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 1)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const TARGET_MS = 150
const PAGE = '/foerderung/verwaltung/zahlungen'
const OFFICER = 'officer@bench.example'

/** The quantile q of sorted measurements (nearest rank). */
const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
const range = (xs: readonly number[], digits = 1) =>
  `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')

async function seed(b: BenchDatabase) {
  const db = b.deps.db
  const officer = (await b.user(OFFICER, ['funding_officer'])).id
  const approver = (await b.user('approver@bench.example', ['funding_approver'])).id
  const { orgId, userId } = await registerMso(b.deps)
  const year0 = Number(berlinDay().slice(0, 4)) - 1
  const payments = ENTRIES - 1
  const instalment = 1_000_00
  const t0 = performance.now()
  // Grants over the six lines and three years; one account per grant (its year), committed and paid.
  await db.execute(sql`
    create temporary table bench_lines as
      select id, row_number() over (order by key) - 1 as n from funding_lines`)
  await db.execute(sql`
    insert into funding_applications (id, line_id, organisation_id, status, file_number, title, aims,
      period_start, period_end, submitted_at, proposed_by, decided_by, decided_at)
    select md5('bench' || g)::uuid, l.id, ${orgId}::uuid, 'approved', 'BENCH-' || g, 'Vorhaben ' || g, 'Zweck',
      make_date(${year0} + g % 3, 1, 1), make_date(${year0} + g % 3, 12, 31), now(),
      ${officer}::uuid, ${approver}::uuid, now()
    from generate_series(1, ${GRANTS}) g join bench_lines l on l.n = g % 6`)
  await db.execute(sql`
    insert into funding_grants (application_id, year, amount_cents)
    select md5('bench' || g)::uuid, ${year0} + g % 3, ${instalment * (payments + 2)}::bigint
    from generate_series(1, ${GRANTS}) g`)
  // The budgets carry what the grants commit (as the approval's use case keeps them).
  await db.execute(sql`
    update funding_budgets b set committed_cents = s.cents, budget_cents = greatest(b.budget_cents, s.cents)
    from (select a.line_id, g.year, sum(g.amount_cents) as cents from funding_grants g
      join funding_applications a on a.id = g.application_id group by a.line_id, g.year) s
    where b.line_id = s.line_id and b.year = s.year`)
  await db.execute(sql`
    insert into funding_budgets (line_id, year, budget_cents, committed_cents)
    select a.line_id, g.year, sum(g.amount_cents), sum(g.amount_cents) from funding_grants g
      join funding_applications a on a.id = g.application_id
    group by a.line_id, g.year
    on conflict do nothing`)
  await db.execute(sql`
    insert into funding_grant_accounts (application_id, year, line_id, committed_cents, paid_cents)
    select a.id, g.year, a.line_id, g.amount_cents, ${instalment * payments}::bigint
    from funding_grants g join funding_applications a on a.id = g.application_id
    where a.file_number like 'BENCH-%'`)
  await db.execute(sql`
    insert into funding_payments (id, application_id, year, instalment, amount_cents, due_on, purpose, status,
      requested_by, requested_at, checked_by, checked_at, released_by, released_at)
    select md5('pay' || a.file_number || '-' || i)::uuid, a.id, acc.year, i, ${instalment}::bigint,
      make_date(acc.year, 1 + (i % 12), 1), 'Rate ' || i, 'released', ${userId}::uuid,
      now() - make_interval(days => 400 - i * 30), ${officer}::uuid, now() - make_interval(days => 399 - i * 30),
      ${approver}::uuid, now() - make_interval(days => 398 - i * 30)
    from funding_applications a join funding_grant_accounts acc on acc.application_id = a.id
    cross join generate_series(1, ${payments}) i
    where a.file_number like 'BENCH-%'`)
  await db.execute(sql`
    insert into funding_ledger_entries (application_id, year, line_id, kind, debit, credit, amount_cents, created_by, created_at)
    select application_id, year, line_id, 'commitment', 'commitment', 'budget', committed_cents, ${approver}::uuid,
      now() - make_interval(days => 400)
    from funding_grant_accounts`)
  await db.execute(sql`
    insert into funding_ledger_entries (application_id, year, line_id, kind, debit, credit, amount_cents, payment_id, created_by, created_at)
    select p.application_id, p.year, a.line_id, 'payment', 'recipient', 'commitment', p.amount_cents, p.id, ${approver}::uuid, p.released_at
    from funding_payments p join funding_applications a on a.id = p.application_id`)
  // Open work: payment requests waiting for their check, change requests waiting for a decision.
  await db.execute(sql`
    insert into funding_payments (application_id, year, instalment, amount_cents, due_on, purpose, status, requested_by)
    select a.id, acc.year, ${payments + 1}, ${instalment}::bigint, current_date, 'Offene Rate', 'requested', ${userId}::uuid
    from funding_applications a join funding_grant_accounts acc on acc.application_id = a.id
    where a.file_number like 'BENCH-%' and (substr(a.file_number, 7))::int % 50 = 0`)
  await db.execute(sql`
    insert into funding_change_requests (application_id, kind, reason, new_purpose, submitted_by)
    select id, 'purpose', 'Begründung', 'Neuer Zweck', ${userId}::uuid
    from funding_applications where file_number like 'BENCH-%' and (substr(file_number, 7))::int % 200 = 0`)
  // Closings: every 50th grant of the oldest year has its final proof accepted and a repayment claimed.
  await db.execute(sql`
    insert into funding_proofs (application_id, period, due_on, answers, report, status, submitted_by,
      check_kind, accepted_cents, reviewed_by, reviewed_at)
    select id, 'final', make_date(${year0} + 1, 6, 30), '{}'::jsonb, 'Bericht', 'accepted', ${userId}::uuid,
      'summary', 800000, ${officer}::uuid, now()
    from funding_applications
    where file_number like 'BENCH-%' and (substr(file_number, 7))::int % 3 = 0
      and (substr(file_number, 7))::int % 50 = 3`)
  await db.execute(sql`
    insert into funding_closings (application_id, proof_id, final_grant_cents, repayment_cents, interest_cents,
      interest_until, status, hearing_by, notice_pdf, notice_by, notice_at, repaid_cents)
    select p.application_id, p.id, 800000, 100000 + (row_number() over (order by p.id)) * 100, 1234,
      make_date(${year0} + 1, 12, 31), case when row_number() over (order by p.id) % 2 = 0 then 'settled' else 'claimed' end,
      ${officer}::uuid, '\\x25504446'::bytea, ${approver}::uuid, now(), 0
    from funding_proofs p`)
  await db.execute(sql`
    update funding_closings set repaid_cents = repayment_cents + interest_cents where status = 'settled'`)
  const [counts] = (
    (await db.execute(sql`select (select count(*) from funding_ledger_entries)::int as ledger,
      (select count(*) from funding_payments)::int as payments,
      (select count(*) from funding_grant_accounts)::int as accounts,
      (select count(*) from funding_closings where status = 'claimed')::int as claims`)) as unknown as {
      rows: { ledger: number; payments: number; accounts: number; claims: number }[]
    }
  ).rows
  console.log(
    `seeded ${counts!.ledger} ledger entries, ${counts!.payments} payments, ${counts!.accounts} accounts, ` +
      `${counts!.claims} open claims in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  )
}

async function measure(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn() // warm-up
  const ms: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now()
    await fn()
    ms.push(performance.now() - s)
  }
  ms.sort((a, b) => a - b)
  console.log(
    `${label}: median ${median(ms).toFixed(1)} ms, p95 ${quantile(ms, 0.95).toFixed(1)} ms, ` +
      `min ${ms[0]!.toFixed(1)} ms, max ${ms[ms.length - 1]!.toFixed(1)} ms (${RUNS} runs)`,
  )
  return median(ms)
}

/** What the route runs, as it runs it (in parallel). */
const dashboardQueries = (db: Db, today: string) =>
  Promise.all([
    paymentsAgainstPlan(db),
    openPayments(db),
    interestRisks(db, today),
    openChangeRequests(db),
    overdueProofs(db, today),
    openClaims(db),
  ])

async function queries(db: Db) {
  const today = berlinDay()
  const all = await measure('dashboard queries (all six, in parallel as the route runs them)', () =>
    dashboardQueries(db, today),
  )
  await measure('  payments against plan per line and year', () => paymentsAgainstPlan(db))
  await measure('  open payment requests', () => openPayments(db))
  await measure('  interest risks', () => interestRisks(db, today))
  await measure('  open change requests', () => openChangeRequests(db))
  await measure('  overdue proofs of use', () => overdueProofs(db, today))
  await measure('  open repayment claims', () => openClaims(db))
  return all
}

// ---------- HTTP: the two servers (children) and the load generator (this process) ----------

interface AppReady {
  url: string
  cookie: string
  body: string
  headers: Record<string, string>
}

/** Child 1: Teilhabe on the benchmark database, with a session of the officer. */
async function serveApp(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-bench-'))
  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    PUBLIC_URL: 'https://teilhabe.example',
    DATABASE_URL: process.env.BENCH_APP_DATABASE_URL!,
  })
  const database = await openDatabase({ url: config.databaseUrl })
  const deps = await createDeps(config, database, FEATURES, { info() {}, error() {} })
  const officer = await findUserByEmail(deps.db, OFFICER)
  if (!officer) throw new Error('no benchmark officer')
  const { cookie } = await createSession(deps.db, officer.id, 24 * 3600_000)
  const app = await buildApp(deps, { logger: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}${PAGE}`
  const page = await fetch(url, {
    headers: { cookie: `${SESSION_COOKIE}=${cookie}`, 'accept-encoding': 'identity' },
  })
  const body = await page.text()
  if (page.status !== 200 || !body.includes('id="rueckforderungen"')) {
    throw new Error(`bad dashboard page: ${page.status}`)
  }
  const headers = copiedHeaders(page.headers)
  process.send?.({ url, cookie, body, headers } satisfies AppReady)
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
    const { base } = await startBaseline(new Map([[PAGE, { headers, bytes: Buffer.from(body, 'utf8') }]]))
    process.send?.({ url: `${base}${PAGE}` })
  })
}

type Child = ReturnType<typeof fork>

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

interface Round {
  p50: number
  p95: number
  requests: number
}

/** CONNECTIONS clients request the page back to back for `seconds`; every latency is kept. */
async function hammer(url: string, cookie: string, seconds: number): Promise<Round> {
  const until = performance.now() + seconds * 1000
  const ms: number[] = []
  const headers = { cookie: `${SESSION_COOKIE}=${cookie}`, 'accept-encoding': 'identity' }
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const s = performance.now()
        const r = await fetch(url, { headers })
        await r.arrayBuffer()
        if (r.status !== 200) throw new Error(`${url}: ${r.status}`)
        ms.push(performance.now() - s)
      }
    }),
  )
  ms.sort((a, b) => a - b)
  return { p50: median(ms), p95: quantile(ms, 0.95), requests: ms.length }
}

async function overHttp(url: string) {
  const spawn = (role: string, env: Record<string, string> = {}) =>
    fork(import.meta.filename, [role], { stdio: 'inherit', env: { ...process.env, ...env } })
  const appChild = spawn('--serve-app', { BENCH_APP_DATABASE_URL: url })
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
    `\nGET ${PAGE} over HTTP: ${Buffer.byteLength(app.body)} bytes, ${Object.keys(app.headers).length} headers copied; ` +
      `Node ${process.version}; ${CONNECTIONS} connection(s), ${SECONDS} s per round, ${ROUNDS} rounds`,
  )
  await hammer(app.url, app.cookie, 2)
  await hammer(base.url, app.cookie, 2)
  const real: Round[] = []
  const top: Round[] = []
  for (let i = 0; i < ROUNDS; i++) {
    const runApp = () => hammer(app.url, app.cookie, SECONDS)
    const runBase = () => hammer(base.url, app.cookie, SECONDS)
    let a: Round
    let b: Round
    if (i % 2 === 0) {
      a = await runApp()
      b = await runBase()
    } else {
      b = await runBase()
      a = await runApp()
    }
    real.push(a)
    top.push(b)
    console.log(
      `round ${i + 1}: Teilhabe p50 ${a.p50.toFixed(1)} ms p95 ${a.p95.toFixed(1)} ms (${a.requests} requests); ` +
        `baseline p50 ${b.p50.toFixed(2)} ms p95 ${b.p95.toFixed(2)} ms (${b.requests}); load ${load()}`,
    )
  }
  console.log('median (min–max) over the rounds')
  console.log(`Teilhabe  p50 ${range(real.map((r) => r.p50))} ms, p95 ${range(real.map((r) => r.p95))} ms`)
  console.log(
    `baseline  p50 ${range(
      top.map((r) => r.p50),
      2,
    )} ms, p95 ${range(
      top.map((r) => r.p95),
      2,
    )} ms`,
  )
  appChild.disconnect()
  baseChild.disconnect()
  return { p50: median(real.map((r) => r.p50)), p95: median(real.map((r) => r.p95)) }
}

async function main() {
  console.log(`load average at the start: ${load()}`)
  await withBenchDatabase(async (b) => {
    if (!b.reused) await seed(b)
    await b.deps.db.execute(sql`analyze`)
    const q = await queries(b.deps.db)
    if (process.env.BENCH_HTTP === '0') return
    const page = await overHttp(b.url)
    console.log(`\nload average at the end: ${load()}`)
    console.log(
      `target ≤ ${TARGET_MS} ms: queries median ${q.toFixed(1)} ms – ${q <= TARGET_MS ? 'met' : 'NOT met'}; ` +
        `page over HTTP median p50 ${page.p50.toFixed(1)} ms – ${page.p50 <= TARGET_MS ? 'met' : 'NOT met'}, ` +
        `median p95 ${page.p95.toFixed(1)} ms – ${page.p95 <= TARGET_MS ? 'met' : 'NOT met'}`,
    )
  })
}

if (process.argv.includes('--serve-app')) await serveApp()
else if (process.argv.includes('--serve-baseline')) serveBaseline()
else
  await main().catch((err) => {
    console.error(err)
    process.exit(1)
  })

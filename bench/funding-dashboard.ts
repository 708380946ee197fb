/**
 * `npm run bench:funding-dashboard`: the staff dashboard of payments over 1,000,000 ledger rows, on
 * PostgreSQL.
 *
 * Seeds (set-based, generate_series) GRANTS approved grants (default 100,000) spread over the six WIR
 * lines and three budget years, each with its grant, its ledger account and ENTRIES ledger entries
 * (default 10: one commitment and nine released instalments, so 1,000,000 entries and 900,000
 * payments), plus 2,000 open payment requests and 500 open change requests. Then measures what the
 * dashboard page runs (route GET /foerderung/verwaltung/zahlungen): payments against plan per line and
 * year, the open requests and the interest risks, all three as the route runs them (in parallel),
 * and each alone; and the open change requests of the change dashboard. Target: ≤ 150 ms (median).
 *
 * Needs DATABASE_URL or TEST_DATABASE_URL (a server where the user may create databases); a fresh
 * database teilhabe_bench_<random> is created and dropped.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { FEATURES } from '../src/app'
import { openChangeRequests } from '../src/features/funding/changes/find-changes'
import {
  interestRisks,
  openPayments,
  paymentsAgainstPlan,
} from '../src/features/funding/payments/find-payments'
import { CLI_ACTOR } from '../src/platform/audit'
import { createUser } from '../src/platform/auth/users'
import { loadConfig } from '../src/platform/config'
import { berlinDay } from '../src/platform/days'
import { openDatabase } from '../src/platform/db'
import { createDeps } from '../src/platform/runtime'
import { registerMso, seedProgramme } from '../test/helpers/funding'

const base = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL
const GRANTS = Number(process.env.BENCH_GRANTS ?? 100_000)
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10)
const RUNS = Number(process.env.BENCH_RUNS ?? 30)
const TARGET_MS = 150

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function admin(query: string) {
  const c = new pg.Client({ connectionString: base })
  await c.connect()
  try {
    await c.query(query)
  } finally {
    await c.end()
  }
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
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!
  const median = at(0.5)
  console.log(
    `${label}: median ${median.toFixed(1)} ms, p10 ${at(0.1).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, ` +
      `min ${ms[0]!.toFixed(1)} ms, max ${ms[ms.length - 1]!.toFixed(1)} ms (${RUNS} runs)` +
      (label.startsWith('dashboard')
        ? ` – target ≤ ${TARGET_MS} ms: ${median <= TARGET_MS ? 'met' : 'NOT met'}`
        : ''),
  )
}

async function main() {
  if (!base) throw new Error('Set DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server.')
  const name = `teilhabe_bench_${randomBytes(4).toString('hex')}`
  await admin(`create database ${name}`)
  const dataDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-bench-'))
  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    PUBLIC_URL: 'https://teilhabe.example',
  })
  const database = await openDatabase({ url: withDatabase(base, name) })
  try {
    await database.migrate()
    const deps = await createDeps(config, database, FEATURES, { info() {}, error() {} })
    const db = deps.db
    await seedProgramme(deps)
    const mk = async (email: string, roles: string[]) => {
      const r = await createUser(
        db,
        CLI_ACTOR,
        { email, displayName: email, password: 'benchmark password', roles },
        deps.permissions.roles,
      )
      if (!r.ok) throw new Error(r.error)
      return r.id
    }
    const officer = await mk('officer@bench.example', ['funding_officer'])
    const approver = await mk('approver@bench.example', ['funding_approver'])
    const { orgId, userId } = await registerMso(deps)
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
    await db.execute(sql`analyze`)
    const [counts] = (
      (await db.execute(sql`select (select count(*) from funding_ledger_entries)::int as ledger,
        (select count(*) from funding_payments)::int as payments,
        (select count(*) from funding_grant_accounts)::int as accounts`)) as unknown as {
        rows: { ledger: number; payments: number; accounts: number }[]
      }
    ).rows
    console.log(
      `seeded ${counts!.ledger} ledger entries, ${counts!.payments} payments, ${counts!.accounts} accounts ` +
        `in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    )
    const today = berlinDay()
    await measure('dashboard (plan + open requests + interest risks, as the route runs them)', () =>
      Promise.all([paymentsAgainstPlan(db), openPayments(db), interestRisks(db, today)]),
    )
    await measure('  payments against plan per line and year', () => paymentsAgainstPlan(db))
    await measure('  open payment requests', () => openPayments(db))
    await measure('  interest risks', () => interestRisks(db, today))
    await measure('  open change requests', () => openChangeRequests(db))
  } finally {
    await database.close()
    await admin(`drop database ${name} with (force)`)
    await rm(dataDir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})

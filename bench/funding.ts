/**
 * `npm run bench:funding`: the funding feature under load, on PostgreSQL.
 *
 * 1. Approvals per second: APPROVALS (default 2,000) proposed applications of one line and year, and
 *    50 concurrent approvers (async workers, BENCH_APPROVERS) confirming them through the real use case
 *    (conditional status change, budget UPDATE guarded by the CHECK constraint, notice PDF, audit, mail).
 *    The budget fits 75 % of them, so the run also measures refusals once the money is gone; the
 *    invariant (committed ≤ budget, committed = Σ grants) is checked at the end.
 * 2. The budget dashboard over 100,000 applications (BENCH_APPLICATIONS): budget overview with counts
 *    by state, the first page of the staff list, and the public /foerderung page through the app.
 *
 * Needs DATABASE_URL or TEST_DATABASE_URL (a server where the user may create databases); a fresh
 * database teilhabe_bench_<random> is created and dropped.
 */
import { and, eq, sql } from 'drizzle-orm'
import { buildApp } from '../src/app'
import { budgetOverview, listApplications } from '../src/features/funding/queries'
import { confirmApproval } from '../src/features/funding/review/decide-application'
import { type NoticeFacts, renderNoticePdf } from '../src/features/funding/review/notice-pdf'
import { fundingApplications, fundingBudgets, fundingGrants } from '../src/features/funding/tables'
import { inTransaction } from '../src/platform/db'
import { lineId, NEXT_YEAR, registerMso } from '../test/helpers/funding'
import { withBenchDatabase } from './setup'
import { median } from './stats'

const APPROVALS = Number(process.env.APPROVALS ?? 2000)
const APPROVERS = Number(process.env.BENCH_APPROVERS ?? 50)
const APPLICATIONS = Number(process.env.BENCH_APPLICATIONS ?? 100_000)

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(1)
  return `median ${median(s).toFixed(1)} ms, p95 ${at(0.95)} ms, max ${s[s.length - 1]!.toFixed(1)} ms (${s.length} runs)`
}

async function time(fn: () => Promise<unknown>, runs = 20) {
  await fn()
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const s = performance.now()
    await fn()
    out.push(performance.now() - s)
  }
  return stats(out)
}

async function main() {
  await withBenchDatabase(async ({ deps, user }) => {
    const db = deps.db
    const mk = user
    const officer = await mk('officer@bench.example', ['funding_officer'])
    const approvers = await Promise.all(
      Array.from({ length: APPROVERS }, (_, i) => mk(`approver${i}@bench.example`, ['funding_approver'])),
    )
    const { orgId } = await registerMso(deps)
    const line = await lineId(deps, 'IL')
    const year = NEXT_YEAR
    const amount = 2_000_00
    const fits = Math.floor(APPROVALS * 0.75)
    await db
      .update(fundingBudgets)
      .set({ budgetCents: fits * amount, committedCents: 0 })
      .where(and(eq(fundingBudgets.lineId, line), eq(fundingBudgets.year, year)))

    // ---- 1. approvals per second ----
    await db.execute(sql`
      insert into funding_applications (line_id, organisation_id, status, file_number, title, aims, period_start, period_end,
        proposed_decision, proposed_amounts, proposed_by, submitted_at)
      select ${line}, ${orgId}, 'proposed', 'BENCH-IL-' || g, 'Lotsenpool ' || g, 'Begleitung Neuzugewanderter',
        ${`${year}-01-01`}::date, ${`${year}-12-31`}::date, 'approve', jsonb_build_object(${String(year)}::text, ${amount}::bigint), ${officer.id}::uuid, now()
      from generate_series(1, ${APPROVALS}) g`)
    await db.execute(sql`
      insert into funding_financing (application_id, year, own_cents, third_party_cents, requested_cents)
      select id, ${year}, 0, 0, ${amount} from funding_applications where line_id = ${line} and status = 'proposed'`)
    const ids = (
      await db
        .select({ id: fundingApplications.id })
        .from(fundingApplications)
        .where(and(eq(fundingApplications.lineId, line), eq(fundingApplications.status, 'proposed')))
    ).map((r) => r.id)
    let next = 0
    let approved = 0
    let refused = 0
    const started = performance.now()
    await Promise.all(
      approvers.map(async (approver) => {
        while (next < ids.length) {
          const id = ids[next++]!
          const r = await confirmApproval(deps, approver, id)
          if (r.ok) approved++
          else refused++
        }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    const [b] = await db
      .select()
      .from(fundingBudgets)
      .where(and(eq(fundingBudgets.lineId, line), eq(fundingBudgets.year, year)))
    const [g] = await db
      .select({ s: sql<string>`coalesce(sum(${fundingGrants.amountCents}), 0)` })
      .from(fundingGrants)
    const invariant =
      Number(b!.committedCents) <= Number(b!.budgetCents) &&
      Number(b!.committedCents) === Number(g!.s) &&
      approved === fits
    console.log(
      `approvals: ${ids.length} confirmations by ${APPROVERS} concurrent approvers in ${seconds.toFixed(1)} s`,
    )
    console.log(`  ${approved} approved (each with its PDF notice), ${refused} refused for lack of budget`)
    console.log(
      `  ${(ids.length / seconds).toFixed(0)} confirmations/s, ${(approved / seconds).toFixed(0)} approvals/s while the budget lasted`,
    )
    console.log(
      `  invariant: committed ${b!.committedCents} ≤ budget ${b!.budgetCents}, = Σ grants ${g!.s}: ${invariant ? 'holds' : 'BROKEN'}`,
    )

    const facts = (await db.execute(sql`select facts from funding_notices limit 1`)) as unknown as {
      rows: { facts: NoticeFacts }[]
    }
    console.log(
      `  one notice PDF rendered alone: ${await time(() => renderNoticePdf(facts.rows[0]!.facts), 10)}`,
    )

    // ---- 1b. the budget commit alone (what the database guarantees), without notices ----
    const commitLine = await lineId(deps, 'IP')
    const commits = Number(process.env.BENCH_COMMITS ?? 5000)
    const unit = 1_00
    await db
      .update(fundingBudgets)
      .set({ budgetCents: Math.floor(commits * 0.8) * unit, committedCents: 0 })
      .where(and(eq(fundingBudgets.lineId, commitLine), eq(fundingBudgets.year, year)))
    let left = commits
    let ok = 0
    const c0 = performance.now()
    await Promise.all(
      approvers.map(async () => {
        while (left-- > 0) {
          const done = await inTransaction(db, async (tx) => {
            const rows = await tx
              .update(fundingBudgets)
              .set({ committedCents: sql`${fundingBudgets.committedCents} + ${unit}` })
              .where(
                and(
                  eq(fundingBudgets.lineId, commitLine),
                  eq(fundingBudgets.year, year),
                  sql`${fundingBudgets.committedCents} + ${unit} <= ${fundingBudgets.budgetCents}`,
                ),
              )
              .returning({ c: fundingBudgets.committedCents })
            return rows.length > 0
          })
          if (done) ok++
        }
      }),
    )
    const cs = (performance.now() - c0) / 1000
    console.log(
      `budget commits alone: ${commits} guarded UPDATE transactions by ${APPROVERS} concurrent callers on one budget row in ${cs.toFixed(1)} s = ${(commits / cs).toFixed(0)}/s (${ok} fitted)`,
    )

    // ---- 2. dashboard over many applications ----
    const lines = (await db.execute(sql`select id from funding_lines order by sort`)) as unknown as {
      rows: { id: string }[]
    }
    const lineIds = lines.rows.map((r) => r.id)
    const t0 = performance.now()
    const batch = 20_000
    for (let offset = 0; offset < APPLICATIONS; offset += batch) {
      const n = Math.min(batch, APPLICATIONS - offset)
      await db.execute(sql`
        insert into funding_applications (line_id, organisation_id, status, file_number, title, submitted_at)
        select (select id from funding_lines order by sort offset (g % ${lineIds.length}) limit 1), ${orgId},
          (array['submitted','info_requested','proposed','rejected','approved','partially_approved'])[1 + ((g / 7) % 6)],
          'BULK-' || (${offset} + g), 'Vorhaben ' || g, now() - (g || ' minutes')::interval
        from generate_series(1, ${n}) g`)
      await db.execute(sql`
        insert into funding_financing (application_id, year, own_cents, third_party_cents, requested_cents)
        select id, ${year}, 10000, 0, 500000 from funding_applications a where a.file_number like 'BULK-%'
          and not exists (select 1 from funding_financing f where f.application_id = a.id)`)
    }
    await db.execute(sql`analyze`)
    console.log(
      `dashboard: ${APPLICATIONS + ids.length} applications loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    )
    console.log(
      `  budget overview (budgets + counts by line, budget year and state): ${await time(() => budgetOverview(db))}`,
    )
    console.log(
      `  staff list, first 100 (with requested/granted sums): ${await time(() => listApplications(db, { limit: 100, offset: 0 }))}`,
    )
    console.log(
      `  staff list filtered by line and state: ${await time(() => listApplications(db, { lineId: lineIds[1], status: 'submitted', limit: 100, offset: 0 }))}`,
    )
    const app = await buildApp(deps, { logger: false })
    await app.ready()
    console.log(
      `  GET /foerderung (public page with budgets): ${await time(async () => {
        const r = await app.inject({ method: 'GET', url: '/foerderung' })
        if (r.statusCode !== 200) throw new Error(String(r.statusCode))
      })}`,
    )
    await app.close()
  })
}

await main()

import { sql } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { organisations } from '../../directory/public'
import { INTERIM_DUE } from './proof-rules'

/** An overdue proof of use on the staff dashboard: owed, its deadline passed, not submitted. */
export interface OverdueProof {
  readonly applicationId: string
  readonly organisation: string
  readonly fileNumber: string | null
  readonly title: string | null
  /** 'final' or the budget year of an interim proof. */
  readonly period: string
  readonly dueOn: string
  readonly daysOverdue: number
  /** What was paid out (net of repayments) for the years the proof accounts for, in cents. */
  readonly paidCents: number
}

export interface OverdueProofs {
  /** All overdue proofs, however many the list shows. */
  readonly count: number
  /** Paid out for all of them, in cents. */
  readonly paidCents: number
  /** The most overdue first, at most `limit`. */
  readonly rows: readonly OverdueProof[]
}

/**
 * The overdue proofs of use of granted applications, the most overdue first, with their count and
 * the money paid out for them. One query, whatever the number of grants: the deadlines are those of
 * `proofPeriods` (interim proof of every budget year but the last by 30 April of the next year,
 * final proof the line's months after the end, a month's last day staying the last day), written
 * in SQL so that the database filters and sorts; `proofsDue` (the pure rule over every grant) must
 * agree with it, and a test checks that it does.
 */
export async function overdueProofs(db: Db, today: string, limit = 50): Promise<OverdueProofs> {
  const result = (await db.execute(sql`
    with lines as materialized (
      -- once per line, not once per grant: the rules are a large (TOASTed) jsonb
      select id, (rules ->> 'proofOfUseMonths')::int as months from funding_lines
    ),
    owed as (
      select g.application_id, g.year::text as period,
        make_date(g.year + 1, ${INTERIM_DUE.month}, ${INTERIM_DUE.day}) as due_on, g.year as only_year
      from funding_grants g join funding_applications a on a.id = g.application_id
      where a.status in ('approved', 'partially_approved') and a.period_end is not null
        and make_date(g.year + 1, ${INTERIM_DUE.month}, ${INTERIM_DUE.day}) < ${today}::date
        and exists (select 1 from funding_grants later
          where later.application_id = g.application_id and later.year > g.year)
      union all
      select a.id, 'final',
        case when a.period_end = (date_trunc('month', a.period_end) + interval '1 month - 1 day')::date
          then (date_trunc('month', a.period_end) + make_interval(months => l.months + 1) - interval '1 day')::date
          else (a.period_end + make_interval(months => l.months))::date end,
        null::int
      from funding_applications a join lines l on l.id = a.line_id
      -- the final proof is due after the end, so only a project ended before today can owe it overdue
      where a.status in ('approved', 'partially_approved') and a.period_end < ${today}::date
        and exists (select 1 from funding_grants g where g.application_id = a.id)
    ),
    overdue as materialized (
      select o.application_id, o.period, o.due_on, o.only_year from owed o
      where o.due_on < ${today}::date
        and not exists (select 1 from funding_proofs p
          where p.application_id = o.application_id and p.period = o.period)
    ),
    paid as (
      select o.application_id, o.period, o.due_on, sum(acc.paid_cents - acc.repaid_cents) as cents
      from overdue o join funding_grant_accounts acc on acc.application_id = o.application_id
        and (o.only_year is null or acc.year = o.only_year)
      group by o.application_id, o.period, o.due_on
    ),
    totals as (
      select (select count(*) from overdue)::int as n, (select coalesce(sum(cents), 0) from paid)::text as paid
    ),
    page as (
      select o.application_id, o.period, o.due_on::text as due_on, (${today}::date - o.due_on) as days,
        coalesce(paid.cents, 0)::text as paid_cents, a.file_number, a.title, ${organisations.name} as organisation
      from (select * from overdue order by due_on, application_id, period limit ${limit}) o
        join funding_applications a on a.id = o.application_id
        join ${organisations} on ${organisations.id} = a.organisation_id
        left join paid on paid.application_id = o.application_id and paid.period = o.period
    )
    select totals.n, totals.paid, page.* from totals left join page on true
    order by page.due_on, page.file_number, page.period`)) as unknown as {
    rows: {
      n: number
      paid: string
      application_id: string | null
      period: string
      due_on: string
      days: number
      paid_cents: string
      file_number: string | null
      title: string | null
      organisation: string
    }[]
  }
  const first = result.rows[0]
  return {
    count: Number(first?.n ?? 0),
    paidCents: Number(first?.paid ?? 0),
    rows: result.rows
      .filter((r) => r.application_id !== null)
      .map((r) => ({
        applicationId: r.application_id!,
        organisation: r.organisation,
        fileNumber: r.file_number,
        title: r.title,
        period: r.period,
        dueOn: r.due_on,
        daysOverdue: Number(r.days),
        paidCents: Number(r.paid_cents),
      })),
  }
}

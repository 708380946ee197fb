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
    with granted as (
      select a.id, a.organisation_id, a.file_number, a.title, a.period_end,
        (l.rules ->> 'proofOfUseMonths')::int as months
      from funding_applications a join funding_lines l on l.id = a.line_id
      where a.status in ('approved', 'partially_approved') and a.period_end is not null
    ),
    years as (
      select g.application_id, g.year, max(g.year) over (partition by g.application_id) as last_year
      from funding_grants g join granted on granted.id = g.application_id
    ),
    owed as (
      select application_id, year::text as period,
        make_date(year + 1, ${INTERIM_DUE.month}, ${INTERIM_DUE.day}) as due_on, year as only_year
      from years where year < last_year
      union all
      select a.id, 'final',
        case when a.period_end = (date_trunc('month', a.period_end) + interval '1 month - 1 day')::date
          then (date_trunc('month', a.period_end) + make_interval(months => a.months + 1) - interval '1 day')::date
          else (a.period_end + make_interval(months => a.months))::date end,
        null::int
      from granted a where exists (select 1 from funding_grants g where g.application_id = a.id)
    ),
    overdue as (
      select o.*,
        coalesce((select sum(acc.paid_cents - acc.repaid_cents) from funding_grant_accounts acc
          where acc.application_id = o.application_id and (o.only_year is null or acc.year = o.only_year)), 0)
          as paid_cents
      from owed o
      where o.due_on < ${today}::date
        and not exists (select 1 from funding_proofs p
          where p.application_id = o.application_id and p.period = o.period)
    ),
    totals as (select count(*)::int as n, coalesce(sum(paid_cents), 0)::text as paid from overdue)
    select totals.n, totals.paid, page.*
    from totals left join lateral (
      select o.application_id, o.period, o.due_on::text as due_on, (${today}::date - o.due_on) as days,
        o.paid_cents::text as paid_cents, a.file_number, a.title, ${organisations.name} as organisation
      from overdue o join granted a on a.id = o.application_id
        join ${organisations} on ${organisations.id} = a.organisation_id
      order by o.due_on, a.file_number, o.period
      limit ${limit}
    ) page on true`)) as unknown as {
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

import { and, eq, inArray, isNotNull } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { organisations } from '../../directory/public'
import { fundingApplications, fundingGrants, fundingLines, fundingProofs } from '../tables'
import { proofPeriods } from './proof-rules'

export interface DueProof {
  readonly applicationId: string
  readonly organisationId: string
  readonly organisation: string
  readonly fileNumber: string | null
  readonly title: string | null
  readonly period: string
  readonly dueOn: string
  readonly overdue: boolean
}

/**
 * The proofs granted applications owe and have not submitted, with their deadlines, earliest first
 * (the staff list and the reminder job). Three queries, whatever the number of grants.
 */
export async function proofsDue(db: Db, today: string): Promise<DueProof[]> {
  const apps = await db
    .select({
      id: fundingApplications.id,
      organisationId: fundingApplications.organisationId,
      organisation: organisations.name,
      fileNumber: fundingApplications.fileNumber,
      title: fundingApplications.title,
      periodEnd: fundingApplications.periodEnd,
      rules: fundingLines.rules,
    })
    .from(fundingApplications)
    .innerJoin(fundingLines, eq(fundingLines.id, fundingApplications.lineId))
    .innerJoin(organisations, eq(organisations.id, fundingApplications.organisationId))
    .where(
      and(
        inArray(fundingApplications.status, ['approved', 'partially_approved']),
        isNotNull(fundingApplications.periodEnd),
      ),
    )
  if (!apps.length) return []
  const ids = apps.map((a) => a.id)
  const [grants, proofs] = await Promise.all([
    db
      .select({ applicationId: fundingGrants.applicationId, year: fundingGrants.year })
      .from(fundingGrants)
      .where(inArray(fundingGrants.applicationId, ids)),
    db
      .select({ applicationId: fundingProofs.applicationId, period: fundingProofs.period })
      .from(fundingProofs)
      .where(inArray(fundingProofs.applicationId, ids)),
  ])
  const out: DueProof[] = []
  for (const a of apps) {
    const years = grants.filter((g) => g.applicationId === a.id).map((g) => g.year)
    const done = new Set(proofs.filter((p) => p.applicationId === a.id).map((p) => p.period))
    for (const p of proofPeriods(years, a.periodEnd!, a.rules.proofOfUseMonths)) {
      if (done.has(p.period)) continue
      out.push({
        applicationId: a.id,
        organisationId: a.organisationId,
        organisation: a.organisation,
        fileNumber: a.fileNumber,
        title: a.title,
        period: p.period,
        dueOn: p.dueOn,
        overdue: today > p.dueOn,
      })
    }
  }
  return out.sort((x, y) => (x.dueOn < y.dueOn ? -1 : x.dueOn > y.dueOn ? 1 : 0))
}

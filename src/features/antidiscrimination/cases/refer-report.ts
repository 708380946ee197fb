import { and, eq } from 'drizzle-orm'
import { type Actor, writeAudit } from '../../../platform/audit'
import { berlinDay } from '../../../platform/days'
import { inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { type Outcome, Refused, refusable, refuse, refuseAll } from '../../../platform/outcome'
import type { Who } from '../../../platform/policy'
import { centreOfCounsellor, listCentres } from '../network/find-network'
import { mayEditCase, mayReferReport } from '../policies'
import { antidiscReferrals, antidiscReports, type REFERRAL_CONSENTS } from '../tables'
import { reportById } from './conversation'
import { referralProblems } from './schema'

export interface Referral {
  readonly toCentreId: string
  readonly consent: (typeof REFERRAL_CONSENTS)[number]
  readonly consentOn: string
}

/**
 * A counsellor hands a report (with its case file, conversation and interventions) to another centre
 * of the network, recording how the reporter consented. From then on only the other centre's
 * counsellors read it; the data key stays the report's own, only who may open it changes. Null when
 * the counsellor may not touch the report at all (404).
 */
export async function referReport(
  deps: AppDeps,
  who: Who,
  actor: Actor,
  reportId: string,
  input: Referral,
  now = new Date(),
): Promise<Outcome<void> | null> {
  const report = await reportById(deps.db, reportId)
  const centreId = who.id ? await centreOfCounsellor(deps.db, who.id) : null
  if (!report || !centreId || !mayEditCase(who, centreId, report)) return null
  const problems = referralProblems(input, berlinDay(now))
  if (!mayReferReport(who, centreId, report, input.toCentreId))
    problems.push({ field: 'toCentreId', key: 'antidisc.staff.refer.error.same' })
  if (problems.length) return refuseAll(problems)
  return refusable(() =>
    inTransaction(deps.db, async (tx) => {
      if (!(await listCentres(tx)).some((c) => c.id === input.toCentreId))
        throw new Refused(refuse('antidisc.staff.refer.error.centre', 'toCentreId'))
      const moved = await tx
        .update(antidiscReports)
        .set({ centreId: input.toCentreId, routedBy: 'referral' })
        .where(and(eq(antidiscReports.id, report.id), eq(antidiscReports.centreId, centreId)))
        .returning({ id: antidiscReports.id })
      if (moved.length === 0) throw new Refused(refuse('antidisc.staff.refer.error.same', 'toCentreId'))
      await tx.insert(antidiscReferrals).values({
        reportId: report.id,
        fromCentreId: centreId,
        toCentreId: input.toCentreId,
        consent: input.consent,
        consentOn: input.consentOn,
        userId: who.id,
        createdAt: now,
      })
      await writeAudit(tx, actor, {
        action: 'antidisc.report.refer',
        entityType: 'antidisc_report',
        entityId: report.id,
        summary: { fromCentreId: centreId, toCentreId: input.toCentreId, consent: input.consent },
      })
    }),
  )
}

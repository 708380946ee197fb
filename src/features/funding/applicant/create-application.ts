import { type Actor, writeAudit } from '../../../platform/audit'
import { type Db, inTransaction } from '../../../platform/db'
import { type Outcome, ok, refuse } from '../../../platform/outcome'
import { applicantFacts, lineById } from '../queries'
import { checkEligibility } from '../rules'
import { fundingApplications } from '../tables'

/** Starts a draft application of an organisation for a line; refuses ineligible applicants at once. */
export async function createApplication(
  db: Db,
  actor: Actor,
  input: { organisationId: string; lineId: string },
): Promise<Outcome<string>> {
  const line = await lineById(db, input.lineId)
  if (!line?.open) return refuse('funding.error.lineUnknown', 'lineId')
  const org = await applicantFacts(db, input.organisationId)
  if (!org) return refuse('funding.error.noOrganisation', 'lineId')
  const problems = checkEligibility(line.rules, org.facts)
  if (problems.length) return { ok: false, problems }
  const id = await inTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(fundingApplications)
      .values({ lineId: line.id, organisationId: org.id, createdBy: actor.id })
      .returning({ id: fundingApplications.id })
    await writeAudit(tx, actor, {
      action: 'funding.application.create',
      entityType: 'funding_application',
      entityId: row!.id,
      summary: { line: line.key, organisation: org.name },
    })
    return row!.id
  })
  return ok(id)
}

import { eq } from 'drizzle-orm'
import type { Actor } from '../../../platform/audit'
import type { AppDeps } from '../../../platform/feature'
import { organisations } from '../../directory/public'
import { fundingWhoOf } from '../queries'
import { approveAmendment } from '../review/amend-grant'
import { fundingApplicantUsers, fundingApplications } from '../tables'
import { changeRequestsOf } from './find-changes'
import { decideChangeRequest, fileChangeRequest, recordNotification } from './manage-changes'

/** The demo grant of an organisation (by its demo name) with one of its accounts, or null. */
async function demoGrant(deps: AppDeps, organisationName: string) {
  const [row] = await deps.db
    .select({ id: fundingApplications.id, userId: fundingApplicantUsers.userId })
    .from(fundingApplications)
    .innerJoin(organisations, eq(organisations.id, fundingApplications.organisationId))
    .innerJoin(fundingApplicantUsers, eq(fundingApplicantUsers.organisationId, organisations.id))
    .where(eq(organisations.name, organisationName))
    .limit(1)
  return row ?? null
}

/**
 * Demo change requests on the demo grants of the payments: a decided one (a longer period, accepted
 * and approved into an amending notice) and a pending one (new purpose details), and a notification
 * of savings. Every step goes through the use cases.
 */
export async function seedDemoChanges(
  deps: AppDeps,
  staff: { officer: Actor; approver: Actor },
  log: (line: string) => void,
): Promise<void> {
  const must = <T>(r: { ok: true; value: T } | { ok: false; problems: unknown }, what: string): T => {
    if (!r.ok) throw new Error(`demo changes: ${what} refused: ${JSON.stringify(r.problems)}`)
    return r.value
  }
  const officerWho = { id: staff.officer.id, can: () => true, organisationId: null }
  const decided = await demoGrant(deps, 'Demo: Brücke der Kulturen e. V.')
  if (decided && !(await changeRequestsOf(deps.db, decided.id)).length) {
    const actor: Actor = { id: decided.userId, label: 'demo recipient' }
    const who = await fundingWhoOf(deps.db, { id: decided.userId, can: (p) => p === 'funding.apply' })
    const [app] = await deps.db
      .select()
      .from(fundingApplications)
      .where(eq(fundingApplications.id, decided.id))
    const year = Number((app?.periodEnd ?? '').slice(0, 4))
    const id = must(
      await fileChangeRequest(deps, actor, who, decided.id, {
        kind: 'period',
        periodStart: app?.periodStart ?? `${year}-01-01`,
        periodEnd: `${year + 1}-03-31`,
        reason: 'Die Räume im Stadtteilzentrum werden renoviert; die Kurse laufen drei Monate länger.',
      }),
      'change request',
    )
    const { amendmentId } = must(
      await decideChangeRequest(deps, staff.officer, officerWho, id, {
        decision: 'accept',
        note: 'Kostenneutrale Verlängerung, plausibel begründet.',
      }),
      'acceptance',
    )
    if (amendmentId) must(await approveAmendment(deps, staff.approver, decided.id, amendmentId), 'amendment')
    must(
      await recordNotification(deps, actor, who, decided.id, {
        kind: 'savings',
        occurredOn: app?.periodStart ?? `${year}-01-01`,
        details: 'Die Raummiete ist günstiger als geplant.',
        amountCents: 40_000,
      }),
      'notification',
    )
  }
  const pending = await demoGrant(deps, 'Demo: Ukrainischer Kulturverein Kassel e. V.')
  if (pending && !(await changeRequestsOf(deps.db, pending.id)).length) {
    const actor: Actor = { id: pending.userId, label: 'demo recipient' }
    const who = await fundingWhoOf(deps.db, { id: pending.userId, can: (p) => p === 'funding.apply' })
    must(
      await fileChangeRequest(deps, actor, who, pending.id, {
        kind: 'purpose',
        purpose: 'Elterntreff, Hausaufgabenhilfe und Ferienangebote für Kinder im Stadtteil',
        reason: 'In den Sommerferien fragen viele Familien nach einem Angebot für die Kinder.',
      }),
      'change request',
    )
  }
  log('Demo-Änderungsanträge (einer entschieden, einer offen) und eine Mitteilung angelegt.')
}

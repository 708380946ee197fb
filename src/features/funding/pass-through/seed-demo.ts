import { desc, eq } from 'drizzle-orm'
import { type Actor, SYSTEM_ACTOR } from '../../../platform/audit'
import { generatePassword } from '../../../platform/auth/passwords'
import { berlinDay } from '../../../platform/days'
import type { AppDeps } from '../../../platform/feature'
import { mailOutbox } from '../../../platform/mail/tables'
import { createApplication } from '../applicant/create-application'
import {
  saveAttachment,
  saveCosts,
  saveDeclarations,
  saveFinancing,
  saveProject,
} from '../applicant/save-application'
import { submitApplication } from '../applicant/submit-application'
import { confirmEmail, registerApplicant } from '../public/register-applicant'
import { fundingWhoOf } from '../queries'
import { confirmApproval, proposeDecision } from '../review/decide-application'
import { fundingLines } from '../tables'
import { createSubGrant, recordSubGrantProof } from './manage-sub-grants'

const DEMO_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

/**
 * A demo diversity centre (Hochtaunuskreis) with an approved grant for next year (coordination, a
 * staff post, 5,000 € for micro-projects) that has passed micro-project money on to two local
 * non-profits, one of them with its proof of use in. Every step goes through the use cases.
 */
export async function seedDemoSubGrants(
  deps: AppDeps,
  staff: { officer: Actor; approver: Actor },
  log: (line: string) => void,
): Promise<void> {
  const [line] = await deps.db
    .select({ id: fundingLines.id })
    .from(fundingLines)
    .where(eq(fundingLines.key, 'VZ'))
  if (!line) return
  const must = <T>(r: { ok: true; value: T } | { ok: false; problems: unknown }, what: string): T => {
    if (!r.ok) throw new Error(`demo pass-through: ${what} refused: ${JSON.stringify(r.problems)}`)
    return r.value
  }
  const email = 'vielfaltszentrum@teilhabe.example'
  const password = generatePassword()
  const orgId = must(
    await registerApplicant(deps, SYSTEM_ACTOR, {
      organisationName: 'Demo: Hochtaunuskreis – WIR-Vielfaltszentrum',
      kind: 'municipality',
      legalForm: 'Gebietskörperschaft',
      nonProfit: false,
      officialKey: '06434',
      street: 'Ludwig-Erhard-Anlage 1',
      postcode: '61352',
      city: 'Bad Homburg v. d. Höhe',
      representativeGivenName: 'Miriam',
      representativeFamilyName: 'Schäfer',
      iban: 'DE89 3704 0044 0532 0130 00',
      accountHolder: 'Hochtaunuskreis',
      displayName: 'Miriam Schäfer',
      email,
      password,
    }),
    'registration',
  )
  if (!orgId) return // seeded before
  const [mail] = await deps.db
    .select({ text: mailOutbox.text })
    .from(mailOutbox)
    .where(eq(mailOutbox.to, email))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1)
  const token = /token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1]
  if (!token) throw new Error('demo pass-through: no confirmation mail')
  const userId = must(await confirmEmail(deps, SYSTEM_ACTOR, token), 'confirmation')
  const actor: Actor = { id: userId, label: email }
  const next = Number(berlinDay().slice(0, 4)) + 1
  const id = must(
    await createApplication(deps.db, actor, { organisationId: orgId, lineId: line.id }),
    'application',
  )
  must(
    await saveProject(deps.db, actor, id, {
      title: 'WIR-Vielfaltszentrum Hochtaunuskreis',
      aims: 'Koordination der Integrations- und Vielfaltsarbeit im Kreis, Mikroprojekte vor Ort',
      targetGroups: 'Zugewanderte und Vereine im Hochtaunuskreis',
      municipalities: 'Hochtaunuskreis',
      periodStart: `${next}-01-01`,
      periodEnd: `${next}-12-31`,
    }),
    'project',
  )
  must(
    await saveCosts(
      deps.db,
      actor,
      id,
      [
        { year: next, category: 'coordination', cents: 6_000_000 },
        { year: next, category: 'staff', cents: 2_000_000 },
        { year: next, category: 'micro_projects', cents: 500_000 },
      ],
      [
        { year: next, key: 'coordinator_fte', value: 100 },
        { year: next, key: 'staff_posts', value: 1 },
      ],
    ),
    'costs',
  )
  must(
    await saveFinancing(deps.db, actor, id, [
      { year: next, ownCents: 0, thirdPartyCents: 0, requestedCents: 8_500_000 },
    ]),
    'financing',
  )
  must(await saveDeclarations(deps.db, actor, id, { notStarted: true, truth: true }), 'declarations')
  for (const kind of ['concept', 'financing_plan', 'target_agreement']) {
    must(
      await saveAttachment(deps.db, deps.files, actor, id, {
        kind,
        fileName: `${kind}.pdf`,
        bytes: DEMO_PDF,
        truncated: false,
      }),
      'attachment',
    )
  }
  must(await submitApplication(deps, actor, id, { declared: true }), 'submission')
  must(
    await proposeDecision(deps, staff.officer, id, { decision: 'approve', reasons: 'Förderfähig (Demo).' }),
    'proposal',
  )
  must(await confirmApproval(deps, staff.approver, id), 'approval')
  const who = await fundingWhoOf(deps.db, { id: userId, can: (p) => p === 'funding.apply' })
  const first = must(
    await createSubGrant(deps, actor, who, id, {
      year: next,
      organisationName: 'Demo: Nachbarschaftshilfe Oberursel e. V.',
      city: 'Oberursel (Taunus)',
      title: 'Sprachcafé für Eltern im Familienzentrum',
      amountCents: 250_000,
    }),
    'sub-grant',
  )
  must(
    await createSubGrant(deps, actor, who, id, {
      year: next,
      organisationName: 'Demo: Interkultureller Garten Usingen e. V.',
      city: 'Usingen',
      title: 'Gemeinsam gärtnern: Beete und Kochabende',
      amountCents: 150_000,
    }),
    'sub-grant',
  )
  must(
    await recordSubGrantProof(deps, actor, who, id, first, {
      usedCents: 230_000,
      report: 'Zwölf Treffen mit 140 Gästen; die übrigen 200 € werden zurückgezahlt.',
    }),
    'sub-grant proof',
  )
  log(`Demo diversity centre: ${email}  password: ${password}  (micro-projects passed on; shown once)`)
}

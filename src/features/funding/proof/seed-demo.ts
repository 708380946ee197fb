import { eq, sql } from 'drizzle-orm'
import type { Actor } from '../../../platform/audit'
import { berlinDay } from '../../../platform/days'
import type { AppDeps } from '../../../platform/feature'
import { issueFinalNotice, openHearing, recordRepayment } from '../closing/manage-closing'
import { checkPayment, releasePayment, requestPayment } from '../payments/manage-payments'
import { addDays } from '../payments/payment-rules'
import { seedDemoGrant } from '../payments/seed-demo'
import type { Registration } from '../public/register-applicant'
import { addMonths } from '../review/decide-application'
import { fundingApplications, fundingPayments } from '../tables'
import { reviewProof, submitProof } from './manage-proofs'

type DemoState = 'due' | 'overdue' | 'closed'

const base = {
  kind: 'migrant_organisation',
  legalForm: 'eingetragener Verein',
  nonProfit: true,
  iban: 'DE89 3704 0044 0532 0130 00',
  password: '',
} as const

const DEMO: readonly { state: DemoState; title: string; registration: Registration }[] = [
  {
    state: 'due',
    title: 'Frauencafé und Nähwerkstatt',
    registration: {
      ...base,
      organisationName: 'Demo: Frauen für Frauen Wiesbaden e. V.',
      registerCourt: 'Amtsgericht Wiesbaden',
      registerNumber: 'VR 90011',
      street: 'Marktstraße 3',
      postcode: '65183',
      city: 'Wiesbaden',
      representativeGivenName: 'Samira',
      representativeFamilyName: 'Haddad',
      accountHolder: 'Frauen für Frauen Wiesbaden e. V.',
      displayName: 'Samira Haddad',
      email: 'frauencafe@teilhabe.example',
    },
  },
  {
    state: 'overdue',
    title: 'Fußball verbindet',
    registration: {
      ...base,
      organisationName: 'Demo: Sportfreunde International Gießen e. V.',
      registerCourt: 'Amtsgericht Gießen',
      registerNumber: 'VR 90012',
      street: 'Ludwigsplatz 8',
      postcode: '35390',
      city: 'Gießen',
      representativeGivenName: 'Tomasz',
      representativeFamilyName: 'Nowak',
      accountHolder: 'Sportfreunde International Gießen e. V.',
      displayName: 'Tomasz Nowak',
      email: 'sportfreunde@teilhabe.example',
    },
  },
  {
    state: 'closed',
    title: 'Theater der Herkünfte',
    registration: {
      ...base,
      organisationName: 'Demo: Bühne Vielfalt Darmstadt e. V.',
      registerCourt: 'Amtsgericht Darmstadt',
      registerNumber: 'VR 90013',
      street: 'Luisenplatz 2',
      postcode: '64283',
      city: 'Darmstadt',
      representativeGivenName: 'Elif',
      representativeFamilyName: 'Demir',
      accountHolder: 'Bühne Vielfalt Darmstadt e. V.',
      displayName: 'Elif Demir',
      email: 'buehne@teilhabe.example',
    },
  },
]

/** How many months before today the demo project ended: the line's six months make it due soon, overdue, closed. */
const ENDED_MONTHS_AGO: Record<DemoState, number> = { due: 5, overdue: 8, closed: 4 }

/**
 * Demo grants at the end of their life, relative to the day of seeding (within this budget year): one whose final proof is due
 * within weeks, one whose proof is overdue, and one closed with a final notice and a repayment claim
 * (part of it repaid). Paid in full; every step through the use cases, only the dates moved back.
 */
export async function seedDemoProofs(
  deps: AppDeps,
  staff: { officer: Actor; approver: Actor },
  log: (line: string) => void,
): Promise<void> {
  const must = <T>(r: { ok: true; value: T } | { ok: false; problems: unknown }, what: string): T => {
    if (!r.ok) throw new Error(`demo proofs: ${what} refused: ${JSON.stringify(r.problems)}`)
    return r.value
  }
  const today = berlinDay()
  const officerWho = { id: staff.officer.id, can: () => true, organisationId: null }
  const approverWho = { id: staff.approver.id, can: () => true, organisationId: null }
  for (const demo of DEMO) {
    const grant = await seedDemoGrant(deps, staff, demo)
    if (!grant) continue // seeded before
    const { id, actor, recipient, password, year } = grant
    const payment = must(
      await requestPayment(deps, actor, recipient, id, {
        year,
        amountCents: 1_000_000,
        dueOn: today,
        purpose: 'Honorare, Minijob und Material',
      }),
      'payment request',
    )
    must(
      await checkPayment(deps, staff.officer, officerWho, payment, {
        decision: 'check',
        hold: false,
        reason: '',
      }),
      'check',
    )
    must(await releasePayment(deps, staff.approver, approverWho, payment), 'release')
    // The project ended months ago (demo only: its period and the payment are dated back).
    // Due and overdue: the period ended that many months ago (early in a year it reaches back into
    // the last one; demo only). The closed grant's receipts must fall within its budget year, so its
    // period stays in this year (at least a month long).
    const ended = addMonths(today, -ENDED_MONTHS_AGO[demo.state])
    const closed = demo.state === 'closed'
    const start = closed ? `${year}-01-01` : addDays(ended, -300)
    const end = closed && ended < addDays(start, 30) ? addDays(start, 30) : ended
    await deps.db
      .update(fundingApplications)
      .set({ periodStart: start, periodEnd: end })
      .where(eq(fundingApplications.id, id))
    await deps.db
      .update(fundingPayments)
      .set({ releasedAt: sql`${start}::date + 30`, checkedAt: sql`${start}::date + 29` })
      .where(eq(fundingPayments.id, payment))
    if (demo.state === 'closed') {
      const proof = must(
        await submitProof(deps, actor, recipient, id, {
          period: 'final',
          answers: {
            goals: 'Ein Theaterstück mit Laien aus zwölf Herkunftsländern, drei Aufführungen.',
            activities: '30 Proben, drei Aufführungen im Stadtteilzentrum.',
            reach: '25 Mitwirkende, rund 400 Zuschauerinnen und Zuschauer.',
            cooperation: 'Abstimmung mit dem Integrationsbüro vor jeder Aufführung.',
          },
          report: 'Eine Aufführung fiel wegen Krankheit aus; die Honorare dafür entfielen.',
          actual: { micro_project: 240_000, minijob: 720_000 },
          actualOwnCents: 20_000,
          actualThirdPartyCents: 0,
          receiptsCsv: [
            'datum;empfaenger;zweck;betrag;position',
            `${addDays(start, 5)};Kostümverleih Rhein-Main;Kostüme;1.400,00;Mikroprojekt`,
            `${addDays(start, 10)};Druckerei am Luisenplatz;Plakate und Programmhefte;1.000,00;Mikroprojekt`,
            `${addDays(start, 15)};Minijobberin Projektassistenz;Lohn Jan–Jun;3.600,00;Minijob`,
            `${addDays(start, 20)};Minijobberin Projektassistenz;Lohn Jul–Dez;3.600,00;Minijob`,
          ].join('\n'),
          hoursCsv: '',
        }),
        'proof',
      )
      must(
        await reviewProof(deps, staff.officer, officerWho, proof, {
          checkKind: 'in_depth',
          findings:
            'Die Programmhefte (200,00 €) wurden nach Projektende gedruckt und sind nicht zuwendungsfähig.',
          acceptedCents: 940_000,
        }),
        'review',
      )
      must(await openHearing(deps, staff.officer, officerWho, id, { until: addDays(today, 30) }), 'hearing')
      must(
        await issueFinalNotice(deps, staff.approver, approverWho, id, {
          hearingReply: 'Der Verein hat die Feststellung anerkannt.',
        }),
        'final notice',
      )
      must(
        await recordRepayment(deps, staff.officer, officerWho, id, {
          amountCents: 10_000,
          receivedOn: today,
        }),
        'repayment',
      )
    }
    log(
      `Demo funding recipient (${demo.state === 'due' ? 'proof due' : demo.state === 'overdue' ? 'proof overdue' : 'final notice, repayment'}): ${demo.registration.email}  password: ${password}  (shown once)`,
    )
  }
}

import { and, desc, eq, sql } from 'drizzle-orm'
import { type Actor, SYSTEM_ACTOR } from '../../../platform/audit'
import { generatePassword } from '../../../platform/auth/passwords'
import { berlinDay } from '../../../platform/days'
import { type Db, inTransaction } from '../../../platform/db'
import type { AppDeps } from '../../../platform/feature'
import { mailOutbox } from '../../../platform/mail/tables'
import { importPlacesFromFiles, placeByKey } from '../../directory/public'
import { createApplication } from '../applicant/create-application'
import {
  saveAttachment,
  saveCosts,
  saveDeclarations,
  saveFinancing,
  saveProject,
} from '../applicant/save-application'
import { submitApplication } from '../applicant/submit-application'
import { commitBudget } from '../budget'
import type { FundingWho } from '../policies'
import { confirmEmail, type Registration, registerApplicant } from '../public/register-applicant'
import { fundingWhoOf } from '../queries'
import { confirmApproval, proposeDecision } from '../review/decide-application'
import { fundingApplications, fundingGrants, fundingLines, fundingPayments } from '../tables'
import { checkPayment, releasePayment, requestPayment } from './manage-payments'

/** The smallest file the type detection recognises as PDF (the demo's attachments). */
const DEMO_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

/**
 * Moves an approved grant from its year to `year` (with its period and the budget it commits). The
 * demo and the tests need grants running this year, and the application deadline (31 December of
 * the year before) refuses applications for this year today: they are approved for next year and
 * then moved. Never used outside the demo and the tests.
 */
export async function moveGrantToYear(db: Db, applicationId: string, from: number, year: number) {
  await inTransaction(db, async (tx) => {
    const [app] = await tx.select().from(fundingApplications).where(eq(fundingApplications.id, applicationId))
    const [grant] = await tx
      .select()
      .from(fundingGrants)
      .where(and(eq(fundingGrants.applicationId, applicationId), eq(fundingGrants.year, from)))
    if (!app || !grant) throw new Error(`no grant of ${applicationId} in ${from}`)
    const cents = Number(grant.amountCents)
    const back = await commitBudget(tx, app.lineId, from, -cents)
    const forward = await commitBudget(tx, app.lineId, year, cents)
    if (!back.ok || !forward.ok) throw new Error('the demo budget cannot carry the moved grant')
    await tx
      .update(fundingGrants)
      .set({ year })
      .where(and(eq(fundingGrants.applicationId, applicationId), eq(fundingGrants.year, from)))
    await tx
      .update(fundingApplications)
      .set({ periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` })
      .where(eq(fundingApplications.id, applicationId))
  })
}

interface DemoGrant {
  readonly registration: Registration
  readonly title: string
  /** Instalments: amount in cents and how far they got; `daysAgo` backdates a release. */
  readonly instalments: readonly {
    cents: number
    until: 'requested' | 'checked' | 'released'
    daysAgo?: number
  }[]
}

const base = {
  kind: 'migrant_organisation',
  legalForm: 'eingetragener Verein',
  nonProfit: true,
  iban: 'DE89 3704 0044 0532 0130 00',
} as const

const DEMO_GRANTS: readonly DemoGrant[] = [
  {
    registration: {
      ...base,
      organisationName: 'Demo: Brücke der Kulturen e. V.',
      registerCourt: 'Amtsgericht Frankfurt am Main',
      registerNumber: 'VR 90001',
      street: 'Hauptstraße 1',
      postcode: '60311',
      city: 'Frankfurt am Main',
      officialKey: '06412000',
      representativeGivenName: 'Ayşe',
      representativeFamilyName: 'Yılmaz',
      accountHolder: 'Brücke der Kulturen e. V.',
      displayName: 'Ayşe Yılmaz',
      email: 'verein@teilhabe.example',
      password: '',
    },
    title: 'Sprachcafé für Neuzugewanderte',
    instalments: [
      { cents: 300_000, until: 'released', daysAgo: 70 },
      { cents: 250_000, until: 'released', daysAgo: 10 },
      { cents: 150_000, until: 'requested' },
    ],
  },
  {
    registration: {
      ...base,
      organisationName: 'Demo: Ukrainischer Kulturverein Kassel e. V.',
      registerCourt: 'Amtsgericht Kassel',
      registerNumber: 'VR 90002',
      street: 'Königsplatz 5',
      postcode: '34117',
      city: 'Kassel',
      officialKey: '06611000',
      representativeGivenName: 'Olena',
      representativeFamilyName: 'Kovalenko',
      accountHolder: 'Ukrainischer Kulturverein Kassel e. V.',
      displayName: 'Olena Kovalenko',
      email: 'kulturverein@teilhabe.example',
      password: '',
    },
    title: 'Elterntreff und Hausaufgabenhilfe',
    instalments: [
      { cents: 400_000, until: 'released', daysAgo: 20 },
      { cents: 200_000, until: 'checked' },
    ],
  },
  // Approved, nothing requested yet: grants across Hessen for the public list and its map.
  ...(
    [
      [
        'Demo: Afrikanischer Elternverein Gießen e. V.',
        'Gießen',
        '35390',
        '06531005',
        'Amtsgericht Gießen',
        'Amara',
        'Diallo',
        'Eltern stärken in der Schule',
      ],
      [
        'Demo: Frauencafé Fulda e. V.',
        'Fulda',
        '36037',
        '06631009',
        'Amtsgericht Fulda',
        'Leyla',
        'Demir',
        'Frauencafé mit Kinderbetreuung',
      ],
      [
        'Demo: Syrisch-deutscher Kulturverein Wiesbaden e. V.',
        'Wiesbaden',
        '65183',
        '06414000',
        'Amtsgericht Wiesbaden',
        'Rami',
        'Haddad',
        'Nachbarschaftsfest und Sprachpatenschaften',
      ],
    ] as const
  ).map(
    ([organisationName, city, postcode, officialKey, registerCourt, given, family, title], i): DemoGrant => ({
      registration: {
        ...base,
        organisationName,
        registerCourt,
        registerNumber: `VR 9001${i}`,
        street: 'Marktplatz 1',
        postcode,
        city,
        officialKey,
        representativeGivenName: given,
        representativeFamilyName: family,
        accountHolder: organisationName.replace('Demo: ', ''),
        displayName: `${given} ${family}`,
        email: `verein${i + 3}@teilhabe.example`,
        password: '',
      },
      title,
      instalments: [],
    }),
  ),
]

/**
 * One demo grant of the MSO line running this year (10,000 €: micro-project 3,000 €, minijob 7,200 €,
 * own money 200 €): the organisation registers and confirms its address, applies, is approved by
 * two people. Null when it was seeded before. Used by the payments and the proof-of-use demo.
 */
export async function seedDemoGrant(
  deps: AppDeps,
  staff: { officer: Actor; approver: Actor },
  demo: Pick<DemoGrant, 'registration' | 'title'>,
): Promise<{ id: string; actor: Actor; recipient: FundingWho; password: string; year: number } | null> {
  const year = Number(berlinDay().slice(0, 4))
  const next = year + 1
  const [line] = await deps.db
    .select({ id: fundingLines.id })
    .from(fundingLines)
    .where(eq(fundingLines.key, 'MSO'))
  if (!line) return null
  const must = <T>(r: { ok: true; value: T } | { ok: false; problems: unknown }, what: string): T => {
    if (!r.ok) throw new Error(`demo grant: ${what} refused: ${JSON.stringify(r.problems)}`)
    return r.value
  }
  const password = generatePassword()
  const orgId = must(
    await registerApplicant(deps, SYSTEM_ACTOR, { ...demo.registration, password }),
    'registration',
  )
  if (!orgId) return null // seeded before
  const [mail] = await deps.db
    .select({ text: mailOutbox.text })
    .from(mailOutbox)
    .where(eq(mailOutbox.to, demo.registration.email))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1)
  const token = /token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1]
  if (!token) throw new Error('demo payments: no confirmation mail')
  const userId = must(await confirmEmail(deps, SYSTEM_ACTOR, token), 'confirmation')
  const actor: Actor = { id: userId, label: demo.registration.email }
  const id = must(
    await createApplication(deps.db, actor, { organisationId: orgId, lineId: line.id }),
    'application',
  )
  must(
    await saveProject(deps.db, actor, id, {
      title: demo.title,
      aims: 'Begegnung und Spracherwerb im Stadtteil',
      targetGroups: 'Neuzugewanderte Familien',
      municipalities: demo.registration.city,
      periodStart: `${next}-01-01`,
      periodEnd: `${next}-12-31`,
    }),
    'project',
  )
  must(
    await saveCosts(deps.db, actor, id, [
      { year: next, category: 'micro_project', cents: 300_000 },
      { year: next, category: 'minijob', cents: 720_000 },
    ]),
    'costs',
  )
  must(
    await saveFinancing(deps.db, actor, id, [
      { year: next, ownCents: 20_000, thirdPartyCents: 0, requestedCents: 1_000_000 },
    ]),
    'financing',
  )
  must(await saveDeclarations(deps.db, actor, id, { notStarted: true, truth: true }), 'declarations')
  for (const kind of ['concept', 'coordination']) {
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
  await moveGrantToYear(deps.db, id, next, year)

  const recipient = await fundingWhoOf(deps.db, { id: userId, can: (p) => p === 'funding.apply' })
  return { id, actor, recipient, password, year }
}

/**
 * Demo grants of the MSO line running this year, paid in instalments: released payments (one of
 * them longer ago than the need window, so the interest risk shows), a checked one waiting for its
 * release and a request waiting for its check. Every step goes through the use cases.
 */
export async function seedDemoPayments(
  deps: AppDeps,
  staff: { officer: Actor; approver: Actor },
  log: (line: string) => void,
): Promise<void> {
  const year = Number(berlinDay().slice(0, 4))
  // The recipients belong to their municipality in the directory (the public list names it).
  if (!(await placeByKey(deps.db, '06611000'))) await importPlacesFromFiles(deps.db, SYSTEM_ACTOR)
  const must = <T>(r: { ok: true; value: T } | { ok: false; problems: unknown }, what: string): T => {
    if (!r.ok) throw new Error(`demo payments: ${what} refused: ${JSON.stringify(r.problems)}`)
    return r.value
  }
  for (const [index, demo] of DEMO_GRANTS.entries()) {
    const grant = await seedDemoGrant(deps, staff, demo)
    if (!grant) continue // seeded before
    const { id, actor, recipient, password } = grant
    const officerWho = { id: staff.officer.id, can: () => true, organisationId: null }
    const approverWho = { id: staff.approver.id, can: () => true, organisationId: null }
    for (const [i, step] of demo.instalments.entries()) {
      const payment = must(
        await requestPayment(deps, actor, recipient, id, {
          year,
          amountCents: step.cents,
          dueOn: berlinDay(),
          purpose: `Honorare und Raummiete (Rate ${i + 1})`,
        }),
        'payment request',
      )
      if (step.until === 'requested') continue
      must(
        await checkPayment(deps, staff.officer, officerWho, payment, {
          decision: 'check',
          hold: false,
          reason: '',
        }),
        'check',
      )
      if (step.until === 'checked') continue
      must(await releasePayment(deps, staff.approver, approverWho, payment), 'release')
      if (step.daysAgo) {
        // The demo shows payments of the past weeks: the release is dated back (demo only).
        await deps.db
          .update(fundingPayments)
          .set({
            releasedAt: sql`now() - make_interval(days => ${step.daysAgo})`,
            checkedAt: sql`now() - make_interval(days => ${step.daysAgo})`,
            requestedAt: sql`now() - make_interval(days => ${step.daysAgo + 3})`,
            dueOn: sql`(now() - make_interval(days => ${step.daysAgo}))::date`,
          })
          .where(eq(fundingPayments.id, payment))
      }
    }
    log(
      `Demo funding recipient ${index + 1}: ${demo.registration.email}  password: ${password}  (a grant paid in instalments; shown once)`,
    )
  }
}

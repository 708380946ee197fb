import { CLI_ACTOR } from '../../platform/audit'
import { generatePassword } from '../../platform/auth/passwords'
import { createUser } from '../../platform/auth/users'
import type { AppDeps } from '../../platform/feature'
import { createOrganisation, organisationsNamed } from '../directory/public'
import { linkOrganisationAccount } from '../funding/public'
import { demoContractPdf } from './demo-pdf'
import { hasDemoContracts } from './find-contracts'
import {
  addMilestone,
  addObligation,
  attachDocument,
  changeStatus,
  createContract,
  renewContract,
  submitReport,
} from './manage-contracts'
import type { ContractsWho } from './policies'
import type { ContractState } from './tables'

/** The seed acts as the ministry (the audit entries name the command line). */
const SEED: ContractsWho = { id: 'demo-seed', can: (p) => p === 'contracts.manage', organisationId: null }

export interface DemoContract {
  readonly partner: string
  readonly topic: string
  readonly summary: string
  readonly startsOn: string
  readonly endsOn: string
  readonly signedOn: string
  readonly state: Exclude<ContractState, 'negotiation'>
  readonly renewal?: { renewedOn: string; endsOn: string; note: string }
  readonly obligations: readonly ['state' | 'partner', string][]
  /** title, due, evidence, report (text and day) if the partner reported */
  readonly milestones: readonly [string, string, string, [string, string]?][]
}

const DEMO_NOTE =
  'Demodaten: erfundene Einzelheiten zur Vorführung der Plattform, nicht der wirkliche Vertrag.'

/**
 * The four integration contracts Hessen names (partners and topics as published); dates,
 * obligations, milestones and reports are invented and the contracts are marked as demo data.
 */
export const DEMO_CONTRACTS: readonly DemoContract[] = [
  {
    partner: 'Bildungsstätte Anne Frank e. V.',
    topic: 'Antisemitismus und Rassismus in der Migrationsgesellschaft',
    summary: `Gemeinsame Bildungs- und Beratungsarbeit gegen Antisemitismus und Rassismus. ${DEMO_NOTE}`,
    startsOn: '2019-01-01',
    endsOn: '2023-12-31',
    signedOn: '2018-11-20',
    state: 'running',
    renewal: {
      renewedOn: '2023-10-15',
      endsOn: '2027-12-31',
      note: 'Verlängerung nach positiver Zwischenbilanz.',
    },
    obligations: [
      ['state', 'Das Land fördert zwei Stellen für Bildungsreferentinnen und -referenten.'],
      ['state', 'Das Land bindet die Bildungsstätte in die Fortschreibung des Integrationsplans ein.'],
      ['partner', 'Die Bildungsstätte bietet jährlich mindestens zwölf Fortbildungen für Fachkräfte an.'],
      ['partner', 'Die Bildungsstätte berichtet jährlich über Teilnehmende und Themen.'],
    ],
    milestones: [
      [
        'Fortbildungsreihe für Lehrkräfte gestartet',
        '2019-09-30',
        'Programm und Teilnehmendenlisten',
        ['Zwölf Fortbildungen mit 240 Lehrkräften fanden statt; das Programm liegt bei.', '2019-10-10'],
      ],
      [
        'Beratungsangebot für Betroffene eingerichtet',
        '2021-06-30',
        'Konzept und Fallstatistik',
        ['Die Beratung ist seit März 2021 erreichbar; 85 Beratungen bis Juni.', '2021-07-05'],
      ],
      [
        'Zwischenbilanz vorgelegt',
        '2023-06-30',
        'Bericht an das Ministerium',
        ['Die Zwischenbilanz liegt vor und empfiehlt die Verlängerung.', '2023-06-28'],
      ],
      ['Abschlussevaluation vorgelegt', '2027-09-30', 'Evaluationsbericht'],
    ],
  },
  {
    partner: 'Hessischer Jugendring e. V.',
    topic: 'Identität und Zugehörigkeit junger Menschen der zweiten und dritten Generation',
    summary: `Junge Menschen mit Einwanderungsgeschichte in der Jugendarbeit sichtbar machen; daraus entstand die Landesstelle für Integration in der Jugendarbeit. ${DEMO_NOTE}`,
    startsOn: '2018-03-01',
    endsOn: '2022-12-31',
    signedOn: '2018-02-14',
    state: 'evaluated',
    obligations: [
      ['state', 'Das Land finanziert eine Koordinationsstelle beim Jugendring.'],
      [
        'partner',
        'Der Jugendring öffnet seine Mitgliedsverbände für Vereine junger Migrantinnen und Migranten.',
      ],
    ],
    milestones: [
      [
        'Fachtag „Wir sind von hier“',
        '2018-11-30',
        'Dokumentation des Fachtags',
        ['Fachtag mit 150 Teilnehmenden; Dokumentation veröffentlicht.', '2018-12-12'],
      ],
      [
        'Konzept für eine Landesstelle vorgelegt',
        '2020-12-31',
        'Konzeptpapier',
        ['Das Konzept für die Landesstelle für Integration in der Jugendarbeit liegt vor.', '2020-12-18'],
      ],
      [
        'Landesstelle eröffnet',
        '2022-06-30',
        'Eröffnung und Stellenbesetzung',
        ['Die Landesstelle arbeitet seit Mai 2022.', '2022-07-01'],
      ],
    ],
  },
  {
    partner: 'Verband binationaler Familien und Partnerschaften, Landesverband Hessen',
    topic: 'Rollen von Männern und Vätern in der Einwanderungsgesellschaft',
    summary: `Väterarbeit und Gesprächsgruppen über Rollenbilder in Familien mit Einwanderungsgeschichte. ${DEMO_NOTE}`,
    startsOn: '2020-01-01',
    endsOn: '2027-06-30',
    signedOn: '2019-12-03',
    state: 'running',
    obligations: [
      ['state', 'Das Land fördert Gruppenangebote für Väter in fünf Regionen.'],
      ['partner', 'Der Verband schult Gruppenleitungen und begleitet die Gruppen fachlich.'],
      ['partner', 'Der Verband berichtet zu jedem Meilenstein.'],
    ],
    milestones: [
      [
        'Vätergruppen in drei Regionen',
        '2021-12-31',
        'Liste der Gruppen',
        ['Gruppen in Frankfurt, Kassel und Gießen arbeiten regelmäßig.', '2022-01-14'],
      ],
      [
        'Handreichung für Fachkräfte veröffentlicht',
        '2024-06-30',
        'Handreichung',
        ['Die Handreichung „Väter stärken“ ist erschienen.', '2024-07-02'],
      ],
      ['Vätergruppen in fünf Regionen', '2026-12-15', 'Liste der Gruppen und Teilnehmendenzahlen'],
      ['Abschlussbericht', '2027-06-15', 'Abschlussbericht'],
    ],
  },
  {
    partner: 'DRK Landesverband Hessen e. V.',
    topic: 'Interkulturelle Öffnung des Ehrenamts',
    summary: `Mehr Ehrenamtliche mit Einwanderungsgeschichte in den Kreisverbänden und ihre Gewinnung und Begleitung. ${DEMO_NOTE}`,
    startsOn: '2025-07-01',
    endsOn: '2028-06-30',
    signedOn: '2025-06-12',
    state: 'signed',
    obligations: [
      ['state', 'Das Land fördert Fortbildungen zur interkulturellen Öffnung für Kreisverbände.'],
      [
        'partner',
        'Der Landesverband gewinnt in jedem Kreisverband eine Ansprechperson für interkulturelle Öffnung.',
      ],
    ],
    milestones: [
      ['Ansprechpersonen in allen Kreisverbänden benannt', '2026-06-30', 'Liste der Ansprechpersonen'],
      ['Fortbildungsreihe abgeschlossen', '2027-06-30', 'Teilnahmebescheinigungen'],
      ['Abschlussbericht', '2028-05-31', 'Abschlussbericht'],
    ],
  },
]

async function partnerId(deps: AppDeps, name: string): Promise<string> {
  const [found] = await organisationsNamed(deps.db, name)
  return found?.id ?? createOrganisation(deps.db, CLI_ACTOR, { kind: 'association', name })
}

function must<T>(r: { ok: true; value: T } | { ok: false }, what: string): T {
  if (!r.ok) throw new Error(`demo contract refused: ${what}`)
  return r.value
}

/** Records one demo contract through the use cases, from negotiation to its state. */
export async function seedDemoContract(deps: AppDeps, c: DemoContract): Promise<string> {
  const db = deps.db
  const id = must(
    await createContract(db, CLI_ACTOR, SEED, {
      organisationId: await partnerId(deps, c.partner),
      topic: c.topic,
      summary: c.summary,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      demo: true,
    }),
    c.topic,
  )
  for (const [side, text] of c.obligations)
    must(await addObligation(db, CLI_ACTOR, SEED, id, { side, text }), text)
  // Milestones of the first term now, those of a renewed term once it is renewed; reports once the
  // contract takes them.
  const reports: [string, [string, string]][] = []
  const addMilestones = async (within: boolean) => {
    for (const [title, dueOn, evidence, report] of c.milestones) {
      if (dueOn <= c.endsOn !== within) continue
      const m = must(await addMilestone(db, CLI_ACTOR, SEED, id, { title, dueOn, evidence }), title)
      if (report && c.state !== 'signed') reports.push([m, report])
    }
  }
  await addMilestones(true)
  must(await changeStatus(db, CLI_ACTOR, SEED, id, { to: 'signed', signedOn: c.signedOn }), 'signed')
  const pdf = demoContractPdf([
    'Integrationsvertrag (Demodaten)',
    `Partner: ${c.partner}`,
    `Thema: ${c.topic}`,
    `Unterzeichnet am ${c.signedOn}; Laufzeit ${c.startsOn} bis ${c.endsOn}.`,
    'Erfundener Vertragstext zur Vorfuehrung der Plattform.',
  ])
  must(
    await attachDocument(db, deps.files, CLI_ACTOR, SEED, id, {
      fileName: 'integrationsvertrag.pdf',
      bytes: pdf,
      truncated: false,
    }),
    'document',
  )
  if (c.state !== 'signed') must(await changeStatus(db, CLI_ACTOR, SEED, id, { to: 'running' }), 'running')
  if (c.renewal) must(await renewContract(db, CLI_ACTOR, SEED, id, c.renewal), 'renewal')
  await addMilestones(false)
  for (const [milestoneId, [text, on]] of reports)
    must(await submitReport(db, CLI_ACTOR, SEED, id, { milestoneId, text }, on), 'report')
  if (c.state === 'evaluated' || c.state === 'ended')
    must(await changeStatus(db, CLI_ACTOR, SEED, id, { to: 'evaluated' }), 'evaluated')
  if (c.state === 'ended') must(await changeStatus(db, CLI_ACTOR, SEED, id, { to: 'ended' }), 'ended')
  return id
}

export async function seedContractsDemo(deps: AppDeps, print: (line: string) => void): Promise<void> {
  if (await hasDemoContracts(deps.db)) return
  const ids: string[] = []
  for (const c of DEMO_CONTRACTS) ids.push(await seedDemoContract(deps, c))
  const email = 'vertraege-partner@teilhabe.example'
  const password = generatePassword()
  const result = await createUser(
    deps.db,
    CLI_ACTOR,
    {
      email,
      displayName: 'Demo-Partner Verband binationaler Familien',
      password,
      roles: ['contract_partner'],
    },
    deps.permissions.roles,
  )
  if (result.ok) {
    const [org] = await organisationsNamed(deps.db, DEMO_CONTRACTS[2]!.partner)
    await linkOrganisationAccount(deps.db, CLI_ACTOR, result.id, org!.id)
    print(
      `Demo integration contract partner: ${email}  password: ${password}  (shown once; sign in at ${deps.config.publicUrl}/anmelden)`,
    )
  }
}

import { CLI_ACTOR } from '../../platform/audit'
import { generatePassword } from '../../platform/auth/passwords'
import { createUser } from '../../platform/auth/users'
import type { AppDeps } from '../../platform/feature'
import { fundingLineRefs } from '../funding/public'
import { partnerOptions } from './find-plan'
import { importAdoptedPlan, type PlanData } from './manage-plan'
import type { MeasureState } from './tables'

type M = [title: string, unit: string, status: MeasureState, weight: number, progress: number]

/**
 * The demo plan: Hessen's seven fields of action with invented goals, measures and values (marked
 * "Demo" in the version title and in every measure's description). Not the real plan's content.
 */
const FIELDS: [title: string, goals: [title: string, measures: M[]][]][] = [
  [
    'Sprache und Bildung',
    [
      [
        'Frühe sprachliche Bildung in Kitas stärken',
        [
          ['Sprachkitas in allen Landkreisen', 'Referat II 4', 'running', 3, 60],
          ['Elternbegleitung beim Übergang in die Schule', 'Referat II 4', 'planned', 1, 0],
        ],
      ],
      [
        'Deutschkurse für Erwachsene ausbauen',
        [['Kurse mit Kinderbetreuung', 'Referat II 5', 'running', 2, 45]],
      ],
    ],
  ],
  [
    'Arbeit und Ausbildung',
    [
      [
        'Anerkennung ausländischer Berufsabschlüsse beschleunigen',
        [
          ['Beratungsstellen zur Anerkennung', 'Referat III 2', 'done', 2, 100],
          ['Digitale Antragsstrecke', 'Referat III 2', 'running', 1, 30],
        ],
      ],
    ],
  ],
  [
    'Interkulturelle Öffnung',
    [
      [
        'Landesverwaltung öffnet sich interkulturell',
        [['Fortbildungen für Beschäftigte der Landesverwaltung', 'Referat I 3', 'running', 2, 70]],
      ],
    ],
  ],
  [
    'Antidiskriminierung',
    [
      [
        'Schutz vor Diskriminierung verbessern',
        [
          ['Netz von Beratungsstellen gegen Diskriminierung', 'Antidiskriminierungsstelle', 'running', 3, 50],
          ['Kampagne gegen Alltagsrassismus', 'Antidiskriminierungsstelle', 'paused', 1, 20],
        ],
      ],
    ],
  ],
  [
    'Gesellschaftliche Teilhabe und Ehrenamt',
    [
      [
        'Ehrenamt von und mit Zugewanderten fördern',
        [['Interkulturelle Öffnung von Vereinen', 'Referat IV 1', 'running', 1, 40]],
      ],
    ],
  ],
  [
    'Gesundheit und Pflege',
    [
      [
        'Zugang zu Gesundheitsangeboten erleichtern',
        [['Sprachmittlung im Gesundheitswesen', 'Referat V 2', 'planned', 1, 10]],
      ],
    ],
  ],
  [
    'Wohnen und Zusammenleben vor Ort',
    [
      [
        'Kommunale Integrationsarbeit stärken',
        [['WIR-Koordination in den Kommunen', 'Referat II 1', 'running', 2, 80]],
      ],
    ],
  ],
]

export function demoPlan(partnerIds: readonly string[], fundingLineId: string | null): PlanData {
  return {
    title: 'Hessischer Integrationsplan (Demo)',
    adoptedOn: '2017-12-11',
    fields: FIELDS.map(([title, goals], fi) => ({
      code: String(fi + 1),
      title,
      goals: goals.map(([goalTitle, measures], gi) => ({
        code: `${fi + 1}.${gi + 1}`,
        title: goalTitle,
        measures: measures.map(([mTitle, unit, status, weight, progress], mi) => {
          const first = fi === 0 && gi === 0 && mi === 0
          return {
            code: `${fi + 1}.${gi + 1}.${mi + 1}`,
            title: mTitle,
            description: 'Demodaten: erfundene Maßnahme zur Vorführung der Plattform.',
            responsibleUnit: `Hessisches Ministerium für Arbeit, Integration, Jugend und Soziales, ${unit}`,
            partnerIds: first ? partnerIds.slice(0, 2) : partnerIds.slice(mi % 3, (mi % 3) + 1),
            startsOn: '2018-01-01',
            endsOn: status === 'done' ? '2023-12-31' : '2027-12-31',
            fundingLineId: fi === 6 ? fundingLineId : null,
            status,
            weight,
            progress,
            indicators: first
              ? [
                  {
                    name: 'Kitas mit Sprachförderung',
                    unit: 'Kitas',
                    target: 600,
                    targetOn: '2027-12-31',
                    values: [
                      { measuredOn: '2019-12-31', value: 120, source: 'Demo: Kita-Statistik 2019' },
                      { measuredOn: '2021-12-31', value: 260, source: 'Demo: Kita-Statistik 2021' },
                      { measuredOn: '2023-12-31', value: 340, source: 'Demo: Kita-Statistik 2023' },
                      { measuredOn: '2025-12-31', value: 410, source: 'Demo: Kita-Statistik 2025' },
                    ],
                  },
                ]
              : [],
          }
        }),
      })),
    })),
  }
}

export async function seedPlanDemo(deps: AppDeps, print: (line: string) => void): Promise<void> {
  const partners = (await partnerOptions(deps.db)).map((p) => p.id)
  const lines = await fundingLineRefs(deps.db)
  await importAdoptedPlan(deps.db, CLI_ACTOR, demoPlan(partners, lines[0]?.id ?? null))
  const password = generatePassword()
  const email = 'integrationsplan@teilhabe.example'
  const result = await createUser(
    deps.db,
    CLI_ACTOR,
    { email, displayName: 'Demo-Integrationsreferat', password, roles: ['ministry'] },
    deps.permissions.roles,
  )
  if (result.ok)
    print(
      `Demo integration plan staff: ${email}  password: ${password}  (shown once; sign in at ${deps.config.publicUrl}/anmelden)`,
    )
}

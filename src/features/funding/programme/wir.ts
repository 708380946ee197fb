import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { LineRules } from '../rules'

/**
 * The WIR programme as public sources describe it (directive of 11 December 2020, Regierungspräsidium
 * Darmstadt). Amounts not found in public sources (rates of the innovative projects and the lay
 * interpreters, the budgets) are assumptions of the demo and are marked as such in the descriptions.
 */

export interface EligibleBody {
  readonly name: string
  readonly officialKey: string
  readonly typeUntil2025: string
  readonly typeFrom2026: string
}

/** The 33 bodies eligible for WIR-Vielfaltszentren (data/hessen_wir_vielfaltszentren_antragsberechtigte.csv). */
export function vielfaltszentrenBodies(): EligibleBody[] {
  const csv = readFileSync(
    path.join(import.meta.dirname, 'data/hessen_wir_vielfaltszentren_antragsberechtigte.csv'),
    'utf8',
  )
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [name, key, before, after] = line.split(',')
      return {
        name: name ?? '',
        officialKey: key ?? '',
        typeUntil2025: before ?? '',
        typeFrom2026: after ?? '',
      }
    })
}

const de = (d: string, e: string) => ({ de: d, en: e })
const EUR = (euros: number) => euros * 100

const DEC31 = { month: 12, day: 31 }
const FINANCING_PLAN = {
  key: 'financing_plan',
  label: de('Kosten- und Finanzierungsplan (unterschrieben)', 'Signed cost and financing plan'),
}
const CONCEPT = { key: 'concept', label: de('Projektkonzept', 'Project concept') }
const ANBEST = de(
  'Die Allgemeinen Nebenbestimmungen (ANBest-P bzw. für Gebietskörperschaften ANBest-GK) sind Bestandteil dieses Bescheids.',
  'The general conditions (ANBest-P, or ANBest-GK for local authorities) form part of this notice.',
)
const TVH = de(
  'Personalausgaben sind nur bis zur Höhe vergleichbarer Entgelte nach TV-H zuwendungsfähig (Besserstellungsverbot).',
  'Staff costs are eligible only up to comparable pay under TV-H (no better treatment than state staff).',
)

export interface LineDefinition {
  readonly key: string
  readonly nameDe: string
  readonly nameEn: string
  readonly descriptionDe: string
  readonly descriptionEn: string
  readonly rules: LineRules
  /** Demo budget per year in cents (assumption). */
  readonly demoBudgetCents: number
}

export function wirLines(): LineDefinition[] {
  const bodies = vielfaltszentrenBodies()
  const keys = [...bodies.map((b) => b.officialKey), '06415000']
  return [
    {
      key: 'VZ',
      nameDe: 'WIR-Vielfaltszentren',
      nameEn: 'WIR diversity centres',
      descriptionDe:
        'Koordination der kommunalen Integrations- und Vielfaltsarbeit in den 33 Landkreisen, kreisfreien Städten und Sonderstatusstädten; Zielvereinbarung zwischen Land und Kommune; Förderzeitraum 2026–2030.',
      descriptionEn:
        'Coordination of local integration and diversity work in the 33 districts, district-free and special-status cities; target agreement between state and municipality; funding period 2026–2030.',
      demoBudgetCents: EUR(5_000_000),
      rules: {
        applicantKinds: ['municipality'],
        nonProfitRequired: false,
        registeredAssociationRequired: false,
        eligibleOfficialKeys: keys,
        eligibilityNote: de(
          'Nur die 33 Landkreise, kreisfreien Städte und Sonderstatusstädte Hessens.',
          "Only Hessen's 33 districts, district-free cities and special-status cities.",
        ),
        costCategories: [
          {
            key: 'coordination',
            label: de(
              'Koordinierungsstellen (bis zu 2 Vollzeitstellen)',
              'Coordinator posts (up to 2 full-time)',
            ),
            capPerYearCents: EUR(120_000),
            quantities: [
              {
                key: 'coordinator_fte',
                label: de(
                  'Koordinierungsstellen in Vollzeitäquivalenten (z. B. 1,5)',
                  'Coordinator posts as full-time equivalents (e.g. 1.5)',
                ),
                unitLabel: de('Vollzeitstelle', 'full-time post'),
                unit: 'fte',
                max: 200,
                capCents: EUR(60_000),
              },
            ],
          },
          {
            key: 'staff',
            label: de('Personalstelle (Verwaltung)', 'Staff post (administration)'),
            capPerYearCents: EUR(20_000),
            quantities: [
              {
                key: 'staff_posts',
                label: de('Zahl der Personalstellen (Verwaltung)', 'Number of staff posts (administration)'),
                unitLabel: de('Personalstelle', 'staff post'),
                unit: 'count',
                max: 1,
                capCents: EUR(20_000),
              },
            ],
          },
          {
            key: 'micro_projects',
            label: de(
              'Mikroprojekte (Weiterleitung an gemeinnützige Träger)',
              'Micro-projects (passed on to non-profits)',
            ),
            capPerYearCents: EUR(5_000),
            passThrough: true,
          },
        ],
        maxGrantPerYearCents: EUR(145_000),
        financing: { type: 'festbetrag' },
        minMonths: 12,
        maxMonths: 60,
        deadline: DEC31,
        requiredAttachments: [
          CONCEPT,
          FINANCING_PLAN,
          { key: 'target_agreement', label: de('Entwurf der Zielvereinbarung', 'Draft target agreement') },
        ],
        proofOfUseMonths: 6,
        specialConditions: [
          ANBEST,
          TVH,
          de(
            'Die Mittel für Mikroprojekte sind nach Nr. 12 VV zu § 44 LHO unter denselben Bedingungen an gemeinnützige Träger weiterzuleiten.',
            'Micro-project money is to be passed on to non-profit bodies under the same conditions (VV no. 12 on § 44 LHO).',
          ),
        ],
      },
    },
    {
      key: 'MSO',
      nameDe: 'Migrantenorganisationen',
      nameEn: 'Migrant organisations',
      descriptionDe:
        'Stärkung von Migrantenselbstorganisationen: Mikroprojekte und eine geringfügige Beschäftigung. Die Abstimmung mit der kommunalen Integrationsstelle ist schriftlich zu bestätigen.',
      descriptionEn:
        'Strengthening migrant self-organisations: micro-projects and a minijob. Coordination with the municipal integration office must be confirmed in writing.',
      demoBudgetCents: EUR(400_000),
      rules: {
        applicantKinds: ['migrant_organisation', 'association', 'municipality'],
        nonProfitRequired: true,
        registeredAssociationRequired: true,
        eligibilityNote: de(
          'Eingetragene gemeinnützige Vereine (Migrantenorganisationen) sowie Kommunen gemeinsam mit ihnen.',
          'Registered non-profit associations (migrant organisations) and municipalities together with them.',
        ),
        partnerRequired: {
          applicantKinds: ['municipality'],
          partnerKinds: ['migrant_organisation'],
          nonProfit: true,
          registered: true,
        },
        costCategories: [
          { key: 'micro_project', label: de('Mikroprojekt', 'Micro-project'), capPerYearCents: EUR(3_000) },
          { key: 'minijob', label: de('Minijob', 'Minijob'), capPerYearCents: EUR(7_200) },
        ],
        maxGrantPerYearCents: EUR(10_200),
        financing: { type: 'fehlbedarf' },
        maxMonths: 24,
        deadline: DEC31,
        requiredAttachments: [
          CONCEPT,
          {
            key: 'coordination',
            label: de(
              'Bestätigung der kommunalen Integrationsstelle',
              'Confirmation by the municipal integration office',
            ),
          },
        ],
        proofOfUseMonths: 6,
        specialConditions: [ANBEST],
      },
    },
    {
      key: 'IL',
      nameDe: 'Integrationslotsen',
      nameEn: 'Integration guides (volunteers)',
      descriptionDe:
        'Qualifizierung und Einsatz ehrenamtlicher Integrationslotsinnen und -lotsen; einfacher Verwendungsnachweis binnen drei Monaten.',
      descriptionEn:
        'Training and deployment of volunteer integration guides; simple proof of use within three months.',
      demoBudgetCents: EUR(1_200_000),
      rules: {
        applicantKinds: ['municipality', 'association', 'migrant_organisation', 'counselling_centre'],
        nonProfitRequired: true,
        registeredAssociationRequired: false,
        eligibilityNote: de(
          'Kommunale, kirchliche und gemeinnützige Träger einschließlich Migrantenorganisationen.',
          'Municipal, church and non-profit bodies including migrant organisations.',
        ),
        costCategories: [
          {
            key: 'allowance',
            label: de('Aufwandsentschädigung (5 € je Stunde)', 'Volunteer allowance (5 € per hour)'),
            unitCents: EUR(5),
            quantities: [
              {
                key: 'volunteers',
                label: de('Lotsinnen und Lotsen (ohne koordinierende)', 'Volunteers (not coordinating)'),
                unitLabel: de('Lotsin oder Lotse', 'volunteer'),
                unit: 'count',
              },
              {
                key: 'coordinating_volunteers',
                label: de('Koordinierende Lotsinnen und Lotsen', 'Coordinating volunteers'),
                unitLabel: de('koordinierende Lotsin oder koordinierender Lotse', 'coordinating volunteer'),
                unit: 'count',
              },
              {
                key: 'hours',
                label: de('Einsatzstunden im Jahr (alle zusammen)', 'Hours in the year (all together)'),
                unitLabel: de('Stunde', 'hour'),
                unit: 'hours',
                capCents: EUR(5),
                maxPer: [
                  { quantity: 'volunteers', max: 276 },
                  { quantity: 'coordinating_volunteers', max: 414 },
                ],
              },
            ],
          },
          {
            key: 'coordination_flat',
            label: de(
              'Koordinierungspauschale (Pools ab 5 Lotsen)',
              'Coordination flat rate (pools of 5 or more)',
            ),
            capPerYearCents: EUR(2_000),
            minPool: {
              quantities: ['volunteers', 'coordinating_volunteers'],
              min: 5,
              label: de('Lotsinnen und Lotsen im Pool', 'volunteers in the pool'),
            },
          },
        ],
        financing: { type: 'festbetrag' },
        maxMonths: 12,
        deadline: DEC31,
        requiredAttachments: [
          { key: 'volunteers', label: de('Liste der Lotsinnen und Lotsen', 'List of volunteers') },
        ],
        proofOfUseMonths: 3,
        proofForm: { simple: true, volunteerHours: true },
        specialConditions: [ANBEST],
      },
    },
    {
      key: 'IP',
      nameDe: 'Innovative Integrations- und Teilhabeprojekte',
      nameEn: 'Innovative integration and participation projects',
      descriptionDe:
        'Projekte mit Modellcharakter. Der Fördersatz ist öffentlich nicht veröffentlicht; im Demonstrationsbetrieb gelten 80 % Anteilfinanzierung (Annahme).',
      descriptionEn:
        'Projects with model character. The rate is not published; the demo assumes 80 % share financing.',
      demoBudgetCents: EUR(2_500_000),
      rules: {
        applicantKinds: [
          'municipality',
          'association',
          'migrant_organisation',
          'counselling_centre',
          'partner',
        ],
        nonProfitRequired: true,
        registeredAssociationRequired: false,
        eligibilityNote: de(
          'Kommunen, öffentliche, kirchliche und freie Träger, gemeinnützige Migrantenorganisationen.',
          'Municipalities, public, church and independent bodies, non-profit migrant organisations.',
        ),
        costCategories: [
          { key: 'staff', label: de('Personalausgaben', 'Staff costs') },
          { key: 'material', label: de('Sachausgaben', 'Material costs') },
          { key: 'fees', label: de('Honorare', 'Fees') },
        ],
        financing: { type: 'anteil', rateBasisPoints: 8000 },
        maxMonths: 36,
        deadline: DEC31,
        requiredAttachments: [CONCEPT, FINANCING_PLAN],
        proofOfUseMonths: 6,
        specialConditions: [ANBEST, TVH],
      },
    },
    {
      key: 'LD',
      nameDe: 'Laiendolmetscherdienste',
      nameEn: 'Lay interpreter services',
      descriptionDe:
        'Pools von Laiendolmetscherinnen und -dolmetschern. Beträge sind öffentlich nicht veröffentlicht; der Demonstrationsbetrieb nimmt Fehlbedarfsfinanzierung bis 15.000 € im Jahr an.',
      descriptionEn:
        'Pools of lay interpreters. Amounts are not published; the demo assumes deficit financing up to 15,000 € a year.',
      demoBudgetCents: EUR(300_000),
      rules: {
        applicantKinds: ['municipality', 'association', 'migrant_organisation'],
        nonProfitRequired: true,
        registeredAssociationRequired: false,
        eligibilityNote: de(
          'Vereine und Kommunen mit Dolmetscherpools.',
          'Associations and municipalities with interpreter pools.',
        ),
        costCategories: [
          { key: 'allowance', label: de('Aufwandsentschädigungen', 'Allowances') },
          { key: 'training', label: de('Qualifizierung', 'Training') },
        ],
        maxGrantPerYearCents: EUR(15_000),
        financing: { type: 'fehlbedarf' },
        maxMonths: 12,
        deadline: DEC31,
        requiredAttachments: [CONCEPT],
        proofOfUseMonths: 6,
        specialConditions: [ANBEST],
      },
    },
    {
      key: 'KIV',
      nameDe: 'KIV – Kommunale Vielfalts- und Integrationsstrategien',
      nameEn: 'KIV – municipal diversity and integration strategies',
      descriptionDe:
        'Für Kommunen mit 10.000 bis 50.000 Einwohnerinnen und Einwohnern (kleinere gemeinsam); Laufzeit 12–18 Monate; die Strategie wird von der Vertretungskörperschaft beschlossen.',
      descriptionEn:
        'For municipalities of 10,000 to 50,000 inhabitants (smaller ones jointly); 12–18 months; the strategy is adopted by the council.',
      demoBudgetCents: EUR(600_000),
      rules: {
        applicantKinds: ['municipality'],
        nonProfitRequired: false,
        registeredAssociationRequired: false,
        eligibilityNote: de(
          'Kommunen mit 10.000 bis 50.000 Einwohnerinnen und Einwohnern; kleinere gemeinsam.',
          'Municipalities of 10,000 to 50,000 inhabitants; smaller ones jointly.',
        ),
        population: { min: 10_000, max: 50_000, jointBelowMin: true },
        costCategories: [
          { key: 'process', label: de('Prozessbegleitung', 'Process support') },
          { key: 'material', label: de('Sachausgaben', 'Material costs') },
        ],
        maxGrantTotalCents: EUR(30_000),
        financing: { type: 'fehlbedarf' },
        minMonths: 12,
        maxMonths: 18,
        deadline: DEC31,
        requiredAttachments: [CONCEPT],
        proofOfUseMonths: 6,
        specialConditions: [
          ANBEST,
          de(
            'Die Strategie ist bis zum Ende des Förderzeitraums von der Vertretungskörperschaft zu beschließen.',
            'The strategy is to be adopted by the council by the end of the funding period.',
          ),
        ],
      },
    },
  ]
}

export const WIR_PROGRAMME = {
  key: 'WIR',
  name: 'WIR – Vielfalt und Teilhabe',
  authority: 'Regierungspräsidium Darmstadt',
  legalBasis: 'Richtlinie vom 11. Dezember 2020; §§ 23, 44 LHO',
} as const

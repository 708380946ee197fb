import { stringify } from 'csv-stringify/sync'
import { TOPICS } from '../vocabulary'
import type { DistrictCoverage } from './find-coverage'

/**
 * The coverage table as CSV (csv-stringify): one row per district, stable English column names
 * (open data), numbers without thousands separators, a decimal point.
 */
export function coverageCsv(rows: readonly DistrictCoverage[]): string {
  return stringify(
    rows.map((r) => [
      r.officialKey,
      r.name,
      r.population ?? '',
      r.total,
      r.perHundredThousand ?? '',
      r.wirCents,
      r.foreign?.count ?? '',
      r.foreign?.referenceDate ?? '',
      r.foreign?.source ?? '',
      r.foreign ? (r.foreign.demo ? 'ja' : 'nein') : '',
      r.perThousandForeign ?? '',
      ...TOPICS.map((t) => r.byTopic[t]),
    ]),
    {
      header: true,
      columns: [
        'district_key',
        'district',
        'population',
        'offers',
        'offers_per_100000_residents',
        'wir_granted_cents',
        'foreign_residents',
        'foreign_residents_reference_date',
        'foreign_residents_source',
        'foreign_residents_demo_estimate',
        'offers_per_1000_foreign_residents',
        ...TOPICS.map((t) => `topic_${t}`),
      ],
    },
  )
}

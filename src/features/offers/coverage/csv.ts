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
        ...TOPICS.map((t) => `topic_${t}`),
      ],
    },
  )
}

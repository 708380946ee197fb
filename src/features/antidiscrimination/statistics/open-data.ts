import type { AppDeps } from '../../../platform/feature'
import { type DatasetRows, defineDataset } from '../../../platform/open-data'
import { placesByIds } from '../../directory/public'
import { discriminationStatistics } from './find-statistics'

/**
 * The published discrimination statistics as open data: exactly the cells of /melden/statistik,
 * small cells suppressed the same way (count empty, `suppressed` true), never a count of 1 to 4.
 * Tables: grounds (several per report), quarters, districts (official key), life domains.
 */
export const statisticsDataset = defineDataset({
  id: 'diskriminierung-statistik',
  titleKey: 'antidisc.openData.title',
  descriptionKey: 'antidisc.openData.description',
  keywords: ['Antidiskriminierung', 'Diskriminierung', 'Statistik', 'Meldungen'],
  themes: ['JUST', 'SOCI'],
  frequency: 'QUARTERLY',
  licence: 'dl-zero-de/2.0',
  columns: [
    { name: 'table', type: 'string' },
    { name: 'key', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'count', type: 'integer' },
    { name: 'suppressed', type: 'boolean' },
  ],
  async read(deps: AppDeps): Promise<DatasetRows> {
    const stats = await discriminationStatistics(deps.db)
    const districtPlaces = await placesByIds(
      deps.db,
      stats.byDistrict.cells.map((c) => c.key),
    )
    const keyOf = new Map(districtPlaces.map((p) => [p.id, p.officialKey]))
    const cells = (
      table: string,
      cs: readonly { key: string; count: number | null }[],
      name = (k: string) => k,
    ) =>
      cs.map((c) => ({ table, key: c.key, name: name(c.key), count: c.count, suppressed: c.count === null }))
    const quarters = stats.byQuarter.cells.map((c) => c.key).sort()
    const quarterStart = (k: string) =>
      `${k.slice(0, 4)}-${String((Number(k.slice(5)) - 1) * 3 + 1).padStart(2, '0')}-01`
    const quarterEnd = (k: string) => {
      const end = new Date(Date.UTC(Number(k.slice(0, 4)), Number(k.slice(5)) * 3, 0))
      return end.toISOString().slice(0, 10)
    }
    return {
      rows: [
        ...cells('grounds', stats.byGround.cells),
        ...cells('quarters', stats.byQuarter.cells),
        ...stats.byDistrict.cells.map((c) => ({
          table: 'districts',
          key: keyOf.get(c.key) ?? c.key,
          name: stats.districtNames[c.key] ?? '',
          count: c.count,
          suppressed: c.count === null,
        })),
        ...cells('domains', stats.byDomain.cells),
      ],
      temporal: quarters[0]
        ? { start: quarterStart(quarters[0]), end: quarterEnd(quarters.at(-1) ?? quarters[0]) }
        : null,
      districts: [...new Set(districtPlaces.map((p) => p.officialKey.slice(0, 5)))].sort(),
    }
  },
})

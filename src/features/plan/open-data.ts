import type { AppDeps } from '../../platform/feature'
import { type DatasetRows, defineDataset } from '../../platform/open-data'
import { currentVersion, planTree } from './find-plan'

/**
 * Progress of the current (adopted) integration plan as open data: one row per measure with its
 * field of action and goal, and their rolled-up progress as /integrationsplan shows it. Drafts are
 * never included.
 */
export const planProgressDataset = defineDataset({
  id: 'integrationsplan-fortschritt',
  titleKey: 'plan.openData.title',
  descriptionKey: 'plan.openData.description',
  keywords: ['Integrationsplan', 'Maßnahmen', 'Fortschritt', 'Integration'],
  themes: ['GOVE', 'SOCI'],
  frequency: 'MONTHLY',
  licence: 'dl-zero-de/2.0',
  columns: [
    { name: 'plan', type: 'string' },
    { name: 'adopted_on', type: 'date' },
    { name: 'field', type: 'string' },
    { name: 'field_progress_percent', type: 'integer' },
    { name: 'goal', type: 'string' },
    { name: 'goal_progress_percent', type: 'integer' },
    { name: 'measure_code', type: 'string' },
    { name: 'measure', type: 'string' },
    { name: 'responsible_unit', type: 'string' },
    { name: 'starts_on', type: 'date' },
    { name: 'ends_on', type: 'date' },
    { name: 'status', type: 'string' },
    { name: 'weight', type: 'integer' },
    { name: 'progress_percent', type: 'integer' },
  ],
  async read(deps: AppDeps): Promise<DatasetRows> {
    const version = await currentVersion(deps.db)
    if (!version) return { rows: [] }
    const tree = await planTree(deps.db, version)
    const rows = tree.fields.flatMap((f) =>
      f.goals.flatMap((g) =>
        g.measures.map((m) => ({
          plan: version.title,
          adopted_on: version.adoptedOn,
          field: f.title,
          field_progress_percent: f.progress,
          goal: g.title,
          goal_progress_percent: g.progress,
          measure_code: m.code,
          measure: m.title,
          responsible_unit: m.responsibleUnit,
          starts_on: m.startsOn,
          ends_on: m.endsOn,
          status: m.status,
          weight: m.weight,
          progress_percent: m.progress,
        })),
      ),
    )
    const measures = tree.fields.flatMap((f) => f.goals.flatMap((g) => g.measures))
    const starts = measures.map((m) => m.startsOn).sort()
    const ends = measures.flatMap((m) => (m.endsOn ? [m.endsOn] : [])).sort()
    return {
      rows,
      modified: measures.reduce<Date | null>(
        (d, m) => (!d || m.updatedAt > d ? m.updatedAt : d),
        version.updatedAt,
      ),
      temporal: starts[0] ? { start: starts[0], end: ends.at(-1) ?? starts.at(-1) ?? starts[0] } : null,
    }
  },
})

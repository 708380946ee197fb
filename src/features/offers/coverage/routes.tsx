import Type from 'typebox'
import type { App, AppDeps } from '../../../platform/feature'
import { grantedCentsByDistrict } from '../../funding/public'
import { coverageCsv } from './csv'
import { districtCoverage, isSortKey, sortCoverage } from './find-coverage'
import { foreignResidentsByDistrict } from './foreign-residents'
import { CoveragePage } from './views/coverage'

const CoverageQuery = Type.Object({
  sortierung: Type.Optional(Type.String({ maxLength: 40 })),
  richtung: Type.Optional(Type.String({ maxLength: 10 })),
})

/** /angebote/abdeckung: where the offers are and where they are missing, per district; and as CSV. */
export function coverageRoutes(app: App, deps: AppDeps): void {
  const { db } = deps
  const coverage = async () =>
    districtCoverage(db, new Date(), {
      wirCentsByDistrict: await grantedCentsByDistrict(deps),
      foreignByDistrict: await foreignResidentsByDistrict(db),
    })

  app.get('/angebote/abdeckung', { schema: { querystring: CoverageQuery } }, async (request, reply) => {
    const sort =
      request.query.sortierung && isSortKey(request.query.sortierung) ? request.query.sortierung : 'name'
    const descending = request.query.richtung === 'ab'
    const rows = sortCoverage(await coverage(), sort, descending)
    return reply.page(
      <CoveragePage ctx={request.pageContext()} rows={rows} sort={sort} descending={descending} />,
    )
  })

  app.get('/angebote/abdeckung.csv', async (_request, reply) => {
    const rows = sortCoverage(await coverage(), 'name', false)
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="angebote-abdeckung.csv"')
      .send(coverageCsv(rows))
  })
}

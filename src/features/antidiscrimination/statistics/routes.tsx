import type { App, AppDeps } from '../../../platform/feature'
import { statisticsCsv } from './csv'
import { discriminationStatistics } from './find-statistics'
import { StatisticsPage } from './views'

/** The public statistics: aggregates only, small cells suppressed; read from the replica when there is one. */
export function statisticsRoutes(app: App, deps: AppDeps): void {
  app.get('/statistik/diskriminierung', async (request, reply) =>
    reply.page(
      <StatisticsPage ctx={request.pageContext()} stats={await discriminationStatistics(deps.readDb)} />,
    ),
  )
  // request.t: plain text for a file (the page's translator marks German fallbacks for lang="de").
  app.get('/statistik/diskriminierung.csv', async (request, reply) =>
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="diskriminierung-statistik.csv"')
      .send(statisticsCsv(request.t, await discriminationStatistics(deps.readDb))),
  )
}

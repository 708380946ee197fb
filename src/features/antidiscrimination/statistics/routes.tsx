import type { App, AppDeps } from '../../../platform/feature'
import { discriminationStatistics } from './find-statistics'
import { StatisticsPage } from './views'

/** The public statistics: aggregates only, small cells suppressed. */
export function statisticsRoutes(app: App, deps: AppDeps): void {
  app.get('/statistik/diskriminierung', async (request, reply) =>
    reply.page(
      <StatisticsPage ctx={request.pageContext()} stats={await discriminationStatistics(deps.db)} />,
    ),
  )
}

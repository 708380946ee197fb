import type { App, AppDeps } from '../../platform/feature'
import { applicantRoutes } from './applicant/routes'
import { changeRoutes } from './changes/routes'
import { subGrantRoutes } from './pass-through/routes'
import { paymentRoutes } from './payments/routes'
import { programmeRoutes } from './programme/routes'
import { publicRoutes } from './public/routes'
import { reviewRoutes } from './review/routes'

/** The funding routes by audience: public, applicants, staff review and amendments, payments, programme set-up. */
export function fundingRoutes(app: App, deps: AppDeps): void {
  publicRoutes(app, deps)
  applicantRoutes(app, deps)
  reviewRoutes(app, deps)
  paymentRoutes(app, deps)
  changeRoutes(app, deps)
  subGrantRoutes(app, deps)
  programmeRoutes(app, deps)
}

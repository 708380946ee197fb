import type { App, AppDeps } from '../../platform/feature'
import { applicantRoutes } from './applicant/routes'
import { changeRoutes } from './changes/routes'
import { closingRoutes } from './closing/routes'
import { subGrantRoutes } from './pass-through/routes'
import { paymentRoutes } from './payments/routes'
import { programmeRoutes } from './programme/routes'
import { proofRoutes } from './proof/routes'
import { publicRoutes } from './public/routes'
import { reviewRoutes } from './review/routes'
import { transparencyRoutes } from './transparency/routes'

/** The funding routes by audience: public, the list of funded projects, applicants, staff review and amendments, payments, programme set-up. */
export function fundingRoutes(app: App, deps: AppDeps): void {
  publicRoutes(app, deps)
  transparencyRoutes(app, deps)
  applicantRoutes(app, deps)
  reviewRoutes(app, deps)
  paymentRoutes(app, deps)
  proofRoutes(app, deps)
  closingRoutes(app, deps)
  changeRoutes(app, deps)
  subGrantRoutes(app, deps)
  programmeRoutes(app, deps)
}

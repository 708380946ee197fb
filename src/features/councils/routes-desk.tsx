import type { App, AppDeps } from '../../platform/feature'
import { requirePermission } from '../../platform/http/plugin'
import { councilsActorOfRequest } from './actor'
import { agahBodies } from './bodies-and-members/find-councils'

/** Fixed addresses for the desk's links: the agah's staff page, a council secretary's own council. */
export function deskRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/verwaltung/agah',
    { preHandler: requirePermission('councils.manage') },
    async (_request, reply) => {
      const { plenary } = await agahBodies(deps.db)
      if (!plenary) return reply.errorPage(404)
      return reply.redirect(`/verwaltung/beiraete/${plenary.id}`, 303)
    },
  )
  app.get(
    '/verwaltung/mein-beirat',
    { preHandler: requirePermission('councils.manageOwn') },
    async (request, reply) => {
      const own = (await councilsActorOfRequest(deps.db, request)).staffCouncilId
      if (!own) return reply.errorPage(404)
      return reply.redirect(`/verwaltung/beiraete/${own}`, 303)
    },
  )
}

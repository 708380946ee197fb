import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppDeps } from '../../platform/feature'
import { requirePermission } from '../../platform/http/plugin'
import { requesterManages } from './actor'
import { councilById } from './bodies-and-members/find-councils'

/** Whether the signed-in person manages this body (policies.ts: agah office, or its secretary). */
export function canManageCouncil(deps: AppDeps, request: FastifyRequest, councilId: string) {
  return requesterManages(deps.db, request, councilId)
}

/** Signed in with any council-managing permission (the body-level check follows). */
export const requireCouncilStaff = async (request: FastifyRequest, reply: FastifyReply) => {
  if (request.user && !request.can('councils.manage') && !request.can('councils.manageOwn'))
    return reply.errorPage(403)
  return requirePermission(request.can('councils.manage') ? 'councils.manage' : 'councils.manageOwn')(
    request,
    reply,
  )
}

/**
 * The body-level guard of a staff route: answers 404 when the record is missing and 403 when the
 * signed-in person may not manage its council, and returns null then (the reply is sent).
 */
export async function guardStaff<T>(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  found: T | null | undefined,
  councilIdOf: (found: T) => string,
): Promise<T | null> {
  if (!found) {
    reply.errorPage(404)
    return null
  }
  if (!(await canManageCouncil(deps, request, councilIdOf(found)))) {
    reply.errorPage(403)
    return null
  }
  return found
}

/** The council of a staff route (`:id`), or null after answering 404/403. */
export async function councilForStaff(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
) {
  return guardStaff(deps, request, reply, await councilById(deps.db, id), (f) => f.council.id)
}

/**
 * The load–guard–render of a staff screen in one place: `load` finds the record and answers 404/403
 * itself when it may not be shown (returning null); otherwise `handle` runs with it.
 *
 *   app.get(path, { schema: { params: IdParams }, preHandler: requireCouncilStaff },
 *     withRecord(staffCouncil(deps), async (request, reply, found) => …))
 */
export function withRecord<R extends FastifyRequest, T>(
  load: (request: R, reply: FastifyReply) => Promise<T | null>,
  handle: (request: R, reply: FastifyReply, found: T) => unknown,
) {
  return async (request: R, reply: FastifyReply) => {
    const found = await load(request, reply)
    return found ? handle(request, reply, found) : reply
  }
}

/** The council `:id` of a staff route, guarded (a loader for `withRecord`). */
export const staffCouncil =
  (deps: AppDeps) =>
  // Generic in the request, so a route's declared querystring stays typed in the handler.
  <R extends FastifyRequest<{ Params: { id: string } }>>(request: R, reply: FastifyReply) =>
    councilForStaff(deps, request, reply, request.params.id)

import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../../../platform/db'
import { requirePermission } from '../../../platform/http/plugin'
import { IdParams } from '../../../platform/ids'
import { type ApplicationBundle, applicantOrgOf, applicationBundle } from '../queries'

/** Options of a route on one of the applicant's applications (`:id`, a uuid). */
export const OWN_APPLICATION = {
  schema: { params: IdParams },
  preHandler: requirePermission('funding.apply'),
}

/** The applicant's own application, or a 404 page (never someone else's). */
export async function ownApplication(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
): Promise<ApplicationBundle | null> {
  const org = await applicantOrgOf(db, request.user!.id)
  const b = org ? await applicationBundle(db, id) : null
  if (!b || !org || b.app.organisationId !== org.organisationId) {
    reply.errorPage(404)
    return null
  }
  return b
}

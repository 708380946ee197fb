import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { App, AppDeps } from '../../../platform/feature'
import { parseForm, withProblems } from '../../../platform/http/forms'
import { requirePermission } from '../../../platform/http/plugin'
import type { FormState } from '../../../platform/ui/form'
import { assignCounsellor, registerCentre } from './manage-network'
import { networkView } from './network-page'
import { NetworkPage } from './views'

const many = Type.Union([Type.String(), Type.Array(Type.String())])
const CentreForm = Type.Object({
  organisationId: Type.String({ format: 'uuid' }),
  services: Type.Optional(many),
  languages: Type.Optional(many),
  districtIds: Type.Optional(many),
})
const CounsellorForm = Type.Object({
  userId: Type.String({ format: 'uuid' }),
  centreId: Type.String({ format: 'uuid' }),
})
const list = (v: string | readonly string[] | undefined): string[] =>
  v === undefined ? [] : typeof v === 'string' ? [v] : [...v]

/** The network office keeps the network: its centres (organisations of the directory) and counsellors. */
export function networkRoutes(app: App, deps: AppDeps): void {
  const office = { preHandler: requirePermission('antidisc.network') }
  const page = async (
    request: FastifyRequest,
    forms: { centre?: FormState; counsellor?: FormState } = {},
  ) => (
    <NetworkPage
      ctx={request.pageContext()}
      view={await networkView(deps.db)}
      {...(forms.centre ? { centreForm: forms.centre } : {})}
      {...(forms.counsellor ? { counsellorForm: forms.counsellor } : {})}
    />
  )

  app.get('/beratung/netzwerk', office, async (request, reply) => reply.page(await page(request)))

  app.post('/beratung/netzwerk/stellen', office, async (request, reply) => {
    const parsed = parseForm(CentreForm, request.body, request.t, {
      organisationId: 'antidisc.staff.network.error.organisation',
    })
    if (!parsed.ok) return reply.page(await page(request, { centre: parsed.state }), 400)
    const v = parsed.value
    const result = await registerCentre(deps.db, request.actor(), {
      organisationId: v.organisationId,
      services: list(v.services),
      languages: list(v.languages),
      districtIds: list(v.districtIds),
    })
    if (!result.ok)
      return reply.page(
        await page(request, {
          centre: withProblems({ values: { ...v }, errors: {} }, result.problems, request.t),
        }),
        400,
      )
    return reply.seeOther('/beratung/netzwerk', 'antidisc.staff.network.saved')
  })

  app.post('/beratung/netzwerk/beratende', office, async (request, reply) => {
    const parsed = parseForm(CounsellorForm, request.body, request.t, {
      userId: 'antidisc.staff.network.error.person',
      centreId: 'antidisc.staff.network.error.centre',
    })
    if (!parsed.ok) return reply.page(await page(request, { counsellor: parsed.state }), 400)
    const result = await assignCounsellor(deps.db, request.actor(), parsed.value)
    if (!result.ok)
      return reply.page(
        await page(request, {
          counsellor: withProblems({ values: { ...parsed.value }, errors: {} }, result.problems, request.t),
        }),
        400,
      )
    return reply.seeOther('/beratung/netzwerk', 'antidisc.staff.network.bound')
  })
}

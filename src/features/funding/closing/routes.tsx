import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { App, AppDeps } from '../../../platform/feature'
import { parseForm } from '../../../platform/http/forms'
import { formFields, requirePermission } from '../../../platform/http/plugin'
import { NoQuery } from '../../../platform/ids'
import { whoOf } from '../../../platform/policy'
import type { FormState } from '../../../platform/ui/form'
import { empty, problems } from '../form-fields'
import { baseRatesOf, recordBaseRate } from './base-rates'
import { BASE_RATES_PATH, BaseRatesPage } from './views/base-rates'

const BaseRateForm = Type.Object({
  validFrom: Type.String({ format: 'date' }),
  percent: Type.String({ minLength: 1, maxLength: 10 }),
  source: Type.String({ minLength: 1, maxLength: 500 }),
})
const BASE_RATE_MESSAGES = {
  validFrom: { required: 'funding.baseRate.error.day', format: 'funding.baseRate.error.day' },
  percent: {
    required: 'funding.baseRate.error.percent',
    minLength: 'funding.baseRate.error.percent',
    maxLength: 'funding.baseRate.error.percent',
  },
  source: { required: 'funding.baseRate.error.source', minLength: 'funding.baseRate.error.source' },
} as const

/** The base-rate history and the form to record a newly published rate (programme administrators). */
export function closingRoutes(app: App, deps: AppDeps): void {
  const { db } = deps
  const manage = { preHandler: requirePermission('funding.manage') }

  async function page(request: FastifyRequest, reply: FastifyReply, form: FormState = empty, status = 200) {
    const rates = await baseRatesOf(db)
    return reply.page(<BaseRatesPage ctx={request.pageContext()} rates={rates} form={form} />, status)
  }

  app.get(BASE_RATES_PATH, { ...manage, schema: { querystring: NoQuery } }, (request, reply) =>
    page(request, reply),
  )

  app.post(BASE_RATES_PATH, manage, async (request, reply) => {
    const body = formFields(request.body)
    const parsed = parseForm(BaseRateForm, body, request.t, BASE_RATE_MESSAGES)
    if (!parsed.ok) return page(request, reply, parsed.state, 400)
    const result = await recordBaseRate(deps, request.actor(), whoOf(request), parsed.value)
    if (!result.ok)
      return page(request, reply, { values: body, errors: problems(request, result.problems) }, 400)
    return reply.seeOther(BASE_RATES_PATH, 'funding.baseRate.recorded')
  })
}

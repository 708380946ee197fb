import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, AppDeps } from '../../../platform/feature'
import { parseForm } from '../../../platform/http/forms'
import { requirePermission } from '../../../platform/http/plugin'
import { IdParams } from '../../../platform/ids'
import type { FormState } from '../../../platform/ui/form'
import { parseMoneyFields, problems, refusedForm } from '../form-fields'
import { lineById } from '../queries'
import { BudgetForm, RulesForm } from '../schema'
import { saveLineRules, setBudget } from './manage-lines'
import { LinePage } from './views/line'

/** Programme set-up: the rules and budgets of a funding line. */
export function programmeRoutes(app: App, deps: AppDeps): void {
  const { db } = deps
  const manage = { schema: { params: IdParams }, preHandler: requirePermission('funding.manage') }
  async function linePage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    rulesForm?: FormState,
    budgetForm?: FormState,
    status = 200,
  ) {
    const line = await lineById(db, id)
    if (!line) return reply.errorPage(404)
    return reply.page(
      <LinePage
        ctx={request.pageContext()}
        line={line}
        rulesForm={rulesForm ?? { values: { rules: JSON.stringify(line.rules, null, 2) }, errors: {} }}
        budgetForm={budgetForm ?? { values: { year: new Date().getFullYear() + 1 }, errors: {} }}
      />,
      status,
    )
  }
  app.get('/foerderung/verwaltung/linien/:id', manage, (request, reply) =>
    linePage(request, reply, request.params.id),
  )
  app.post('/foerderung/verwaltung/linien/:id/regeln', manage, async (request, reply) => {
    const { id } = request.params
    const parsed = parseForm(RulesForm, request.body, request.t)
    if (!parsed.ok) return linePage(request, reply, id, parsed.state, undefined, 400)
    const result = await saveLineRules(db, request.actor(), id, parsed.value.rules)
    if (!result.ok)
      return linePage(
        request,
        reply,
        id,
        { values: parsed.value, errors: problems(request, result.problems) },
        undefined,
        400,
      )
    return reply.seeOther(`/foerderung/verwaltung/linien/${id}`, 'funding.line.saved')
  })
  app.post('/foerderung/verwaltung/linien/:id/mittel', manage, async (request, reply) => {
    const { id } = request.params
    const parsed = parseForm(BudgetForm, request.body, request.t)
    const body = (request.body ?? {}) as Record<string, unknown>
    // The year and the amount are checked in one pass.
    const money = parseMoneyFields(request, body, ['budget'], ['budget'])
    const kept = refusedForm(parsed.ok ? parsed.value : parsed.state.values, parsed, money)
    if (kept || !parsed.ok) return linePage(request, reply, id, undefined, kept ?? undefined, 400)
    const result = await setBudget(db, request.actor(), id, parsed.value.year, money.values.budget ?? 0)
    if (!result.ok) {
      return linePage(
        request,
        reply,
        id,
        undefined,
        { values: parsed.value, errors: { budget: problems(request, result.problems).budget ?? '' } },
        400,
      )
    }
    return reply.seeOther(`/foerderung/verwaltung/linien/${id}`, 'funding.line.saved')
  })
}

import { listAudit } from '../../platform/audit'
import type { Permission } from '../../platform/auth/permissions'
import { type App, type AppDeps, DESK_PERMISSION } from '../../platform/feature'
import { FormQuery, filterQuery, parseForm } from '../../platform/http/forms'
import { requirePermission } from '../../platform/http/plugin'
import { listOutbox } from '../../platform/mail'
import { updateOperator } from '../../platform/operator'
import { AuditQuery, OPERATOR_MESSAGES, OperatorForm } from './schema'
import { AuditPage } from './views/audit'
import { DeskPage } from './views/desk'
import { LanguagesPage } from './views/languages'
import { OperatorPage } from './views/operator'
import { OutboxPage } from './views/outbox'

// 20 entries keep a page of the audit log under about 2,500 px at 1280 px (50 made it 5,600 px).
const PAGE_SIZE = 20

export function adminRoutes(app: App, deps: AppDeps): void {
  const operator = { preHandler: requirePermission('operator.manage') }
  app.get('/verwaltung/betreiber', operator, async (request, reply) =>
    reply.page(
      <OperatorPage
        ctx={request.pageContext()}
        form={{ values: { ...(deps.installation.operator ?? {}) }, errors: {} }}
      />,
    ),
  )
  app.post('/verwaltung/betreiber', operator, async (request, reply) => {
    const parsed = parseForm(OperatorForm, request.body, request.t, OPERATOR_MESSAGES)
    if (!parsed.ok) return reply.page(<OperatorPage ctx={request.pageContext()} form={parsed.state} />, 400)
    await updateOperator(deps.db, deps.installation, request.actor(), parsed.value)
    return reply.seeOther('/verwaltung/betreiber', 'admin.operator.saved')
  })

  app.get(
    '/verwaltung/sprachen',
    { preHandler: requirePermission('languages.read') },
    async (request, reply) =>
      reply.page(<LanguagesPage ctx={request.pageContext()} reports={app.languageReports} />),
  )

  app.get('/verwaltung', { preHandler: requirePermission(DESK_PERMISSION) }, async (request, reply) => {
    const ctx = request.pageContext()
    const user = request.user!
    const viewer = { user, can: (p: Permission) => request.can(p) }
    const links = deps.desk.flatMap((d) => d.links ?? []).filter((l) => request.can(l.permission))
    const waiting = (await Promise.all(deps.desk.map((d) => d.waiting?.(deps, viewer) ?? []))).flat()
    return reply
      .header('cache-control', 'private, no-store')
      .page(<DeskPage ctx={ctx} waiting={waiting.filter((w) => w.count > 0)} links={links} />)
  })

  app.get(
    '/verwaltung/protokoll',
    { schema: { querystring: FormQuery }, preHandler: requirePermission('audit.read') },
    async (request, reply) => {
      const ctx = request.pageContext()
      const raw = request.query
      const parsed = parseForm(AuditQuery, raw, request.t)
      const query = filterQuery(raw)
      if (!parsed.ok) {
        return reply.page(
          <AuditPage ctx={ctx} form={parsed.state} entries={[]} page={1} hasMore={false} query={query} />,
          400,
        )
      }
      const f = parsed.value
      const page = f.page ?? 1
      const until = f.until ? new Date(`${f.until}T00:00:00Z`) : undefined
      if (until) until.setUTCDate(until.getUTCDate() + 1)
      const rows = await listAudit(deps.db, {
        actor: f.actor,
        entityType: f.entityType,
        entityId: f.entityId,
        from: f.from ? new Date(`${f.from}T00:00:00Z`) : undefined,
        until,
        limit: PAGE_SIZE + 1,
        offset: (page - 1) * PAGE_SIZE,
      })
      return reply.page(
        <AuditPage
          ctx={ctx}
          form={{ values: raw, errors: {} }}
          entries={rows.slice(0, PAGE_SIZE)}
          page={page}
          hasMore={rows.length > PAGE_SIZE}
          query={query}
        />,
      )
    },
  )

  app.get(
    '/verwaltung/postausgang',
    { preHandler: requirePermission('mail.read') },
    async (request, reply) => {
      const mails = await listOutbox(deps.db)
      return reply.page(<OutboxPage ctx={request.pageContext()} mails={mails} sends={deps.mail.sends} />)
    },
  )
}

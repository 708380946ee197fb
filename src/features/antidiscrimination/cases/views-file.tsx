import type { PageContext } from '../../../platform/http/context'
import { formatDate, type MessageKey } from '../../../platform/i18n'
import { Alert, PageHeading, Table } from '../../../platform/ui/components'
import { Button, Fieldset, Form, type FormState, fields } from '../../../platform/ui/form'
import { Layout } from '../../../platform/ui/layout'
import { GROUNDS } from '../grounds'
import { REFERRAL_CONSENTS } from '../tables'
import type { CaseFile, InterventionEntry } from './case-file'
import {
  ACTOR_KINDS,
  AGG_COVERAGE,
  aggDeadline,
  CASE_GROUNDS,
  CASE_STATUSES,
  CLIENT_ASSESSMENTS,
  type DeadlineState,
  DISCRIMINATION_FORMS,
  INTERVENTIONS,
  LEVELS,
  LIFE_DOMAIN_IDS,
  OUTCOMES,
} from './case-vocabulary'
import type { CaseView } from './read-report'

export const isoDay = (ctx: PageContext, iso: string) => formatDate(ctx.locale, new Date(`${iso}T12:00:00Z`))

/** A ground's label: the public one for the grounds a report offers, the staff one beyond them. */
export function groundLabel(ctx: PageContext, g: string): string {
  return (GROUNDS as readonly string[]).includes(g)
    ? ctx.t(`antidisc.ground.${g}` as MessageKey)
    : ctx.t(`antidisc.staff.ground.${g}` as MessageKey)
}

// Keys built from the closed lists of case-vocabulary.ts; case-file.test.ts renders every value.
const label = (ctx: PageContext, prefix: string, v: string) =>
  ctx.t(`antidisc.staff.${prefix}.${v}` as MessageKey)
const options = (ctx: PageContext, prefix: string, values: readonly string[]) =>
  values.map((v) => ({ value: v, label: label(ctx, prefix, v) }))

/** "endet am 15.05.2026" and the like, for the case list and the case page. */
export function deadlineText(ctx: PageContext, state: DeadlineState | null, deadline: string): string {
  return state
    ? ctx.t(`antidisc.staff.deadline.${state}`, { date: isoDay(ctx, deadline) })
    : ctx.t('antidisc.staff.deadline.none')
}

/** The form's values from a stored case file, or the report's facts for a new one. */
export function caseFileValues(report: CaseView): Record<string, unknown> {
  const f = report.file
  if (!f) return { status: 'open', grounds: [...report.grounds], deadlineFrom: report.occurredOn }
  return {
    status: f.status,
    grounds: [...f.grounds],
    intersectional: f.intersectional ? 'on' : undefined,
    domain: f.domain ?? undefined,
    aggCovered: f.aggCovered ?? undefined,
    forms: [...f.forms],
    level: f.level ?? undefined,
    actorKind: f.actorKind ?? undefined,
    deadlineFrom: f.deadlineFrom,
    facts: f.facts,
    consequences: f.consequences,
    goal: f.goal,
    outcome: f.outcome ?? undefined,
    clientAssessment: f.clientAssessment ?? undefined,
    notes: f.notes,
  }
}

export function CaseFilePage({ ctx, report, form }: { ctx: PageContext; report: CaseView; form: FormState }) {
  const { t } = ctx
  const f = fields(ctx, form)
  const reportTitle = t('antidisc.staff.case.title', { date: formatDate(ctx.locale, report.createdAt, true) })
  const title = t('antidisc.staff.file.title', { date: formatDate(ctx.locale, report.createdAt, true) })
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/beratung', label: t('antidisc.staff.inbox.title') },
        { href: `/beratung/meldungen/${report.id}`, label: reportTitle },
        { label: t('antidisc.staff.file.heading') },
      ]}
    >
      <PageHeading lead={t('antidisc.staff.file.lead')}>{title}</PageHeading>
      <f.Summary />
      <Form ctx={ctx} action={ctx.href(`/beratung/meldungen/${report.id}/akte`)}>
        <f.Radios
          name="status"
          label={t('antidisc.staff.file.status')}
          options={options(ctx, 'status', CASE_STATUSES)}
        />
        <Fieldset heading legend={t('antidisc.staff.file.section.grounds')}>
          <f.Checkboxes
            name="grounds"
            label={t('antidisc.staff.file.grounds')}
            hint={t('antidisc.staff.file.grounds.hint')}
            options={CASE_GROUNDS.map((g) => ({ value: g, label: groundLabel(ctx, g) }))}
          />
          <f.Checkbox name="intersectional" label={t('antidisc.staff.file.intersectional')} />
          <f.Select
            name="domain"
            label={t('antidisc.staff.file.domain')}
            optional
            options={options(ctx, 'domain', LIFE_DOMAIN_IDS)}
          />
          <f.Radios
            name="aggCovered"
            label={t('antidisc.staff.file.aggCovered')}
            hint={t('antidisc.staff.file.aggCovered.hint')}
            options={options(ctx, 'agg', AGG_COVERAGE)}
          />
          <f.Checkboxes
            name="forms"
            label={t('antidisc.staff.file.forms')}
            options={options(ctx, 'form', DISCRIMINATION_FORMS)}
          />
          <f.Radios
            name="level"
            label={t('antidisc.staff.file.level')}
            options={options(ctx, 'level', LEVELS)}
          />
        </Fieldset>
        <Fieldset heading legend={t('antidisc.staff.file.section.facts')}>
          <f.Select
            name="actorKind"
            label={t('antidisc.staff.file.actorKind')}
            optional
            options={options(ctx, 'actor', ACTOR_KINDS)}
          />
          <f.Date
            name="deadlineFrom"
            label={t('antidisc.staff.file.deadlineFrom')}
            hint={t('antidisc.staff.file.deadlineFrom.hint')}
          />
          <f.Textarea name="facts" label={t('antidisc.staff.file.facts')} optional rows={8} />
          <f.Textarea name="consequences" label={t('antidisc.staff.file.consequences')} optional rows={4} />
        </Fieldset>
        <Fieldset heading legend={t('antidisc.staff.file.section.result')}>
          <f.Textarea name="goal" label={t('antidisc.staff.file.goal')} optional rows={3} />
          <f.Select
            name="outcome"
            label={t('antidisc.staff.file.outcome')}
            hint={t('antidisc.staff.file.outcome.hint')}
            optional
            options={options(ctx, 'outcome', OUTCOMES)}
          />
          <f.Select
            name="clientAssessment"
            label={t('antidisc.staff.file.clientAssessment')}
            optional
            options={options(ctx, 'assessment', CLIENT_ASSESSMENTS)}
          />
          <f.Textarea name="notes" label={t('antidisc.staff.file.notes')} optional rows={6} />
        </Fieldset>
        <Button>{t('antidisc.staff.file.save')}</Button>
      </Form>
    </Layout>
  )
}

function Row({ term, children }: { term: string; children: preact.ComponentChildren }) {
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{term}</dt>
      <dd class="kern-description-list-item__value">{children}</dd>
    </div>
  )
}

/** The case file on the report's page: what is recorded, the interventions and the form for a new one. */
/** Handing the report to another centre of the network, with the reporter's consent. */
export function ReferSection({
  ctx,
  reportId,
  centres,
  form,
}: {
  ctx: PageContext
  reportId: string
  centres: readonly { readonly id: string; readonly name: string }[]
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  return (
    <section aria-labelledby="weitergeben">
      <h2 class="kern-heading-medium" id="weitergeben">
        {t('antidisc.staff.refer.heading')}
      </h2>
      <p class="kern-body">{t('antidisc.staff.refer.lead')}</p>
      <Form ctx={ctx} action={ctx.href(`/beratung/meldungen/${reportId}/weiterleiten`)}>
        <f.Select
          name="toCentreId"
          label={t('antidisc.staff.refer.toCentreId')}
          placeholder
          options={centres.map((c) => ({ value: c.id, label: c.name }))}
        />
        <f.Radios
          name="consent"
          label={t('antidisc.staff.refer.consent')}
          options={REFERRAL_CONSENTS.map((v) => ({
            value: v,
            label: t(`antidisc.staff.refer.consent.${v}`),
          }))}
        />
        <f.Date name="consentOn" label={t('antidisc.staff.refer.consentOn')} />
        <f.Checkbox name="confirmed" label={t('antidisc.staff.refer.confirmed')} />
        <Button variant="secondary">{t('antidisc.staff.refer.submit')}</Button>
      </Form>
    </section>
  )
}

export function CaseFileSection({
  ctx,
  reportId,
  file,
  interventions,
  deadline,
  form,
}: {
  ctx: PageContext
  reportId: string
  file: CaseFile | null
  interventions: readonly InterventionEntry[]
  deadline: { state: DeadlineState | null; day: string }
  form: FormState
}) {
  const { t } = ctx
  const none = t('antidisc.staff.file.notSet')
  const f = fields(ctx, form)
  const list = (prefix: string, values: readonly string[]) =>
    values.length ? values.map((v) => label(ctx, prefix, v)).join(', ') : none
  return (
    <section aria-labelledby="fallakte">
      <h2 class="kern-heading-medium" id="fallakte">
        {t('antidisc.staff.file.heading')}
      </h2>
      {deadline.state === 'soon' || deadline.state === 'passed' ? (
        <Alert
          kind="warning"
          title={`${t('antidisc.staff.col.deadline')}: ${deadlineText(ctx, deadline.state, deadline.day)}`}
        >
          <p class="kern-body">{t('antidisc.staff.deadline.alert.text')}</p>
        </Alert>
      ) : null}
      {file ? (
        <dl class="kern-description-list">
          <Row term={t('antidisc.staff.file.status')}>{label(ctx, 'status', file.status)}</Row>
          <Row term={t('antidisc.staff.file.grounds')}>
            {file.grounds.map((g) => groundLabel(ctx, g)).join(', ')}
            {file.intersectional ? ` – ${t('antidisc.staff.file.intersectional')}` : ''}
          </Row>
          <Row term={t('antidisc.staff.file.domain')}>
            {file.domain ? label(ctx, 'domain', file.domain) : none}
          </Row>
          <Row term={t('antidisc.staff.file.aggCovered')}>
            {file.aggCovered ? label(ctx, 'agg', file.aggCovered) : none}
          </Row>
          <Row term={t('antidisc.staff.file.forms')}>{list('form', file.forms)}</Row>
          <Row term={t('antidisc.staff.file.level')}>
            {file.level ? label(ctx, 'level', file.level) : none}
          </Row>
          <Row term={t('antidisc.staff.file.actorKind')}>
            {file.actorKind ? label(ctx, 'actor', file.actorKind) : none}
          </Row>
          <Row term={t('antidisc.staff.file.deadline')}>{isoDay(ctx, aggDeadline(file.deadlineFrom))}</Row>
          <Row term={t('antidisc.staff.file.facts')}>
            <span class="preserve-lines">{file.facts || none}</span>
          </Row>
          <Row term={t('antidisc.staff.file.consequences')}>
            <span class="preserve-lines">{file.consequences || none}</span>
          </Row>
          <Row term={t('antidisc.staff.file.goal')}>
            <span class="preserve-lines">{file.goal || none}</span>
          </Row>
          <Row term={t('antidisc.staff.file.outcome')}>
            {file.outcome ? label(ctx, 'outcome', file.outcome) : none}
          </Row>
          <Row term={t('antidisc.staff.file.clientAssessment')}>
            {file.clientAssessment ? label(ctx, 'assessment', file.clientAssessment) : none}
          </Row>
          <Row term={t('antidisc.staff.file.notes')}>
            <span class="preserve-lines">{file.notes || none}</span>
          </Row>
        </dl>
      ) : (
        <p class="kern-body">{t('antidisc.staff.file.none')}</p>
      )}
      <p class="kern-body">
        <a class="kern-link" href={ctx.href(`/beratung/meldungen/${reportId}/akte`)}>
          {file ? t('antidisc.staff.file.edit') : t('antidisc.staff.file.start')}
        </a>
      </p>
      <h3 class="kern-heading-small">{t('antidisc.staff.interventions.heading')}</h3>
      {interventions.length ? (
        <Table
          caption={t('antidisc.staff.interventions.caption')}
          rows={interventions}
          rowKey={(i) => i.id}
          columns={[
            { header: t('antidisc.staff.intervention.on'), cell: (i) => isoDay(ctx, i.on) },
            {
              header: t('antidisc.staff.intervention.kind'),
              cell: (i) => label(ctx, 'intervention', i.kind),
            },
            {
              header: t('antidisc.staff.intervention.note'),
              cell: (i) => <span class="preserve-lines">{i.note}</span>,
            },
          ]}
        />
      ) : (
        <p class="kern-body">{t('antidisc.staff.interventions.none')}</p>
      )}
      <Form ctx={ctx} action={ctx.href(`/beratung/meldungen/${reportId}/interventionen`)}>
        <Fieldset legend={t('antidisc.staff.intervention.add')}>
          <f.Select
            name="kind"
            label={t('antidisc.staff.intervention.kind')}
            placeholder
            options={options(ctx, 'intervention', INTERVENTIONS)}
          />
          <f.Date name="on" label={t('antidisc.staff.intervention.on')} />
          <f.Textarea name="note" label={t('antidisc.staff.intervention.note')} optional rows={3} />
        </Fieldset>
        <Button variant="secondary">{t('antidisc.staff.intervention.add')}</Button>
      </Form>
    </section>
  )
}

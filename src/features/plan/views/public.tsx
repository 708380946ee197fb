import type { PageContext } from '../../../platform/http/context'
import { formatNumber, germanContent, inSourceLanguage } from '../../../platform/i18n'
import { PageHeading, Table } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'
import type { MeasureContext, MeasureDetails, PlanMeasure, PlanTree, PlanVersion } from '../find-plan'
import { day, IndicatorChart, ProgressBar, progressText, statusLabel } from './parts'

function VersionList({ ctx, versions }: { ctx: PageContext; versions: readonly PlanVersion[] }) {
  const { t } = ctx
  const de = germanContent(ctx.locale)
  return (
    <ul class="kern-list">
      {versions.map((v) => (
        <li key={v.id}>
          <span {...de}>{v.title}</span>
          {': '}
          {v.status === 'adopted'
            ? t('plan.version.adopted', { date: day(ctx, v.adoptedOn!) })
            : v.status === 'superseded'
              ? t('plan.version.superseded', { date: day(ctx, v.adoptedOn!) })
              : t('plan.staff.version.draft')}
        </li>
      ))}
    </ul>
  )
}

/** The measures of a goal: title (link), status and progress as text. */
export function MeasureTable({
  ctx,
  goal,
  measures,
  href,
}: {
  ctx: PageContext
  goal: string
  measures: readonly PlanMeasure[]
  href: (m: PlanMeasure) => string
}) {
  const { t } = ctx
  const de = germanContent(ctx.locale)
  return (
    <Table
      caption={t('plan.measuresCaption', { goal })}
      rows={measures}
      rowKey={(m) => m.id}
      columns={[
        {
          header: t('plan.col.measure'),
          cell: (m) => (
            <a class="kern-link" href={ctx.href(href(m))} {...de}>
              {m.code} {m.title}
            </a>
          ),
        },
        { header: t('plan.col.status'), cell: (m) => statusLabel(ctx, m.status) },
        {
          header: t('plan.col.progress'),
          cell: (m) => `${formatNumber(ctx.locale, m.progress)} %`,
          numeric: true,
        },
      ]}
    />
  )
}

/** /integrationsplan: the current version's fields of action with progress, goals and measures. */
export function PlanPage({
  ctx,
  tree,
  versions,
}: {
  ctx: PageContext
  tree: PlanTree | null
  versions: readonly PlanVersion[]
}) {
  const { t } = ctx
  const de = germanContent(ctx.locale)
  const title = t('plan.title')
  return (
    <Layout ctx={ctx} title={title} description={t('home.plan.text')}>
      <PageHeading lead={t('plan.lead')}>{title}</PageHeading>
      {!tree ? (
        <p class="kern-body">{t('plan.none')}</p>
      ) : (
        <>
          <p class="kern-body">
            <strong {...de}>{tree.version.title}</strong>{' '}
            {t('plan.adoptedOn', { date: day(ctx, tree.version.adoptedOn!) })}
          </p>
          {tree.fields.map((f) => (
            <section key={f.id} class="plan-field" aria-labelledby={`field-${f.code}`}>
              <h2 class="kern-heading-medium" id={`field-${f.code}`} {...de}>
                {f.code}. {f.title}
              </h2>
              <ProgressBar ctx={ctx} percent={f.progress} />
              {f.description ? (
                <p class="kern-body" {...de}>
                  {f.description}
                </p>
              ) : null}
              {f.goals.map((g) => (
                <div key={g.id} class="plan-goal">
                  <h3 class="kern-heading-small" {...de}>
                    {g.code} {g.title}
                  </h3>
                  <p class="kern-body">{progressText(ctx, g.progress)}</p>
                  <MeasureTable
                    ctx={ctx}
                    goal={g.code}
                    measures={g.measures}
                    href={(m) => `/integrationsplan/massnahmen/${m.id}`}
                  />
                </div>
              ))}
            </section>
          ))}
          <h2 class="kern-heading-medium">{t('plan.versions')}</h2>
          <VersionList ctx={ctx} versions={versions} />
        </>
      )}
      <p class="kern-body">
        <a class="kern-link" href={ctx.href('/integrationsplan/kommentierung')}>
          {t('plan.round.listTitle')}
        </a>
      </p>
    </Layout>
  )
}

interface TimelineEntry {
  readonly on: string
  readonly text: string
  readonly german?: string
}

function timeline(ctx: PageContext, mc: MeasureContext, details: MeasureDetails): TimelineEntry[] {
  const { t } = ctx
  const entries: TimelineEntry[] = [{ on: mc.measure.startsOn, text: t('plan.timeline.start') }]
  for (const h of details.history)
    if (h.version.adoptedOn)
      entries.push({ on: h.version.adoptedOn, text: t('plan.timeline.version', { title: h.version.title }) })
  for (const i of details.indicators)
    for (const v of i.values)
      entries.push({
        on: v.measuredOn,
        text: t('plan.timeline.value', {
          indicator: i.name,
          value: `${formatNumber(ctx.locale, v.value)} ${i.unit}`,
        }),
      })
  if (mc.measure.endsOn) entries.push({ on: mc.measure.endsOn, text: t('plan.timeline.end') })
  return entries.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
}

/** /integrationsplan/massnahmen/:id: a measure with its facts, timeline, indicators and history. */
export function MeasurePage({
  ctx,
  mc,
  details,
}: {
  ctx: PageContext
  mc: MeasureContext
  details: MeasureDetails
}) {
  const { t } = ctx
  const de = germanContent(ctx.locale)
  const m = mc.measure
  const facts: [string, preact.ComponentChildren][] = [
    [t('plan.measure.field'), <span {...de}>{`${mc.field.code}. ${mc.field.title}`}</span>],
    [t('plan.measure.goal'), <span {...de}>{`${mc.goal.code} ${mc.goal.title}`}</span>],
    [t('plan.col.status'), statusLabel(ctx, m.status)],
    [t('plan.measure.responsible'), <span {...de}>{m.responsibleUnit}</span>],
    [
      t('plan.measure.partners'),
      details.partners.length ? (
        <span {...de}>{details.partners.map((p) => p.name).join(', ')}</span>
      ) : (
        t('plan.measure.noPartners')
      ),
    ],
    [
      t('plan.measure.period'),
      m.endsOn
        ? t('plan.measure.periodValue', { start: day(ctx, m.startsOn), end: day(ctx, m.endsOn) })
        : t('plan.measure.periodOpen', { start: day(ctx, m.startsOn) }),
    ],
    [
      t('plan.measure.funding'),
      details.fundingLine
        ? inSourceLanguage(ctx.locale, { de: details.fundingLine.nameDe, en: details.fundingLine.nameEn })
        : t('plan.measure.noFunding'),
    ],
  ]
  return (
    <Layout
      ctx={ctx}
      title={`${m.code} ${m.title}`}
      breadcrumbs={[{ href: '/integrationsplan', label: t('plan.title') }, { label: m.code }]}
    >
      <PageHeading>
        <span {...de}>
          {m.code} {m.title}
        </span>
      </PageHeading>
      {m.description ? (
        <p class="kern-body" {...de}>
          {m.description}
        </p>
      ) : null}
      <ProgressBar ctx={ctx} percent={m.progress} />
      <h2 class="kern-heading-medium">{t('plan.measure.facts')}</h2>
      <dl class="plan-facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt class="kern-body kern-body--bold">{k}</dt>
            <dd class="kern-body">{v}</dd>
          </div>
        ))}
      </dl>
      <h2 class="kern-heading-medium">{t('plan.timeline')}</h2>
      <ol class="plan-timeline">
        {timeline(ctx, mc, details).map((e, i) => (
          <li key={`${e.on}-${i}`} class="kern-body">
            <time class="plan-timeline__date" dateTime={e.on}>
              {day(ctx, e.on)}
            </time>
            {e.text}
          </li>
        ))}
      </ol>
      <h2 class="kern-heading-medium">{t('plan.indicators')}</h2>
      {details.indicators.length === 0 ? <p class="kern-body">{t('plan.indicators.none')}</p> : null}
      {details.indicators.map((i) => {
        const target = `${formatNumber(ctx.locale, i.target)} ${i.unit}`
        return (
          <section key={i.id} class="plan-indicator" aria-labelledby={`indicator-${i.id}`}>
            <h3 class="kern-heading-small" id={`indicator-${i.id}`} {...de}>
              {i.name}
            </h3>
            <p class="kern-body">
              {i.targetOn
                ? t('plan.indicator.targetBy', { target, date: day(ctx, i.targetOn) })
                : t('plan.indicator.target', { target })}
            </p>
            {i.values.length === 0 ? (
              <p class="kern-body">{t('plan.indicator.none')}</p>
            ) : (
              <IndicatorChart
                ctx={ctx}
                id={`chart-${i.id}`}
                label={t('plan.indicator.chart', { name: i.name, target })}
                target={i.target}
                points={i.values}
                table={
                  <Table
                    caption={t('plan.indicator.caption', { name: i.name })}
                    rows={i.values}
                    rowKey={(v) => v.id}
                    columns={[
                      { header: t('plan.indicator.date'), cell: (v) => day(ctx, v.measuredOn) },
                      {
                        header: t('plan.indicator.value'),
                        cell: (v) => `${formatNumber(ctx.locale, v.value)} ${i.unit}`,
                        numeric: true,
                      },
                      { header: t('plan.indicator.source'), cell: (v) => <span {...de}>{v.source}</span> },
                    ]}
                  />
                }
              />
            )}
          </section>
        )
      })}
      <h2 class="kern-heading-medium">{t('plan.history')}</h2>
      <Table
        caption={t('plan.history.caption')}
        rows={details.history}
        rowKey={(h) => h.version.id}
        columns={[
          { header: t('plan.history.version'), cell: (h) => <span {...de}>{h.version.title}</span> },
          {
            header: t('plan.history.adoptedOn'),
            cell: (h) => (h.version.adoptedOn ? day(ctx, h.version.adoptedOn) : ''),
          },
          { header: t('plan.col.status'), cell: (h) => statusLabel(ctx, h.measure.status) },
          {
            header: t('plan.col.progress'),
            cell: (h) => `${formatNumber(ctx.locale, h.measure.progress)} %`,
            numeric: true,
          },
        ]}
      />
    </Layout>
  )
}

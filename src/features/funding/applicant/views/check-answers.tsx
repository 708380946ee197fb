import { fileUrl } from '../../../../platform/files'
import type { PageContext } from '../../../../platform/http/context'
import { Alert, PageHeading } from '../../../../platform/ui/components'
import { Button, Checkbox, ErrorSummary, Form, type FormState, Textarea } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { ApplicationBundle } from '../../queries'
import { germanOrIso, lineName, money, text } from '../../views/parts'
import { editable, STEPS, type Step } from '../save-application'

const base = (id: string) => `/foerderung/antraege/${id}`

/** Paths of the steps (as in the task list). */
const STEP_PATH: Record<Step, string> = {
  project: 'projekt',
  costs: 'kosten',
  financing: 'finanzierung',
  declarations: 'erklaerungen',
  attachments: 'anlagen',
}

type Row = readonly [label: string, value: preact.ComponentChildren]

/** One step's answers as a KERN-style summary list, with "Ändern" while the application is editable. */
function Section({
  ctx,
  b,
  step,
  rows,
  error,
}: {
  ctx: PageContext
  b: ApplicationBundle
  step: Step
  rows: readonly Row[]
  error?: string | undefined
}) {
  const { t } = ctx
  const title = t(`funding.app.step.${step}`)
  return (
    <section class="check-answers__section" aria-labelledby={`antworten-${step}`} id={`schritt-${step}`}>
      <div class="check-answers__head">
        <h2 class="kern-heading-medium" id={`antworten-${step}`}>
          {title}
        </h2>
        {editable(b) ? (
          <a class="kern-link" href={ctx.href(`${base(b.app.id)}/${STEP_PATH[step]}`)}>
            {t('funding.check.change')}
            <span class="kern-sr-only">: {title}</span>
          </a>
        ) : null}
      </div>
      {error ? (
        <p class="kern-error" id={`feld-step_${step}`} tabIndex={-1}>
          <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span class="kern-sr-only">{t('ui.error.prefix')} </span>
          {error}
        </p>
      ) : null}
      {rows.length ? (
        <dl class="check-answers__list">
          {rows.map(([label, value]) => (
            <div class="check-answers__row" key={label}>
              <dt class="kern-body kern-body--bold">{label}</dt>
              <dd class="kern-body">{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p class="kern-body">{t('funding.check.empty')}</p>
      )}
    </section>
  )
}

/** Everything the applicant entered, step by step (also the read-only view after submission). */
export function Answers({
  ctx,
  b,
  errors = {},
}: {
  ctx: PageContext
  b: ApplicationBundle
  errors?: Readonly<Record<string, string>>
}) {
  const { t } = ctx
  const a = b.app
  const dash = '–'
  const categoryLabel = (key: string) => {
    const c = b.line.rules.costCategories.find((x) => x.key === key)
    return c ? text(ctx, c.label) : key
  }
  const years = [...new Set([...b.costs.map((c) => c.year), ...b.financing.map((f) => f.year)])].sort()
  const partners = [
    ...b.partners.municipalities.map((m) => m.name),
    ...(b.partners.organisation ? [b.partners.organisation.name] : []),
  ]
  return (
    <>
      <Section
        ctx={ctx}
        b={b}
        step="project"
        error={errors.step_project}
        rows={[
          [t('funding.project.title'), a.title ?? dash],
          [t('funding.project.aims'), <span class="check-answers__text">{a.aims ?? dash}</span>],
          [t('funding.project.targetGroups'), a.targetGroups ?? dash],
          [t('funding.project.municipalities'), a.municipalities ?? dash],
          [
            t('funding.check.period'),
            a.periodStart && a.periodEnd
              ? `${germanOrIso(ctx, a.periodStart)} – ${germanOrIso(ctx, a.periodEnd)}`
              : dash,
          ],
          ...(partners.length ? [[t('funding.check.partners'), partners.join(', ')] as const] : []),
        ]}
      />
      <Section
        ctx={ctx}
        b={b}
        step="costs"
        error={errors.step_costs}
        rows={years.flatMap((year) =>
          b.costs
            .filter((c) => c.year === year && c.cents > 0)
            .map((c) => [`${year} · ${categoryLabel(c.category)}`, money(ctx, c.cents)] as const),
        )}
      />
      <Section
        ctx={ctx}
        b={b}
        step="financing"
        error={errors.step_financing}
        rows={b.financing.map(
          (f) =>
            [
              t('funding.check.financingYear', { year: f.year }),
              t('funding.check.financingLine', {
                own: money(ctx, f.ownCents),
                third: money(ctx, f.thirdPartyCents),
                requested: money(ctx, f.requestedCents),
              }),
            ] as const,
        )}
      />
      <Section
        ctx={ctx}
        b={b}
        step="declarations"
        error={errors.step_declarations}
        rows={[
          [
            t('funding.decl.notStarted'),
            a.notStartedDeclared ? t('funding.check.yes') : t('funding.check.no'),
          ],
          [t('funding.decl.truth'), a.truthDeclared ? t('funding.check.yes') : t('funding.check.no')],
        ]}
      />
      <Section
        ctx={ctx}
        b={b}
        step="attachments"
        error={errors.step_attachments}
        rows={b.line.rules.requiredAttachments.map((req) => {
          const have = b.attachments.find((x) => x.kind === req.key)
          return [
            text(ctx, req.label),
            have ? (
              <a class="kern-link" href={ctx.href(fileUrl({ id: have.fileId, originalName: have.fileName }))}>
                {have.fileName}
              </a>
            ) : (
              t('funding.att.missing')
            ),
          ] as const
        })}
      />
    </>
  )
}

/**
 * Check your answers: before submission every answer with a way to change it, what is still
 * missing, the line's declaration and the submit button; after submission the same answers,
 * read-only, with the printable copy.
 */
export function CheckAnswersPage({
  ctx,
  b,
  form,
  declaration,
  missing,
}: {
  ctx: PageContext
  b: ApplicationBundle
  form: FormState
  /** The text of the declaration (submissionDeclaration). */
  declaration: string
  /** Problems that keep the application from being submitted, as messages. */
  missing: readonly string[]
}) {
  const { t } = ctx
  const open = editable(b)
  const title = open ? t('funding.check.title') : t('funding.check.readOnlyTitle')
  const appTitle = b.app.title ?? t('funding.untitled')
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/foerderung', label: t('nav.funding') },
        { href: '/foerderung/antraege', label: t('funding.mine.title') },
        { href: base(b.app.id), label: appTitle },
        { label: title },
      ]}
    >
      <PageHeading lead={`${lineName(ctx, b.line)} · ${appTitle}`}>{title}</PageHeading>
      <ErrorSummary ctx={ctx} form={form} />
      {!open ? (
        <>
          <p class="kern-body">
            {b.app.fileNumber ? (
              <>
                {t('funding.col.fileNumber')}: <bdi dir="ltr">{b.app.fileNumber}</bdi>.{' '}
              </>
            ) : (
              ''
            )}
            {t('funding.app.readOnly')}
          </p>
          <p class="kern-body">
            <a class="kern-link" href={ctx.href(`${base(b.app.id)}/antrag.pdf`)}>
              {t('funding.check.pdf')}
            </a>
          </p>
        </>
      ) : missing.length && !Object.keys(form.errors).length ? (
        <Alert kind="warning" title={t('funding.check.missing')}>
          <ul class="kern-list">
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </Alert>
      ) : (
        <p class="kern-body">{t('funding.check.lead')}</p>
      )}
      <Answers ctx={ctx} b={b} errors={form.errors} />
      {open && (!missing.length || form.errors.declaration) ? (
        <section class="check-answers__section" aria-labelledby="erklaerung">
          <h2 class="kern-heading-medium" id="erklaerung">
            {t('funding.check.declarationTitle')}
          </h2>
          <p class="kern-body" lang="de">
            {declaration}
          </p>
          <Form ctx={ctx} action={ctx.href(`${base(b.app.id)}/einreichen`)}>
            {b.app.status === 'info_requested' ? (
              <Textarea ctx={ctx} form={form} name="reply" label={t('funding.app.reply')} optional rows={4} />
            ) : null}
            <Checkbox ctx={ctx} form={form} name="declaration" label={t('funding.check.declare')} />
            <Button>
              {b.app.status === 'info_requested' ? t('funding.app.resubmit') : t('funding.app.submit')}
            </Button>
          </Form>
        </section>
      ) : null}
      <p class="kern-body">
        <a class="kern-link" href={ctx.href(base(b.app.id))}>
          {t('funding.app.back')}
        </a>
      </p>
    </Layout>
  )
}

export { STEPS }

import type { PageContext } from '../../../../platform/http/context'
import { germanContent } from '../../../../platform/i18n'
import { PageHeading } from '../../../../platform/ui/components'
import { Button, emptyForm, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { PlanVersion } from '../../find-plan'
import { roundPhase } from '../../policies'
import { PLAN_ANSWERS } from '../../tables'
import type { PlanComment, RoundDetails, RoundRow, RoundSection } from '../find-rounds'
import { CommentView, Period, PhaseText, ROUNDS, Wording } from './public'

export const STAFF_ROUNDS = '/verwaltung/integrationsplan/kommentierung'
const DESK = '/verwaltung/integrationsplan'
const hasErrors = (form: FormState) => Object.keys(form.errors).length > 0

/** The rounds, and the form opening one on the current draft. */
export function StaffRoundsPage({
  ctx,
  rounds,
  draft,
  now,
  form,
}: {
  ctx: PageContext
  rounds: readonly RoundRow[]
  draft: PlanVersion | null
  now: Date
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  return (
    <Layout
      ctx={ctx}
      title={t('plan.staff.round.title')}
      hasErrors={hasErrors(form)}
      breadcrumbs={[{ href: DESK, label: t('plan.staff.title') }, { label: t('plan.staff.round.title') }]}
    >
      <PageHeading>{t('plan.staff.round.title')}</PageHeading>
      {rounds.length ? (
        <ul class="kern-list">
          {rounds.map((r) => (
            <li key={r.id}>
              <a class="kern-link" href={ctx.href(`${STAFF_ROUNDS}/${r.id}`)}>
                {r.title}
              </a>{' '}
              ({r.versionTitle}): <Period ctx={ctx} round={r} />.{' '}
              <PhaseText ctx={ctx} phase={roundPhase(r, now)} />.
            </li>
          ))}
        </ul>
      ) : (
        <p class="kern-body">{t('plan.round.none')}</p>
      )}
      <h2 class="kern-heading-medium">{t('plan.staff.round.open')}</h2>
      {draft ? (
        <Form ctx={ctx} action={ctx.href(STAFF_ROUNDS)}>
          <f.Summary />
          <p class="kern-body">{t('plan.staff.round.draft', { title: draft.title })}</p>
          <input type="hidden" name="versionId" value={draft.id} />
          <f.Text name="title" label={t('plan.staff.round.fieldTitle')} />
          <f.Date name="opensAt" withTime label={t('plan.staff.round.opensAt')} />
          <f.Date name="closesAt" withTime label={t('plan.staff.round.closesAt')} />
          <Button>{t('plan.staff.round.submitOpen')}</Button>
        </Form>
      ) : (
        <p class="kern-body">{t('plan.staff.round.noDraft')}</p>
      )}
    </Layout>
  )
}

/** A round on the ministry's side: every comment with its answer state, the actions of the round. */
export function StaffRoundPage({
  ctx,
  details,
  now,
  form = emptyForm,
}: {
  ctx: PageContext
  details: RoundDetails
  now: Date
  form?: FormState
}) {
  const { t } = ctx
  const { round, sections } = details
  const phase = roundPhase(round, now)
  const f = fields(ctx, form)
  return (
    <Layout
      ctx={ctx}
      title={round.title}
      hasErrors={hasErrors(form)}
      breadcrumbs={[
        { href: DESK, label: t('plan.staff.title') },
        { href: STAFF_ROUNDS, label: t('plan.staff.round.title') },
        { label: round.title },
      ]}
    >
      <PageHeading lead={t('plan.round.onVersion', { title: round.versionTitle })}>{round.title}</PageHeading>
      <p class="kern-body">
        <Period ctx={ctx} round={round} />. <PhaseText ctx={ctx} phase={phase} />.{' '}
        <a class="kern-link" href={ctx.href(`${ROUNDS}/${round.id}`)}>
          {t('plan.staff.round.publicPage')}
        </a>
      </p>
      {phase === 'open' || phase === 'upcoming' ? (
        <Form ctx={ctx} action={ctx.href(`${STAFF_ROUNDS}/${round.id}/beenden`)}>
          <Button variant="secondary">{t('plan.staff.round.closeNow')}</Button>
        </Form>
      ) : null}
      {phase !== 'published' ? (
        <Form ctx={ctx} action={ctx.href(`${STAFF_ROUNDS}/${round.id}/veroeffentlichen`)}>
          <f.Summary />
          <p class="kern-body">{t('plan.staff.round.publishHint')}</p>
          <Button>{t('plan.staff.round.publish')}</Button>
        </Form>
      ) : null}
      {sections.map((s) => (
        <section key={s.section.id} class="plan-field" aria-labelledby={`abschnitt-${s.section.id}`}>
          <h2 class="kern-heading-medium" id={`abschnitt-${s.section.id}`}>
            {s.section.code} {s.section.heading}
          </h2>
          <Wording ctx={ctx} text={s.section.text} />
          <p class="kern-body">{t('plan.round.comments', { count: s.comments.length })}</p>
          {s.comments.map((c, i) => (
            <div key={c.id}>
              <CommentView ctx={ctx} section={s.section} comment={c} n={i + 1} showAnswer headingLevel={3} />
              {c.answer ? null : <p class="kern-body kern-body--bold">{t('plan.staff.round.unanswered')}</p>}
              {phase !== 'published' ? (
                <p class="kern-body">
                  <a class="kern-link" href={ctx.href(`/verwaltung/integrationsplan/kommentare/${c.id}`)}>
                    {t('plan.staff.round.answerLink', { n: i + 1 })}
                  </a>
                </p>
              ) : null}
            </div>
          ))}
          {phase === 'closed' || phase === 'published' ? (
            <p class="kern-body">
              <a class="kern-link" href={ctx.href(`${STAFF_ROUNDS}/abschnitte/${s.section.id}`)}>
                {t('plan.staff.round.reviseLink', { heading: s.section.heading })}
              </a>
            </p>
          ) : null}
        </section>
      ))}
    </Layout>
  )
}

export function AnswerPage({
  ctx,
  round,
  section,
  comment,
  n,
  form,
}: {
  ctx: PageContext
  round: RoundRow
  section: RoundSection
  comment: PlanComment
  n: number
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  return (
    <Layout
      ctx={ctx}
      title={t('plan.staff.answer.title')}
      hasErrors={hasErrors(form)}
      breadcrumbs={[
        { href: STAFF_ROUNDS, label: t('plan.staff.round.title') },
        { href: `${STAFF_ROUNDS}/${round.id}`, label: round.title },
        { label: t('plan.staff.answer.title') },
      ]}
    >
      <PageHeading lead={`${section.code} ${section.heading}`}>{t('plan.staff.answer.title')}</PageHeading>
      <CommentView ctx={ctx} section={section} comment={comment} n={n} showAnswer={false} headingLevel={2} />
      <Form ctx={ctx} action={ctx.href(`/verwaltung/integrationsplan/kommentare/${comment.id}`)}>
        <f.Summary />
        <f.Radios
          name="answer"
          label={t('plan.staff.answer.answer')}
          options={PLAN_ANSWERS.map((a) => ({ value: a, label: t(`plan.round.answer.${a}`) }))}
        />
        <f.Textarea
          name="reason"
          rows={5}
          label={t('plan.staff.answer.reason')}
          hint={t('plan.staff.answer.reasonHint')}
        />
        <Button>{t('plan.staff.answer.submit')}</Button>
      </Form>
    </Layout>
  )
}

export function RevisePage({
  ctx,
  round,
  section,
  comments,
  form,
}: {
  ctx: PageContext
  round: RoundRow
  section: RoundSection
  comments: readonly PlanComment[]
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const de = germanContent(ctx.locale)
  return (
    <Layout
      ctx={ctx}
      title={t('plan.staff.revise.title')}
      hasErrors={hasErrors(form)}
      breadcrumbs={[
        { href: STAFF_ROUNDS, label: t('plan.staff.round.title') },
        { href: `${STAFF_ROUNDS}/${round.id}`, label: round.title },
        { label: t('plan.staff.revise.title') },
      ]}
    >
      <PageHeading lead={`${section.code} ${section.heading}`}>{t('plan.staff.revise.title')}</PageHeading>
      <h2 class="kern-heading-medium">{t('plan.round.draftWording')}</h2>
      <Wording ctx={ctx} text={section.text} />
      <Form ctx={ctx} action={ctx.href(`${STAFF_ROUNDS}/abschnitte/${section.id}`)}>
        <f.Summary />
        <f.Textarea
          name="text"
          rows={10}
          label={t('plan.staff.revise.text')}
          hint={t('plan.staff.revise.textHint')}
        />
        {comments.length ? (
          <f.Checkboxes
            name="commentIds"
            optional
            label={t('plan.staff.revise.comments')}
            options={comments.map((c, i) => ({
              value: c.id,
              label: `${t('plan.round.commentHeading', { n: i + 1 })}: ${c.body.slice(0, 120)}`,
            }))}
          />
        ) : (
          <p class="kern-body" {...de}>
            {t('plan.staff.revise.noComments')}
          </p>
        )}
        <Button>{t('plan.staff.revise.submit')}</Button>
      </Form>
    </Layout>
  )
}

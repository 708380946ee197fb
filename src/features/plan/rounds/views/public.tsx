import type { PageContext } from '../../../../platform/http/context'
import { formatDate, germanContent } from '../../../../platform/i18n'
import { Alert, PageHeading } from '../../../../platform/ui/components'
import { Button, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import { type RoundPhase, roundPhase } from '../../policies'
import type { PlanComment, RoundDetails, RoundRow, RoundSection, SectionWithComments } from '../find-rounds'
import { WordDiff } from '../word-diff'

export const ROUNDS = '/integrationsplan/kommentierung'

export const sectionHref = (id: string) => `${ROUNDS}/abschnitte/${id}`
export const commentAnchor = (id: string) => `kommentar-${id}`

export function PhaseText({ ctx, phase }: { ctx: PageContext; phase: RoundPhase }) {
  return <>{ctx.t('plan.round.phaseLabel', { phase: ctx.t(`plan.round.phase.${phase}`) })}</>
}

export function Period({ ctx, round }: { ctx: PageContext; round: RoundRow }) {
  return (
    <>
      {ctx.t('plan.round.period', {
        from: formatDate(ctx.locale, round.opensAt, true),
        until: formatDate(ctx.locale, round.closesAt, true),
      })}
    </>
  )
}

/** The wording as paragraphs (German content), or a note when the section has none. */
export function Wording({ ctx, text }: { ctx: PageContext; text: string }) {
  if (!text.trim()) return <p class="kern-body">{ctx.t('plan.round.emptyWording')}</p>
  return (
    <div {...germanContent(ctx.locale)}>
      {text.split(/\n{2,}/).map((p, i) => (
        <p key={i} class="kern-body">
          {p}
        </p>
      ))}
    </div>
  )
}

function author(ctx: PageContext, c: PlanComment): string {
  return c.organisationName
    ? ctx.t('plan.round.byFor', { name: c.authorName, organisation: c.organisationName })
    : ctx.t('plan.round.by', { name: c.authorName })
}

const deLang = (ctx: PageContext) => (ctx.locale === 'de' ? undefined : 'de')

/** One comment: author, text, proposed wording as a difference, and (when given) the answer. */
export function CommentView({
  ctx,
  section,
  comment,
  n,
  showAnswer,
  headingLevel = 4,
}: {
  ctx: PageContext
  section: RoundSection
  comment: PlanComment
  n: number
  showAnswer: boolean
  headingLevel?: 2 | 3 | 4
}) {
  const { t } = ctx
  const H = (['h2', 'h3', 'h4'] as const)[headingLevel - 2]!
  return (
    <article class="plan-comment" id={commentAnchor(comment.id)}>
      <H class="kern-heading-small">{t('plan.round.commentHeading', { n })}</H>
      <p class="kern-body kern-body--small">
        {author(ctx, comment)}, {formatDate(ctx.locale, comment.createdAt, true)}
      </p>
      <p class="kern-body" {...germanContent(ctx.locale)}>
        {comment.body}
      </p>
      {comment.proposedText ? (
        <>
          <p class="kern-body kern-body--bold">{t('plan.round.proposal')}</p>
          <WordDiff ctx={ctx} before={section.text} after={comment.proposedText} lang={deLang(ctx)} />
        </>
      ) : null}
      {showAnswer && comment.answer ? (
        <>
          <p class="kern-body kern-body--bold">
            {t('plan.round.answer', { answer: t(`plan.round.answer.${comment.answer}`) })}
          </p>
          <p class="kern-body" {...germanContent(ctx.locale)}>
            <span class="kern-sr-only">{t('plan.round.reason')}: </span>
            {comment.answerReason}
          </p>
        </>
      ) : null}
    </article>
  )
}

/** The published outcome of one section: comments with answers, and the next wording with its grounds. */
function SectionOutcome({ ctx, s }: { ctx: PageContext; s: SectionWithComments }) {
  const { t } = ctx
  const number = new Map(s.comments.map((c, i) => [c.id, i + 1]))
  return (
    <section class="plan-field" aria-labelledby={`abschnitt-${s.section.id}`}>
      <h3 class="kern-heading-medium" id={`abschnitt-${s.section.id}`} {...germanContent(ctx.locale)}>
        {s.section.code} {s.section.heading}
      </h3>
      <h4 class="kern-heading-small">{t('plan.round.draftWording')}</h4>
      <Wording ctx={ctx} text={s.section.text} />
      <p class="kern-body">{t('plan.round.comments', { count: s.comments.length })}</p>
      {s.comments.map((c, i) => (
        <CommentView key={c.id} ctx={ctx} section={s.section} comment={c} n={i + 1} showAnswer />
      ))}
      <h4 class="kern-heading-small">{t('plan.round.nextWording')}</h4>
      {s.revision && s.revision.text !== s.section.text ? (
        <>
          <WordDiff ctx={ctx} before={s.section.text} after={s.revision.text} lang={deLang(ctx)} />
          {s.revision.commentIds.length ? (
            <p class="kern-body">
              {t('plan.round.basedOn')}{' '}
              {s.revision.commentIds.map((id, i) => (
                <span key={id}>
                  {i > 0 ? ', ' : ''}
                  <a class="kern-link" href={`#${commentAnchor(id)}`}>
                    {t('plan.round.commentHeading', { n: number.get(id) ?? 0 })}
                  </a>
                </span>
              ))}
            </p>
          ) : (
            <p class="kern-body">{t('plan.round.basedOnNone')}</p>
          )}
        </>
      ) : (
        <p class="kern-body">{t('plan.round.unchanged')}</p>
      )}
    </section>
  )
}

export function RoundsPage({
  ctx,
  rounds,
  now,
  conferenceHref,
}: {
  ctx: PageContext
  rounds: readonly RoundRow[]
  now: Date
  conferenceHref: string | null
}) {
  const { t } = ctx
  const de = germanContent(ctx.locale)
  return (
    <Layout
      ctx={ctx}
      title={t('plan.round.listTitle')}
      breadcrumbs={[{ href: '/integrationsplan', label: t('nav.plan') }, { label: t('plan.round.nav') }]}
    >
      <PageHeading>{t('plan.round.listTitle')}</PageHeading>
      <p class="kern-body">{t('plan.round.listLead')}</p>
      {conferenceHref ? (
        <p class="kern-body">
          <a class="kern-link" href={ctx.href(conferenceHref)}>
            {t('plan.round.conference')}
          </a>
        </p>
      ) : null}
      {rounds.length === 0 ? (
        <p class="kern-body">{t('plan.round.none')}</p>
      ) : (
        <ul class="kern-list">
          {rounds.map((r) => (
            <li key={r.id}>
              <a class="kern-link" href={ctx.href(`${ROUNDS}/${r.id}`)} {...de}>
                {r.title}
              </a>
              <br />
              <Period ctx={ctx} round={r} />. <PhaseText ctx={ctx} phase={roundPhase(r, now)} />.
            </li>
          ))}
        </ul>
      )}
    </Layout>
  )
}

/** A round: its sections while it runs, the outcome with every answer once published. */
export function RoundPage({ ctx, details, now }: { ctx: PageContext; details: RoundDetails; now: Date }) {
  const { t } = ctx
  const { round, sections } = details
  const phase = roundPhase(round, now)
  const de = germanContent(ctx.locale)
  return (
    <Layout
      ctx={ctx}
      title={round.title}
      breadcrumbs={[
        { href: '/integrationsplan', label: t('nav.plan') },
        { href: ROUNDS, label: t('plan.round.nav') },
        { label: round.title },
      ]}
    >
      <PageHeading lead={t('plan.round.onVersion', { title: round.versionTitle })}>
        <span {...de}>{round.title}</span>
      </PageHeading>
      <p class="kern-body">
        <Period ctx={ctx} round={round} />. <PhaseText ctx={ctx} phase={phase} />.
      </p>
      {phase === 'published' ? (
        <>
          <h2 class="kern-heading-large">{t('plan.round.outcome')}</h2>
          <p class="kern-body">
            {t('plan.round.publishedOn', { date: formatDate(ctx.locale, round.publishedAt!) })}
          </p>
          <p class="kern-body">{t('plan.round.diffHint')}</p>
          {sections.map((s) => (
            <SectionOutcome key={s.section.id} ctx={ctx} s={s} />
          ))}
        </>
      ) : (
        <>
          {phase === 'closed' ? <Alert kind="info" title={t('plan.round.closedNote')} /> : null}
          <h2 class="kern-heading-large">{t('plan.round.sections')}</h2>
          {sections.map((s) => (
            <section key={s.section.id} class="plan-field" aria-labelledby={`abschnitt-${s.section.id}`}>
              <h3 class="kern-heading-medium" id={`abschnitt-${s.section.id}`} {...de}>
                {s.section.code} {s.section.heading}
              </h3>
              <Wording ctx={ctx} text={s.section.text} />
              {phase === 'open' ? (
                <p class="kern-body">
                  <a class="kern-link" href={ctx.href(sectionHref(s.section.id))}>
                    {t('plan.round.toSection', { heading: s.section.heading })}
                  </a>
                </p>
              ) : null}
            </section>
          ))}
        </>
      )}
    </Layout>
  )
}

export interface MemberView {
  readonly name: string
  readonly organisationName: string | null
}

/** One section of a round: the draft's wording, and for a member while the round is open the comment form. */
export function SectionPage({
  ctx,
  round,
  section,
  now,
  member,
  own,
  form,
}: {
  ctx: PageContext
  round: RoundRow
  section: RoundSection
  now: Date
  member: MemberView | null
  own: readonly PlanComment[]
  form: FormState
}) {
  const { t } = ctx
  const phase = roundPhase(round, now)
  const de = germanContent(ctx.locale)
  const f = fields(ctx, form)
  const heading = `${section.code} ${section.heading}`
  // A refusal without a field to stand by (no member, round closed meanwhile) stands at the top.
  const refused = phase === 'open' && member ? null : (Object.values(form.errors)[0] ?? null)
  return (
    <Layout
      ctx={ctx}
      title={heading}
      breadcrumbs={[
        { href: '/integrationsplan', label: t('nav.plan') },
        { href: ROUNDS, label: t('plan.round.nav') },
        { href: `${ROUNDS}/${round.id}`, label: round.title },
        { label: heading },
      ]}
    >
      <PageHeading lead={round.title}>
        <span {...de}>{heading}</span>
      </PageHeading>
      <p class="kern-body">
        <Period ctx={ctx} round={round} />. <PhaseText ctx={ctx} phase={phase} />.
      </p>
      <h2 class="kern-heading-medium">{t('plan.round.draftWording')}</h2>
      <Wording ctx={ctx} text={section.text} />
      {phase === 'open' && member ? (
        <>
          <h2 class="kern-heading-medium">{t('plan.member.formTitle')}</h2>
          <p class="kern-body">
            {t('plan.member.asMember', { name: member.name, organisation: member.organisationName ?? '–' })}
          </p>
          <Form ctx={ctx} action={ctx.href(sectionHref(section.id))}>
            <f.Summary />
            <f.Textarea name="body" rows={5} label={t('plan.member.body')} hint={t('plan.member.bodyHint')} />
            <f.Textarea
              name="proposedText"
              optional
              rows={8}
              label={t('plan.member.proposedText')}
              hint={t('plan.member.proposedTextHint')}
            />
            <Button>{t('plan.member.submit')}</Button>
          </Form>
        </>
      ) : (
        <>
          {refused ? <Alert kind="danger" title={refused} /> : null}
          {phase === 'open' ? (
            <p class="kern-body">
              {t('plan.round.membersOnly')}{' '}
              {ctx.user ? null : (
                <a
                  class="kern-link"
                  href={ctx.href(`/anmelden?next=${encodeURIComponent(sectionHref(section.id))}`)}
                >
                  {t('plan.round.signIn')}
                </a>
              )}
            </p>
          ) : refused ? null : (
            <Alert kind="info" title={t('plan.round.closedNote')} />
          )}
        </>
      )}
      {own.length ? (
        <>
          <h2 class="kern-heading-medium">{t('plan.member.own')}</h2>
          {own.map((c, i) => (
            <CommentView
              key={c.id}
              ctx={ctx}
              section={section}
              comment={c}
              n={i + 1}
              showAnswer={false}
              headingLevel={3}
            />
          ))}
        </>
      ) : null}
    </Layout>
  )
}

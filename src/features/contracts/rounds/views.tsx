import type { PageContext } from '../../../platform/http/context'
import { formatDate, germanContent } from '../../../platform/i18n'
import { ROUND_ANSWERS, type RoundPhase, roundPhase } from '../../../platform/rounds/rules'
import { Alert, PageHeading } from '../../../platform/ui/components'
import { Button, emptyForm, Form, type FormState, fields } from '../../../platform/ui/form'
import { Layout } from '../../../platform/ui/layout'
import { WordDiffText } from '../../../platform/ui/word-diff'
import type {
  ContractComment,
  ContractRoundDetails,
  ContractRoundRow,
  ContractRoundSection,
  ContractSectionWithComments,
} from './find-rounds'

/**
 * Pages of the comment rounds on contract drafts: the public round and section pages with the
 * members' comment form, and the ministry's round, answer and revision screens. The word diff is the
 * platform's (shared with the plan's rounds, decision 0006).
 */

export const CONTRACT_ROUNDS = '/integrationsvertraege/kommentierung'
export const STAFF_CONTRACT_ROUNDS = '/verwaltung/integrationsvertraege/kommentierung'
export const STAFF_CONTRACT_COMMENTS = '/verwaltung/integrationsvertraege/kommentare'
const DESK = '/verwaltung/integrationsvertraege'

export const contractSectionHref = (id: string) => `${CONTRACT_ROUNDS}/abschnitte/${id}`
const hasErrors = (form: FormState) => Object.keys(form.errors).length > 0
const deLang = (ctx: PageContext) => (ctx.locale === 'de' ? undefined : 'de')

export function sectionHeading(ctx: PageContext, s: ContractRoundSection): string {
  return ctx.t('contracts.round.sectionHeading', {
    side: ctx.t(`contracts.obligations.${s.side}`),
    n: s.position,
  })
}

function Phase({ ctx, round, now }: { ctx: PageContext; round: ContractRoundRow; now: Date }) {
  const phase: RoundPhase = roundPhase(round, now)
  return (
    <p class="kern-body">
      {ctx.t('contracts.round.period', {
        from: formatDate(ctx.locale, round.opensAt, true),
        until: formatDate(ctx.locale, round.closesAt, true),
      })}{' '}
      {ctx.t('contracts.round.phaseLabel', { phase: ctx.t(`contracts.round.phase.${phase}`) })}
    </p>
  )
}

function Wording({ ctx, text }: { ctx: PageContext; text: string }) {
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

function Diff({ ctx, before, after }: { ctx: PageContext; before: string; after: string }) {
  return (
    <WordDiffText
      before={before}
      after={after}
      lang={deLang(ctx)}
      labels={{ added: ctx.t('contracts.round.diff.added'), removed: ctx.t('contracts.round.diff.removed') }}
    />
  )
}

/** One comment: author, text, the proposed wording as a word difference and (when shown) the answer. */
export function ContractCommentView({
  ctx,
  section,
  comment,
  n,
  showAnswer,
  headingLevel = 4,
}: {
  ctx: PageContext
  section: ContractRoundSection
  comment: ContractComment
  n: number
  showAnswer: boolean
  headingLevel?: 2 | 3 | 4
}) {
  const { t } = ctx
  const H = (['h2', 'h3', 'h4'] as const)[headingLevel - 2]!
  const de = germanContent(ctx.locale)
  return (
    <article class="plan-comment" id={`kommentar-${comment.id}`}>
      <H class="kern-heading-small">{t('contracts.round.commentHeading', { n })}</H>
      <p class="kern-body kern-body--small">
        {comment.organisationName
          ? t('contracts.round.byFor', { name: comment.authorName, organisation: comment.organisationName })
          : t('contracts.round.by', { name: comment.authorName })}
        , {formatDate(ctx.locale, comment.createdAt, true)}
      </p>
      <p class="kern-body" {...de}>
        {comment.body}
      </p>
      {comment.proposedText ? (
        <>
          <p class="kern-body kern-body--bold">{t('contracts.round.proposal')}</p>
          <Diff ctx={ctx} before={section.text} after={comment.proposedText} />
        </>
      ) : null}
      {showAnswer && comment.answer ? (
        <>
          <p class="kern-body kern-body--bold">
            {t('contracts.round.answer', { answer: t(`contracts.round.answer.${comment.answer}`) })}
          </p>
          <p class="kern-body" {...de}>
            <span class="kern-sr-only">{t('contracts.round.reason')}: </span>
            {comment.answerReason}
          </p>
        </>
      ) : null}
    </article>
  )
}

function crumbs(ctx: PageContext, round: ContractRoundRow, last?: string) {
  return [
    { href: '/integrationsvertraege', label: ctx.t('contracts.title') },
    { href: CONTRACT_ROUNDS, label: ctx.t('contracts.round.nav') },
    ...(last ? [{ href: `${CONTRACT_ROUNDS}/${round.id}`, label: round.title }, { label: last }] : []),
    ...(last ? [] : [{ label: round.title }]),
  ]
}

/** The rounds anyone may see (open, closed, published ones). */
export function ContractRoundsPage({
  ctx,
  rounds,
  now,
}: {
  ctx: PageContext
  rounds: readonly ContractRoundRow[]
  now: Date
}) {
  const { t } = ctx
  const de = germanContent(ctx.locale)
  return (
    <Layout
      ctx={ctx}
      title={t('contracts.round.nav')}
      breadcrumbs={[
        { href: '/integrationsvertraege', label: t('contracts.title') },
        { label: t('contracts.round.nav') },
      ]}
    >
      <PageHeading lead={t('contracts.round.lead')}>{t('contracts.round.nav')}</PageHeading>
      {rounds.length === 0 ? (
        <p class="kern-body">{t('contracts.round.none')}</p>
      ) : (
        <ul class="kern-list">
          {rounds.map((r) => (
            <li key={r.id}>
              <a class="kern-link" href={ctx.href(`${CONTRACT_ROUNDS}/${r.id}`)} {...de}>
                {r.title}
              </a>{' '}
              ({t('contracts.round.onContract', { partner: r.partnerName, topic: r.topic })}).{' '}
              {t('contracts.round.phaseLabel', {
                phase: t(`contracts.round.phase.${roundPhase(r, now)}`),
              })}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  )
}

/** The published outcome of a section: the draft, every comment with its answer, the next wording. */
function SectionOutcome({ ctx, s }: { ctx: PageContext; s: ContractSectionWithComments }) {
  const { t } = ctx
  const number = new Map(s.comments.map((c, i) => [c.id, i + 1]))
  return (
    <section class="plan-field" aria-labelledby={`abschnitt-${s.section.id}`}>
      <h3 class="kern-heading-medium" id={`abschnitt-${s.section.id}`}>
        {sectionHeading(ctx, s.section)}
      </h3>
      <h4 class="kern-heading-small">{t('contracts.round.draftWording')}</h4>
      <Wording ctx={ctx} text={s.section.text} />
      <p class="kern-body">{t('contracts.round.comments', { count: s.comments.length })}</p>
      {s.comments.map((c, i) => (
        <ContractCommentView key={c.id} ctx={ctx} section={s.section} comment={c} n={i + 1} showAnswer />
      ))}
      {s.revision ? (
        <>
          <h4 class="kern-heading-small">{t('contracts.round.nextWording')}</h4>
          <Diff ctx={ctx} before={s.section.text} after={s.revision.text} />
          <p class="kern-body">
            {s.revision.commentIds.length
              ? t('contracts.round.because', {
                  comments: s.revision.commentIds
                    .map((id) => t('contracts.round.commentHeading', { n: number.get(id) ?? 0 }))
                    .join(', '),
                })
              : t('contracts.round.becauseNone')}
          </p>
          <ul class="kern-list">
            {s.revision.commentIds.map((id) => (
              <li key={id}>
                <a class="kern-link" href={`#kommentar-${id}`}>
                  {t('contracts.round.commentHeading', { n: number.get(id) ?? 0 })}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}

/** A round: its sections while it runs, the outcome with every answer once published. */
export function ContractRoundPage({
  ctx,
  details,
  now,
}: {
  ctx: PageContext
  details: ContractRoundDetails
  now: Date
}) {
  const { t } = ctx
  const { round, sections } = details
  const phase = roundPhase(round, now)
  const de = germanContent(ctx.locale)
  return (
    <Layout ctx={ctx} title={round.title} breadcrumbs={crumbs(ctx, round)}>
      <PageHeading lead={t('contracts.round.onContract', { partner: round.partnerName, topic: round.topic })}>
        <span {...de}>{round.title}</span>
      </PageHeading>
      <Phase ctx={ctx} round={round} now={now} />
      {phase === 'published' ? (
        <>
          <h2 class="kern-heading-large">{t('contracts.round.outcome')}</h2>
          <p class="kern-body">
            {t('contracts.round.publishedOn', { date: formatDate(ctx.locale, round.publishedAt!) })}
          </p>
          {sections.map((s) => (
            <SectionOutcome key={s.section.id} ctx={ctx} s={s} />
          ))}
        </>
      ) : (
        <>
          {phase === 'closed' ? <Alert kind="info" title={t('contracts.round.closedNote')} /> : null}
          <h2 class="kern-heading-large">{t('contracts.round.sections')}</h2>
          {sections.map((s) => (
            <section key={s.section.id} class="plan-field" aria-labelledby={`abschnitt-${s.section.id}`}>
              <h3 class="kern-heading-medium" id={`abschnitt-${s.section.id}`}>
                {sectionHeading(ctx, s.section)}
              </h3>
              <Wording ctx={ctx} text={s.section.text} />
              {phase === 'open' ? (
                <p class="kern-body">
                  <a class="kern-link" href={ctx.href(contractSectionHref(s.section.id))}>
                    {t('contracts.round.toSection', { heading: sectionHeading(ctx, s.section) })}
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

/** One section: the draft's wording, and for a member while the round is open the comment form. */
export function ContractSectionPage({
  ctx,
  round,
  section,
  now,
  member,
  own,
  form,
}: {
  ctx: PageContext
  round: ContractRoundRow
  section: ContractRoundSection
  now: Date
  member: MemberView | null
  own: readonly ContractComment[]
  form: FormState
}) {
  const { t } = ctx
  const phase = roundPhase(round, now)
  const f = fields(ctx, form)
  const heading = sectionHeading(ctx, section)
  // A refusal with no field to stand by (no member, the round closed meanwhile) stands at the top.
  const refused = phase === 'open' && member ? null : (Object.values(form.errors)[0] ?? null)
  return (
    <Layout ctx={ctx} title={heading} hasErrors={hasErrors(form)} breadcrumbs={crumbs(ctx, round, heading)}>
      <PageHeading lead={round.title}>{heading}</PageHeading>
      <Phase ctx={ctx} round={round} now={now} />
      <h2 class="kern-heading-medium">{t('contracts.round.draftWording')}</h2>
      <Wording ctx={ctx} text={section.text} />
      {phase === 'open' && member ? (
        <>
          <h2 class="kern-heading-medium">{t('contracts.round.formTitle')}</h2>
          <p class="kern-body">
            {t('contracts.round.asMember', {
              name: member.name,
              organisation: member.organisationName ?? '–',
            })}
          </p>
          <Form ctx={ctx} action={ctx.href(contractSectionHref(section.id))}>
            <f.Summary />
            <f.Textarea
              name="body"
              rows={5}
              label={t('contracts.round.body')}
              hint={t('contracts.round.bodyHint')}
            />
            <f.Textarea
              name="proposedText"
              optional
              rows={6}
              label={t('contracts.round.proposedText')}
              hint={t('contracts.round.proposedTextHint')}
            />
            <Button>{t('contracts.round.submit')}</Button>
          </Form>
        </>
      ) : (
        <>
          {refused ? <Alert kind="danger" title={refused} /> : null}
          {phase === 'open' ? (
            <p class="kern-body">
              {t('contracts.round.membersOnly')}{' '}
              {ctx.user ? null : (
                <a
                  class="kern-link"
                  href={ctx.href(`/anmelden?next=${encodeURIComponent(contractSectionHref(section.id))}`)}
                >
                  {t('contracts.round.signIn')}
                </a>
              )}
            </p>
          ) : refused ? null : (
            <Alert kind="info" title={t('contracts.round.closedNote')} />
          )}
        </>
      )}
      {own.length ? (
        <>
          <h2 class="kern-heading-medium">{t('contracts.round.own')}</h2>
          {own.map((c, i) => (
            <ContractCommentView
              key={c.id}
              ctx={ctx}
              section={section}
              comment={c}
              n={i + 1}
              showAnswer={!!round.publishedAt}
              headingLevel={3}
            />
          ))}
        </>
      ) : null}
    </Layout>
  )
}

// ── The ministry's screens ──────────────────────────────────────────────────

/** The form opening a round, on the staff page of a contract in negotiation. */
export function OpenRoundForm({
  ctx,
  contractId,
  rounds,
  form,
}: {
  ctx: PageContext
  contractId: string
  rounds: readonly ContractRoundRow[]
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  return (
    <>
      <h2 class="kern-heading-medium">{t('contracts.staff.round.title')}</h2>
      {rounds.length ? (
        <ul class="kern-list">
          {rounds.map((r) => (
            <li key={r.id}>
              <a class="kern-link" href={ctx.href(`${STAFF_CONTRACT_ROUNDS}/${r.id}`)}>
                {r.title}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <Form ctx={ctx} action={ctx.href(`${DESK}/${contractId}/kommentierung`)}>
        <f.Summary />
        <p class="kern-body">{t('contracts.staff.round.hint')}</p>
        <f.Text name="roundTitle" label={t('contracts.staff.round.fieldTitle')} />
        <f.Date name="opensAt" withTime label={t('contracts.staff.round.opensAt')} />
        <f.Date name="closesAt" withTime label={t('contracts.staff.round.closesAt')} />
        <Button>{t('contracts.staff.round.submitOpen')}</Button>
      </Form>
    </>
  )
}

/** A round on the ministry's side: every comment with its answer state, the actions of the round. */
export function StaffContractRoundPage({
  ctx,
  details,
  now,
  form = emptyForm,
}: {
  ctx: PageContext
  details: ContractRoundDetails
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
        { href: DESK, label: t('contracts.staff.title') },
        { href: `${DESK}/${round.contractId}`, label: round.topic },
        { label: round.title },
      ]}
    >
      <PageHeading lead={t('contracts.round.onContract', { partner: round.partnerName, topic: round.topic })}>
        {round.title}
      </PageHeading>
      <Phase ctx={ctx} round={round} now={now} />
      <p class="kern-body">
        <a class="kern-link" href={ctx.href(`${CONTRACT_ROUNDS}/${round.id}`)}>
          {t('contracts.staff.round.publicPage')}
        </a>
      </p>
      {phase === 'open' || phase === 'upcoming' ? (
        <Form ctx={ctx} action={ctx.href(`${STAFF_CONTRACT_ROUNDS}/${round.id}/beenden`)}>
          <Button variant="secondary">{t('contracts.staff.round.closeNow')}</Button>
        </Form>
      ) : null}
      {phase !== 'published' ? (
        <Form ctx={ctx} action={ctx.href(`${STAFF_CONTRACT_ROUNDS}/${round.id}/veroeffentlichen`)}>
          <f.Summary />
          <p class="kern-body">{t('contracts.staff.round.publishHint')}</p>
          <Button>{t('contracts.staff.round.publish')}</Button>
        </Form>
      ) : null}
      {sections.map((s) => (
        <section key={s.section.id} class="plan-field" aria-labelledby={`abschnitt-${s.section.id}`}>
          <h2 class="kern-heading-medium" id={`abschnitt-${s.section.id}`}>
            {sectionHeading(ctx, s.section)}
          </h2>
          <Wording ctx={ctx} text={s.section.text} />
          <p class="kern-body">{t('contracts.round.comments', { count: s.comments.length })}</p>
          {s.comments.map((c, i) => (
            <div key={c.id}>
              <ContractCommentView
                ctx={ctx}
                section={s.section}
                comment={c}
                n={i + 1}
                showAnswer
                headingLevel={3}
              />
              {c.answer ? null : (
                <p class="kern-body kern-body--bold">{t('contracts.staff.round.unanswered')}</p>
              )}
              {phase !== 'published' ? (
                <p class="kern-body">
                  <a class="kern-link" href={ctx.href(`${STAFF_CONTRACT_COMMENTS}/${c.id}`)}>
                    {t('contracts.staff.round.answerLink', { n: i + 1 })}
                  </a>
                </p>
              ) : null}
            </div>
          ))}
          {phase === 'closed' || phase === 'published' ? (
            <p class="kern-body">
              <a class="kern-link" href={ctx.href(`${STAFF_CONTRACT_ROUNDS}/abschnitte/${s.section.id}`)}>
                {t('contracts.staff.round.reviseLink', { heading: sectionHeading(ctx, s.section) })}
              </a>
            </p>
          ) : null}
        </section>
      ))}
    </Layout>
  )
}

export function ContractAnswerPage({
  ctx,
  round,
  section,
  comment,
  n,
  form,
}: {
  ctx: PageContext
  round: ContractRoundRow
  section: ContractRoundSection
  comment: ContractComment
  n: number
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  return (
    <Layout
      ctx={ctx}
      title={t('contracts.staff.answer.title')}
      hasErrors={hasErrors(form)}
      breadcrumbs={[
        { href: DESK, label: t('contracts.staff.title') },
        { href: `${STAFF_CONTRACT_ROUNDS}/${round.id}`, label: round.title },
        { label: t('contracts.staff.answer.title') },
      ]}
    >
      <PageHeading lead={sectionHeading(ctx, section)}>{t('contracts.staff.answer.title')}</PageHeading>
      <ContractCommentView
        ctx={ctx}
        section={section}
        comment={comment}
        n={n}
        showAnswer={false}
        headingLevel={2}
      />
      <Form ctx={ctx} action={ctx.href(`${STAFF_CONTRACT_COMMENTS}/${comment.id}`)}>
        <f.Summary />
        <f.Radios
          name="answer"
          label={t('contracts.staff.answer.answer')}
          options={ROUND_ANSWERS.map((a) => ({ value: a, label: t(`contracts.round.answer.${a}`) }))}
        />
        <f.Textarea
          name="reason"
          rows={5}
          label={t('contracts.staff.answer.reason')}
          hint={t('contracts.staff.answer.reasonHint')}
        />
        <Button>{t('contracts.staff.answer.submit')}</Button>
      </Form>
    </Layout>
  )
}

export function ContractRevisePage({
  ctx,
  round,
  section,
  comments,
  form,
}: {
  ctx: PageContext
  round: ContractRoundRow
  section: ContractRoundSection
  comments: readonly ContractComment[]
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  return (
    <Layout
      ctx={ctx}
      title={t('contracts.staff.revise.title')}
      hasErrors={hasErrors(form)}
      breadcrumbs={[
        { href: DESK, label: t('contracts.staff.title') },
        { href: `${STAFF_CONTRACT_ROUNDS}/${round.id}`, label: round.title },
        { label: t('contracts.staff.revise.title') },
      ]}
    >
      <PageHeading lead={sectionHeading(ctx, section)}>{t('contracts.staff.revise.title')}</PageHeading>
      <h2 class="kern-heading-medium">{t('contracts.round.draftWording')}</h2>
      <Wording ctx={ctx} text={section.text} />
      <Form ctx={ctx} action={ctx.href(`${STAFF_CONTRACT_ROUNDS}/abschnitte/${section.id}`)}>
        <f.Summary />
        <f.Textarea
          name="text"
          rows={8}
          label={t('contracts.staff.revise.text')}
          hint={t('contracts.staff.revise.textHint')}
        />
        {comments.length ? (
          <f.Checkboxes
            name="commentIds"
            optional
            label={t('contracts.staff.revise.comments')}
            options={comments.map((c, i) => ({
              value: c.id,
              label: `${t('contracts.round.commentHeading', { n: i + 1 })}: ${c.body.slice(0, 120)}`,
            }))}
          />
        ) : (
          <p class="kern-body">{t('contracts.staff.revise.noComments')}</p>
        )}
        <Button>{t('contracts.staff.revise.submit')}</Button>
      </Form>
    </Layout>
  )
}

import type { PageContext } from '../../../../platform/http/context'
import { formatDate, germanContent, type MessageKey } from '../../../../platform/i18n'
import { PageHeading } from '../../../../platform/ui/components'
import { Layout } from '../../../../platform/ui/layout'
import { day } from '../../bodies-and-members/views/public'
import type { councils, meetings, papers } from '../../tables'
import type { CouncilFileRow } from '../manage-files'
import { FileList } from './files'

type Meeting = typeof meetings.$inferSelect
type Council = typeof councils.$inferSelect
type Paper = typeof papers.$inferSelect

/** The message of an agenda item's stored result (agenda_items.result). */
const RESULT_KEYS: Readonly<Record<string, MessageKey>> = {
  adopted: 'meetings.result.adopted',
  rejected: 'meetings.result.rejected',
  elected: 'meetings.result.elected',
  withdrawn: 'meetings.result.withdrawn',
}

export function PaperPage({
  ctx,
  paper,
  council,
  related,
  consultations,
  resolutions,
  files = [],
  canManage = false,
}: {
  ctx: PageContext
  paper: Paper
  council: Council
  related: Paper | null
  consultations: readonly { meeting: Meeting; title: string; result: string | null }[]
  resolutions: readonly Paper[]
  files?: readonly CouncilFileRow[]
  canManage?: boolean
}) {
  const { t } = ctx
  const title = `${t(`meetings.paper.kind.${paper.kind}`)} ${paper.reference}: ${paper.title}`
  return (
    <Layout ctx={ctx} title={title}>
      <PageHeading lead={council.name}>
        {t(`meetings.paper.kind.${paper.kind}`)} <bdi dir="ltr">{paper.reference}</bdi>:{' '}
        <span {...germanContent(ctx.locale)}>{paper.title}</span>
      </PageHeading>
      <p class="kern-body">
        {t('meetings.paper.date', { date: day(ctx, paper.date) })}
        {paper.submittedByText ? (
          <>
            <br />
            {t('meetings.paper.submittedBy', { by: paper.submittedByText })}
          </>
        ) : null}
        {paper.withdrawnAt ? (
          <>
            <br />
            <strong>
              {t('councils.papers.withdrawnOn', { date: formatDate(ctx.locale, paper.withdrawnAt) })}
            </strong>
          </>
        ) : null}
        {paper.resolutionNumber ? (
          <>
            <br />
            {t('meetings.paper.resolutionNumber', { number: paper.resolutionNumber })}
          </>
        ) : null}
        {related ? (
          <>
            <br />
            <a class="kern-link" href={ctx.href(`/vorlagen/${related.id}`)}>
              {t('meetings.paper.related', { title: `${related.reference} ${related.title}` })}
            </a>
          </>
        ) : null}
      </p>
      {ctx.can('councils.manage') || ctx.can('councils.manageOwn') ? (
        <p class="kern-body">
          <a class="kern-link" href={ctx.href(`/verwaltung/vorlagen/${paper.id}`)}>
            {t('councils.papers.edit')}
          </a>
        </p>
      ) : null}
      {paper.body ? <p class="kern-body paper-text">{paper.body}</p> : null}
      {files.length || canManage ? <h2 class="kern-heading-medium">{t('councils.files.title')}</h2> : null}
      <FileList ctx={ctx} files={files} label={t('councils.files.title')} />
      {canManage ? (
        <p class="kern-body">
          <a class="kern-link" href={ctx.href(`/verwaltung/vorlagen/${paper.id}/dateien`)}>
            {t('councils.files.paperLink', { reference: paper.reference })}
          </a>
        </p>
      ) : null}
      {resolutions.length ? (
        <>
          <h2 class="kern-heading-medium">{t('meetings.paper.resolutions')}</h2>
          <ul class="kern-list">
            {resolutions.map((r) => (
              <li key={r.id}>
                <a class="kern-link" href={ctx.href(`/vorlagen/${r.id}`)}>
                  {r.reference}: {r.title}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 class="kern-heading-medium">{t('meetings.paper.consultations')}</h2>
      {consultations.length === 0 ? (
        <p class="kern-body">{t('meetings.paper.noConsultations')}</p>
      ) : (
        <ul class="kern-list">
          {consultations.map((c) => (
            <li key={c.meeting.id}>
              <a class="kern-link" href={ctx.href(`/sitzungen/${c.meeting.id}`)}>
                {formatDate(ctx.locale, c.meeting.startsAt, true)}: {c.meeting.title}
              </a>
              {c.result && RESULT_KEYS[c.result] ? ` – ${t(RESULT_KEYS[c.result]!)}` : ''}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  )
}

import type { PageContext } from '../../../../platform/http/context'
import { formatDate, germanContent } from '../../../../platform/i18n'
import { Alert, PageHeading, Table } from '../../../../platform/ui/components'
import { Layout } from '../../../../platform/ui/layout'
import type { CouncilFileRow } from '../../papers-and-files/manage-files'
import { FileList } from '../../papers-and-files/views/files'
import { bodyPath, quorumNeeded } from '../../rules'
import type { councils, meetings } from '../../tables'
import type { agendaOf } from '../manage-meetings'
import type { electionsOf } from '../record-election'

type Meeting = typeof meetings.$inferSelect
type Council = typeof councils.$inferSelect
export type AgendaRow = Awaited<ReturnType<typeof agendaOf>>[number]
export type ElectionRow = Awaited<ReturnType<typeof electionsOf>>[number]
export interface Quorum {
  members: number
  present: number
  percent: number
  reached: boolean
}

export function bodyHref(council: Pick<Council, 'id' | 'kind'>): string {
  return bodyPath(council)
}

function where(m: Meeting): string {
  return [m.locationName, m.locationAddress].filter(Boolean).join(', ')
}

export function CalendarPage({
  ctx,
  rows,
  now,
}: {
  ctx: PageContext
  rows: readonly { meeting: Meeting; council: Council }[]
  now: Date
}) {
  const { t } = ctx
  const upcoming = rows.filter((r) => r.meeting.startsAt >= now).reverse()
  const past = rows.filter((r) => r.meeting.startsAt < now)
  // Each table sits right under the heading that names it: the caption is for screen readers only.
  const table = (list: typeof rows, caption: string) => (
    <Table
      caption={caption}
      captionHidden
      rows={list}
      rowKey={(r) => r.meeting.id}
      columns={[
        { header: t('meetings.col.date'), cell: (r) => formatDate(ctx.locale, r.meeting.startsAt, true) },
        {
          header: t('meetings.col.title'),
          cell: (r) => (
            <a class="kern-link" href={ctx.href(`/sitzungen/${r.meeting.id}`)}>
              {r.meeting.title}
            </a>
          ),
        },
        { header: t('meetings.col.body'), cell: (r) => r.council.name },
        { header: t('meetings.col.place'), cell: (r) => where(r.meeting) },
        { header: t('meetings.col.state'), cell: (r) => t(`meetings.state.${r.meeting.state}`) },
      ]}
    />
  )
  return (
    <Layout ctx={ctx} title={t('meetings.calendar.title')}>
      <PageHeading lead={t('meetings.calendar.lead')}>{t('meetings.calendar.title')}</PageHeading>
      <h2 class="kern-heading-medium">{t('meetings.calendar.upcoming')}</h2>
      {upcoming.length ? (
        table(upcoming, t('meetings.calendar.upcoming'))
      ) : (
        <p class="kern-body">{t('councils.meetings.none')}</p>
      )}
      <h2 class="kern-heading-medium">{t('meetings.calendar.past')}</h2>
      {past.length ? (
        table(past, t('meetings.calendar.past'))
      ) : (
        <p class="kern-body">{t('councils.meetings.none')}</p>
      )}
    </Layout>
  )
}

export function ItemResult({ ctx, row }: { ctx: PageContext; row: AgendaRow }) {
  const { t } = ctx
  if (!row.vote && row.item.result === 'withdrawn')
    return <p class="kern-body">{t('meetings.agenda.result', { result: t('meetings.result.withdrawn') })}</p>
  if (!row.vote) return null
  return (
    <p class="kern-body">
      <strong>
        {t('meetings.agenda.result', {
          result: t(row.vote.adopted ? 'meetings.result.adopted' : 'meetings.result.rejected'),
        })}
      </strong>{' '}
      {t('meetings.agenda.tally', {
        yes: row.vote.yes,
        no: row.vote.no,
        abstain: row.vote.abstain,
        rule: t(`meetings.rule.${row.vote.majorityRule}`),
      })}
    </p>
  )
}

export function ElectionResult({ ctx, rows }: { ctx: PageContext; rows: readonly ElectionRow[] }) {
  const { t } = ctx
  if (rows.length === 0) return null
  const sorted = [...rows].sort((a, b) => b.votes - a.votes)
  return (
    <Table
      caption={`${t('meetings.election.title')}: ${t(`councils.role.${sorted[0]!.role}`)}`}
      rows={sorted}
      rowKey={(r) => `${r.givenName}-${r.familyName}-${r.votes}`}
      columns={[
        { header: t('meetings.election.candidate'), cell: (r) => `${r.givenName} ${r.familyName}` },
        { header: t('meetings.election.votes'), cell: (r) => r.votes, numeric: true },
        {
          header: t('meetings.election.title'),
          cell: (r) => t(r.elected ? 'meetings.election.elected' : 'meetings.election.notElected'),
        },
      ]}
    />
  )
}

export function MeetingPage({
  ctx,
  meeting,
  council,
  agenda,
  quorum,
  canManage,
  elections = [],
  paperFiles = new Map(),
  minutesFiles = [],
}: {
  ctx: PageContext
  meeting: Meeting
  council: Council
  agenda: readonly AgendaRow[]
  quorum: Quorum
  canManage: boolean
  elections?: readonly ElectionRow[]
  /** Files of the agenda's papers, by paper id. */
  paperFiles?: ReadonlyMap<string, readonly CouncilFileRow[]>
  /** Files of the published minutes. */
  minutesFiles?: readonly CouncilFileRow[]
}) {
  const { t } = ctx
  const minutesPublic = meeting.minutesState === 'published'
  return (
    <Layout
      ctx={ctx}
      title={meeting.title}
      breadcrumbs={[{ href: '/sitzungen', label: t('meetings.calendar.title') }, { label: meeting.title }]}
    >
      <PageHeading lead={formatDate(ctx.locale, meeting.startsAt, true)}>
        <span {...germanContent(ctx.locale)}>{meeting.title}</span>
      </PageHeading>
      {meeting.state === 'cancelled' ? (
        <Alert kind="warning" title={t('meetings.meeting.cancelledNotice')} />
      ) : null}
      <p class="kern-body">
        <a class="kern-link" href={ctx.href(bodyHref(council))}>
          {t('meetings.meeting.body', { name: council.name })}
        </a>
        <br />
        {t('meetings.meeting.when', { date: formatDate(ctx.locale, meeting.startsAt, true) })}
        {where(meeting) ? (
          <>
            <br />
            {t('meetings.meeting.where', { place: where(meeting) })}
          </>
        ) : null}
        <br />
        {t('meetings.col.state')}: {t(`meetings.state.${meeting.state}`)}
      </p>
      {quorum.present > 0 ? (
        <p class="kern-body">
          {t('meetings.meeting.quorum', {
            present: quorum.present,
            members: quorum.members,
            needed: quorumNeeded(quorum.members, quorum.percent),
            state: t(quorum.reached ? 'meetings.meeting.quorumYes' : 'meetings.meeting.quorumNo'),
          })}
        </p>
      ) : null}
      <p class="kern-body">
        <a class="kern-link" href={`${ctx.href(`/sitzungen/${meeting.id}`)}/kalender.ics`}>
          {t('meetings.icalMeeting')}
        </a>
        {canManage ? (
          <>
            {' · '}
            <a class="kern-link" href={ctx.href(`/verwaltung/sitzungen/${meeting.id}`)}>
              {t('meetings.staff.manage')}
            </a>
          </>
        ) : null}
      </p>
      <h2 class="kern-heading-medium">{t('meetings.agenda.title')}</h2>
      {agenda.length === 0 ? <p class="kern-body">{t('meetings.agenda.none')}</p> : null}
      <ol class="kern-list agenda">
        {agenda.map((row) => (
          <li key={row.item.id}>
            <h3 class="kern-heading-small">
              <span {...germanContent(ctx.locale)}>{row.item.title}</span>
              {row.item.public ? '' : ` (${t('meetings.agenda.nonPublic')})`}
            </h3>
            {row.paper ? (
              <p class="kern-body">
                <a class="kern-link" href={ctx.href(`/vorlagen/${row.paper.id}`)}>
                  {t(`meetings.paper.kind.${row.paper.kind}`)}{' '}
                  {t('meetings.agenda.paper', { reference: row.paper.reference })}
                </a>
              </p>
            ) : null}
            {row.paper ? (
              <FileList
                ctx={ctx}
                files={paperFiles.get(row.paper.id) ?? []}
                label={t('councils.files.listLabel', { title: row.paper.reference })}
              />
            ) : null}
            <ItemResult ctx={ctx} row={row} />
            <ElectionResult ctx={ctx} rows={elections.filter((e) => e.agendaItemId === row.item.id)} />
            {minutesPublic && row.item.minutes ? (
              <div class="kern-body">
                <strong>{t('meetings.agenda.minutes')}:</strong> {row.item.minutes}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      <h2 class="kern-heading-medium">{t('meetings.minutes.title')}</h2>
      <p class="kern-body">{t(minutesPublic ? 'meetings.minutes.published' : 'meetings.minutes.notYet')}</p>
      {minutesPublic ? (
        <FileList
          ctx={ctx}
          files={minutesFiles}
          label={t('councils.files.listLabel', { title: t('meetings.minutes.title') })}
          minutes
        />
      ) : null}
    </Layout>
  )
}

import type { PageContext } from '../../../../platform/http/context'
import { PageHeading, Table } from '../../../../platform/ui/components'
import { Layout } from '../../../../platform/ui/layout'
import type { agahBodies, MemberRow } from '../../bodies-and-members/find-councils'
import { MeetingList, MembersTable, personName } from '../../bodies-and-members/views/public'
import type { meetings } from '../../tables'
import type { stateSeats } from '../find-agah'

type Meeting = typeof meetings.$inferSelect

/** The public page of the agah: its plenary's meetings, board, delegates and seats in state bodies. */
export function AgahPage({
  ctx,
  bodies,
  board,
  delegates,
  memberCount,
  seats,
  meetings,
}: {
  ctx: PageContext
  bodies: Awaited<ReturnType<typeof agahBodies>>
  board: readonly MemberRow[]
  delegates: readonly MemberRow[]
  memberCount: number
  seats: Awaited<ReturnType<typeof stateSeats>>
  meetings: readonly Meeting[]
}) {
  const { t } = ctx
  const plenary = bodies.plenary
  return (
    <Layout ctx={ctx} title={t('councils.agah.title')}>
      <PageHeading lead={t('councils.agah.lead')}>{t('councils.agah.title')}</PageHeading>
      {!plenary ? (
        <p class="kern-body">{t('councils.agah.missing')}</p>
      ) : (
        <>
          <p class="kern-body">
            {t('councils.agah.settings', {
              delegates: plenary.delegatesPerCouncil,
              quorum: plenary.quorumPercent,
            })}
          </p>
          {ctx.can('councils.manage') ? (
            <p class="kern-body">
              <a class="kern-link" href={ctx.href(`/verwaltung/beiraete/${plenary.id}`)}>
                {t('councils.staff.manage')}
              </a>
            </p>
          ) : null}
          <h2 class="kern-heading-medium">{t('councils.meetings.title')}</h2>
          <MeetingList ctx={ctx} meetings={meetings} />
          <p class="kern-body">
            <a class="kern-link" href="/agah/kalender.ics">
              {t('meetings.ical')}
            </a>
          </p>
          <h2 class="kern-heading-medium">{t('councils.agah.board')}</h2>
          <MembersTable ctx={ctx} members={board} caption={t('councils.agah.boardCaption')} />
          <h2 class="kern-heading-medium">{t('councils.agah.members')}</h2>
          <p class="kern-body">
            {t('councils.agah.membersCount', { count: memberCount })}{' '}
            <a class="kern-link" href={ctx.href('/beiraete')}>
              {t('nav.councils')}
            </a>
          </p>
          <h2 class="kern-heading-medium">{t('councils.agah.delegates')}</h2>
          <MembersTable
            ctx={ctx}
            members={delegates}
            caption={t('councils.agah.delegatesCaption')}
            showDelegatedBy
          />
          <h2 class="kern-heading-medium">{t('councils.agah.seats')}</h2>
          <Table
            caption={t('councils.agah.seatsCaption')}
            rows={seats}
            rowKey={(s) => s.id}
            columns={[
              { header: t('councils.agah.seatBody'), cell: (s) => s.bodyName },
              { header: t('councils.seats.seat'), cell: (s) => s.seat ?? '' },
              {
                header: t('councils.agah.seatHolder'),
                cell: (s) => (s.familyName ? personName(s) : t('councils.agah.vacant')),
              },
            ]}
          />
        </>
      )}
    </Layout>
  )
}

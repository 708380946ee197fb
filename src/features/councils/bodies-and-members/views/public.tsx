import type { PageContext } from '../../../../platform/http/context'
import { formatDate } from '../../../../platform/i18n'
import { PageHeading, Table } from '../../../../platform/ui/components'
import { Button, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { places } from '../../../directory/public'
import type { councils, councilTerms, meetings } from '../../tables'
import type { CouncilRow, MemberRow } from '../find-councils'

type Council = typeof councils.$inferSelect
type Term = typeof councilTerms.$inferSelect
type Meeting = typeof meetings.$inferSelect

export function day(ctx: PageContext, iso: string): string {
  return formatDate(ctx.locale, new Date(`${iso}T12:00:00Z`))
}

/** The dl-de/by-2-0 attribution of the territorial reference data, shown wherever it appears. */
export function PlacesAttribution({ ctx }: { ctx: PageContext }) {
  return (
    <aside aria-labelledby="attribution-title">
      <h2 class="kern-heading-small" id="attribution-title">
        {ctx.t('councils.attribution.title')}
      </h2>
      <p class="kern-body kern-body--small">
        <a class="kern-link" href="http://www.bkg.bund.de">
          {ctx.t('councils.attribution.geo')}
        </a>
        . {ctx.t('councils.attribution.census')}.{' '}
        <a class="kern-link" href="https://www.govdata.de/dl-de/by-2-0">
          {ctx.t('councils.attribution.licence')}
        </a>
      </p>
    </aside>
  )
}

export function CouncilDirectoryPage({
  ctx,
  form,
  rows,
}: {
  ctx: PageContext
  form: FormState
  rows: readonly CouncilRow[]
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  return (
    <Layout ctx={ctx} title={t('councils.directory.title')}>
      <PageHeading lead={t('councils.directory.lead')}>{t('councils.directory.title')}</PageHeading>
      <form method="get" action={ctx.href('/beiraete')} class="filter-form">
        <f.Text name="q" type="search" optional label={t('councils.search.label')} />
        <Button variant="secondary">{t('councils.search.submit')}</Button>
      </form>
      <p class="kern-body" role="status">
        {rows.length === 0 ? t('councils.search.none') : t('councils.search.count', { count: rows.length })}
      </p>
      {rows.length > 0 ? (
        <Table
          caption={t('councils.caption')}
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            {
              header: t('councils.col.name'),
              cell: (r) => (
                <a class="kern-link" href={ctx.href(`/beiraete/${r.id}`)}>
                  {r.name}
                </a>
              ),
            },
            { header: t('councils.col.kind'), cell: (r) => t(`councils.kind.${r.kind}`) },
            { header: t('councils.col.place'), cell: (r) => r.placeName ?? '' },
            { header: t('councils.col.district'), cell: (r) => r.districtName ?? '' },
            { header: t('councils.col.agah'), cell: (r) => t(r.agahMember ? 'councils.yes' : 'councils.no') },
          ]}
        />
      ) : null}
      <PlacesAttribution ctx={ctx} />
    </Layout>
  )
}

function contact(m: MemberRow): string {
  if (!m.consent) return ''
  return [m.email, m.phone].filter(Boolean).join(', ')
}

export function personName(m: {
  honorificPrefix?: string | null
  givenName: string | null
  familyName: string | null
}) {
  return [m.honorificPrefix, m.givenName, m.familyName].filter(Boolean).join(' ')
}

export function MembersTable({
  ctx,
  members,
  caption,
  showDelegatedBy,
  showOrganisation,
}: {
  ctx: PageContext
  members: readonly MemberRow[]
  caption: string
  showDelegatedBy?: boolean
  /** Integration conference: the organisation each person represents (or the body that sends them). */
  showOrganisation?: boolean
}) {
  const { t } = ctx
  if (members.length === 0) return <p class="kern-body">{t('councils.members.none')}</p>
  return (
    <Table
      caption={caption}
      rows={members}
      rowKey={(m) => m.membershipId}
      columns={[
        { header: t('councils.members.name'), cell: (m) => personName(m) },
        { header: t('councils.members.role'), cell: (m) => t(`councils.role.${m.role}`) },
        ...(showDelegatedBy
          ? [{ header: t('councils.members.delegatedBy'), cell: (m: MemberRow) => m.delegatedByName ?? '' }]
          : []),
        ...(showOrganisation
          ? [
              {
                header: t('councils.members.organisation'),
                cell: (m: MemberRow) => m.organisationName ?? m.delegatedByName ?? '',
              },
            ]
          : []),
        { header: t('councils.members.since'), cell: (m) => day(ctx, m.startsOn) },
        { header: t('councils.members.contact'), cell: (m) => contact(m) },
      ]}
    />
  )
}

export function MeetingList({ ctx, meetings }: { ctx: PageContext; meetings: readonly Meeting[] }) {
  if (meetings.length === 0) return <p class="kern-body">{ctx.t('councils.meetings.none')}</p>
  return (
    <ul class="kern-list">
      {meetings.map((m) => (
        <li key={m.id}>
          <a class="kern-link" href={ctx.href(`/sitzungen/${m.id}`)}>
            {formatDate(ctx.locale, m.startsAt, true)}: {m.title}
          </a>
          {m.state === 'cancelled' ? ` (${ctx.t('meetings.state.cancelled')})` : ''}
        </li>
      ))}
    </ul>
  )
}

export function CouncilPage({
  ctx,
  council,
  place,
  districtName,
  terms,
  members,
  meetings,
}: {
  ctx: PageContext
  council: Council
  place: typeof places.$inferSelect | null
  districtName: string | null
  terms: readonly Term[]
  members: readonly MemberRow[]
  meetings: readonly Meeting[]
}) {
  const { t } = ctx
  const term = terms[0]
  const conference = council.kind === 'integrationskonferenz'
  return (
    <Layout
      ctx={ctx}
      title={council.name}
      breadcrumbs={[
        conference
          ? { href: '/integrationsplan', label: t('nav.plan') }
          : { href: '/beiraete', label: t('nav.councils') },
        { label: council.name },
      ]}
    >
      <PageHeading lead={t(`councils.kind.${council.kind}`)}>{council.name}</PageHeading>
      {place ? (
        <p class="kern-body">
          {t('councils.council.place', {
            place:
              districtName && districtName !== place.name ? `${place.name} (${districtName})` : place.name,
          })}
          {place.population ? (
            <>
              <br />
              {t('councils.council.population', {
                count: new Intl.NumberFormat(ctx.locale).format(place.population),
              })}
            </>
          ) : null}
        </p>
      ) : null}
      <p class="kern-body">
        {term
          ? t('councils.council.term', {
              from: day(ctx, term.startsOn),
              until: day(ctx, term.endsOn),
              seats: term.seats,
            })
          : t('councils.council.noTerm')}
      </p>
      {ctx.can('councils.manage') || ctx.can('councils.manageOwn') ? (
        <p class="kern-body">
          <a class="kern-link" href={ctx.href(`/verwaltung/beiraete/${council.id}`)}>
            {t('councils.staff.manage')}
          </a>
        </p>
      ) : null}
      <h2 class="kern-heading-medium">{t('councils.members.title')}</h2>
      <MembersTable
        ctx={ctx}
        members={members}
        caption={t('councils.members.caption')}
        showOrganisation={conference}
      />
      {conference ? (
        <p class="kern-body">
          <a class="kern-link" href={ctx.href('/integrationsplan/kommentierung')}>
            {t('councils.conference.rounds')}
          </a>
        </p>
      ) : null}
      <h2 class="kern-heading-medium">{t('councils.meetings.title')}</h2>
      <MeetingList ctx={ctx} meetings={meetings} />
      <p class="kern-body">
        <a class="kern-link" href={`/beiraete/${council.id}/kalender.ics`}>
          {t('meetings.ical')}
        </a>
      </p>
      {place ? <PlacesAttribution ctx={ctx} /> : null}
    </Layout>
  )
}

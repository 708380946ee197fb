import type { PageContext } from '../../../../platform/http/context'
import { formatDate } from '../../../../platform/i18n'
import { Alert, PageHeading, Table } from '../../../../platform/ui/components'
import {
  Button,
  Checkboxes,
  DateInput,
  ErrorSummary,
  emptyForm,
  Form,
  type FormState,
  Radios,
  Select,
  Textarea,
  TextInput,
} from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { MemberRow } from '../../bodies-and-members/find-councils'
import { day } from '../../bodies-and-members/views/public'
import type { CouncilFileRow } from '../../papers-and-files/manage-files'
import { FileList } from '../../papers-and-files/views/files'
import { quorumNeeded } from '../../rules'
import { type councils, MAJORITY_RULES, MEMBER_ROLES, type meetings, type papers } from '../../tables'
import type { agendaOf } from '../manage-meetings'
import type { electionsOf } from '../record-election'

type Meeting = typeof meetings.$inferSelect
type Council = typeof councils.$inferSelect
type Paper = typeof papers.$inferSelect
export type AgendaRow = Awaited<ReturnType<typeof agendaOf>>[number]
export type ElectionRow = Awaited<ReturnType<typeof electionsOf>>[number]
export interface Quorum {
  members: number
  present: number
  percent: number
  reached: boolean
}

export function bodyHref(council: Pick<Council, 'id' | 'kind'>): string {
  return council.kind === 'agah' || council.kind === 'agah_board' ? '/agah' : `/beiraete/${council.id}`
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
  const table = (list: typeof rows, caption: string) => (
    <Table
      caption={caption}
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

function ItemResult({ ctx, row }: { ctx: PageContext; row: AgendaRow }) {
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

function ElectionResult({ ctx, rows }: { ctx: PageContext; rows: readonly ElectionRow[] }) {
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
      <PageHeading lead={formatDate(ctx.locale, meeting.startsAt, true)}>{meeting.title}</PageHeading>
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
              {row.item.title}
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
      <PageHeading lead={council.name}>{title}</PageHeading>
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
              {c.result ? ` – ${t(`meetings.result.${c.result}`)}` : ''}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  )
}

export function NewMeetingPage({
  ctx,
  council,
  form,
}: {
  ctx: PageContext
  council: Council
  form: FormState
}) {
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t('meetings.staff.new')} hasErrors={Object.keys(form.errors).length > 0}>
      <PageHeading lead={council.name}>{t('meetings.staff.new')}</PageHeading>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={ctx.href(`/verwaltung/beiraete/${council.id}/sitzungen`)}>
        <TextInput ctx={ctx} form={form} name="title" label={t('meetings.staff.title')} />
        <DateInput ctx={ctx} form={form} name="startsAt" withTime label={t('meetings.staff.startsAt')} />
        <TextInput
          ctx={ctx}
          form={form}
          name="locationName"
          optional
          label={t('meetings.staff.locationName')}
        />
        <TextInput
          ctx={ctx}
          form={form}
          name="locationAddress"
          optional
          label={t('meetings.staff.locationAddress')}
        />
        <Button>{t('meetings.staff.create')}</Button>
      </Form>
    </Layout>
  )
}

export interface StaffForms {
  item: FormState
  attendance: FormState
  vote: FormState
  election: FormState
  minutes: FormState
  actions: FormState
}

export const emptyStaffForms: StaffForms = {
  item: emptyForm,
  attendance: emptyForm,
  vote: emptyForm,
  election: emptyForm,
  minutes: emptyForm,
  actions: emptyForm,
}

export function MeetingStaffPage({
  ctx,
  meeting,
  council,
  agenda,
  members,
  quorum,
  laterMeetings,
  forms,
  presentIds,
  elections = [],
  motions = [],
}: {
  ctx: PageContext
  meeting: Meeting
  council: Council
  agenda: readonly AgendaRow[]
  members: readonly MemberRow[]
  quorum: Quorum
  laterMeetings: readonly Meeting[]
  forms: StaffForms
  presentIds: ReadonlySet<string>
  elections?: readonly ElectionRow[]
  motions?: readonly Paper[]
}) {
  const { t } = ctx
  const title = t('meetings.staff.manageTitle', { title: meeting.title })
  const base = `/verwaltung/sitzungen/${meeting.id}`
  const hasErrors = Object.values(forms).some((f) => Object.keys(f.errors).length > 0)
  const attendanceForm: FormState =
    Object.keys(forms.attendance.errors).length > 0
      ? forms.attendance
      : { values: { present: [...presentIds] }, errors: {} }
  const decided = new Set(elections.map((e) => e.agendaItemId))
  const open = agenda.filter((r) => !r.vote && !decided.has(r.item.id))
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={hasErrors}
      breadcrumbs={[
        { href: `/sitzungen/${meeting.id}`, label: meeting.title },
        { label: t('meetings.staff.manage') },
      ]}
    >
      <PageHeading lead={`${council.name}, ${formatDate(ctx.locale, meeting.startsAt, true)}`}>
        {title}
      </PageHeading>
      <p class="kern-body">
        {t('meetings.col.state')}: {t(`meetings.state.${meeting.state}`)}.{' '}
        {t('meetings.staff.minutesState', { state: t(`meetings.minutesState.${meeting.minutesState}`) })}
      </p>
      <ErrorSummary ctx={ctx} form={forms.actions} />
      {meeting.state === 'planned' ? (
        <Form ctx={ctx} action={ctx.href(`${base}/einladen`)}>
          <Button variant="secondary">{t('meetings.staff.invite')}</Button>
        </Form>
      ) : null}
      {meeting.state === 'planned' || meeting.state === 'invited' ? (
        <Form ctx={ctx} action={ctx.href(`${base}/absagen`)}>
          <Button variant="tertiary">{t('meetings.staff.cancel')}</Button>
        </Form>
      ) : null}

      <h2 class="kern-heading-medium">{t('meetings.agenda.title')}</h2>
      {agenda.length === 0 ? <p class="kern-body">{t('meetings.agenda.none')}</p> : null}
      <ol class="kern-list">
        {agenda.map((row) => (
          <li key={row.item.id}>
            {row.item.title}
            {row.item.public ? '' : ` (${t('meetings.agenda.nonPublic')})`}
            {row.paper ? (
              <>
                {' – '}
                <a class="kern-link" href={ctx.href(`/verwaltung/vorlagen/${row.paper.id}`)}>
                  {row.paper.reference}
                </a>
                {' · '}
                <a class="kern-link" href={ctx.href(`/verwaltung/vorlagen/${row.paper.id}/dateien`)}>
                  {t('councils.files.paperLink', { reference: row.paper.reference })}
                </a>
              </>
            ) : null}
            <ItemResult ctx={ctx} row={row} />
            <ElectionResult ctx={ctx} rows={elections.filter((e) => e.agendaItemId === row.item.id)} />
          </li>
        ))}
      </ol>
      <h3 class="kern-heading-small">{t('meetings.staff.addItem')}</h3>
      <ErrorSummary ctx={ctx} form={forms.item} />
      <Form ctx={ctx} action={ctx.href(`${base}/tagesordnung`)}>
        <TextInput ctx={ctx} form={forms.item} name="title" label={t('meetings.staff.itemTitle')} />
        <Textarea ctx={ctx} form={forms.item} name="body" optional label={t('meetings.staff.itemBody')} />
        <TextInput
          ctx={ctx}
          form={forms.item}
          name="submittedBy"
          optional
          label={t('meetings.staff.submittedBy')}
        />
        <Radios
          ctx={ctx}
          form={
            forms.item.values.kind
              ? forms.item
              : { ...forms.item, values: { ...forms.item.values, kind: 'motion' } }
          }
          name="kind"
          label={t('meetings.staff.paperKind')}
          options={(['motion', 'amendment', 'report'] as const).map((k) => ({
            value: k,
            label: t(`meetings.paper.kind.${k}`),
          }))}
        />
        {motions.length > 0 ? (
          <Select
            ctx={ctx}
            form={forms.item}
            name="relatedPaperId"
            optional
            label={t('meetings.staff.relatedPaper')}
            options={motions.map((p) => ({ value: p.id, label: `${p.reference}: ${p.title}` }))}
          />
        ) : null}
        <Radios
          ctx={ctx}
          form={
            forms.item.values.visibility
              ? forms.item
              : { ...forms.item, values: { ...forms.item.values, visibility: 'public' } }
          }
          name="visibility"
          label={t('meetings.staff.visibility')}
          options={[
            { value: 'public', label: t('meetings.staff.public') },
            { value: 'nonPublic', label: t('meetings.staff.nonPublic') },
          ]}
        />
        <Select
          ctx={ctx}
          form={forms.item}
          name="majorityRule"
          label={t('meetings.staff.majorityRule')}
          options={MAJORITY_RULES.map((r) => ({ value: r, label: t(`meetings.rule.${r}`) }))}
        />
        <Button variant="secondary">{t('meetings.staff.addItem')}</Button>
      </Form>

      <h2 class="kern-heading-medium">{t('meetings.staff.attendance')}</h2>
      <p class="kern-body">
        {t('meetings.meeting.quorum', {
          present: quorum.present,
          members: quorum.members,
          needed: quorumNeeded(quorum.members, quorum.percent),
          state: t(quorum.reached ? 'meetings.meeting.quorumYes' : 'meetings.meeting.quorumNo'),
        })}
      </p>
      <ErrorSummary ctx={ctx} form={forms.attendance} />
      <Form ctx={ctx} action={ctx.href(`${base}/anwesenheit`)}>
        <Checkboxes
          ctx={ctx}
          form={attendanceForm}
          name="present"
          label={t('meetings.staff.present')}
          options={members.map((m) => ({
            value: m.personId,
            label: `${m.givenName} ${m.familyName}${m.delegatedByName ? ` (${m.delegatedByName})` : ''}`,
          }))}
        />
        <Button variant="secondary">{t('meetings.staff.saveAttendance')}</Button>
      </Form>

      {open.length > 0 ? (
        <>
          <h2 class="kern-heading-medium">{t('meetings.staff.recordVote')}</h2>
          <ErrorSummary ctx={ctx} form={forms.vote} />
          <Form ctx={ctx} action={ctx.href(`${base}/abstimmung`)}>
            <Select
              ctx={ctx}
              form={forms.vote}
              name="agendaItemId"
              label={t('meetings.agenda.title')}
              options={open.map((r) => ({
                value: r.item.id,
                label: `${t('meetings.staff.vote', { position: r.item.position })}: ${r.item.title}`,
              }))}
            />
            <TextInput
              ctx={ctx}
              form={forms.vote}
              name="yes"
              inputmode="numeric"
              width={4}
              label={t('meetings.staff.yes')}
            />
            <TextInput
              ctx={ctx}
              form={forms.vote}
              name="no"
              inputmode="numeric"
              width={4}
              label={t('meetings.staff.no')}
            />
            <TextInput
              ctx={ctx}
              form={forms.vote}
              name="abstain"
              inputmode="numeric"
              width={4}
              label={t('meetings.staff.abstain')}
            />
            <Button variant="secondary">{t('meetings.staff.recordVote')}</Button>
          </Form>
        </>
      ) : null}

      {open.length > 0 ? (
        <>
          <h2 class="kern-heading-medium">{t('meetings.staff.election')}</h2>
          <p class="kern-body">{t('meetings.staff.electionHint')}</p>
          <ErrorSummary ctx={ctx} form={forms.election} />
          <Form ctx={ctx} action={ctx.href(`${base}/wahl`)}>
            <Select
              ctx={ctx}
              form={forms.election}
              name="electionItem"
              label={t('meetings.agenda.title')}
              options={open.map((r) => ({
                value: r.item.id,
                label: `${t('meetings.staff.vote', { position: r.item.position })}: ${r.item.title}`,
              }))}
            />
            <Select
              ctx={ctx}
              form={forms.election}
              name="role"
              label={t('meetings.election.office')}
              options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`councils.role.${r}`) }))}
            />
            <TextInput
              ctx={ctx}
              form={forms.election}
              name="seats"
              inputmode="numeric"
              width={4}
              label={t('meetings.staff.seats')}
            />
            {members.map((m) => (
              <TextInput
                key={m.personId}
                ctx={ctx}
                form={forms.election}
                name={`candidate_${m.personId}`}
                inputmode="numeric"
                width={4}
                optional
                label={t('meetings.staff.votesFor', { name: `${m.givenName} ${m.familyName}` })}
              />
            ))}
            <Button variant="secondary">{t('meetings.staff.election')}</Button>
          </Form>
        </>
      ) : null}

      <h2 class="kern-heading-medium">{t('meetings.minutes.title')}</h2>
      <p class="kern-body">
        <a class="kern-link" href={ctx.href(`${base}/dateien`)}>
          {t('councils.files.minutesLink')}
        </a>
      </p>
      <ErrorSummary ctx={ctx} form={forms.minutes} />
      {agenda.length > 0 && (meeting.minutesState === 'none' || meeting.minutesState === 'draft') ? (
        <Form ctx={ctx} action={ctx.href(`${base}/niederschrift`)}>
          {agenda.map((row) => (
            <Textarea
              key={row.item.id}
              ctx={ctx}
              form={
                Object.keys(forms.minutes.errors).length
                  ? forms.minutes
                  : { values: { [`minutes_${row.item.id}`]: row.item.minutes ?? '' }, errors: {} }
              }
              name={`minutes_${row.item.id}`}
              optional
              rows={3}
              label={t('meetings.staff.minutes', { position: row.item.position })}
            />
          ))}
          <Button variant="secondary">{t('meetings.staff.saveMinutes')}</Button>
        </Form>
      ) : null}
      {meeting.minutesState === 'draft' && laterMeetings.length > 0 ? (
        <Form ctx={ctx} action={ctx.href(`${base}/genehmigen`)}>
          <Select
            ctx={ctx}
            form={forms.minutes}
            name="approvedAt"
            label={t('meetings.staff.approvedAt')}
            options={laterMeetings.map((m) => ({
              value: m.id,
              label: `${formatDate(ctx.locale, m.startsAt, true)}: ${m.title}`,
            }))}
          />
          <Button variant="secondary">{t('meetings.staff.approve')}</Button>
        </Form>
      ) : null}
      {meeting.minutesState === 'approved' ? (
        <Form ctx={ctx} action={ctx.href(`${base}/veroeffentlichen`)}>
          <Button>{t('meetings.staff.publish')}</Button>
        </Form>
      ) : null}
    </Layout>
  )
}

import type { PageContext } from '../../../../platform/http/context'
import { formatDate, type MessageKey } from '../../../../platform/i18n'
import { PageHeading, SubNav } from '../../../../platform/ui/components'
import { Button, emptyForm, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { MemberRow } from '../../bodies-and-members/find-councils'
import { quorumNeeded } from '../../rules'
import { type councils, MAJORITY_RULES, MEMBER_ROLES, type meetings, type papers } from '../../tables'
import { type AgendaRow, ElectionResult, type ElectionRow, ItemResult, type Quorum } from './public'

type Meeting = typeof meetings.$inferSelect
type Council = typeof councils.$inferSelect
type Paper = typeof papers.$inferSelect

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
  const f = fields(ctx, form)
  return (
    <Layout ctx={ctx} title={t('meetings.staff.new')}>
      <PageHeading lead={council.name}>{t('meetings.staff.new')}</PageHeading>
      <f.Summary />
      <Form ctx={ctx} action={ctx.href(`/verwaltung/beiraete/${council.id}/sitzungen`)}>
        <f.Text name="title" label={t('meetings.staff.title')} />
        <f.Date name="startsAt" withTime label={t('meetings.staff.startsAt')} />
        <f.Text name="locationName" optional label={t('meetings.staff.locationName')} />
        <f.Text name="locationAddress" optional label={t('meetings.staff.locationAddress')} />
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

/**
 * The sub-pages of a meeting's administration, each at `/verwaltung/sitzungen/:id/<path>` (the
 * overview at the meeting's own address). Each form posts to the path of its sub-page, which shows
 * it again with the messages, or sends the person back to it with a confirmation.
 */
export const MEETING_SECTIONS = {
  overview: '',
  agenda: 'tagesordnung',
  attendance: 'anwesenheit',
  votes: 'abstimmung',
  elections: 'wahl',
  minutes: 'niederschrift',
} as const
export type MeetingSection = keyof typeof MEETING_SECTIONS

/** The sub-page that shows each form (and where its action leads back to). */
export const SECTION_OF_FORM: Readonly<Record<keyof StaffForms, MeetingSection>> = {
  actions: 'overview',
  item: 'agenda',
  attendance: 'attendance',
  vote: 'votes',
  election: 'elections',
  minutes: 'minutes',
}

export function meetingStaffHref(meetingId: string, section: MeetingSection = 'overview'): string {
  const path = MEETING_SECTIONS[section]
  return `/verwaltung/sitzungen/${meetingId}${path ? `/${path}` : ''}`
}

export interface MeetingStaffProps {
  ctx: PageContext
  section: MeetingSection
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
}

const SECTION_LABELS = {
  overview: 'meetings.staff.section.overview',
  agenda: 'meetings.agenda.title',
  attendance: 'meetings.staff.attendance',
  votes: 'meetings.staff.section.votes',
  elections: 'meetings.staff.section.elections',
  minutes: 'meetings.minutes.title',
} as const satisfies Record<MeetingSection, MessageKey>

function sectionLabel(ctx: PageContext, section: MeetingSection): string {
  return ctx.t(SECTION_LABELS[section])
}

/** Agenda items without a vote or an election result yet. */
function openItems(agenda: readonly AgendaRow[], elections: readonly ElectionRow[]): AgendaRow[] {
  const decided = new Set(elections.map((e) => e.agendaItemId))
  return agenda.filter((r) => !r.vote && !decided.has(r.item.id))
}

function QuorumLine({ ctx, quorum }: { ctx: PageContext; quorum: Quorum }) {
  return (
    <p class="kern-body">
      {ctx.t('meetings.meeting.quorum', {
        present: quorum.present,
        members: quorum.members,
        needed: quorumNeeded(quorum.members, quorum.percent),
        state: ctx.t(quorum.reached ? 'meetings.meeting.quorumYes' : 'meetings.meeting.quorumNo'),
      })}
    </p>
  )
}

export function MeetingStaffPage(props: MeetingStaffProps) {
  const { ctx, section, meeting, council } = props
  const { t } = ctx
  const manageTitle = t('meetings.staff.manageTitle', { title: meeting.title })
  const label = sectionLabel(ctx, section)
  const title = section === 'overview' ? manageTitle : `${label} – ${manageTitle}`
  const overview = meetingStaffHref(meeting.id)
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: `/sitzungen/${meeting.id}`, label: meeting.title },
        section === 'overview'
          ? { label: t('meetings.staff.manage') }
          : { href: overview, label: t('meetings.staff.manage') },
        ...(section === 'overview' ? [] : [{ label }]),
      ]}
    >
      <PageHeading lead={`${council.name}, ${formatDate(ctx.locale, meeting.startsAt, true)}`}>
        {manageTitle}
      </PageHeading>
      <SubNav
        ctx={ctx}
        label={t('meetings.staff.sections')}
        current={meetingStaffHref(meeting.id, section)}
        items={(Object.keys(MEETING_SECTIONS) as MeetingSection[]).map((s) => ({
          href: meetingStaffHref(meeting.id, s),
          label: sectionLabel(ctx, s),
        }))}
      />
      <h2 class="kern-heading-medium">{label}</h2>
      {section === 'overview' ? <OverviewSection {...props} /> : null}
      {section === 'agenda' ? <AgendaSection {...props} /> : null}
      {section === 'attendance' ? <AttendanceSection {...props} /> : null}
      {section === 'votes' ? <VotesSection {...props} /> : null}
      {section === 'elections' ? <ElectionsSection {...props} /> : null}
      {section === 'minutes' ? <MinutesSection {...props} /> : null}
    </Layout>
  )
}

function OverviewSection({ ctx, meeting, agenda, quorum, forms, elections = [] }: MeetingStaffProps) {
  const { t } = ctx
  const base = meetingStaffHref(meeting.id)
  const f = fields(ctx, forms.actions)
  const open = openItems(agenda, elections)
  const link = (s: MeetingSection, text: string) => (
    <li>
      <a class="kern-link" href={ctx.href(meetingStaffHref(meeting.id, s))}>
        {sectionLabel(ctx, s)}
      </a>
      {`: ${text}`}
    </li>
  )
  return (
    <>
      <p class="kern-body">
        {t('meetings.col.state')}: {t(`meetings.state.${meeting.state}`)}.{' '}
        {t('meetings.staff.minutesState', { state: t(`meetings.minutesState.${meeting.minutesState}`) })}
      </p>
      <f.Summary />
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
      <ul class="kern-list">
        {link('agenda', t('meetings.staff.itemCount', { count: agenda.length }))}
        {link(
          'attendance',
          t('meetings.staff.presentCount', { present: quorum.present, members: quorum.members }),
        )}
        {link('votes', t('meetings.staff.openCount', { open: open.length, count: agenda.length }))}
        {link('elections', t('meetings.staff.electionCount', { count: elections.length }))}
        {link('minutes', t(`meetings.minutesState.${meeting.minutesState}`))}
      </ul>
    </>
  )
}

function AgendaSection({ ctx, meeting, agenda, forms, elections = [], motions = [] }: MeetingStaffProps) {
  const { t } = ctx
  const base = meetingStaffHref(meeting.id)
  // A new item is a public motion unless the person chose otherwise.
  const v = forms.item.values
  const f = fields(ctx, {
    ...forms.item,
    values: { ...v, kind: v.kind || 'motion', visibility: v.visibility || 'public' },
  })
  return (
    <>
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
      <f.Summary />
      <Form ctx={ctx} action={ctx.href(`${base}/tagesordnung`)}>
        <f.Text name="title" label={t('meetings.staff.itemTitle')} />
        <f.Textarea name="body" optional label={t('meetings.staff.itemBody')} />
        <f.Text name="submittedBy" optional label={t('meetings.staff.submittedBy')} />
        <f.Radios
          name="kind"
          label={t('meetings.staff.paperKind')}
          options={(['motion', 'amendment', 'report'] as const).map((k) => ({
            value: k,
            label: t(`meetings.paper.kind.${k}`),
          }))}
        />
        {motions.length > 0 ? (
          <f.Select
            name="relatedPaperId"
            optional
            label={t('meetings.staff.relatedPaper')}
            options={motions.map((p) => ({ value: p.id, label: `${p.reference}: ${p.title}` }))}
          />
        ) : null}
        <f.Radios
          name="visibility"
          label={t('meetings.staff.visibility')}
          options={[
            { value: 'public', label: t('meetings.staff.public') },
            { value: 'nonPublic', label: t('meetings.staff.nonPublic') },
          ]}
        />
        <f.Select
          name="majorityRule"
          label={t('meetings.staff.majorityRule')}
          options={MAJORITY_RULES.map((r) => ({ value: r, label: t(`meetings.rule.${r}`) }))}
        />
        <Button variant="secondary">{t('meetings.staff.addItem')}</Button>
      </Form>
    </>
  )
}

function AttendanceSection({ ctx, meeting, members, quorum, forms, presentIds }: MeetingStaffProps) {
  const { t } = ctx
  const base = meetingStaffHref(meeting.id)
  // Kept input after a refusal, else who is recorded as present.
  const f = fields(
    ctx,
    Object.keys(forms.attendance.errors).length > 0
      ? forms.attendance
      : { values: { present: [...presentIds] }, errors: {} },
  )
  return (
    <>
      <QuorumLine ctx={ctx} quorum={quorum} />
      <f.Summary />
      <Form ctx={ctx} action={ctx.href(`${base}/anwesenheit`)}>
        <f.Checkboxes
          name="present"
          label={t('meetings.staff.present')}
          options={members.map((m) => ({
            value: m.personId,
            label: `${m.givenName} ${m.familyName}${m.delegatedByName ? ` (${m.delegatedByName})` : ''}`,
          }))}
        />
        <Button variant="secondary">{t('meetings.staff.saveAttendance')}</Button>
      </Form>
    </>
  )
}

function itemOptions(ctx: PageContext, rows: readonly AgendaRow[]) {
  return rows.map((r) => ({
    value: r.item.id,
    label: `${ctx.t('meetings.staff.vote', { position: r.item.position })}: ${r.item.title}`,
  }))
}

function NothingOpen({ ctx, agenda }: { ctx: PageContext; agenda: readonly AgendaRow[] }) {
  return (
    <p class="kern-body">
      {ctx.t(agenda.length === 0 ? 'meetings.agenda.none' : 'meetings.staff.nothingOpen')}
    </p>
  )
}

function VotesSection({ ctx, meeting, agenda, quorum, forms, elections = [] }: MeetingStaffProps) {
  const { t } = ctx
  const base = meetingStaffHref(meeting.id)
  const open = openItems(agenda, elections)
  const f = fields(ctx, forms.vote)
  return (
    <>
      <QuorumLine ctx={ctx} quorum={quorum} />
      {open.length === 0 ? <NothingOpen ctx={ctx} agenda={agenda} /> : null}
      <f.Summary />
      {open.length > 0 ? (
        <Form ctx={ctx} action={ctx.href(`${base}/abstimmung`)}>
          <f.Select name="agendaItemId" label={t('meetings.agenda.title')} options={itemOptions(ctx, open)} />
          <f.Text name="yes" inputmode="numeric" width="number" label={t('meetings.staff.yes')} />
          <f.Text name="no" inputmode="numeric" width="number" label={t('meetings.staff.no')} />
          <f.Text name="abstain" inputmode="numeric" width="number" label={t('meetings.staff.abstain')} />
          <Button variant="secondary">{t('meetings.staff.recordVote')}</Button>
        </Form>
      ) : null}
    </>
  )
}

function ElectionsSection({ ctx, meeting, agenda, members, forms, elections = [] }: MeetingStaffProps) {
  const { t } = ctx
  const base = meetingStaffHref(meeting.id)
  const open = openItems(agenda, elections)
  const f = fields(ctx, forms.election)
  return (
    <>
      {open.length === 0 ? <NothingOpen ctx={ctx} agenda={agenda} /> : null}
      <f.Summary />
      {open.length > 0 ? (
        <>
          <p class="kern-body">{t('meetings.staff.electionHint')}</p>
          <Form ctx={ctx} action={ctx.href(`${base}/wahl`)}>
            <f.Select
              name="electionItem"
              label={t('meetings.agenda.title')}
              options={itemOptions(ctx, open)}
            />
            <f.Select
              name="role"
              label={t('meetings.election.office')}
              options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`councils.role.${r}`) }))}
            />
            <f.Text name="seats" inputmode="numeric" width="number" label={t('meetings.staff.seats')} />
            {members.map((m) => (
              <f.Text
                key={m.personId}
                name={`candidate_${m.personId}`}
                inputmode="numeric"
                width="number"
                optional
                label={t('meetings.staff.votesFor', { name: `${m.givenName} ${m.familyName}` })}
              />
            ))}
            <Button variant="secondary">{t('meetings.staff.election')}</Button>
          </Form>
        </>
      ) : null}
    </>
  )
}

function MinutesSection({ ctx, meeting, agenda, laterMeetings, forms }: MeetingStaffProps) {
  const { t } = ctx
  const base = meetingStaffHref(meeting.id)
  const f = fields(ctx, forms.minutes)
  // Kept input after a refusal, else the saved texts.
  const texts = fields(
    ctx,
    Object.keys(forms.minutes.errors).length
      ? forms.minutes
      : {
          values: Object.fromEntries(agenda.map((r) => [`minutes_${r.item.id}`, r.item.minutes ?? ''])),
          errors: {},
        },
  )
  return (
    <>
      <p class="kern-body">
        {t('meetings.staff.minutesState', { state: t(`meetings.minutesState.${meeting.minutesState}`) })}{' '}
        <a class="kern-link" href={ctx.href(`${base}/dateien`)}>
          {t('councils.files.minutesLink')}
        </a>
      </p>
      <f.Summary />
      {agenda.length === 0 ? <p class="kern-body">{t('meetings.agenda.none')}</p> : null}
      {agenda.length > 0 && (meeting.minutesState === 'none' || meeting.minutesState === 'draft') ? (
        <Form ctx={ctx} action={ctx.href(`${base}/niederschrift`)}>
          {agenda.map((row) => (
            <texts.Textarea
              key={row.item.id}
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
          <f.Select
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
    </>
  )
}

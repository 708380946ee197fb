import type { PageContext } from '../../../../platform/http/context'
import { formatDate } from '../../../../platform/i18n'
import { PageHeading } from '../../../../platform/ui/components'
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

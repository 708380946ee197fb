import type { PageContext } from '../../../../platform/http/context'
import { PageHeading, Table } from '../../../../platform/ui/components'
import { Button, emptyForm, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import type { councilStaffAccounts } from '../../bodies-and-members/assign-council-staff'
import { day } from '../../bodies-and-members/views/public'
import type { agahStateSeats, councils } from '../../tables'
import type { PersonOption } from '../find-agah'

type Council = typeof councils.$inferSelect

/** On the staff pages of the agah plenary and board: links to the other agah screens. */
export function AgahStaffLinks({
  ctx,
  council,
  agah,
}: {
  ctx: PageContext
  council: Council
  agah?: { plenary: Council | null; board: Council | null } | null | undefined
}) {
  if (!agah || (council.kind !== 'agah' && council.kind !== 'agah_board')) return null
  const { t } = ctx
  const links: { href: string; label: string }[] = []
  if (council.kind === 'agah' && agah.board)
    links.push({ href: `/verwaltung/beiraete/${agah.board.id}`, label: t('councils.agahStaff.board') })
  if (council.kind === 'agah_board' && agah.plenary)
    links.push({ href: `/verwaltung/beiraete/${agah.plenary.id}`, label: t('councils.agahStaff.plenary') })
  if (ctx.can('councils.manage')) {
    links.push({ href: '/verwaltung/agah/sitze', label: t('councils.agahStaff.seats') })
    links.push({ href: '/verwaltung/agah/konten', label: t('councils.agahStaff.accounts') })
  }
  if (links.length === 0) return null
  return (
    <ul class="kern-list">
      {links.map((l) => (
        <li key={l.href}>
          <a class="kern-link" href={ctx.href(l.href)}>
            {l.label}
          </a>
        </li>
      ))}
    </ul>
  )
}

type Seat = typeof agahStateSeats.$inferSelect
export type SeatRow = { seat: Seat; givenName: string | null; familyName: string | null }
const personLabel = (p: PersonOption) => `${p.familyName}, ${p.givenName}`

function SeatFields({
  ctx,
  form,
  people,
}: {
  ctx: PageContext
  form: FormState
  people: readonly PersonOption[]
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  return (
    <>
      <f.Text name="bodyName" label={t('councils.seats.bodyName')} />
      <f.Text name="seat" label={t('councils.seats.seat')} hint={t('councils.seats.seatHint')} />
      <f.Select
        name="personId"
        optional
        label={t('councils.seats.holder')}
        hint={t('councils.seats.holderHint')}
        options={people.map((p) => ({ value: p.id, label: personLabel(p) }))}
      />
      <f.Date name="startsOn" label={t('councils.staff.startsOn')} />
      <f.Date name="endsOn" optional label={t('councils.staff.endsOn')} />
    </>
  )
}

/** The agah's seats in state bodies: every holding (past, current, future) and a form for a new one. */
export function StateSeatsPage({
  ctx,
  seats,
  people,
  form,
}: {
  ctx: PageContext
  seats: readonly SeatRow[]
  people: readonly PersonOption[]
  form: FormState
}) {
  const { t } = ctx
  const title = t('councils.seats.title')
  const f = fields(ctx, form)
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/agah', label: 'agah' }, { label: title }]}>
      <PageHeading lead={t('councils.seats.lead')}>{title}</PageHeading>
      {seats.length === 0 ? (
        <p class="kern-body">{t('councils.seats.none')}</p>
      ) : (
        <Table
          caption={t('councils.seats.caption')}
          rows={seats}
          rowKey={(r) => r.seat.id}
          columns={[
            {
              header: t('councils.agah.seatBody'),
              cell: (r) => (
                <a class="kern-link" href={ctx.href(`/verwaltung/agah/sitze/${r.seat.id}`)}>
                  {r.seat.bodyName}
                </a>
              ),
            },
            { header: t('councils.seats.seat'), cell: (r) => r.seat.seat ?? '' },
            {
              header: t('councils.agah.seatHolder'),
              cell: (r) =>
                r.familyName ? `${r.givenName ?? ''} ${r.familyName}`.trim() : t('councils.agah.vacant'),
            },
            {
              header: t('councils.staff.startsOn'),
              cell: (r) => (r.seat.startsOn ? day(ctx, r.seat.startsOn) : ''),
            },
            {
              header: t('councils.staff.endsOn'),
              cell: (r) => (r.seat.endsOn ? day(ctx, r.seat.endsOn) : t('councils.people.open')),
            },
          ]}
        />
      )}
      <h2 class="kern-heading-medium" id="neu">
        {t('councils.seats.new')}
      </h2>
      <f.Summary />
      <Form ctx={ctx} action={ctx.href('/verwaltung/agah/sitze')}>
        <SeatFields ctx={ctx} form={form} people={people} />
        <Button>{t('councils.seats.create')}</Button>
      </Form>
    </Layout>
  )
}

export function seatValues(seat: Seat): FormState {
  return {
    values: {
      bodyName: seat.bodyName,
      seat: seat.seat ?? undefined,
      personId: seat.personId ?? undefined,
      startsOn: seat.startsOn ?? undefined,
      endsOn: seat.endsOn ?? undefined,
    },
    errors: {},
  }
}

export function StateSeatPage({
  ctx,
  seat,
  people,
  form,
  endForm,
}: {
  ctx: PageContext
  seat: Seat
  people: readonly PersonOption[]
  form?: FormState | undefined
  endForm?: FormState | undefined
}) {
  const { t } = ctx
  const edit = form ?? seatValues(seat)
  const end = endForm ?? emptyForm
  const title = t('councils.seats.editTitle', { body: seat.bodyName })
  const base = `/verwaltung/agah/sitze/${seat.id}`
  const editF = fields(ctx, edit)
  const endF = fields(ctx, end)
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/verwaltung/agah/sitze', label: t('councils.seats.title') },
        { label: seat.bodyName },
      ]}
    >
      <PageHeading>{title}</PageHeading>
      <editF.Summary />
      <Form ctx={ctx} action={ctx.href(base)}>
        <SeatFields ctx={ctx} form={edit} people={people} />
        <Button>{t('councils.staff.save')}</Button>
      </Form>
      <h2 class="kern-heading-medium">{t('councils.seats.endTitle')}</h2>
      <p class="kern-body">{t('councils.seats.endHint')}</p>
      <endF.Summary />
      <Form ctx={ctx} action={ctx.href(`${base}/beenden`)}>
        <endF.Date name="lastDay" label={t('councils.seats.lastDay')} />
        <Button variant="secondary">{t('councils.seats.end')}</Button>
      </Form>
    </Layout>
  )
}

export type AccountRow = Awaited<ReturnType<typeof councilStaffAccounts>>[number]

export interface AccountForms {
  readonly secretary: FormState
  readonly delegate: FormState
  readonly unlink: FormState
}

/** Staff accounts of the councils: which council a secretary manages, which person a delegate is. */
export function StaffAccountsPage({
  ctx,
  accounts,
  councils: councilOptions,
  people,
  forms,
}: {
  ctx: PageContext
  accounts: readonly AccountRow[]
  councils: readonly { id: string; name: string }[]
  people: readonly PersonOption[]
  forms: Partial<AccountForms>
}) {
  const { t } = ctx
  const title = t('councils.accounts.title')
  const secretary = forms.secretary ?? emptyForm
  const delegate = forms.delegate ?? emptyForm
  const unlink = forms.unlink ?? emptyForm
  const secretaries = accounts.filter((a) => a.roles.includes('council_secretary'))
  const delegates = accounts.filter((a) => a.roles.includes('delegate'))
  const delegateF = fields(ctx, delegate)
  const secretaryF = fields(ctx, secretary)
  const unlinkF = fields(ctx, unlink)
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/agah', label: 'agah' }, { label: title }]}>
      <PageHeading lead={t('councils.accounts.lead')}>{title}</PageHeading>
      <unlinkF.Summary />
      {accounts.length === 0 ? (
        <p class="kern-body">{t('councils.accounts.none')}</p>
      ) : (
        <Table
          caption={t('councils.accounts.caption')}
          rows={accounts}
          rowKey={(a) => a.userId}
          columns={[
            { header: t('councils.accounts.account'), cell: (a) => `${a.displayName} (${a.email})` },
            {
              header: t('councils.accounts.roles'),
              cell: (a) =>
                a.roles
                  .filter((r) => r === 'council_secretary' || r === 'delegate')
                  .map((r) => t(`councils.accounts.role.${r}`))
                  .join(', '),
            },
            { header: t('councils.accounts.council'), cell: (a) => a.councilName ?? '' },
            {
              header: t('councils.accounts.person'),
              cell: (a) => (a.familyName ? `${a.givenName ?? ''} ${a.familyName}`.trim() : ''),
            },
            {
              header: t('councils.accounts.actions'),
              cell: (a) =>
                a.councilId || a.personId ? (
                  <Form ctx={ctx} action={ctx.href('/verwaltung/agah/konten/loesen')}>
                    <input type="hidden" name="userId" value={a.userId} />
                    <button type="submit" class="kern-btn kern-btn--tertiary">
                      <span class="kern-label">
                        {t('councils.accounts.unlink')}
                        <span class="kern-sr-only">: {a.email}</span>
                      </span>
                    </button>
                  </Form>
                ) : (
                  ''
                ),
            },
          ]}
        />
      )}
      <h2 class="kern-heading-medium">{t('councils.accounts.secretaryTitle')}</h2>
      <p class="kern-body">{t('councils.accounts.secretaryHint')}</p>
      <secretaryF.Summary />
      <Form ctx={ctx} action={ctx.href('/verwaltung/agah/konten/sekretariat')}>
        <secretaryF.Select
          name="secretaryEmail"
          label={t('councils.accounts.account')}
          options={secretaries.map((a) => ({ value: a.email, label: `${a.displayName} (${a.email})` }))}
        />
        <secretaryF.Select
          name="councilId"
          label={t('councils.accounts.council')}
          options={councilOptions.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Button>{t('councils.accounts.assignSecretary')}</Button>
      </Form>
      <h2 class="kern-heading-medium">{t('councils.accounts.delegateTitle')}</h2>
      <p class="kern-body">{t('councils.accounts.delegateHint')}</p>
      <delegateF.Summary />
      <Form ctx={ctx} action={ctx.href('/verwaltung/agah/konten/delegierte')}>
        <delegateF.Select
          name="delegateEmail"
          label={t('councils.accounts.account')}
          options={delegates.map((a) => ({ value: a.email, label: `${a.displayName} (${a.email})` }))}
        />
        <delegateF.Select
          name="personId"
          label={t('councils.accounts.person')}
          options={people.map((p) => ({ value: p.id, label: personLabel(p) }))}
        />
        <Button>{t('councils.accounts.linkDelegate')}</Button>
      </Form>
    </Layout>
  )
}

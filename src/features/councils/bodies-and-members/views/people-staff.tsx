import type { PageContext } from '../../../../platform/http/context'
import { PageHeading, Table } from '../../../../platform/ui/components'
import { Button, emptyForm, Form, type FormState, fields, hasAnyError } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import { type councils, type councilTerms, MEMBER_ROLES, type MemberRole } from '../../tables'
import type { CouncilRow, MembershipRow } from '../find-councils'
import { day } from './public'

type Council = typeof councils.$inferSelect
type Term = typeof councilTerms.$inferSelect

/** The roles a body's members can have: delegates only in the agah plenary. */
export function rolesFor(council: Pick<Council, 'kind'>): readonly MemberRole[] {
  return council.kind === 'agah' ? MEMBER_ROLES : MEMBER_ROLES.filter((r) => r !== 'delegate')
}

export function staffHref(council: Pick<Council, 'id'>, rest = ''): string {
  return `/verwaltung/beiraete/${council.id}${rest}`
}

function crumbs(ctx: PageContext, council: Council, label: string) {
  return [
    { href: staffHref(council), label: ctx.t('councils.staff.title', { name: council.name }) },
    { label },
  ]
}

function personName(p: { givenName: string; familyName: string; honorificPrefix?: string | null }) {
  return [p.honorificPrefix, p.givenName, p.familyName].filter(Boolean).join(' ')
}

/** The terms of a body on its staff page, each linking to its edit form. */
export function TermsSection({
  ctx,
  council,
  terms,
}: {
  ctx: PageContext
  council: Council
  terms: readonly Term[]
}) {
  const { t } = ctx
  return (
    <>
      <h2 class="kern-heading-medium" id="wahlperioden">
        {t('councils.terms.title')}
      </h2>
      {terms.length === 0 ? (
        <p class="kern-body">{t('councils.council.noTerm')}</p>
      ) : (
        <Table
          caption={t('councils.terms.caption')}
          rows={terms}
          rowKey={(r) => r.id}
          columns={[
            {
              header: t('councils.terms.period'),
              cell: (r) => (
                <a class="kern-link" href={ctx.href(staffHref(council, `/wahlperioden/${r.id}`))}>
                  {t('councils.terms.range', { from: day(ctx, r.startsOn), until: day(ctx, r.endsOn) })}
                </a>
              ),
            },
            {
              header: t('councils.terms.electionOn'),
              cell: (r) => (r.electionOn ? day(ctx, r.electionOn) : ''),
            },
            { header: t('councils.terms.seats'), cell: (r) => String(r.seats), numeric: true },
          ]}
        />
      )}
      <p class="kern-body">
        <a class="kern-link" href={ctx.href(staffHref(council, '/wahlperioden/neu'))}>
          {t('councils.terms.new')}
        </a>
      </p>
    </>
  )
}

/** Every membership of a body (past, current, future) on its staff page, each linking to its edit form. */
export function MembershipsSection({
  ctx,
  council,
  memberships,
}: {
  ctx: PageContext
  council: Council
  memberships: readonly MembershipRow[]
}) {
  const { t } = ctx
  const isPlenary = council.kind === 'agah'
  return (
    <>
      <h2 class="kern-heading-medium" id="mitgliedschaften">
        {t('councils.people.allTitle')}
      </h2>
      {memberships.length === 0 ? (
        <p class="kern-body">{t('councils.members.none')}</p>
      ) : (
        <Table
          caption={t('councils.people.allCaption')}
          rows={memberships}
          rowKey={(r) => r.membership.id}
          columns={[
            {
              header: t('councils.members.name'),
              cell: (r) => (
                <a class="kern-link" href={ctx.href(staffHref(council, `/mitglieder/${r.membership.id}`))}>
                  {personName(r.person)}
                </a>
              ),
            },
            { header: t('councils.members.role'), cell: (r) => t(`councils.role.${r.membership.role}`) },
            ...(isPlenary
              ? [
                  {
                    header: t('councils.members.delegatedBy'),
                    cell: (r: MembershipRow) => r.delegatedByName ?? '',
                  },
                ]
              : []),
            { header: t('councils.staff.startsOn'), cell: (r) => day(ctx, r.membership.startsOn) },
            {
              header: t('councils.staff.endsOn'),
              cell: (r) => (r.membership.endsOn ? day(ctx, r.membership.endsOn) : t('councils.people.open')),
            },
            {
              header: t('councils.people.consentColumn'),
              cell: (r) => t(r.person.publicContactConsent ? 'councils.yes' : 'councils.no'),
            },
          ]}
        />
      )}
      <p class="kern-body">
        <a class="kern-link" href={ctx.href(staffHref(council, '/mitglieder/vorhanden'))}>
          {t('councils.people.addExisting')}
        </a>
      </p>
    </>
  )
}

/** E-mail, phone and the consent to show them publicly. */
export function ContactFields({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const { t } = ctx
  const f = fields(ctx, form)
  return (
    <>
      <f.Text name="email" type="email" optional autocomplete="off" label={t('councils.people.email')} />
      <f.Text name="phone" type="tel" optional autocomplete="off" label={t('councils.people.phone')} />
      <f.Checkbox name="consent" label={t('councils.people.consent')} />
    </>
  )
}

/** Role, start, end and (for the plenary) the sending council. */
function MembershipFields({
  ctx,
  form,
  council,
  councils: councilOptions,
}: {
  ctx: PageContext
  form: FormState
  council: Council
  councils: readonly CouncilRow[]
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  return (
    <>
      <f.Select
        name="role"
        label={t('councils.staff.role')}
        options={rolesFor(council).map((r) => ({ value: r, label: t(`councils.role.${r}`) }))}
      />
      <f.Date name="startsOn" label={t('councils.staff.startsOn')} />
      <f.Date name="endsOn" optional label={t('councils.staff.endsOn')} />
      {council.kind === 'agah' ? (
        <f.Select
          name="delegatedById"
          optional
          label={t('councils.staff.delegatedBy')}
          options={councilOptions.filter((c) => c.agahMember).map((c) => ({ value: c.id, label: c.name }))}
        />
      ) : null}
    </>
  )
}

export function TermPage({
  ctx,
  council,
  term,
  form,
}: {
  ctx: PageContext
  council: Council
  term: Term | null
  form: FormState
}) {
  const { t } = ctx
  const title = term
    ? t('councils.terms.editTitle', { from: day(ctx, term.startsOn), until: day(ctx, term.endsOn) })
    : t('councils.terms.new')
  const f = fields(ctx, form)
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx, council, title)}>
      <PageHeading lead={council.name}>{title}</PageHeading>
      <f.Summary />
      <Form
        ctx={ctx}
        action={ctx.href(staffHref(council, term ? `/wahlperioden/${term.id}` : '/wahlperioden'))}
      >
        <f.Date name="startsOn" label={t('councils.staff.startsOn')} />
        <f.Date name="endsOn" label={t('councils.staff.endsOn')} />
        <f.Date name="electionOn" optional label={t('councils.terms.electionOn')} />
        <f.Text
          name="seats"
          inputmode="numeric"
          width="number"
          label={t('councils.terms.seats')}
          hint={t('councils.terms.seatsHint')}
        />
        <Button>{t('councils.staff.save')}</Button>
      </Form>
    </Layout>
  )
}

export function ExistingMemberPage({
  ctx,
  council,
  query,
  results,
  form,
  councils: councilOptions,
}: {
  ctx: PageContext
  council: Council
  query: FormState
  results: readonly { id: string; givenName: string; familyName: string; email: string | null }[]
  form: FormState
  councils: readonly CouncilRow[]
}) {
  const { t } = ctx
  const title = t('councils.people.addExisting')
  const searched = typeof query.values.q === 'string' && query.values.q !== ''
  const f = fields(ctx, form)
  const queryF = fields(ctx, query)
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx, council, title)}>
      <PageHeading lead={council.name}>{title}</PageHeading>
      <queryF.Summary />
      <Form ctx={ctx} method="get" action={ctx.href(staffHref(council, '/mitglieder/vorhanden'))}>
        <queryF.Text name="q" type="search" label={t('councils.people.search')} />
        <Button variant="secondary">{t('councils.search.submit')}</Button>
      </Form>
      {searched ? (
        <p class="kern-body" role="status">
          {results.length === 0
            ? t('councils.people.noneFound')
            : t('councils.search.count', { count: results.length })}
        </p>
      ) : null}
      {results.length > 0 || hasAnyError(form) ? (
        <>
          <h2 class="kern-heading-medium">{t('councils.staff.addMember')}</h2>
          <f.Summary />
          <Form ctx={ctx} action={ctx.href(staffHref(council, '/mitglieder/vorhanden'))}>
            <input type="hidden" name="q" value={String(query.values.q ?? '')} />
            <f.Select
              name="personId"
              label={t('councils.people.person')}
              options={results.map((p) => ({
                value: p.id,
                label: `${p.familyName}, ${p.givenName}${p.email ? ` (${p.email})` : ''}`,
              }))}
            />
            <MembershipFields ctx={ctx} form={form} council={council} councils={councilOptions} />
            <Button>{t('councils.staff.addMember')}</Button>
          </Form>
        </>
      ) : null}
      <p class="kern-body">
        <a class="kern-link" href={`${ctx.href(staffHref(council))}#add-member`}>
          {t('councils.people.addNew')}
        </a>
      </p>
    </Layout>
  )
}

export interface MembershipForms {
  readonly edit: FormState
  readonly end: FormState
  readonly remove: FormState
}

export function membershipEditValues(row: MembershipRow): FormState {
  const m = row.membership
  const p = row.person
  return {
    values: {
      role: m.role,
      startsOn: m.startsOn,
      endsOn: m.endsOn ?? undefined,
      delegatedById: m.delegatedById ?? undefined,
      givenName: p.givenName,
      familyName: p.familyName,
      email: p.email ?? undefined,
      phone: p.phone ?? undefined,
      consent: p.publicContactConsent ? 'on' : undefined,
    },
    errors: {},
  }
}

export function MembershipPage({
  ctx,
  council,
  row,
  forms,
  councils: councilOptions,
}: {
  ctx: PageContext
  council: Council
  row: MembershipRow
  forms: Partial<MembershipForms>
  councils: readonly CouncilRow[]
}) {
  const { t } = ctx
  const edit = forms.edit ?? membershipEditValues(row)
  const end = forms.end ?? emptyForm
  const remove = forms.remove ?? emptyForm
  const base = staffHref(council, `/mitglieder/${row.membership.id}`)
  const title = t('councils.people.editTitle', { name: personName(row.person) })
  const editF = fields(ctx, edit)
  const endF = fields(ctx, end)
  const removeF = fields(ctx, remove)
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx, council, title)}>
      <PageHeading lead={council.name}>{title}</PageHeading>
      <editF.Summary />
      <Form ctx={ctx} action={ctx.href(base)}>
        <MembershipFields ctx={ctx} form={edit} council={council} councils={councilOptions} />
        <h2 class="kern-heading-small">{t('councils.people.personTitle')}</h2>
        <p class="kern-body">{t('councils.people.personHint')}</p>
        <editF.Text name="givenName" label={t('councils.staff.givenName')} />
        <editF.Text name="familyName" label={t('councils.staff.familyName')} />
        <ContactFields ctx={ctx} form={edit} />
        <Button>{t('councils.staff.save')}</Button>
      </Form>

      <h2 class="kern-heading-medium">{t('councils.people.endTitle')}</h2>
      <p class="kern-body">{t('councils.people.endHint')}</p>
      <endF.Summary />
      <Form ctx={ctx} action={ctx.href(`${base}/beenden`)}>
        <endF.Date name="lastDay" label={t('councils.people.lastDay')} />
        <Button variant="secondary">{t('councils.people.end')}</Button>
      </Form>

      <h2 class="kern-heading-medium">{t('councils.people.removeTitle')}</h2>
      <p class="kern-body">{t('councils.people.removeHint')}</p>
      <removeF.Summary />
      <Form ctx={ctx} action={ctx.href(`${base}/entfernen`)}>
        <removeF.Checkbox name="confirm" label={t('councils.people.removeConfirm')} />
        <Button variant="tertiary">{t('councils.people.remove')}</Button>
      </Form>
    </Layout>
  )
}

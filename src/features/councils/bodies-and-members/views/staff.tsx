import type { PageContext } from '../../../../platform/http/context'
import type { MessageKey } from '../../../../platform/i18n'
import { PageHeading, SubNav } from '../../../../platform/ui/components'
import { Button, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import { AgahStaffLinks } from '../../agah/views/staff'
import type { councils, councilTerms } from '../../tables'
import type { CouncilRow, MembershipRow } from '../find-councils'
import { ContactFields, MembershipsSection, rolesFor, TermsSection } from './people-staff'

/**
 * The sub-pages of a body's administration: the overview (terms and members) at the body's address,
 * the form for a new member and, for the agah plenary, its settings. Each form posts to its own
 * address and is shown again on its sub-page with the messages.
 */
export const COUNCIL_SECTIONS = {
  overview: '',
  newMember: 'mitglieder/neu',
  settings: 'einstellungen',
} as const
export type CouncilSection = keyof typeof COUNCIL_SECTIONS

const SECTION_LABELS = {
  overview: 'councils.staff.section.overview',
  newMember: 'councils.staff.section.newMember',
  settings: 'councils.settings.title',
} as const satisfies Record<CouncilSection, MessageKey>

export function councilStaffHref(councilId: string, section: CouncilSection = 'overview'): string {
  const path = COUNCIL_SECTIONS[section]
  return `/verwaltung/beiraete/${councilId}${path ? `/${path}` : ''}`
}

/** Whether a body has the sub-page (the settings belong to the agah plenary and its managers). */
export function hasCouncilSection(
  ctx: PageContext,
  council: Pick<typeof councils.$inferSelect, 'kind'>,
  section: CouncilSection,
): boolean {
  return section !== 'settings' || (council.kind === 'agah' && ctx.can('councils.manage'))
}

export function CouncilStaffPage({
  ctx,
  section = 'overview',
  council,
  terms,
  memberships,
  councils: councilOptions,
  form,
  settingsForm,
  agah,
  organisations = [],
}: {
  ctx: PageContext
  section?: CouncilSection
  council: typeof councils.$inferSelect
  terms: readonly (typeof councilTerms.$inferSelect)[]
  memberships: readonly MembershipRow[]
  councils: readonly CouncilRow[]
  form: FormState
  settingsForm?: FormState | undefined
  agah?: { plenary: typeof councils.$inferSelect | null; board: typeof councils.$inferSelect | null } | null
  /** Integration conference: the directory organisations a member may represent. */
  organisations?: readonly { id: string; name: string }[]
}) {
  const { t } = ctx
  const title = t('councils.staff.title', { name: council.name })
  const isPlenary = council.kind === 'agah'
  const settings = settingsForm ?? {
    values: { delegatesPerCouncil: council.delegatesPerCouncil, quorumPercent: council.quorumPercent },
    errors: {},
  }
  const f = fields(ctx, form)
  const settingsF = fields(ctx, settings)
  const sectionLabel = (x: CouncilSection) => t(SECTION_LABELS[x])
  const pageTitle = section === 'overview' ? title : `${sectionLabel(section)} – ${title}`
  const sections = (Object.keys(COUNCIL_SECTIONS) as CouncilSection[]).filter((x) =>
    hasCouncilSection(ctx, council, x),
  )
  return (
    <Layout
      ctx={ctx}
      title={pageTitle}
      breadcrumbs={
        section === 'overview'
          ? undefined
          : [{ href: councilStaffHref(council.id), label: title }, { label: sectionLabel(section) }]
      }
    >
      <PageHeading>{title}</PageHeading>
      <SubNav
        ctx={ctx}
        label={t('councils.staff.sections')}
        current={councilStaffHref(council.id, section)}
        items={sections.map((x) => ({ href: councilStaffHref(council.id, x), label: sectionLabel(x) }))}
      />
      {section === 'overview' ? (
        <>
          <p class="kern-body">
            <a class="kern-link" href={ctx.href(`/verwaltung/beiraete/${council.id}/sitzungen/neu`)}>
              {t('meetings.staff.new')}
            </a>
          </p>
          <AgahStaffLinks ctx={ctx} council={council} agah={agah} />
          <TermsSection ctx={ctx} council={council} terms={terms} />
          <MembershipsSection ctx={ctx} council={council} memberships={memberships} />
        </>
      ) : null}
      {section === 'newMember' ? (
        <>
          <h2 class="kern-heading-medium" id="add-member">
            {t('councils.staff.addMember')}
          </h2>
          <f.Summary />
          <Form ctx={ctx} action={ctx.href(`/verwaltung/beiraete/${council.id}/mitglieder`)}>
            <f.Text name="givenName" label={t('councils.staff.givenName')} />
            <f.Text name="familyName" label={t('councils.staff.familyName')} />
            <ContactFields ctx={ctx} form={form} />
            <f.Select
              name="role"
              label={t('councils.staff.role')}
              options={rolesFor(council).map((r) => ({ value: r, label: t(`councils.role.${r}`) }))}
            />
            <f.Date name="startsOn" label={t('councils.staff.startsOn')} />
            <f.Date name="endsOn" optional label={t('councils.staff.endsOn')} />
            {isPlenary ? (
              <f.Select
                name="delegatedById"
                optional
                label={t('councils.staff.delegatedBy')}
                options={councilOptions
                  .filter((c) => c.agahMember)
                  .map((c) => ({ value: c.id, label: c.name }))}
              />
            ) : null}
            {council.kind === 'integrationskonferenz' ? (
              <f.Select
                name="organisationId"
                optional
                label={t('councils.members.organisation')}
                options={organisations.map((o) => ({ value: o.id, label: o.name }))}
              />
            ) : null}
            <Button>{t('councils.staff.save')}</Button>
          </Form>
        </>
      ) : null}
      {section === 'settings' ? (
        <>
          <h2 class="kern-heading-medium">{t('councils.settings.title')}</h2>
          <p class="kern-body">{t('councils.settings.hint')}</p>
          <settingsF.Summary />
          <Form ctx={ctx} action={ctx.href(`/verwaltung/beiraete/${council.id}/einstellungen`)}>
            <settingsF.Text
              name="delegatesPerCouncil"
              inputmode="numeric"
              width="number"
              label={t('councils.settings.delegatesPerCouncil')}
            />
            <settingsF.Text
              name="quorumPercent"
              inputmode="numeric"
              width="number"
              label={t('councils.settings.quorumPercent')}
            />
            <Button variant="secondary">{t('councils.staff.save')}</Button>
          </Form>
        </>
      ) : null}
    </Layout>
  )
}

import { CLI_ACTOR } from '../../platform/audit'
import { DESK_PERMISSION, defineFeature } from '../../platform/feature'
import { countFailedMail } from '../../platform/mail'
import { type Operator, updateOperator } from '../../platform/operator'
import { adminMessages } from './messages'
import { adminPermissions } from './permissions'
import { adminRoutes } from './routes'

/** The demo's operator: invented, and says so in its name (no real authority, person or number). */
export const DEMO_OPERATOR: Operator = {
  name: 'Musterministerium für Integration (Demo, erfunden)',
  representedBy: 'vertreten durch die Demo-Leitung (erfunden)',
  street: 'Musterstraße 1',
  postcode: '65183',
  city: 'Wiesbaden',
  email: 'poststelle@teilhabe.example',
  phone: '0611 0000-0 (Demo)',
  accessibilityEmail: 'barrierefreiheit@teilhabe.example',
  enforcementBody:
    'Durchsetzungsstelle für barrierefreie Informationstechnik (Demo)\nIm Betrieb trägt die Verwaltung hier die zuständige Stelle des Landes mit Anschrift ein.',
  pressOffice: 'Pressestelle des Musterministeriums (Demo)',
  pressEmail: 'presse@teilhabe.example',
  pressPhone: '0611 0000-100 (Demo)',
}

/** The administrators' pages: audit log and mail outbox. */
export const adminFeature = defineFeature({
  name: 'admin',
  staffOnlyMessages: ['admin', 'nav.admin'],
  messages: adminMessages,
  permissions: adminPermissions,
  nav: [{ href: '/verwaltung', labelKey: 'nav.admin', permission: DESK_PERMISSION }],
  desk: {
    links: [
      {
        href: '/verwaltung/konten',
        labelKey: 'auth.users.title',
        textKey: 'admin.desk.accounts',
        permission: 'users.manage',
      },
      {
        href: '/verwaltung/protokoll',
        labelKey: 'admin.audit.title',
        textKey: 'admin.desk.audit',
        permission: 'audit.read',
      },
      {
        href: '/verwaltung/postausgang',
        labelKey: 'admin.outbox.title',
        textKey: 'admin.desk.outbox',
        permission: 'mail.read',
      },
      {
        href: '/verwaltung/sprachen',
        labelKey: 'admin.languages.title',
        textKey: 'admin.desk.languages',
        permission: 'languages.read',
      },
      {
        href: '/verwaltung/betreiber',
        labelKey: 'admin.operator.title',
        textKey: 'admin.desk.operator',
        permission: 'operator.manage',
      },
    ],
    async waiting(deps, viewer) {
      if (!viewer.can('mail.read')) return []
      return [
        {
          labelKey: 'admin.desk.failedMail',
          count: await countFailedMail(deps.db),
          href: '/verwaltung/postausgang',
        },
      ]
    },
  },
  routes: adminRoutes,
  discovery: { noIndex: ['/verwaltung'] },
  // A made-up operator, marked as such, so the Impressum and the accessibility statement are complete.
  async seedDemo(deps) {
    await updateOperator(deps.db, deps.installation, CLI_ACTOR, DEMO_OPERATOR)
  },
})

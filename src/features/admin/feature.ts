import { CLI_ACTOR } from '../../platform/audit'
import { defineFeature } from '../../platform/feature'
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
  messages: adminMessages,
  permissions: adminPermissions,
  nav: [{ href: '/verwaltung', labelKey: 'nav.admin', permission: 'audit.read' }],
  routes: adminRoutes,
  discovery: { noIndex: ['/verwaltung'] },
  // A made-up operator, marked as such, so the Impressum and the accessibility statement are complete.
  async seedDemo(deps) {
    await updateOperator(deps.db, deps.installation, CLI_ACTOR, DEMO_OPERATOR)
  },
})

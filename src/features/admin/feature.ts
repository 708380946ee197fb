import { defineFeature } from '../../platform/feature'
import { adminMessages } from './messages'
import { adminPermissions } from './permissions'
import { adminRoutes } from './routes'

/** The administrators' pages: audit log and mail outbox. */
export const adminFeature = defineFeature({
  name: 'admin',
  messages: adminMessages,
  permissions: adminPermissions,
  nav: [{ href: '/verwaltung', labelKey: 'nav.admin', permission: 'audit.read' }],
  routes: adminRoutes,
  discovery: { noIndex: ['/verwaltung'] },
})

import { defineFeature } from '../../platform/feature'
import { mergeCatalogues } from '../../platform/i18n'
import { PLAN_STAFF_ONLY, planMessages } from './messages'
import { planStructureMessages } from './messages-structure'
import { planPermissions } from './permissions'
import { planRoutes } from './routes'
import { seedPlanDemo } from './seed-demo'

/** The state's integration plan: public progress of its measures, and the ministry's editing. */
export const planFeature = defineFeature({
  name: 'plan',
  messages: mergeCatalogues([planMessages, planStructureMessages]),
  staffOnlyMessages: [...PLAN_STAFF_ONLY],
  permissions: planPermissions,
  home: [
    {
      href: '/integrationsplan',
      labelKey: 'home.plan.label',
      textKey: 'home.plan.text',
      easyKey: 'home.plan.easy',
      rank: 60,
    },
  ],
  nav: [{ href: '/integrationsplan', labelKey: 'nav.plan' }],
  discovery: { pages: ['/integrationsplan'] },
  desk: {
    links: [
      {
        href: '/verwaltung/integrationsplan',
        labelKey: 'plan.staff.desk',
        textKey: 'plan.staff.deskText',
        permission: 'plan.manage',
      },
    ],
  },
  routes: planRoutes,
  seedDemo: seedPlanDemo,
})

import { defineFeature } from '../../platform/feature'
import { mergeCatalogues } from '../../platform/i18n'
import { PLAN_STAFF_ONLY, planMessages } from './messages'
import { planStructureMessages } from './messages-structure'
import { planProgressDataset } from './open-data'
import { planPermissions } from './permissions'
import { roundsMessages } from './rounds/messages'
import { roundsRoutes } from './rounds/routes'
import { planRoutes } from './routes'
import { seedPlanDemo } from './seed-demo'

/** The state's integration plan: public progress of its measures, and the ministry's editing. */
export const planFeature = defineFeature({
  name: 'plan',
  messages: mergeCatalogues([planMessages, roundsMessages, planStructureMessages]),
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
  discovery: { pages: ['/integrationsplan', '/integrationsplan/kommentierung'] },
  desk: {
    links: [
      {
        href: '/verwaltung/integrationsplan',
        labelKey: 'plan.staff.desk',
        textKey: 'plan.staff.deskText',
        permission: 'plan.manage',
      },
      {
        href: '/verwaltung/integrationsplan/kommentierung',
        labelKey: 'plan.staff.round.desk',
        textKey: 'plan.staff.round.deskText',
        permission: 'plan.manage',
      },
    ],
  },
  routes: (app, deps) => {
    planRoutes(app, deps)
    roundsRoutes(app, deps)
  },
  datasets: [planProgressDataset],
  seedDemo: seedPlanDemo,
})

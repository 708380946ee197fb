import { defineFeature } from '../../platform/feature'
import { mergeCatalogues } from '../../platform/i18n'
import { contractsWhoOf } from './actor'
import { contractOfDocument } from './find-contracts'
import { DOCUMENT_OWNER } from './manage-contracts'
import { CONTRACTS_STAFF_ONLY, contractsMessages } from './messages'
import { contractsPermissions } from './permissions'
import { downloadsDocument, keepsContracts } from './policies'
import { REMINDER_EVERY_MS, REMINDER_JOB, remindMilestones } from './reminders'
import { contractRoundsMessages } from './rounds/messages'
import { contractsRoutes } from './routes'
import { seedContractsDemo } from './seed-demo'

/**
 * Integration contracts (Integrationsverträge) between the state and civil-society partners: the
 * public register, the ministry's screens and the partners' reports. A feature of its own beside the
 * integration plan (docs/architecture.md): own records, lifecycle, partner role and reminder job.
 */
export const contractsFeature = defineFeature({
  name: 'contracts',
  messages: mergeCatalogues([contractsMessages, contractRoundsMessages]),
  staffOnlyMessages: [...CONTRACTS_STAFF_ONLY],
  permissions: contractsPermissions,
  home: [
    {
      href: '/integrationsvertraege',
      labelKey: 'home.contracts.label',
      textKey: 'home.contracts.text',
      easyKey: 'home.contracts.easy',
      rank: 61,
    },
  ],
  nav: [
    {
      href: '/integrationsvertraege/berichte',
      labelKey: 'nav.contractReports',
      permission: 'contracts.report',
    },
  ],
  discovery: {
    pages: ['/integrationsvertraege', '/integrationsvertraege/kommentierung'],
    noIndex: ['/integrationsvertraege/berichte'],
  },
  desk: {
    links: [
      {
        href: '/verwaltung/integrationsvertraege',
        labelKey: 'contracts.staff.desk',
        textKey: 'contracts.staff.deskText',
        permission: 'contracts.manage',
      },
    ],
  },
  files: {
    /** The signed contract: public once signed; before, the ministry and the partner's accounts. */
    async [DOCUMENT_OWNER](requester, file, db) {
      const who = await contractsWhoOf(db, {
        id: requester.user?.id ?? null,
        can: (p) => requester.can(p),
      })
      const contract = await contractOfDocument(db, file.id)
      return contract ? downloadsDocument(who, contract) : keepsContracts(who)
    },
  },
  recurring: {
    [REMINDER_JOB]: {
      everyMs: REMINDER_EVERY_MS,
      async run(deps) {
        await remindMilestones(deps)
      },
    },
  },
  routes: contractsRoutes,
  seedDemo: seedContractsDemo,
})

import { defineFeature, type Feature } from '../../platform/feature'
import { mergeCatalogues } from '../../platform/i18n'
import { assertCaseKeysPresent } from './cases/key-check'
import { casesMessages } from './cases/messages'
import { caseFileMessages } from './cases/messages-file'
import { retentionMessages } from './cases/messages-retention'
import { RETENTION_EVERY_MS, RETENTION_JOB, runRetention } from './cases/retention'
import { rotateKeysCommand } from './cases/rotate-keys'
import { casesRoutes } from './cases/routes'
import { networkMessages } from './network/messages'
import { networkRoutes } from './network/routes'
import { seedAntidiscDemo } from './network/seed-demo'
import { antidiscPermissions } from './permissions'
import { reportingMessages } from './reporting/messages'
import { reportingRoutes } from './reporting/routes'
import { pruneReceiptTries } from './reporting/throttle'
import { statisticsMessages } from './statistics/messages'
import { statisticsDataset } from './statistics/open-data'
import { statisticsRoutes } from './statistics/routes'

/**
 * The anti-discrimination network (issue 15): safe public reporting at /melden with receipt codes,
 * the network's counselling centres (organisations of the directory), and the centres' confidential
 * case files (envelope-encrypted, every read audited). See
 * docs/decisions/antidiscrimination-confidentiality.md.
 */
const scheduled = new WeakSet<object>()

const declaration = {
  name: 'antidiscrimination',
  // Staff screens stay German and English (read by the translation coverage once it exists).
  staffOnlyMessages: ['antidisc.staff', 'nav.antidiscStaff'],
  messages: mergeCatalogues([
    reportingMessages,
    statisticsMessages,
    casesMessages,
    caseFileMessages,
    retentionMessages,
    networkMessages,
  ]),
  permissions: antidiscPermissions,
  home: [
    {
      href: '/melden',
      labelKey: 'home.report.label',
      textKey: 'home.report.text',
      easyKey: 'home.report.easy',
      rank: 20,
    },
  ],
  nav: [{ href: '/beratung', labelKey: 'nav.antidiscStaff', permission: 'antidisc.counsel' }],
  desk: {
    links: [
      {
        href: '/beratung',
        labelKey: 'antidisc.staff.desk.inbox',
        textKey: 'antidisc.staff.desk.inbox.text',
        permission: 'antidisc.counsel',
      },
      {
        href: '/beratung/netzwerk',
        labelKey: 'antidisc.staff.desk.network',
        textKey: 'antidisc.staff.desk.network.text',
        permission: 'antidisc.network',
      },
      {
        href: '/beratung/freigaben',
        labelKey: 'antidisc.staff.desk.custody',
        textKey: 'antidisc.staff.desk.custody.text',
        permission: 'antidisc.custody',
      },
      {
        href: '/beratung/verteilen',
        labelKey: 'antidisc.staff.desk.office',
        textKey: 'antidisc.staff.desk.office.text',
        permission: 'antidisc.network',
      },
    ],
  },
  discovery: { pages: ['/melden', '/statistik/diskriminierung'], noIndex: ['/melden/antwort', '/beratung'] },
  async routes(app, deps) {
    // Never serve case data with a key file that cannot open it: refuse to start instead.
    await assertCaseKeysPresent(deps)
    // Retention needs the configuration and the mail, which a declared job handler does not get;
    // registered once per job queue (a test may build two apps on the same dependencies).
    if (!scheduled.has(deps.jobs)) {
      scheduled.add(deps.jobs)
      deps.jobs.register(RETENTION_JOB, async () => {
        await runRetention(deps)
        await pruneReceiptTries(deps.db)
      })
      deps.jobs.every(RETENTION_JOB, RETENTION_EVERY_MS)
    }
    reportingRoutes(app, deps)
    casesRoutes(app, deps)
    statisticsRoutes(app, deps)
    networkRoutes(app, deps)
  },
  datasets: [statisticsDataset],
  seedDemo: seedAntidiscDemo,
  cli: { 'antidisc-rotate-keys': rotateKeysCommand },
} satisfies Feature & { staffOnlyMessages: readonly string[] }

export const antidiscriminationFeature = defineFeature(declaration)

import { readFile } from 'node:fs/promises'
import { CLI_ACTOR, SYSTEM_ACTOR } from '../../platform/audit'
import { defineFeature } from '../../platform/feature'
import { mergeCatalogues } from '../../platform/i18n'
import { ForeignImportError, formatForeignReport, importForeignResidents } from './coverage/foreign-residents'
import { formatReport, importOffers, OfferImportError } from './import-offers'
import { syncCentreOffers, syncCouncilOffers } from './linked-offers'
import { offersMessages } from './messages'
import { offersMoreMessages } from './more-messages'
import { offersDataset } from './open-data'
import { offersPermissions } from './permissions'
import { offersProviderMessages } from './providers/messages'
import { offersRoutes } from './routes'
import { seedOffersDemo } from './seed-demo'
import { remindStaleOffers, STALENESS_EVERY_MS, STALENESS_JOB } from './staleness'

/**
 * The offers finder (Angebotsfinder): what exists near me, in my language. Providers (directory
 * organisations) keep their offers; staff import CSV files. Search: docs/decisions/offers-search.md.
 */
/** The counselling centres of the anti-discrimination network, mirrored as offers every hour. */
const CENTRES_JOB = 'offers.centres'
const CENTRES_EVERY_MS = 60 * 60 * 1000
/** The public municipal councils, mirrored as offers every hour. */
const COUNCILS_JOB = 'offers.councils'

export const offersFeature = defineFeature({
  name: 'offers',
  messages: mergeCatalogues([offersMessages, offersProviderMessages, offersMoreMessages]),
  staffOnlyMessages: ['offers.staff'],
  permissions: offersPermissions,
  nav: [
    { href: '/angebote', labelKey: 'nav.offers' },
    { href: '/angebote/verwalten', labelKey: 'nav.offersKept', permission: 'offers.provide' },
  ],
  desk: {
    links: [
      {
        href: '/angebote/verwalten',
        labelKey: 'offers.staff.desk.link',
        textKey: 'offers.staff.desk.linkText',
        permission: 'offers.manage',
      },
    ],
  },
  home: [
    {
      href: '/angebote',
      labelKey: 'home.offers.label',
      textKey: 'home.offers.text',
      easyKey: 'home.offers.easy',
      rank: 10,
      search: { param: 'ort', labelKey: 'home.offers.search' },
    },
  ],
  routes: offersRoutes,
  recurring: {
    [CENTRES_JOB]: {
      everyMs: CENTRES_EVERY_MS,
      async run(deps) {
        await syncCentreOffers(deps.db, SYSTEM_ACTOR)
      },
    },
    [COUNCILS_JOB]: {
      everyMs: CENTRES_EVERY_MS,
      async run(deps) {
        await syncCouncilOffers(deps.db, SYSTEM_ACTOR, { publicUrl: deps.config.publicUrl })
      },
    },
    [STALENESS_JOB]: {
      everyMs: STALENESS_EVERY_MS,
      async run(deps) {
        await remindStaleOffers(deps)
      },
    },
  },
  discovery: { pages: ['/angebote', '/angebote/abdeckung'], noIndex: ['/angebote/verwalten'] },
  cli: {
    'import-offers': {
      description:
        'Import offers from a CSV file (columns: docs/offers-import.md). Rows are matched by external_id: a re-import updates, never duplicates. --dry-run lists every refused row and writes nothing.',
      usage: '--file FILE [--dry-run]',
      async run(deps, args, io) {
        const file = args.flags.file?.at(-1)
        if (!file || file === 'true') {
          io.err('Usage: import-offers --file FILE [--dry-run]')
          return 1
        }
        let text: string
        try {
          text = await readFile(file, 'utf8')
        } catch (err) {
          io.err(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
          return 1
        }
        try {
          const report = await importOffers(deps.db, CLI_ACTOR, text, {
            dryRun: args.flags['dry-run'] !== undefined,
          })
          for (const line of formatReport(report)) io.out(line)
          return report.refused.length ? 2 : 0
        } catch (err) {
          if (err instanceof OfferImportError) {
            io.err(err.message)
            return 1
          }
          throw err
        }
      },
    },
    'import-foreign-residents': {
      description:
        'Import foreign residents per district for the coverage page (columns district_key, count, reference_date, source: docs/offers-import.md). A district already imported is updated. --dry-run lists every refused row and writes nothing.',
      usage: '--file FILE [--dry-run]',
      async run(deps, args, io) {
        const file = args.flags.file?.at(-1)
        if (!file || file === 'true') {
          io.err('Usage: import-foreign-residents --file FILE [--dry-run]')
          return 1
        }
        let text: string
        try {
          text = await readFile(file, 'utf8')
        } catch (err) {
          io.err(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
          return 1
        }
        try {
          const report = await importForeignResidents(deps.db, CLI_ACTOR, text, {
            dryRun: args.flags['dry-run'] !== undefined,
          })
          for (const line of formatForeignReport(report)) io.out(line)
          return report.refused.length ? 2 : 0
        } catch (err) {
          if (err instanceof ForeignImportError) {
            io.err(err.message)
            return 1
          }
          throw err
        }
      },
    },
  },
  datasets: [offersDataset],
  seedDemo: seedOffersDemo,
})

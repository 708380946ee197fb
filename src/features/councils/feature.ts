import { CLI_ACTOR } from '../../platform/audit'
import { defineFeature } from '../../platform/feature'
import { mergeCatalogues } from '../../platform/i18n'
import { importPlacesFromFiles, PlaceImportError } from './import-places'
import { councilsMessages } from './messages'
import { meetingsMessages } from './messages-meetings'
import { councilsPermissions } from './permissions'
import { councilsRoutes } from './routes'
import { meetingsRoutes } from './routes-meetings'
import { seedCouncilsDemo } from './seed-demo'

/** Foreign residents' advisory councils, the agah, their meetings and votes. */
export const councilsFeature = defineFeature({
  name: 'councils',
  messages: mergeCatalogues([councilsMessages, meetingsMessages]),
  permissions: councilsPermissions,
  nav: [
    { href: '/beiraete', labelKey: 'nav.councils' },
    { href: '/agah', labelKey: 'nav.agah' },
    { href: '/sitzungen', labelKey: 'nav.meetings' },
  ],
  routes(app, deps) {
    councilsRoutes(app, deps)
    meetingsRoutes(app, deps)
  },
  cli: {
    'import-places': {
      description:
        "Import Hessen's municipalities and districts (the shipped reference data, or newer files of the same shape). Idempotent.",
      usage: '[--file-municipalities FILE] [--file-districts FILE]',
      async run(deps, args, io) {
        try {
          const r = await importPlacesFromFiles(deps.db, CLI_ACTOR, {
            municipalities: args.flags['file-municipalities']?.at(-1),
            districts: args.flags['file-districts']?.at(-1),
          })
          io.out(`Places imported: ${r.inserted} added, ${r.updated} updated.`)
          return 0
        } catch (err) {
          if (err instanceof PlaceImportError || (err as { code?: string }).code === 'ENOENT') {
            io.err((err as Error).message)
            return 1
          }
          throw err
        }
      },
    },
  },
  seedDemo: seedCouncilsDemo,
})

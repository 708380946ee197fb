import { CLI_ACTOR } from '../../platform/audit'
import { defineFeature } from '../../platform/feature'
import { importPlacesFromFiles, PlaceImportError } from './import-places'

/**
 * The shared directory: places, organisations and people that every other feature links to.
 * It imports the places (Hessen's municipalities and districts); its people and organisations are
 * created by the features that need them, through its use cases.
 */
export const directoryFeature = defineFeature({
  name: 'directory',
  permissions: {
    'directory.manage': ['admin'],
  },
  cli: {
    'import-places': {
      description:
        "Import Hessen's municipalities and districts (the shipped reference data, or newer files of the same shape). Idempotent.",
      usage: '[--file-municipalities FILE] [--file-districts FILE] [--file-centroids FILE]',
      async run(deps, args, io) {
        try {
          const r = await importPlacesFromFiles(deps.db, CLI_ACTOR, {
            municipalities: args.flags['file-municipalities']?.at(-1),
            districts: args.flags['file-districts']?.at(-1),
            centroids: args.flags['file-centroids']?.at(-1),
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
})

import { defineFeature } from '../../platform/feature'

/**
 * The shared directory: places, organisations and people that every other feature links to.
 * Its pages and importers are added by the features that need them (councils import places).
 */
export const directoryFeature = defineFeature({
  name: 'directory',
  permissions: {
    'directory.manage': ['admin'],
  },
})

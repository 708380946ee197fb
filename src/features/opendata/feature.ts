import { defineFeature } from '../../platform/feature'
import { openDataMessages } from './messages'
import { openDataRoutes } from './routes'

/**
 * Open data of the whole platform: the datasets and APIs every feature declares (the registry in
 * src/platform/open-data.ts) as CSV and JSON, the DCAT-AP.de catalogue GovData harvests, and the page
 * explaining them (docs/decisions/open-data-registry.md). Reads no table of its own or of others.
 */
export const openDataFeature = defineFeature({
  name: 'opendata',
  messages: openDataMessages,
  nav: [{ href: '/offene-daten', labelKey: 'nav.openData' }],
  routes: openDataRoutes,
  discovery: { pages: ['/offene-daten'] },
})

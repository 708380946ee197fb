import { defineFeature } from '../../platform/feature'
import { oparlMessages } from './messages'
import { oparlRoutes } from './routes'

/** The read-only OParl 1.1 API of the councils and the agah at /oparl/v1, and the page explaining it. */
export const oparlFeature = defineFeature({
  name: 'oparl',
  messages: oparlMessages,
  nav: [{ href: '/offene-daten', labelKey: 'nav.openData' }],
  routes: oparlRoutes,
  discovery: { pages: ['/offene-daten'] },
})

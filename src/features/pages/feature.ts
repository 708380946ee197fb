import { defineFeature } from '../../platform/feature'
import { pagesMessages } from './messages'
import { pagesRoutes, STATIC_PAGES } from './routes'

/** Home page and the legally required static pages. The smallest example of a feature. */
export const pagesFeature = defineFeature({
  name: 'pages',
  messages: pagesMessages,
  nav: [{ href: '/', labelKey: 'nav.home' }],
  routes: pagesRoutes,
  discovery: { pages: ['/', ...Object.keys(STATIC_PAGES)] },
})

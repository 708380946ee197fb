import { defineFeature } from '../../platform/feature'
import { oparlMessages } from './messages'
import { oparlRoutes } from './routes'
import { OParlSection } from './views/open-data'

/** The read-only OParl 1.1 API of the councils and the agah at /oparl/v1 (explained on /offene-daten). */
export const oparlFeature = defineFeature({
  name: 'oparl',
  messages: oparlMessages,
  routes: oparlRoutes,
  dataServices: [
    {
      id: 'oparl',
      titleKey: 'oparl.title',
      descriptionKey: 'oparl.lead',
      endpoint: '/oparl/v1',
      conformsTo: 'https://schema.oparl.org/1.1/',
      licence: 'dl-zero-de/2.0',
      section: (ctx, endpoint) => OParlSection({ ctx, endpoint }),
    },
  ],
})

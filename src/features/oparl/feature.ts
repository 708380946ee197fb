import { defineFeature } from '../../platform/feature'
import { oparlRoutes } from './routes'

/** Read-only OParl 1.1 API over the councils' tables at /oparl/v1. */
export const oparlFeature = defineFeature({
  name: 'oparl',
  routes: oparlRoutes,
})

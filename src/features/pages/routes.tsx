import type { App } from '../../platform/feature'
import { HomePage } from './views/home'
import { StaticPage } from './views/static-page'

/** Locale-free path → message id of the static pages BITV 2.0 and German law require. */
export const STATIC_PAGES = {
  '/impressum': 'impressum',
  '/datenschutz': 'datenschutz',
  '/barrierefreiheit': 'barrierefreiheit',
  '/leichte-sprache': 'leichteSprache',
  '/gebaerdensprache': 'gebaerdensprache',
} as const

export function pagesRoutes(app: App): void {
  app.get('/', async (request, reply) => reply.page(<HomePage ctx={request.pageContext()} />))
  for (const [path, id] of Object.entries(STATIC_PAGES)) {
    app.get(path, async (request, reply) => reply.page(<StaticPage ctx={request.pageContext()} id={id} />))
  }
}

import type { App, AppDeps } from '../../platform/feature'
import { EasyLanguagePage } from './views/easy-language'
import { HomePage } from './views/home'
import { AccessibilityPage, ImpressumPage } from './views/operator-pages'
import { StaticPage } from './views/static-page'

/** Locale-free path → message id of the static pages BITV 2.0 and German law require. */
export const STATIC_PAGES = {
  '/impressum': 'impressum',
  '/datenschutz': 'datenschutz',
  '/barrierefreiheit': 'barrierefreiheit',
  '/leichte-sprache': 'leichteSprache',
  '/gebaerdensprache': 'gebaerdensprache',
} as const

export function pagesRoutes(app: App, deps: AppDeps): void {
  app.get('/', async (request, reply) =>
    reply.page(<HomePage ctx={request.pageContext()} entries={deps.home} />),
  )
  app.get('/leichte-sprache', async (request, reply) =>
    reply.page(<EasyLanguagePage ctx={request.pageContext()} entries={deps.home} />),
  )
  app.get('/impressum', async (request, reply) => reply.page(<ImpressumPage ctx={request.pageContext()} />))
  app.get('/barrierefreiheit', async (request, reply) =>
    reply.page(<AccessibilityPage ctx={request.pageContext()} />),
  )
  app.get('/gebaerdensprache', async (request, reply) =>
    reply.page(<StaticPage ctx={request.pageContext()} id="gebaerdensprache" entries={deps.home} />),
  )
  app.get('/datenschutz', async (request, reply) =>
    reply.page(<StaticPage ctx={request.pageContext()} id="datenschutz" />),
  )
}

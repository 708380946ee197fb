import type { App, AppDeps } from '../../platform/feature'
import { EasyLanguagePage } from './views/easy-language'
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

export function pagesRoutes(app: App, deps: AppDeps): void {
  app.get('/', async (request, reply) =>
    reply.page(<HomePage ctx={request.pageContext()} entries={deps.home} />),
  )
  app.get('/leichte-sprache', async (request, reply) =>
    reply.page(<EasyLanguagePage ctx={request.pageContext()} entries={deps.home} />),
  )
  app.get('/gebaerdensprache', async (request, reply) =>
    reply.page(<StaticPage ctx={request.pageContext()} id="gebaerdensprache" entries={deps.home} />),
  )
  for (const [path, id] of Object.entries(STATIC_PAGES)) {
    if (path === '/leichte-sprache' || path === '/gebaerdensprache') continue
    app.get(path, async (request, reply) => reply.page(<StaticPage ctx={request.pageContext()} id={id} />))
  }
}

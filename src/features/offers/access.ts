import { eq, isNotNull } from 'drizzle-orm'
import { defineAccess } from '../../platform/access-rules'
import { organisationOfAccount } from '../funding/public'
import type { OffersWho } from './policies'
import { saveOffer } from './save-offer'
import { offers } from './tables'

/**
 * The offers finder: every public page for anyone. The editing screens: staff (offers.manage) for
 * every offer; an organisation's account for its own. The matrix applicant's organisation (linked by
 * the funding fixtures, which run first: files in path order) gets a fixture offer; the persona
 * otherApplicant belongs to another organisation and gets 404 for it.
 */
const keepers = ['applicant', 'otherApplicant', 'offers_editor', 'admin']
const ownOffer = {
  allow: ['applicant', 'offers_editor', 'admin'],
  params: (f: { ownOfferId: string }) => ({ id: f.ownOfferId }),
  deny: { otherApplicant: 404 },
} as const
export const access = defineAccess({
  async fixtures({ deps, users }) {
    const [dated] = await deps.db
      .select({ id: offers.id })
      .from(offers)
      .where(isNotNull(offers.startsAt))
      .limit(1)
    const [any] = await deps.db.select({ id: offers.id }).from(offers).where(eq(offers.demo, true)).limit(1)
    if (!dated || !any) throw new Error('the demo data has no offers')
    const organisationId = await organisationOfAccount(deps.db, users.applicant!)
    if (!organisationId) throw new Error('the matrix applicant has no organisation (funding fixtures)')
    const staff: OffersWho = { id: 'matrix', can: (p) => p === 'offers.manage', organisationId: null }
    const own = await saveOffer(deps.db, { id: null, label: 'matrix' }, staff, {
      organisationId,
      placeId: null,
      online: true,
      title: 'Sprechstunde online',
      description: '',
      lang: 'de',
      languages: ['de'],
      topics: ['counselling'],
      targetGroups: [],
      contactEmail: 'sprechstunde@verein.example',
    })
    if (!own.ok) throw new Error('the fixture offer was refused')
    return { offerId: any.id, datedId: dated.id, ownOfferId: own.value }
  },
  routes: {
    'GET /angebote': { allow: 'anyone', query: 'ort=Kasel&thema=language_course' },
    'GET /angebote/:id': { allow: 'anyone', params: (f) => ({ id: f.offerId }) },
    'GET /angebote/:id/termin.ics': { allow: 'anyone', params: (f) => ({ id: f.datedId }) },
    'GET /angebote/abdeckung': { allow: 'anyone', query: 'sortierung=rate&richtung=auf' },
    'GET /angebote/abdeckung.csv': { allow: 'anyone' },
    'GET /angebote/verwalten': { allow: keepers },
    'GET /angebote/verwalten/neu': { allow: keepers },
    'POST /angebote/verwalten/neu': { allow: keepers, status: 400 },
    'GET /angebote/verwalten/:id': ownOffer,
    'POST /angebote/verwalten/:id': { ...ownOffer, status: 400 },
    'POST /angebote/verwalten/:id/bestaetigen': { ...ownOffer, status: 303 },
    'GET /angebote/verwalten/:id/uebersetzungen': ownOffer,
    'POST /angebote/verwalten/:id/uebersetzungen': { ...ownOffer, status: 400 },
  },
})

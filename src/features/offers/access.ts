import { eq, isNotNull } from 'drizzle-orm'
import { defineAccess } from '../../platform/access-rules'
import { offers } from './tables'

/** The offers finder: every public page for anyone (editing comes with its own entries). */
export const access = defineAccess({
  async fixtures({ deps }) {
    const [dated] = await deps.db
      .select({ id: offers.id })
      .from(offers)
      .where(isNotNull(offers.startsAt))
      .limit(1)
    const [any] = await deps.db.select({ id: offers.id }).from(offers).where(eq(offers.demo, true)).limit(1)
    if (!dated || !any) throw new Error('the demo data has no offers')
    return { offerId: any.id, datedId: dated.id }
  },
  routes: {
    'GET /angebote': { allow: 'anyone', query: 'ort=Kasel&thema=language_course' },
    'GET /angebote/:id': { allow: 'anyone', params: (f) => ({ id: f.offerId }) },
    'GET /angebote/:id/termin.ics': { allow: 'anyone', params: (f) => ({ id: f.datedId }) },
  },
})

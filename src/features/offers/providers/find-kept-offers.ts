import { and, asc, count, eq, ilike, type SQL } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { organisations, places } from '../../directory/public'
import { isOffersStaff, type OffersWho } from '../policies'
import { offers } from '../tables'

export const KEPT_PAGE_SIZE = 50

export interface KeptOffer {
  readonly id: string
  readonly title: string
  readonly lang: string
  readonly organisationName: string
  readonly placeName: string | null
  readonly online: boolean
  readonly confirmedAt: Date
}

/**
 * The offers an actor keeps: staff see every offer (optionally those whose title or provider
 * contains `q`), an organisation's account those of its organisation. Oldest confirmation first,
 * so what needs confirming is on top.
 */
export async function keptOffers(
  db: Db,
  who: OffersWho,
  opts: { q?: string | undefined; page?: number | undefined } = {},
): Promise<{ rows: KeptOffer[]; total: number }> {
  const scope: SQL | undefined = isOffersStaff(who)
    ? undefined
    : eq(offers.organisationId, who.organisationId ?? '00000000-0000-0000-0000-000000000000')
  const q = opts.q?.trim()
  const words = q ? ilike(offers.title, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined
  const where = and(scope, words)
  const page = Math.max(1, opts.page ?? 1)
  const rows = await db
    .select({
      id: offers.id,
      title: offers.title,
      lang: offers.lang,
      organisationName: organisations.name,
      placeName: places.name,
      online: offers.online,
      confirmedAt: offers.confirmedAt,
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .leftJoin(places, eq(places.id, offers.placeId))
    .where(where)
    .orderBy(asc(offers.confirmedAt), asc(offers.title), asc(offers.id))
    .limit(KEPT_PAGE_SIZE)
    .offset((page - 1) * KEPT_PAGE_SIZE)
  const [total] = await db.select({ n: count() }).from(offers).where(where)
  return { rows, total: Number(total?.n ?? 0) }
}

/** An offer with what its editing form shows (its place and provider), public or not. */
export async function offerForEditing(db: Db, id: string) {
  const [row] = await db
    .select({
      offer: offers,
      organisationName: organisations.name,
      place: { id: places.id, name: places.name, officialKey: places.officialKey, kind: places.kind },
    })
    .from(offers)
    .innerJoin(organisations, eq(organisations.id, offers.organisationId))
    .leftJoin(places, eq(places.id, offers.placeId))
    .where(eq(offers.id, id))
  return row ?? null
}

/** The name of a directory organisation (the provider shown to an organisation's account). */
export async function organisationName(db: Db, id: string): Promise<string | null> {
  const [row] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, id))
  return row?.name ?? null
}

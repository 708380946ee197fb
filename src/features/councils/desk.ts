import { and, asc, gte, inArray, isNull, lte } from 'drizzle-orm'
import type { DeskDeclaration, DeskItem } from '../../platform/feature'
import type { MessageKey } from '../../platform/i18n'
import { councilsActorOfRequest } from './actor'
import { meetings } from './tables'

const DAY = 24 * 60 * 60 * 1000
/** Meetings starting within this many days without an invitation are "to prepare". */
const PREPARE_DAYS = 42
/** Minutes of meetings held within this many days that are not yet approved are "to write". */
const MINUTES_DAYS = 365

/**
 * The councils' part of the staff desk: the agah office's pages, a council secretary's own council,
 * and what waits – meetings to prepare (no invitation yet), minutes to write or approve, approved
 * minutes to publish – for the councils the person manages (all for the agah office).
 */
export const councilsDesk: DeskDeclaration = {
  links: [
    {
      href: '/verwaltung/agah',
      labelKey: 'councils.desk.agah',
      textKey: 'councils.desk.agahText',
      permission: 'councils.manage',
    },
    {
      href: '/verwaltung/agah/sitze',
      labelKey: 'councils.desk.seats',
      textKey: 'councils.desk.seatsText',
      permission: 'councils.manage',
    },
    {
      href: '/verwaltung/agah/konten',
      labelKey: 'councils.desk.accounts',
      textKey: 'councils.desk.accountsText',
      permission: 'councils.manage',
    },
    {
      href: '/beiraete',
      labelKey: 'councils.desk.directory',
      textKey: 'councils.desk.directoryText',
      permission: 'councils.manage',
    },
    {
      href: '/verwaltung/mein-beirat',
      labelKey: 'councils.desk.own',
      textKey: 'councils.desk.ownText',
      permission: 'councils.manageOwn',
    },
  ],
  async waiting(deps, viewer) {
    const all = viewer.can('councils.manage')
    let scope: string[] | null = null
    if (!all) {
      if (!viewer.can('councils.manageOwn')) return []
      const own = (await councilsActorOfRequest(deps.db, viewer)).staffCouncilId
      if (!own) return []
      scope = [own]
    }
    const now = new Date()
    const mine = scope ? inArray(meetings.councilId, scope) : undefined
    const rows = await deps.db
      .select({
        id: meetings.id,
        title: meetings.title,
        startsAt: meetings.startsAt,
        state: meetings.state,
        minutesState: meetings.minutesState,
      })
      .from(meetings)
      .where(
        and(
          mine,
          isNull(meetings.deletedAt),
          gte(meetings.startsAt, new Date(now.getTime() - MINUTES_DAYS * DAY)),
          lte(meetings.startsAt, new Date(now.getTime() + PREPARE_DAYS * DAY)),
        ),
      )
      .orderBy(asc(meetings.startsAt))
      .limit(500)
    const items: DeskItem[] = []
    const item = (labelKey: MessageKey, m: (typeof rows)[number]) =>
      items.push({
        labelKey,
        count: 1,
        href: `/verwaltung/sitzungen/${m.id}`,
        params: { title: m.title },
        date: m.startsAt,
      })
    for (const m of rows) {
      if (m.state === 'cancelled') continue
      if (m.startsAt > now) {
        if (m.state === 'planned') item('councils.desk.prepare', m)
      } else if (m.minutesState === 'none' || m.minutesState === 'draft') item('councils.desk.minutes', m)
      else if (m.minutesState === 'approved') item('councils.desk.publish', m)
    }
    return items
  },
}

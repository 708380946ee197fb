import type { PageContext } from '../../../platform/http/context'
import type { councils } from '../tables'

type Council = typeof councils.$inferSelect

/** On the staff pages of the agah plenary and board: links to the other agah screens. */
export function AgahStaffLinks({
  ctx,
  council,
  agah,
}: {
  ctx: PageContext
  council: Council
  agah?: { plenary: Council | null; board: Council | null } | null | undefined
}) {
  if (!agah || (council.kind !== 'agah' && council.kind !== 'agah_board')) return null
  const { t } = ctx
  const links: { href: string; label: string }[] = []
  if (council.kind === 'agah' && agah.board)
    links.push({ href: `/verwaltung/beiraete/${agah.board.id}`, label: t('councils.agahStaff.board') })
  if (council.kind === 'agah_board' && agah.plenary)
    links.push({ href: `/verwaltung/beiraete/${agah.plenary.id}`, label: t('councils.agahStaff.plenary') })
  if (links.length === 0) return null
  return (
    <ul class="kern-list">
      {links.map((l) => (
        <li key={l.href}>
          <a class="kern-link" href={ctx.href(l.href)}>
            {l.label}
          </a>
        </li>
      ))}
    </ul>
  )
}

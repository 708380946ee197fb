import type { ComponentChildren } from 'preact'
import type { PageContext } from '../http/context'

export function Alert({
  kind,
  title,
  children,
}: {
  kind: 'info' | 'success' | 'warning' | 'danger'
  title: string
  children?: ComponentChildren
}) {
  const icon = kind === 'danger' ? 'danger' : kind
  return (
    <div
      class={`kern-alert kern-alert--${kind}`}
      role={kind === 'danger' || kind === 'warning' ? 'alert' : 'status'}
    >
      <div class="kern-alert__header">
        <span class={`kern-icon kern-icon--${icon}`} aria-hidden="true" />
        <span class="kern-title">{title}</span>
      </div>
      {children ? <div class="kern-alert__body">{children}</div> : null}
    </div>
  )
}

export interface Column<R> {
  readonly header: string
  readonly cell: (row: R) => ComponentChildren
  readonly numeric?: boolean
}

// Explicit roles keep the table a table for screen readers when the phone layout makes its
// cells blocks (some browsers then drop the table semantics). Spread, as the linter takes them
// for redundant.
const HEADER_ROLE = { role: 'columnheader' } as const
const CELL_ROLE = { role: 'cell' } as const

/**
 * A data table with a caption. On a phone a table never runs off the screen:
 * - `stack` (default): below 40rem every row becomes a card, each cell led by its column header;
 * - `scroll`: the table scrolls sideways in a labelled, focusable region, with a visible hint that
 *   it does (for tables read across, like a budget by year). The caption stays in the table for
 *   screen readers and is shown above the region, so it never scrolls away mid-word.
 */
export function Table<R>(
  props: {
    caption: string
    /** For a table right under a heading that says the same: the caption only for screen readers. */
    captionHidden?: boolean
    columns: readonly Column<R>[]
    rows: readonly R[]
    rowKey: (row: R) => string
  } & ({ layout?: 'stack' } | { layout: 'scroll'; ctx: PageContext }),
) {
  const { caption, columns, rows, rowKey } = props
  const layout = props.layout ?? 'stack'
  const scroll = props.layout === 'scroll'
  return (
    <div class={`data-table data-table--${layout}`}>
      {scroll ? (
        <>
          <p class="kern-title data-table__title" aria-hidden="true">
            {caption}
          </p>
          <p class="kern-body kern-body--small data-table__hint" aria-hidden="true">
            {props.layout === 'scroll' ? props.ctx.t('ui.table.scrollHint') : null}
          </p>
        </>
      ) : null}
      {/* A scrolling region must be focusable so keyboard users can scroll it (WCAG 2.1.1). */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: see above */}
      {/* biome-ignore lint/a11y/useSemanticElements: a labelled region around a table, not a page section */}
      <div class="kern-table-responsive" tabIndex={0} role="region" aria-label={caption}>
        {/* Explicit roles keep the table a table for screen readers when the cards restyle it. */}
        {/* biome-ignore lint/a11y/noRedundantRoles: see above */}
        <table class="kern-table kern-table--striped" role="table">
          <caption class={scroll || props.captionHidden ? 'kern-sr-only' : 'kern-title'}>{caption}</caption>
          {/* biome-ignore lint/a11y/noRedundantRoles: see above */}
          <thead class="kern-table__header" role="rowgroup">
            {/* biome-ignore lint/a11y/noRedundantRoles: see above */}
            <tr class="kern-table__row" role="row">
              {columns.map((c) => (
                <th
                  key={c.header}
                  scope="col"
                  {...HEADER_ROLE}
                  class={`kern-table__header${c.numeric ? ' kern-table__header--numeric' : ''}`}
                >
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          {/* biome-ignore lint/a11y/noRedundantRoles: see above */}
          <tbody class="kern-table__body" role="rowgroup">
            {rows.map((r) => (
              // biome-ignore lint/a11y/noRedundantRoles: see above
              <tr key={rowKey(r)} class="kern-table__row" role="row">
                {columns.map((c) => (
                  <td
                    key={c.header}
                    {...CELL_ROLE}
                    data-label={c.header}
                    class={`kern-table__cell${c.numeric ? ' kern-table__cell--numeric' : ''}`}
                  >
                    {c.cell(r)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}

/** Page links; `hrefFor(n)` builds the URL of page n (1-based) keeping the other query parameters. */
export function Pagination({
  ctx,
  page,
  pageCount,
  hrefFor,
}: {
  ctx: PageContext
  page: number
  pageCount: number
  hrefFor: (page: number) => string
}) {
  if (pageCount <= 1) return null
  const pages = pageWindow(page, pageCount)
  return (
    <nav class="pagination" aria-label={ctx.t('ui.pagination.label')}>
      <ul>
        {page > 1 ? (
          <li>
            <a class="kern-link" href={hrefFor(page - 1)} rel="prev">
              {ctx.t('ui.pagination.previous')}
            </a>
          </li>
        ) : null}
        {pages.map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p}>
              {p === page ? (
                <span aria-current="page" class="pagination__current">
                  <span class="kern-sr-only">{ctx.t('ui.pagination.page')} </span>
                  {p}
                </span>
              ) : (
                <a class="kern-link" href={hrefFor(p)}>
                  <span class="kern-sr-only">{ctx.t('ui.pagination.page')} </span>
                  {p}
                </a>
              )}
            </li>
          ),
        )}
        {page < pageCount ? (
          <li>
            <a class="kern-link" href={hrefFor(page + 1)} rel="next">
              {ctx.t('ui.pagination.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}

/** 1 … 4 5 [6] 7 8 … 20 */
export function pageWindow(page: number, count: number): (number | null)[] {
  const out: (number | null)[] = []
  for (let p = 1; p <= count; p++) {
    if (p === 1 || p === count || Math.abs(p - page) <= 2) out.push(p)
    else if (out[out.length - 1] !== null) out.push(null)
  }
  return out
}

export function PageHeading({ children, lead }: { children: ComponentChildren; lead?: ComponentChildren }) {
  return (
    <div class="kern-hgroup page-heading">
      <h1 class="kern-heading-large">{children}</h1>
      {lead ? <p class="kern-subline">{lead}</p> : null}
    </div>
  )
}

/**
 * The sub-pages of a long staff page (a meeting's agenda, attendance, votes…): a labelled navigation
 * under the page heading, the current sub-page marked with `aria-current="page"` and not a link.
 */
export function SubNav({
  ctx,
  label,
  items,
  current,
}: {
  ctx: PageContext
  label: string
  items: readonly { href: string; label: string }[]
  current: string
}) {
  return (
    <nav class="sub-nav" aria-label={label}>
      <ul>
        {items.map((item) => (
          <li key={item.href}>
            {item.href === current ? (
              <span class="sub-nav__current" aria-current="page">
                {item.label}
              </span>
            ) : (
              <a class="kern-link" href={ctx.href(item.href)}>
                {item.label}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  )
}

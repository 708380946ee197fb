/**
 * Small-cell suppression for the published statistics: no count of fewer than 5 people is shown,
 * and none can be worked out from what is shown.
 *
 * - Primary: a cell with 1 to 4 is suppressed (shown as "fewer than 5"); 0 is shown (nobody).
 * - Secondary, in a table whose cells add up to its published total (one report in one cell: by
 *   quarter, by district): the suppressed cells together must hold at least 5 and be at least two,
 *   or the total minus the shown cells would give them away. Further cells are suppressed, smallest
 *   first, until that holds; if it cannot hold, the total is suppressed as well.
 * - Tables whose cells overlap (several grounds per report) get primary suppression only: their
 *   cells do not add up to anything published.
 */
export const SMALL_CELL = 5

export interface Cell<K extends string = string> {
  readonly key: K
  readonly count: number
}

export interface PublishedCell<K extends string = string> {
  readonly key: K
  /** null: suppressed (fewer than 5, or hidden so that a small one cannot be worked out). */
  readonly count: number | null
}

export interface PublishedTable<K extends string = string> {
  readonly cells: readonly PublishedCell<K>[]
  /** null when suppressed (for additive tables: when the cells' total could give a small cell away). */
  readonly total: number | null
}

export function suppressCells<K extends string>(
  cells: readonly Cell<K>[],
  options: { additive: boolean; total?: number },
): PublishedTable<K> {
  const hidden = new Set<number>()
  cells.forEach((c, i) => {
    if (c.count > 0 && c.count < SMALL_CELL) hidden.add(i)
  })
  const total = options.total ?? cells.reduce((s, c) => s + c.count, 0)
  let totalShown = total === 0 || total >= SMALL_CELL
  if (options.additive) {
    const hiddenSum = () => [...hidden].reduce((s, i) => s + cells[i]!.count, 0)
    const byCount = cells
      .map((c, i) => ({ i, count: c.count }))
      .filter((c) => c.count > 0)
      .sort((a, b) => a.count - b.count || a.i - b.i)
    for (const next of byCount) {
      if (hidden.size === 0 || (hidden.size >= 2 && hiddenSum() >= SMALL_CELL)) break
      hidden.add(next.i)
    }
    if (hidden.size > 0 && (hidden.size < 2 || hiddenSum() < SMALL_CELL)) totalShown = false
  }
  return {
    cells: cells.map((c, i) => ({ key: c.key, count: hidden.has(i) ? null : c.count })),
    total: totalShown ? total : null,
  }
}

import { distance } from 'fastest-levenshtein'

/** A place the finder can search from: a municipality or a district with its centroid. */
export interface SearchPlace {
  readonly id: string
  readonly officialKey: string
  readonly kind: 'district' | 'municipality'
  readonly name: string
  readonly designation: string | null
  readonly latitude: number | null
  readonly longitude: number | null
}

export interface PlaceMatch {
  /** The place the search starts from, when the words name one (exactly or with a small typo). */
  readonly chosen: SearchPlace | null
  /** True when `chosen` was found despite a typo (the page says what it searched for). */
  readonly corrected: boolean
  /** Other places the words may mean ("Meinten Sie …"), best first. */
  readonly suggestions: readonly SearchPlace[]
}

/** Lower case, without diacritics, ß as ss, words separated by single spaces. */
export function normalisePlaceName(s: string): string {
  return s
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** How many typos a word of this length may have and still count as meant. */
function tolerance(length: number): number {
  return length <= 3 ? 0 : length <= 5 ? 1 : length <= 9 ? 2 : 3
}

/** Municipalities before districts of the same name (Kassel the city, then the Landkreis). */
const kindOrder = (p: SearchPlace) => (p.kind === 'municipality' ? 0 : 1)

/**
 * Finds the place a visitor means among the municipalities and districts: an exact name (ignoring
 * case, accents and punctuation) wins; then a unique name starting with the words ("Frankfurt" →
 * Frankfurt am Main); then the nearest names by Levenshtein distance, over the whole name and over
 * its beginning as long as the words typed. Decision: docs/decisions/offers-search.md.
 */
export function matchPlace(query: string, candidates: readonly SearchPlace[]): PlaceMatch {
  const q = normalisePlaceName(query)
  if (!q) return { chosen: null, corrected: false, suggestions: [] }
  const named = candidates.map((p) => ({ p, n: normalisePlaceName(p.name) }))
  const sorted = (xs: { p: SearchPlace; score: number }[]) =>
    xs.sort(
      (a, b) =>
        a.score - b.score || kindOrder(a.p) - kindOrder(b.p) || a.p.name.localeCompare(b.p.name, 'de'),
    )

  const exact = named.filter((x) => x.n === q).map((x) => x.p)
  if (exact.length) {
    const [first, ...rest] = [...exact].sort((a, b) => kindOrder(a) - kindOrder(b))
    return { chosen: first!, corrected: false, suggestions: rest }
  }
  const prefix = named.filter((x) => x.n.startsWith(`${q} `) || x.n.startsWith(q))
  if (prefix.length === 1) return { chosen: prefix[0]!.p, corrected: false, suggestions: [] }
  if (prefix.length > 1)
    return {
      chosen: null,
      corrected: false,
      suggestions: sorted(prefix.map((x) => ({ p: x.p, score: x.n.length })))
        .map((x) => x.p)
        .slice(0, 8),
    }
  const allowed = tolerance(q.length)
  const scored = named
    .map((x) => {
      const full = distance(q, x.n)
      // The beginning of a longer name, a letter shorter or longer than the words typed too.
      const start = Math.min(
        ...[q.length - 1, q.length, q.length + 1].map((len) => distance(q, x.n.slice(0, len))),
      )
      return { p: x.p, full, score: Math.min(full, start) }
    })
    .filter((x) => x.score <= allowed)
  const ranked = sorted(scored)
  const best = ranked[0]
  if (!best) return { chosen: null, corrected: false, suggestions: [] }
  const tiedBest = ranked.filter((x) => x.score === best.score && x.p.name !== best.p.name)
  if (tiedBest.length === 0)
    return {
      chosen: best.p,
      corrected: true,
      suggestions: ranked.slice(1, 6).map((x) => x.p),
    }
  return { chosen: null, corrected: false, suggestions: ranked.slice(0, 6).map((x) => x.p) }
}

import { and, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../platform/db'
import { escapeHtml } from './markdown'
import { pressReleases } from './tables'

/** Markers ts_headline puts around matches: private-use characters, removed from the text first. */
const START = '\uE000'
const STOP = '\uE001'
/** Stand-ins for < and > in the text given to ts_headline (which would read them as tags). */
const LT = '\uE002'
const GT = '\uE003'
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`

export const SEARCH_MAX_LENGTH = 200

/** What the search accepts of a query: trimmed, without control characters, at most 200 characters. */
export function cleanQuery(raw: unknown): string {
  if (typeof raw !== 'string') return ''
  return (
    raw
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u001f\u007f\uE000-\uE003]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, SEARCH_MAX_LENGTH)
  )
}

/** Escapes the snippet, then turns the markers into <mark>: no markup from the text can get through. */
export function highlightToHtml(headline: string): string {
  let out = ''
  let open = false
  for (const part of headline.split(/([\uE000\uE001])/)) {
    if (part === START) {
      if (!open) out += '<mark>'
      open = true
    } else if (part === STOP) {
      if (open) out += '</mark>'
      open = false
    } else out += escapeHtml(part.replaceAll(LT, '<').replaceAll(GT, '>'))
  }
  return open ? `${out}</mark>` : out
}

/**
 * German compounds: "Odenwald" should find "Odenwaldkreis". A plain query (no quotes, no minus, no
 * "or") becomes a prefix query: every word, stemmed, must start a word of the release
 * ('odenwald':* & 'beirat':*). Words are letters and digits only, so the tsquery text has no syntax
 * of its own; websearch_to_tsquery keeps handling queries that use its operators.
 */
export function prefixQueryText(q: string): string | null {
  if (/["]|(^|\s)-|\sor\s/i.test(q)) return null
  const words = q.match(/[\p{L}\p{N}]+/gu) ?? []
  if (words.length === 0) return null
  // Words shorter than three letters match whole words only ("a" should not find every "a…").
  return words.map((w) => (w.length < 3 ? `'${w}'` : `'${w}':*`)).join(' & ')
}

export interface SearchHit {
  id: string
  slug: string
  title: string
  publishedAt: Date | null
  readingMinutes: number
  snippetHtml: string
}

/**
 * Full-text search over published releases with PostgreSQL's German configuration (stemming,
 * stop words, prefix matching for compounds), ranked by ts_rank with the title weighted highest.
 * Neither query form can raise a syntax error; a query without searchable words finds nothing.
 */
export async function searchReleases(
  db: Db,
  query: string,
  page: { limit: number; offset: number },
): Promise<{ hits: SearchHit[]; total: number }> {
  const q = cleanQuery(query)
  if (!q) return { hits: [], total: 0 }
  const prefix = prefixQueryText(q)
  const tsq = prefix
    ? sql`to_tsquery('german'::regconfig, ${prefix})`
    : sql`websearch_to_tsquery('german'::regconfig, ${q})`
  const match = and(eq(pressReleases.status, 'published'), sql`${pressReleases.searchVector} @@ ${tsq}`)
  const rank = sql`ts_rank(${pressReleases.searchVector}, ${tsq})`
  const rows = await db
    .select({
      id: pressReleases.id,
      slug: pressReleases.slug,
      title: pressReleases.title,
      publishedAt: pressReleases.publishedAt,
      readingMinutes: pressReleases.readingMinutes,
      headline: sql<string>`ts_headline('german'::regconfig, translate(${pressReleases.plainText}, ${`<>${START}${STOP}${LT}${GT}`}, ${LT + GT}), ${tsq}, ${HEADLINE_OPTIONS})`,
    })
    .from(pressReleases)
    .where(match)
    .orderBy(desc(rank), desc(pressReleases.publishedAt))
    .limit(page.limit)
    .offset(page.offset)
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(pressReleases).where(match)
  return {
    hits: rows.map(({ headline, ...r }) => ({ ...r, snippetHtml: highlightToHtml(headline) })),
    total: Number(count?.n ?? 0),
  }
}

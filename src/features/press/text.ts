/** Pure text rules of the newsroom: slugs, reading time, teasers. */

export const SLUG_MAX_LENGTH = 100
/** Generated slugs stop at a word boundary before this length. */
const SLUG_GENERATED_LENGTH = 80
/** Path segments under /presse that are routes, not releases. */
export const RESERVED_SLUGS = new Set(['redaktion', 'suche', 'themen', 'feed', 'sitemap', 'dateien'])
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** German words per minute assumed for the reading time. */
export const WORDS_PER_MINUTE = 200

/** "Staatssekretär Kai Klose bei …" → "staatssekretaer-kai-klose-bei-…", cut at a word boundary. */
export function slugify(text: string): string {
  const base = text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (base.length <= SLUG_GENERATED_LENGTH) return base || 'pressemitteilung'
  const cut = base.slice(0, SLUG_GENERATED_LENGTH + 1)
  const lastDash = cut.lastIndexOf('-')
  return (lastDash > 20 ? cut.slice(0, lastDash) : cut.slice(0, SLUG_GENERATED_LENGTH)).replace(/-+$/, '')
}

export type SlugProblem = 'too_long' | 'pattern' | 'reserved'

/** Checks a slug typed by a person; null when it is fine. */
export function slugProblem(slug: string): SlugProblem | null {
  if (slug.length > SLUG_MAX_LENGTH) return 'too_long'
  if (!SLUG_PATTERN.test(slug)) return 'pattern'
  if (RESERVED_SLUGS.has(slug)) return 'reserved'
  return null
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
}

/** Whole minutes at WORDS_PER_MINUTE, rounded to the nearest minute, at least 1. */
export function readingMinutes(text: string): number {
  return Math.max(1, Math.round(countWords(text) / WORDS_PER_MINUTE))
}

/** The first sentences of a text, up to about `max` characters, cut at a word boundary. */
export function teaserOf(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max)
  const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '))
  if (sentenceEnd > max / 2) return cut.slice(0, sentenceEnd + 1)
  const space = cut.lastIndexOf(' ')
  return `${cut.slice(0, space > 0 ? space : max)} …`
}

import { and, eq, isNull, or } from 'drizzle-orm'
import type { Actor } from '../../platform/audit'
import { type Db, inTransaction } from '../../platform/db'
import { FORM, refuse } from '../../platform/outcome'
import { pageCache } from './cache'
import { type ContactInput, createContact } from './manage-contacts'
import { escapeMarkdown } from './markdown'
import { createRelease, type SaveReleaseResult } from './save-release'
import { pressContacts, pressReleases } from './tables'
import { slugify } from './text'

/** A press release as read from the text of a ministry web page. */
export interface ParsedRelease {
  title: string
  subtitle: string | null
  /** The reading time stated in the text, if any (ours is computed). */
  statedReadingMinutes: number | null
  dateline: string | null
  /** Body paragraphs as plain text; the first without its dateline. */
  paragraphs: string[]
  contact: ContactInput | null
  /** Titles listed under "Downloads" (the files themselves are not in the text). */
  downloads: string[]
}

export class ImportFormatError extends Error {}

const CONTACT_MARKER = /^Kontakt für Pressevertreter(innen)?:?$/i
const DOWNLOADS_MARKER = /^Downloads:?$/i
const READING_TIME = /^(\d+)\s+Minuten?\s+Lesezeit$/i
/** "Breuberg-Neustadt. Anlässlich …": a place name (capitalised, no sentence inside) and a full stop. */
const DATELINE = /^(\p{Lu}[\p{L}\-/ ()]{1,60}?)\.\s+(?=\S)/u

/**
 * Reads the format of the fixture: an optional "Details" line, the title, the subtitle, the reading
 * time line, body paragraphs (the first opening with the dateline), then "Kontakt für Pressevertreter"
 * with the contact lines and finally "Downloads".
 */
export function parseReleaseText(text: string): ParsedRelease {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
  const contactAt = lines.findIndex((l) => CONTACT_MARKER.test(l))
  const downloadsAt = lines.findIndex((l, i) => DOWNLOADS_MARKER.test(l) && (contactAt < 0 || i > contactAt))
  const headEnd = contactAt >= 0 ? contactAt : downloadsAt >= 0 ? downloadsAt : lines.length
  // Blocks: runs of non-empty lines (a paragraph is one line in the source, but be lenient).
  const blocks: string[] = []
  let current: string[] = []
  for (const line of lines.slice(0, headEnd)) {
    if (line === '') {
      if (current.length) blocks.push(current.join(' '))
      current = []
    } else current.push(line)
  }
  if (current.length) blocks.push(current.join(' '))
  if (blocks[0] && /^Details$/i.test(blocks[0])) blocks.shift()
  const title = blocks.shift()
  if (!title) throw new ImportFormatError('The text has no title line.')
  let subtitle: string | null = null
  let statedReadingMinutes: number | null = null
  const next = blocks[0]
  if (next !== undefined && !READING_TIME.test(next)) {
    subtitle = next
    blocks.shift()
  }
  const rt = blocks[0] !== undefined ? READING_TIME.exec(blocks[0]) : null
  if (rt) {
    statedReadingMinutes = Number(rt[1])
    blocks.shift()
  }
  if (blocks.length === 0) throw new ImportFormatError('The text has no body paragraphs.')
  let dateline: string | null = null
  const first = blocks[0]!
  const m = DATELINE.exec(first)
  if (m) {
    dateline = m[1]!.trim()
    blocks[0] = first.slice(m[0].length)
  }
  let contact: ContactInput | null = null
  if (contactAt >= 0) {
    const end = downloadsAt > contactAt ? downloadsAt : lines.length
    contact = parseContact(lines.slice(contactAt + 1, end).filter((l) => l !== ''))
  }
  const downloads = downloadsAt >= 0 ? lines.slice(downloadsAt + 1).filter((l) => l !== '') : []
  return { title, subtitle, statedReadingMinutes, dateline, paragraphs: blocks, contact, downloads }
}

/** Name, organisation, street, "PLZ Ort", then labelled lines (value on the same or the next line). */
function parseContact(lines: string[]): ContactInput | null {
  const plain: string[] = []
  const labelled: Record<string, string> = {}
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!
    const lm = /^(Telefon|Tel\.|Fax|Telefax|E-Mail|Mail)\s*:\s*(.*)$/i.exec(l)
    if (lm) {
      const label =
        lm[1]!.toLowerCase().startsWith('t') && !/fax/i.test(lm[1]!)
          ? 'phone'
          : /fax/i.test(lm[1]!)
            ? 'fax'
            : 'email'
      let value = lm[2]!.trim()
      if (!value && i + 1 < lines.length && !/^[\p{L}-]+\s*:/u.test(lines[i + 1]!)) value = lines[++i]!.trim()
      if (value) labelled[label] = value
    } else plain.push(l)
  }
  const [name, organisation, ...rest] = plain
  if (!name || !organisation) return null
  const cityIdx = rest.findIndex((l) => /^\d{5}\s+\S/.test(l))
  const cityLine = cityIdx >= 0 ? rest[cityIdx]! : undefined
  const street = cityIdx > 0 ? rest.slice(0, cityIdx).join(', ') : cityIdx < 0 ? rest[0] : undefined
  return {
    name,
    organisation,
    street,
    postalCode: cityLine?.slice(0, 5),
    city: cityLine?.slice(5).trim(),
    phone: labelled.phone,
    fax: labelled.fax,
    email: labelled.email,
  }
}

/** The body as Markdown: plain paragraphs, escaped so the text shows literally. */
export function paragraphsToMarkdown(paragraphs: readonly string[]): string {
  return paragraphs.map(escapeMarkdown).join('\n\n')
}

/** A release is imported once: a second import answers `press.error.alreadyImported` with its slug. */
export type ImportResult = SaveReleaseResult

/**
 * Creates a release from parsed text: a draft, or published with `publish`. The contact is reused
 * when one with the same name and organisation exists. A release with the same title is not
 * imported twice (so demo data stays idempotent).
 */
export async function importRelease(
  db: Db,
  actor: Actor,
  parsed: ParsedRelease,
  options: { publish?: boolean; topicIds?: string[]; publishedAt?: Date } = {},
): Promise<ImportResult> {
  // One transaction: a refused release leaves no new contact behind.
  const result = await inTransaction(db, async (tx): Promise<ImportResult> => {
    const r = await importIn(tx, actor, parsed, options)
    if (!r.ok) throw new Rollback(r)
    return r
  }).catch((err: unknown) => {
    if (err instanceof Rollback) return err.result
    throw err
  })
  await pageCache.invalidate(db)
  return result
}

class Rollback extends Error {
  constructor(readonly result: ImportResult) {
    super('rollback')
  }
}

async function importIn(
  db: Db,
  actor: Actor,
  parsed: ParsedRelease,
  options: { publish?: boolean; topicIds?: string[]; publishedAt?: Date },
): Promise<ImportResult> {
  const slug = slugify(parsed.title)
  const [existing] = await db
    .select({ slug: pressReleases.slug })
    .from(pressReleases)
    .where(and(eq(pressReleases.title, parsed.title), eq(pressReleases.slug, slug)))
  if (existing) return refuse('press.error.alreadyImported', FORM, { slug: existing.slug })
  let contactId: string | undefined
  if (parsed.contact) {
    const c = parsed.contact
    const [found] = await db
      .select({ id: pressContacts.id })
      .from(pressContacts)
      .where(
        and(
          eq(pressContacts.name, c.name),
          eq(pressContacts.organisation, c.organisation),
          c.phone ? or(eq(pressContacts.phone, c.phone), isNull(pressContacts.phone)) : undefined,
        ),
      )
    contactId = found?.id ?? (await createContact(db, actor, c))
  }
  return createRelease(
    db,
    actor,
    {
      title: parsed.title,
      subtitle: parsed.subtitle ?? undefined,
      dateline: parsed.dateline ?? undefined,
      body: paragraphsToMarkdown(parsed.paragraphs),
      contactId,
      topicIds: options.topicIds,
    },
    { publish: options.publish, ...(options.publishedAt ? { publishedAt: options.publishedAt } : {}) },
  )
}

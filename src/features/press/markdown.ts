import { Marked } from 'marked'
import sanitizeHtml from 'sanitize-html'

/**
 * The press office writes a small Markdown subset: paragraphs, quotes, emphasis, lists and links.
 * Everything else (raw HTML, headings, images, code) is reduced to its text by the sanitiser, which
 * also removes scripts, event handlers and every link scheme except http, https and mailto.
 */
const marked = new Marked({ gfm: true, breaks: false, async: false })

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'blockquote', 'em', 'strong', 'ul', 'ol', 'li', 'a', 'br'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object'],
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: (attribs.href
        ? { href: attribs.href, rel: 'noopener noreferrer' }
        : {}) as sanitizeHtml.Attributes,
    }),
  },
}

/** Markdown → sanitised HTML, safe to insert into a page unescaped. */
export function renderMarkdown(markdown: string): string {
  const raw = marked.parse(markdown) as string
  return sanitizeHtml(raw, SANITIZE).trim()
}

/** Sanitises HTML from anywhere with the same rules (also used by the tests). */
export function sanitizeBodyHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE).trim()
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' }

/** The text of sanitised HTML, paragraphs separated by blank lines. */
export function htmlToText(html: string): string {
  const blocks = html.replace(/<\/(p|li|blockquote)>/g, '\n\n').replace(/<br\s*\/?>/g, '\n')
  return sanitizeHtml(blocks, { allowedTags: [], allowedAttributes: {} })
    .replace(
      /&(#?\w+);/g,
      (m, name: string) =>
        ENTITIES[name] ?? (name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : m),
    )
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n\s*/g, '\n\n')
    .trim()
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Puts the dateline ("Breuberg-Neustadt.") in bold at the start of the first paragraph. */
export function withDateline(bodyHtml: string, dateline: string | null): string {
  if (!dateline) return bodyHtml
  const mark = `<strong class="press-dateline">${escapeHtml(dateline)}.</strong> `
  return bodyHtml.startsWith('<p>') ? `<p>${mark}${bodyHtml.slice(3)}` : `<p>${mark}</p>${bodyHtml}`
}

/** Escapes text so Markdown shows it literally (used by the importer for plain-text paragraphs). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<>])/g, '\\$1')
    .replace(/^(\s*)([#>+-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
}

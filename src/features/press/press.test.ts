import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { IMPORT_FIXTURE_FILE } from '../../../test/helpers/fixtures'
import { paragraphsToMarkdown, parseReleaseText } from './import-release'
import { htmlToText, renderMarkdown, sanitizeBodyHtml, withDateline } from './markdown'
import { cleanQuery, highlightToHtml } from './search-releases'
import { countWords, readingMinutes, SLUG_MAX_LENGTH, slugify, slugProblem, teaserOf } from './text'

const fixture = readFileSync(IMPORT_FIXTURE_FILE, 'utf8')

describe('reading time', () => {
  it('is at least one minute', () => {
    assert.equal(readingMinutes(''), 1)
    assert.equal(readingMinutes('Ein Satz.'), 1)
  })
  it('rounds words at 200 per minute', () => {
    const words = (n: number) => Array.from({ length: n }, () => 'Wort').join(' ')
    assert.equal(readingMinutes(words(299)), 1)
    assert.equal(readingMinutes(words(300)), 2)
    assert.equal(readingMinutes(words(455)), 2)
    assert.equal(readingMinutes(words(500)), 3)
  })
  it('counts words, not punctuation', () => {
    assert.equal(countWords('„Wir – und ihr“ , 10 Mio.  Euro'), 6)
  })
})

describe('slugs', () => {
  it('transliterates German and joins words with dashes', () => {
    assert.equal(
      slugify('Plenarsitzung der Ausländerbeiräte: Größe & Vielfalt!'),
      'plenarsitzung-der-auslaenderbeiraete-groesse-vielfalt',
    )
    assert.equal(slugify('Café São Paulo'), 'cafe-sao-paulo')
    assert.equal(slugify('!!!'), 'pressemitteilung')
  })
  it('cuts long titles at a word boundary', () => {
    const s = slugify(
      'Staatssekretär Kai Klose bei Plenarsitzung der Ausländerbeiräte Hessen und noch viel mehr Text dahinter',
    )
    assert.ok(s.length <= 80, s)
    assert.ok(!s.endsWith('-'))
    assert.equal(slugProblem(s), null)
  })
  it('refuses over-long, malformed and reserved slugs', () => {
    assert.equal(slugProblem('a'.repeat(SLUG_MAX_LENGTH)), null)
    assert.equal(slugProblem('a'.repeat(SLUG_MAX_LENGTH + 1)), 'too_long')
    assert.equal(slugProblem('Gross'), 'pattern')
    assert.equal(slugProblem('a--b'), 'pattern')
    assert.equal(slugProblem('-a'), 'pattern')
    assert.equal(slugProblem('a/b'), 'pattern')
    assert.equal(slugProblem('suche'), 'reserved')
    assert.equal(slugProblem('redaktion'), 'reserved')
  })
})

describe('importer on the agah plenary release', () => {
  const parsed = parseReleaseText(fixture)
  it('reads title, subtitle and the stated reading time', () => {
    assert.equal(parsed.title, 'Staatssekretär Kai Klose bei Plenarsitzung der Ausländerbeiräte Hessen')
    assert.match(
      parsed.subtitle ?? '',
      /^Staatssekretär Kai Klose bei Plenarsitzung der Ausländerbeiräte Hessen: „Gemeinsam/,
    )
    assert.match(parsed.subtitle ?? '', /tatsächlich erreicht!“$/)
    assert.equal(parsed.statedReadingMinutes, 2)
  })
  it('splits off the dateline and keeps all six paragraphs', () => {
    assert.equal(parsed.dateline, 'Breuberg-Neustadt')
    assert.equal(parsed.paragraphs.length, 6)
    assert.match(parsed.paragraphs[0]!, /^Anlässlich der Plenarversammlung/)
    assert.match(parsed.paragraphs[5]!, /bei der agah angesiedelt ist\.$/)
    assert.ok(parsed.paragraphs.every((p) => !p.includes('Kontakt für Pressevertreter')))
  })
  it('reads the contact block: the four address lines, phone and fax', () => {
    assert.deepEqual(parsed.contact, {
      name: 'Markus Büttner',
      organisation: 'Hessisches Ministerium für Soziales und Integration',
      street: 'Sonnenbergerstraße 2 /2a',
      postalCode: '65193',
      city: 'Wiesbaden',
      phone: '0611 3219-2161',
      fax: '0611 32719-4666',
      email: undefined,
    })
    assert.deepEqual(parsed.downloads, [])
  })
  it('computes 2 minutes of reading time from the body', () => {
    const html = renderMarkdown(paragraphsToMarkdown(parsed.paragraphs))
    assert.equal(readingMinutes(htmlToText(html)), 2)
    assert.equal((html.match(/<p>/g) ?? []).length, 6)
    assert.match(
      withDateline(html, parsed.dateline),
      /^<p><strong class="press-dateline">Breuberg-Neustadt\.<\/strong> Anlässlich/,
    )
  })
  it('keeps text literal that looks like Markdown', () => {
    const html = renderMarkdown(
      paragraphsToMarkdown(['*nicht kursiv* und <b>kein Tag</b>', '1. kein Listenpunkt']),
    )
    assert.equal(html, '<p>*nicht kursiv* und &lt;b&gt;kein Tag&lt;/b&gt;</p>\n<p>1. kein Listenpunkt</p>')
  })
  it('refuses text without a title', () => {
    assert.throws(() => parseReleaseText('\n\n'), /no title/)
  })
})

describe('Markdown subset and sanitiser', () => {
  it('renders paragraphs, quotes, emphasis, lists and links', () => {
    const html = renderMarkdown('Eins *zwei* **drei**\n\n> Zitat\n\n- a\n- b\n\n[Link](https://hessen.de)')
    assert.match(html, /<p>Eins <em>zwei<\/em> <strong>drei<\/strong><\/p>/)
    assert.match(html, /<blockquote>\s*<p>Zitat<\/p>\s*<\/blockquote>/)
    assert.match(html, /<ul>\s*<li>a<\/li>\s*<li>b<\/li>\s*<\/ul>/)
    assert.match(html, /<a href="https:\/\/hessen.de" rel="noopener noreferrer">Link<\/a>/)
  })
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '[x](javascript:alert(1))',
    '[x](JAVASCRIPT:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](vbscript:msgbox(1))',
    '<iframe src="https://evil.example"></iframe>',
    '<p onclick="alert(1)">x</p>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<body onload=alert(1)>',
    '<details open ontoggle=alert(1)>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '"><script>alert(1)</script>',
    '<scr<script>ipt>alert(1)</script>',
    '<a href="//evil.example">x</a>',
    '![x](https://evil.example/x.png" onerror="alert(1))',
    '<style>*{background:red}</style>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  ]
  for (const payload of payloads) {
    it(`neutralises ${payload}`, () => {
      for (const html of [renderMarkdown(payload), sanitizeBodyHtml(payload)]) {
        assert.doesNotMatch(
          html,
          /<(script|iframe|img|svg|object|embed|style|form|base|meta|math|body|details)\b/i,
          html,
        )
        assert.doesNotMatch(html, /<[^>]*\son\w+\s*=/i, html)
        assert.doesNotMatch(html, /href\s*=\s*"?\s*(javascript|data|vbscript):/i, html)
        assert.doesNotMatch(html, /href="\/\//i, html)
        assert.doesNotMatch(html, /<[^>]*style=/i, html)
      }
    })
  }
})

describe('search snippets', () => {
  it('escapes the text and marks only the matches', () => {
    assert.equal(
      highlightToHtml('a <b>&</b> \uE000Integrationsverträge\uE001 x'),
      'a &lt;b&gt;&amp;&lt;/b&gt; <mark>Integrationsverträge</mark> x',
    )
    assert.equal(highlightToHtml('\uE000open'), '<mark>open</mark>')
    assert.equal(highlightToHtml('stray\uE001 end'), 'stray end')
  })
  it('cleans odd queries', () => {
    assert.equal(cleanQuery(undefined), '')
    assert.equal(cleanQuery(['a']), '')
    assert.equal(cleanQuery('  a\u0000b \uE000 '), 'a b')
    assert.equal(cleanQuery('x'.repeat(500)).length, 200)
  })
})

describe('teaser', () => {
  it('ends at a sentence when it can', () => {
    assert.equal(teaserOf('Kurz.'), 'Kurz.')
    const long = `${'Erster Satz mit einigen Wörtern darin. '.repeat(4)}${'Weiter '.repeat(60)}`
    const t = teaserOf(long)
    assert.ok(t.length <= 240)
    assert.ok(t.endsWith('.'))
  })
})

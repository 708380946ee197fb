import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { PageContext } from '../../../platform/http/context'
import { mergeCatalogues, translator } from '../../../platform/i18n'
import { uiMessages } from '../../../platform/ui/messages'
import { renderPage } from '../../../platform/ui/render-scope'
import { roundsMessages } from './messages'
import { WordDiff, wordDiff } from './word-diff'

const catalogues = mergeCatalogues([uiMessages, roundsMessages])
const ctx = (locale: 'de' | 'en' = 'de') =>
  ({
    locale,
    dir: 'ltr',
    t: translator(catalogues, locale),
    href: (p: string) => p,
  }) as unknown as PageContext

describe('word-level difference of a proposed wording', () => {
  it('splits into kept, inserted and removed words, and gives both texts back', () => {
    const before = 'Das Land fördert Sprachkurse in allen Landkreisen.'
    const after = 'Das Land fördert Sprachkurse mit Kinderbetreuung landesweit.'
    const parts = wordDiff(before, after)
    const join = (keep: 'added' | 'removed') =>
      parts
        .filter((p) => p.kind !== keep)
        .map((p) => p.text)
        .join('')
    assert.equal(join('added'), before)
    assert.equal(join('removed'), after)
    // Neighbouring word changes read as one change each way, not word by word in turns.
    assert.deepEqual(parts, [
      { kind: 'same', text: 'Das Land fördert Sprachkurse ' },
      { kind: 'removed', text: 'in allen Landkreisen' },
      { kind: 'added', text: 'mit Kinderbetreuung landesweit' },
      { kind: 'same', text: '.' },
    ])
  })

  it('marks an unchanged text as one kept part', () => {
    assert.deepEqual(wordDiff('Gleich bleibt gleich.', 'Gleich bleibt gleich.'), [
      { kind: 'same', text: 'Gleich bleibt gleich.' },
    ])
  })

  it('renders <ins> and <del> that also say in words what changed, escaping the text', () => {
    const html = renderPage(
      <WordDiff ctx={ctx()} before="Kurse <b>für</b> alle" after="Kurse für Erwachsene und alle" />,
    )
    assert.match(html, /<ins><span class="kern-sr-only">\[eingefügt: <\/span>/)
    assert.match(html, /<del><span class="kern-sr-only">\[gestrichen: <\/span>/)
    assert.match(html, /&lt;b>/, 'the wording is escaped')
    assert.doesNotMatch(html, /<b>/)
    const en = renderPage(<WordDiff ctx={ctx('en')} before="a b" after="a c" lang="de" />)
    assert.match(en, /<p class="kern-body plan-diff" lang="de">/)
    assert.match(en, /\[inserted: <\/span>c/)
    assert.match(en, /\[deleted: <\/span>b/)
  })
})

import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { FEATURES } from '../../app'
import { uiMessages } from '../ui/messages'
import {
  localePath,
  type MessageKey,
  mergeCatalogues,
  type Params,
  SOURCE_LOCALES,
  splitLocale,
  translator,
} from '.'

const catalogues = mergeCatalogues([uiMessages, ...FEATURES.flatMap((f) => (f.messages ? [f.messages] : []))])
const srcDir = path.resolve(import.meta.dirname, '../..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
}

describe('message catalogues', () => {
  it('have the same keys in German and English and no empty text', () => {
    const german = Object.keys(catalogues.de).sort()
    for (const locale of SOURCE_LOCALES) {
      assert.deepEqual(Object.keys(catalogues[locale]).sort(), german, `keys of ${locale}`)
      for (const [key, text] of Object.entries(catalogues[locale]))
        assert.ok(text.trim(), `${locale} ${key} is empty`)
    }
  })

  it('define every key the code asks for with a literal t("…")', () => {
    const missing: string[] = []
    for (const file of sourceFiles(srcDir)) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) {
        if (!(m[1]! in catalogues.de)) missing.push(`${path.relative(srcDir, file)}: ${m[1]}`)
      }
    }
    assert.deepEqual(missing, [])
  })

  it('interpolate parameters and fall back to the key for unknown ones', () => {
    // Made-up catalogues: their keys are not MessageKeys, so the translator is used untyped here.
    type Untyped = (key: string, params?: Params) => string
    const t = translator({ de: { a: 'Hallo {name}, {n} neue' }, en: { a: 'Hello {name}' } }, 'en') as Untyped
    assert.equal(t('a', { name: 'Ada' }), 'Hello Ada')
    assert.equal(t('nope'), 'nope')
    const de = translator({ de: { a: 'Hallo {name}, {n} neue' }, en: { a: 'Hello {name}' } }, 'de') as Untyped
    assert.equal(de('a', { name: 'Ada', n: 3 }), 'Hallo Ada, 3 neue')
  })

  it('type message keys: an unknown key does not compile', () => {
    const t = translator(catalogues, 'en')
    assert.equal(t('form.required'), 'Please fill in this field.')
    const keys: MessageKey[] = ['press.flash.created', 'funding.error.fourEyes', 'ui.errorPage.404.title']
    assert.ok(keys.every((k) => k in catalogues.de && k in catalogues.en))
    // @ts-expect-error 'form.requird' is not a key of any catalogue
    assert.equal(t('form.requird'), 'form.requird')
  })

  it('map URLs to locales and back', () => {
    assert.deepEqual(splitLocale('/en/presse?q=x'), { locale: 'en', path: '/presse?q=x' })
    assert.deepEqual(splitLocale('/en'), { locale: 'en', path: '/' })
    assert.deepEqual(splitLocale('/english'), { locale: 'de', path: '/english' })
    assert.deepEqual(splitLocale('/presse'), { locale: 'de', path: '/presse' })
    assert.equal(localePath('en', '/'), '/en')
    assert.equal(localePath('en', '/presse'), '/en/presse')
    assert.equal(localePath('de', '/presse'), '/presse')
  })
})

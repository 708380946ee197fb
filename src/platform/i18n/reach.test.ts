import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import { catalogueParts } from '../../app'
import { formatMoney } from '../../features/funding/money'
import {
  compileMessage,
  FALLBACK_CLOSE,
  FALLBACK_OPEN,
  formatDate,
  formatNumber,
  intlTag,
  LOCALE_LIST,
  type Locale,
  type MessageKey,
  markFallbacks,
  translator,
} from '.'
import {
  argumentNames,
  LOCALES_DIR,
  loadCatalogues,
  localeFolders,
  publicKeys,
  TRANSLATED_LOCALES,
  translationPath,
} from './translations'
import { exportXliff, importXliff } from './xliff'

const parts = catalogueParts()
const { catalogues, reports } = loadCatalogues(parts)
const COUNTS = Array.from({ length: 1001 }, (_, n) => n)
const NON_WESTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/

describe('ICU messages in every language', () => {
  it('choose the CLDR plural category of each language for every count from 0 to 1000', () => {
    const all = '{n, plural, zero {zero} one {one} two {two} few {few} many {many} other {other}}'
    for (const locale of LOCALE_LIST) {
      const format = compileMessage('test', all, locale)
      const rules = new Intl.PluralRules(intlTag(locale))
      for (const n of COUNTS) assert.equal(format({ n }), rules.select(n), `${locale} ${n}`)
    }
  })

  it('format every plural message of every catalogue for 0–1000 without leftover syntax', () => {
    let checked = 0
    for (const locale of LOCALE_LIST) {
      const t = translator(catalogues, locale)
      const rules = new Intl.PluralRules(intlTag(locale))
      for (const [key, message] of Object.entries(catalogues[locale] ?? {})) {
        if (!/,\s*plural\s*,/.test(message)) continue
        const names = [...message.matchAll(/\{\s*(\w+)\s*,\s*plural/g)].map((m) => m[1]!)
        for (const n of COUNTS) {
          const params = Object.fromEntries(
            [...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => [m[1]!, names.includes(m[1]!) ? n : 'X']),
          )
          const out = t(key as MessageKey, params)
          assert.doesNotMatch(out, /[{}#]|plural/, `${locale} ${key} ${n}: ${out}`)
          assert.doesNotMatch(out, NON_WESTERN_DIGITS, `${locale} ${key} ${n}`)
          const category = rules.select(n)
          // "other" and "many" always show the number; zero, one, two and few may be words.
          if (category === 'other' && n > 2)
            assert.ok(out.includes(formatNumber(locale, n)), `${locale} ${key} ${n}: ${out}`)
        }
        checked++
      }
    }
    assert.ok(checked >= 9 * LOCALE_LIST.length, `plural messages checked: ${checked}`)
  })

  it('say "1 Eintrag" and "2 Einträge" in German, with Russian and Arabic forms of their own', () => {
    const de = translator(catalogues, 'de')
    assert.equal(de('councils.search.count', { count: 1 }), '1 Eintrag')
    assert.equal(de('councils.search.count', { count: 2 }), '2 Einträge')
    assert.equal(de('press.readingTime.many', { n: 1 }), '1 Minute Lesezeit')
    const ru = translator(catalogues, 'ru')
    const forms = new Set(
      [1, 2, 5, 21].map((n) => ru('councils.search.count', { count: n }).replace(/\d+/, '')),
    )
    assert.equal(forms.size, 3, [...forms].join(' | '))
    const ar = translator(catalogues, 'ar')
    assert.notEqual(ar('councils.search.count', { count: 2 }), ar('councils.search.count', { count: 11 }))
  })

  it('write numbers, money and dates with Western digits and the Gregorian calendar in every language', () => {
    const day = new Date('2027-01-31T10:00:00Z')
    for (const locale of LOCALE_LIST) {
      for (const text of [
        formatNumber(locale, 1234567),
        formatMoney(123456, locale),
        formatDate(locale, day, true),
      ]) {
        assert.doesNotMatch(text, NON_WESTERN_DIGITS, `${locale}: ${text}`)
        assert.match(text, /\d/, `${locale}: ${text}`)
      }
      assert.match(formatDate(locale, day), /2027/, `${locale} year`)
      assert.match(formatDate(locale, day), /31/, `${locale} day`)
    }
    assert.equal(formatMoney(123456, 'de'), '1.234,56 €')
    assert.match(formatMoney(123456, 'tr'), /1\.234,56/)
    assert.match(formatMoney(123456, 'ar'), /1,234\.56/)
  })
})

describe('a German fallback', () => {
  // Keys of a made-up catalogue, not of the app's.
  const a = 'a' as MessageKey
  const b = 'b' as MessageKey
  const c = {
    de: { a: 'Hallo {name}', b: 'Eins\n\nZwei' },
    en: { a: 'Hello {name}', b: 'One\n\nTwo' },
    tr: {},
  }

  it('is marked on pages and plain elsewhere', () => {
    const page = translator(c, 'tr', { markFallback: true })
    assert.equal(page(a, { name: 'Ada' }), `${FALLBACK_OPEN}Hallo Ada${FALLBACK_CLOSE}`)
    assert.equal(translator(c, 'tr')(a, { name: 'Ada' }), 'Hallo Ada')
    assert.equal(translator(c, 'en', { markFallback: true })(a, { name: 'Ada' }), 'Hello Ada')
  })

  it('renders as lang="de" in text, never inside attributes or the title', () => {
    const t = translator(c, 'tr', { markFallback: true })
    const html = markFallbacks(
      `<title>${t(a, { name: 'x' })}</title><p title="${t(a, { name: '>' })}">${t(a, { name: 'y' })}</p>`,
    )
    assert.equal(
      html,
      '<title>Hallo x</title><p title="Hallo >"><span lang="de" dir="ltr">Hallo y</span></p>',
    )
  })

  it('still nests when the German text is split into paragraphs', () => {
    const t = translator(c, 'tr', { markFallback: true })
    const html = markFallbacks(
      `<div>${t(b)
        .split('\n\n')
        .map((p) => `<p>${p}</p>`)
        .join('')}</div>`,
    )
    assert.equal(
      html,
      '<div><p><span lang="de" dir="ltr">Eins</span></p><p><span lang="de" dir="ltr">Zwei</span></p></div>',
    )
  })
})

describe('the catalogues of the translated languages', () => {
  it('cover at least what each declares, for the public pages, with no keys the source has dropped', () => {
    assert.deepEqual(
      reports.map((r) => r.locale),
      TRANSLATED_LOCALES,
    )
    for (const r of reports) {
      const coverage = (100 * r.translated) / r.publicKeys
      assert.ok(r.minimumCoverage >= 100, `${r.locale} declares ${r.minimumCoverage} %`)
      assert.ok(
        coverage >= r.minimumCoverage,
        `${r.locale}: ${coverage} % < ${r.minimumCoverage} %: ${r.missing.map((m) => m.key).join(', ')}`,
      )
      assert.deepEqual(r.stale, [], `${r.locale} has keys the German source no longer has`)
    }
  })

  it('exist exactly for the configured languages', () => {
    assert.deepEqual(localeFolders().sort(), [...TRANSLATED_LOCALES].sort())
  })

  it('leave staff screens German and English', () => {
    const press = parts.find((p) => p.name === 'press')!
    assert.ok(!publicKeys(press).includes('press.desk.title'))
    assert.ok(!/"press\.desk\./.test(readFileSync(translationPath('tr', 'press'), 'utf8')))
  })

  it('translate the forms conference members and contract partners fill in, with their messages', () => {
    // Not staff screens: a member's comment form (plan and contract drafts), a partner's report form.
    const recipientForms = [
      ['plan', 'plan.member.'],
      ['contracts', 'contracts.round.'],
      ['contracts', 'contracts.partner.'],
    ] as const
    for (const [name, prefix] of recipientForms) {
      const part = parts.find((p) => p.name === name)!
      const keys = Object.keys(part.messages.de).filter((k) => k.startsWith(prefix))
      assert.ok(keys.length >= 10, `${prefix}: ${keys.length} keys`)
      const shown = new Set(publicKeys(part))
      for (const key of keys) {
        assert.ok(shown.has(key), `${key} is left out of the translated languages`)
        for (const locale of TRANSLATED_LOCALES)
          assert.ok(catalogues[locale]?.[key], `${locale} has no translation of ${key}`)
      }
    }
    // The refusals a member or partner reads come from keys under those prefixes too.
    const tr = translator(catalogues, 'tr')
    assert.notEqual(tr('contracts.round.error.closed'), catalogues.de?.['contracts.round.error.closed'])
    assert.notEqual(tr('plan.member.error.notMember'), catalogues.de?.['plan.member.error.notMember'])
    assert.notEqual(
      tr('contracts.partner.error.reportText'),
      catalogues.de?.['contracts.partner.error.reportText'],
    )
  })

  it('read the placeholders from the parsed message, so the text of a branch is none', () => {
    assert.deepEqual(
      argumentNames('Bis {due}: {kind, select, final {Schlussnachweis} other {Zwischennachweis {year}}}'),
      ['due', 'kind', 'year'],
    )
    assert.deepEqual(argumentNames('{n, plural, one {# Tag} other {# Tage}} für {name}'), ['n', 'name'])
    assert.deepEqual(argumentNames('Ohne Platzhalter'), [])
  })

  it('stop the start when a translation has other placeholders than its German source, naming the key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'teilhabe-locales-'))
    try {
      cpSync(LOCALES_DIR, dir, { recursive: true })
      const file = translationPath('tr', 'press', dir)
      const json = JSON.parse(readFileSync(file, 'utf8'))
      json.messages['press.search.titleFor'] = '“{soru}” araması'
      writeFileSync(file, JSON.stringify(json))
      assert.throws(() => loadCatalogues(parts, dir), /press\.search\.titleFor: placeholders \{soru\}/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('XLIFF for translators', () => {
  const copy = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'teilhabe-locales-'))
    cpSync(LOCALES_DIR, dir, { recursive: true })
    return dir
  }
  const snapshot = (dir: string, locale: Locale) =>
    Object.fromEntries(
      readdirSync(path.join(dir, locale)).map((f) => [f, readFileSync(path.join(dir, locale, f), 'utf8')]),
    )

  it('export then import gives back identical catalogues, for every language', async () => {
    const dir = copy()
    try {
      for (const locale of TRANSLATED_LOCALES) {
        const before = snapshot(dir, locale)
        const xml = await exportXliff(parts, locale, dir)
        assert.match(xml, /<xliff [^>]*version="2\.0"[^>]*srcLang="de"[^>]*trgLang/)
        assert.match(xml, /<note>English: /)
        const result = await importXliff(parts, xml, dir)
        assert.deepEqual(result, {
          ok: true,
          locale,
          written: reports.find((r) => r.locale === locale)!.translated,
        })
        assert.deepEqual(snapshot(dir, locale), before, locale)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses a file with a broken placeholder or broken ICU syntax, naming the key and writing nothing', async () => {
    const dir = copy()
    try {
      const before = snapshot(dir, 'tr')
      const xml = (await exportXliff(parts, 'tr', dir))
        .replace(/(<unit id="press\.search\.titleFor">[\s\S]*?<target>)[^<]*/, '$1{soru} araması')
        .replace(
          /(<unit id="councils\.search\.count">[\s\S]*?<target>)[^<]*/,
          '$1{count, plural, one {# kayıt}',
        )
      const result = await importXliff(parts, xml, dir)
      assert.equal(result.ok, false)
      const problems = result.ok ? [] : result.problems
      assert.ok(
        problems.some((p) => /^press\.search\.titleFor: placeholders/.test(p)),
        problems.join('\n'),
      )
      assert.ok(
        problems.some((p) => /councils\.search\.count.*not valid ICU/.test(p)),
        problems.join('\n'),
      )
      assert.deepEqual(snapshot(dir, 'tr'), before)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses staff-only keys and unknown languages', async () => {
    const xml = await exportXliff(parts, 'tr')
    const staff = xml.replace('<unit id="press.title">', '<unit id="press.desk.title">')
    const refused = await importXliff(parts, staff, mkdtempSync(path.join(tmpdir(), 'x-')))
    assert.ok(!refused.ok && refused.problems.some((p) => p.startsWith('press.desk.title')))
    const unknown = await importXliff(parts, xml.replace('trgLang="tr"', 'trgLang="xx"'))
    assert.ok(!unknown.ok && /target language "xx"/.test(unknown.problems[0] ?? ''))
  })
})

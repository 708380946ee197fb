import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { FEATURES } from '../../src/app'
import { LOCALE_LIST, LOCALES, type Locale, localePath, splitLocale } from '../../src/platform/i18n'
import { seedDemoOnce } from '../../src/platform/runtime'
import { createTestApp, type TestApp } from '../helpers/app'
import { Client } from '../helpers/http'

/** Internal links of a page (locale-prefixed paths), without files, feeds and calendar downloads. */
function links(html: string): string[] {
  return [...html.matchAll(/<a [^>]*href="(\/[^"#]*)"/g)]
    .map((m) => m[1]!.replaceAll('&amp;', '&'))
    .filter(
      (href) =>
        !/^\/(dateien|assets|oparl)\b|\.(xml|ics|pdf|atom)$|\/(pdf|ical)\b|\/abmelden/.test(
          splitLocale(href).path,
        ),
    )
}

/** Every page reachable from the home page in one language, breadth first, up to `limit`. */
async function crawl(t: TestApp, locale: Locale, limit: number) {
  const start = localePath(locale, '/')
  const seen = new Set([start])
  const queue = [start]
  const pages: { url: string; status: number; html: string }[] = []
  while (queue.length && pages.length < limit) {
    const url = queue.shift()!
    const res = await t.app.inject({ url })
    if (!String(res.headers['content-type']).startsWith('text/html')) continue
    pages.push({ url, status: res.statusCode, html: res.body })
    for (const href of links(res.body)) {
      if (splitLocale(href).locale !== locale || seen.has(href)) continue
      seen.add(href)
      queue.push(href)
    }
  }
  return pages
}

describe('every public page in every language', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp('pglite')
    await seedDemoOnce(t.deps, FEATURES, () => {})
  })
  after(() => t?.close())

  for (const locale of LOCALE_LIST) {
    it(`${locale}: answers, says its language and direction, switches language and names every alternate`, async () => {
      const pages = await crawl(t, locale, 80)
      const missing = await t.app.inject({ url: localePath(locale, '/gibt-es-nicht') })
      pages.push({ url: localePath(locale, '/gibt-es-nicht'), status: 200, html: missing.body })
      assert.equal(missing.statusCode, 404)
      assert.ok(pages.length >= 30, `only ${pages.length} pages reached`)
      for (const { url, status, html } of pages) {
        assert.equal(status, 200, url)
        assert.match(html, new RegExp(`<html lang="${locale}" dir="${LOCALES[locale].dir}"`), url)
        const path = splitLocale(url).path
        for (const other of LOCALE_LIST) {
          const href = localePath(other, path).replaceAll('&', '&amp;')
          assert.ok(
            html.includes(`<link rel="alternate" hreflang="${other}" href="${href}"/>`),
            `${url}: alternate ${other}`,
          )
          if (other !== locale)
            assert.ok(
              html.includes(
                `<li lang="${other}" dir="${LOCALES[other].dir}"><a class="kern-link kern-link--no-visited-state" href="${href}" hreflang="${other}">${LOCALES[other].name}</a>`,
              ),
              `${url}: switcher entry ${other}`,
            )
        }
        assert.ok(html.includes('hreflang="x-default"'), `${url}: x-default`)
        // No ICU syntax and no untranslated keys leak into a page.
        assert.doesNotMatch(
          html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ''),
          /\{\s*\w+\s*,\s*(plural|select)|>\s*[a-z]+\.[a-z]+\.[a-zA-Z.]+\s*</,
          url,
        )
      }
    })
  }

  it('marks German content on a page in another language (lang="de", left to right)', async () => {
    const list = await t.app.inject({ url: '/ar/presse' })
    const slug = /href="\/ar\/presse\/([a-z0-9-]+)"/.exec(list.body)?.[1]
    assert.ok(slug, 'a release is listed')
    const page = await t.app.inject({ url: `/ar/presse/${slug}` })
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /<h1 class="kern-heading-large" lang="de" dir="ltr">/)
    assert.ok(
      page.body.includes('هذا النص متوفر باللغة الألمانية فقط.'),
      'says in Arabic that the release is German only',
    )
    const de = await t.app.inject({ url: `/presse/${slug}` })
    assert.doesNotMatch(de.body, /متوفر/)
    assert.match(de.body, /<h1 class="kern-heading-large">/)
    // Funding lines are named by staff in German and English: in Turkish the German name, marked.
    const funding = await t.app.inject({ url: '/tr/foerderung' })
    assert.match(funding.body, /<span lang="de" dir="ltr">[^<]+<\/span>/)
  })

  it('keeps e-mail addresses, phone numbers and file numbers left to right inside right-to-left text', async () => {
    const impressum = await t.app.inject({ url: '/ar/impressum' })
    assert.match(impressum.body, /<a class="kern-link" dir="ltr" href="mailto:/)
    assert.match(impressum.body, /<a class="kern-link" dir="ltr" href="tel:/)
    const papers = await t.app.inject({ url: '/fa/sitzungen' })
    const meetingUrls = [...papers.body.matchAll(/href="(\/fa\/sitzungen\/[0-9a-f-]{36})"/g)].map(
      (m) => m[1]!,
    )
    let paperUrl: string | undefined
    for (const url of meetingUrls) {
      paperUrl ??= /href="(\/fa\/vorlagen\/[0-9a-f-]{36})"/.exec((await t.app.inject({ url })).body)?.[1]
    }
    assert.ok(paperUrl, 'the demo meetings list a paper')
    assert.match((await t.app.inject({ url: paperUrl })).body, /<bdi dir="ltr">[^<]+<\/bdi>:/)
  })

  it('offers the visitor’s language from Accept-Language in one line in that language, never redirecting', async () => {
    const res = await t.app.inject({
      url: '/beiraete',
      headers: { 'accept-language': 'tr-TR,tr;q=0.9,de;q=0.5' },
    })
    assert.equal(res.statusCode, 200)
    assert.match(String(res.headers.vary), /Accept-Language/i)
    assert.match(
      res.body,
      /<p class="kern-body site-lang-notice" lang="tr" dir="ltr"><a class="kern-link" href="\/tr\/beiraete" hreflang="tr">Bu sayfa Türkçe dilinde de mevcuttur\.<\/a><\/p>/,
    )
    const same = await t.app.inject({ url: '/tr/beiraete', headers: { 'accept-language': 'tr' } })
    assert.doesNotMatch(same.body, /site-lang-notice" lang=/)
    const none = await t.app.inject({ url: '/beiraete', headers: { 'accept-language': 'fr-FR' } })
    assert.doesNotMatch(none.body, /site-lang-notice" lang=/)
  })

  it('says in each language that no native speaker has reviewed it yet', async () => {
    const res = await t.app.inject({ url: '/uk' })
    assert.ok(res.body.includes('Цей переклад ще не перевірила людина, для якої українська мова рідна.'))
    const de = await t.app.inject({ url: '/' })
    assert.ok(
      de.body.includes(
        '<span class="site-lang__note">Bu çeviri henüz ana dili Türkçe olan biri tarafından kontrol edilmedi.</span>',
      ),
    )
  })

  it('loads the Arabic-script font only for Arabic and Farsi', async () => {
    for (const [url, expected] of [
      ['/ar', true],
      ['/fa', true],
      ['/tr', false],
      ['/', false],
    ] as const) {
      const res = await t.app.inject({ url })
      assert.equal(res.body.includes('/assets/fonts/arabic.css'), expected, url)
    }
    const css = await t.app.inject({ url: '/assets/fonts/arabic.css' })
    assert.equal(css.statusCode, 200)
    const font = await t.app.inject({ url: '/assets/fonts/noto-sans-arabic-400.woff2' })
    assert.equal(font.statusCode, 200)
    assert.ok(font.rawPayload.length < 60_000, `${font.rawPayload.length} bytes`)
  })

  it('lists every page of the sitemap in every language, with hreflang alternates', async () => {
    const res = await t.app.inject({ url: '/sitemap-seiten.xml' })
    const base = t.deps.config.publicUrl
    for (const l of LOCALE_LIST)
      assert.ok(res.body.includes(`<loc>${base}${localePath(l, '/impressum')}</loc>`), l)
    assert.ok(res.body.includes(`<xhtml:link rel="alternate" hreflang="fa" href="${base}/fa/impressum"/>`))
    const press = await t.app.inject({ url: '/presse/sitemap.xml' })
    assert.ok(press.body.includes(`<loc>${base}/ar/presse</loc>`))
  })

  it('shows the administration how far each language is translated and what is missing', async () => {
    await t.createUser('admin-lang@example.org', ['admin'])
    const c = new Client(t.app)
    await c.signIn('admin-lang@example.org')
    const res = await c.get('/verwaltung/sprachen')
    assert.equal(res.statusCode, 200)
    for (const r of t.app.languageReports) {
      assert.ok(
        res.body.includes(
          `<span lang="${r.locale}" dir="${LOCALES[r.locale].dir}">${LOCALES[r.locale].name}</span>`,
        ),
      )
      assert.ok(res.body.includes(`${r.translated} / ${r.publicKeys}`), r.locale)
    }
    const desk = await c.get('/verwaltung')
    assert.match(desk.body, /href="\/verwaltung\/sprachen"/)
    const anon = await t.app.inject({ url: '/verwaltung/sprachen' })
    assert.notEqual(anon.statusCode, 200)
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { PageContext } from '../http/context'
import { type Locale, mergeCatalogues, translator } from '../i18n'
import { BarChart, LineChart } from './charts'
import { classOf, DISTRICT_OUTLINES, DistrictMap, mapClasses } from './district-map'
import { uiMessages } from './messages'
import { renderPage } from './render-scope'

const catalogues = mergeCatalogues([uiMessages])

function pageContext(locale: Locale = 'de'): PageContext {
  return {
    locale,
    dir: 'ltr',
    t: translator(catalogues, locale),
    path: '/test',
    href: (p) => p,
    user: null,
    can: () => false,
    csrfToken: () => 'token',
    nav: [],
    alternates: [],
    demo: false,
    operator: null,
  } as PageContext
}

/** The attributes of the first element named `tag`. */
function openingTag(html: string, tag: string): string {
  const m = new RegExp(`<${tag}\\b[^>]*>`).exec(html)
  assert.ok(m, `no <${tag}>`)
  return m[0]
}

const EVIL = '<script>alert("x")</script> & Co'

describe('BarChart', () => {
  const data = [
    { key: 'a', label: 'Rassismus, ethnische Herkunft', value: 12 },
    { key: 'b', label: EVIL, value: 3 },
    { key: 'c', label: 'Religion', value: null, text: 'weniger als 5' },
  ]

  it('is a named image with a description, and builds the table of the same values', () => {
    const html = renderPage(
      <BarChart
        ctx={pageContext()}
        id="chart-x"
        title="Meldungen nach Grund"
        data={data}
        table={{ caption: 'Meldungen nach Grund', labelHeader: 'Grund', valueHeader: 'Meldungen' }}
      />,
    )
    const svg = openingTag(html, 'svg')
    assert.match(svg, /role="img"/)
    assert.match(svg, /aria-labelledby="chart-x-title chart-x-desc"/)
    assert.match(svg, /viewBox="0 0 600 84"/)
    assert.match(html, /<title id="chart-x-title">Meldungen nach Grund<\/title>/)
    assert.match(html, /<desc id="chart-x-desc">Die Werte stehen in der Tabelle unter der Grafik\.<\/desc>/)
    // Two bars (the suppressed value has none), the longest full width.
    assert.equal([...html.matchAll(/<rect /g)].length, 2)
    assert.match(html, /<rect x="250" y="5" height="18" width="300"/)
    assert.match(html, /<rect x="250" y="33" height="18" width="75"/)
    // The table: caption, headers, every value as text, the suppressed one by its text.
    assert.match(html, /<caption[^>]*>Meldungen nach Grund<\/caption>/)
    assert.match(html, /<th[^>]*>Grund<\/th><th[^>]*>Meldungen<\/th>/)
    assert.match(html, /data-label="Meldungen"[^>]*>12<\/td>/)
    assert.match(html, /data-label="Meldungen"[^>]*>weniger als 5<\/td>/)
    // No inline style (the strict CSP), no script.
    assert.doesNotMatch(html, /style=|<script/)
  })

  it('escapes labels in the image and in the table, and shortens long ones only in the image', () => {
    const html = renderPage(
      <BarChart
        ctx={pageContext()}
        id="c"
        title={EVIL}
        data={data}
        table={{ caption: 'T', labelHeader: 'L', valueHeader: 'V' }}
      />,
    )
    assert.doesNotMatch(html, /<script>/)
    assert.match(html, /<title id="c-title">&lt;script>alert\(&quot;x&quot;\)&lt;\/script> &amp; Co<\/title>/)
    assert.ok(
      html.includes('&lt;script>alert(&quot;x&quot;)&lt;/script> &amp; Co</td>'),
      'full label in the table',
    )
    assert.ok(
      html.includes('&lt;script>alert(&quot;x&quot;)&lt;/script> &amp;…</text>'),
      'shortened in the image',
    )
  })

  it('draws vertical bars with a target line, and takes the feature’s own table instead of building one', () => {
    const html = renderPage(
      <BarChart
        ctx={pageContext('en')}
        id="chart-y"
        title="Kitas"
        orientation="vertical"
        target={{ value: 400, label: 'Target 400' }}
        data={[
          { key: '2023', label: '2023-06', value: 200 },
          { key: '2024', label: '2024-06', value: 1200 },
        ]}
        table={<p id="own">own table</p>}
      />,
    )
    assert.match(openingTag(html, 'svg'), /viewBox="0 0 420 240"/)
    assert.match(html, /<desc id="chart-y-desc">The values are in the table below the chart\.<\/desc>/)
    assert.match(html, /stroke-dasharray="8 5"/)
    assert.match(html, />Target 400<\/text>/)
    assert.match(html, />1,200<\/text>/, 'values in the page’s language')
    assert.match(html, /<p id="own">own table<\/p>/)
    assert.doesNotMatch(html, /<table/)
  })
})

describe('LineChart', () => {
  it('draws a line per series (broken at a missing value) with a legend, and a table per category', () => {
    const html = renderPage(
      <LineChart
        ctx={pageContext()}
        id="l"
        title="Bewilligt je Jahr"
        categories={[
          { key: '2024', label: '2024' },
          { key: '2025', label: '2025' },
          { key: '2026', label: '2026' },
        ]}
        series={[
          { key: 'a', label: 'Linie A', values: [10, null, 30] },
          { key: 'b', label: EVIL, values: [5, 6, 7] },
        ]}
        table={{ caption: 'Bewilligt je Jahr', categoryHeader: 'Jahr' }}
      />,
    )
    assert.match(openingTag(html, 'svg'), /role="img" aria-labelledby="l-title l-desc"/)
    // Series a: two runs (the null breaks it); series b: one run, dashed.
    assert.equal([...html.matchAll(/<path d="M[^"]*" fill="none" stroke="#0b5e8e"/g)].length, 2)
    assert.equal(
      [...html.matchAll(/<path d="M[^"]*" fill="none" stroke="#a1001a"[^>]*stroke-dasharray="8 4"/g)].length,
      1,
    )
    assert.match(html, />Linie A<\/text>/, 'legend')
    assert.match(html, /<th[^>]*>Jahr<\/th><th[^>]*>Linie A<\/th><th[^>]*>&lt;script>/)
    assert.match(html, /data-label="Linie A"[^>]*>–<\/td>/, 'the missing value says so')
    assert.doesNotMatch(html, /style=|<script/)
  })
})

describe('DistrictMap', () => {
  it('has the outlines of the 26 districts of 2021 and of Hanau, all distinct and closed', () => {
    assert.equal(DISTRICT_OUTLINES.length, 27)
    assert.equal(new Set(DISTRICT_OUTLINES.map((o) => o.key)).size, 27)
    for (const o of DISTRICT_OUTLINES) {
      assert.match(o.key, /^064\d\d$|^065\d\d$|^066\d\d$/)
      assert.match(o.d, /^M[\d. L]+Z(M[\d. L]+Z)*$/)
    }
  })

  it('sorts positive values into quantile classes whose breaks are values that occur', () => {
    const classes = mapClasses([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 5)
    assert.deepEqual(
      classes.map((c) => [c.from, c.to]),
      [
        [1, 2],
        [3, 4],
        [5, 6],
        [7, 8],
        [9, 100],
      ],
    )
    assert.equal(classOf(classes, 0), undefined)
    assert.equal(classOf(classes, 100)?.color, '#08306b')
    assert.deepEqual(
      mapClasses([5, 5, 5], 5).map((c) => [c.from, c.to]),
      [[5, 5]],
    )
    assert.deepEqual(mapClasses([0, 0]), [])
    // Many ties, few distinct values: one class each, not two lumps.
    assert.deepEqual(
      mapClasses([7, 8, 11, 11, 11, 11, 11, 12], 5).map((c) => [c.from, c.to, c.color]),
      [
        [7, 7, '#deebf7'],
        [8, 8, '#9ecae1'],
        [11, 11, '#2171b5'],
        [12, 12, '#08306b'],
      ],
    )
  })

  const values = [
    { key: '06412', name: 'Frankfurt am Main', value: 120 },
    { key: '06611', name: 'Kassel', value: 0 },
    { key: '06633', name: `Kassel (Landkreis) ${EVIL}`, value: 7 },
  ]

  it('shades each district by class, hatches gaps, names missing data, and builds the table', () => {
    const html = renderPage(
      <DistrictMap
        ctx={pageContext()}
        id="m"
        title="Angebote je Kreis"
        caption="Öffentliche Angebote je Kreis"
        values={values}
        highlightGaps
        table={{ caption: 'Angebote je Kreis', nameHeader: 'Kreis', valueHeader: 'Angebote' }}
      />,
    )
    const svg = openingTag(html, 'svg')
    assert.match(svg, /role="img" aria-labelledby="m-title m-desc"/)
    assert.match(svg, /viewBox="0 0 400 \d+"/)
    assert.match(html, /<title id="m-title">Angebote je Kreis<\/title>/)
    // 26 districts, no Hanau without a value for it.
    assert.equal([...html.matchAll(/<path d="M[^"]*" fill=/g)].length, 26)
    assert.match(html, /fill="url\(#m-gap\)"[^>]*><title>Kassel: 0 – Keine \(Lücke\)<\/title>/)
    assert.match(html, /fill="#d9d9d9"[^>]*><title>Wiesbaden: Keine Angabe<\/title>/)
    assert.match(html, /<pattern id="m-gap"/)
    // Legend: two classes, the gap and "no data".
    assert.match(html, /<figcaption[^>]*><span class="kern-body">Öffentliche Angebote je Kreis<\/span>/)
    assert.match(html, /<ul class="district-map__legend" aria-label="Legende">/)
    assert.match(html, />7<\/span>/)
    assert.match(html, />120<\/span>/)
    assert.match(html, />Keine \(Lücke\)<\/span>/)
    assert.match(html, />Keine Angabe<\/span>/)
    assert.match(
      html,
      /<a class="kern-link" href="http:\/\/www.bkg.bund.de">© GeoBasis-DE \/ BKG 2021<\/a> \(Daten verändert\)/,
    )
    // The table: every value, the gap named in words, names escaped.
    assert.match(html, /<caption[^>]*>Angebote je Kreis<\/caption>/)
    assert.match(
      html,
      /data-label="Angebote"[^>]*><span class="district-map__gap">0 <span class="district-map__gap-name">Keine \(Lücke\)<\/span><\/span><\/td>/,
    )
    assert.ok(html.includes('Kassel (Landkreis) &lt;script>alert(&quot;x&quot;)&lt;/script> &amp; Co</td>'))
    assert.doesNotMatch(html, /style=|<script/)
  })

  it('draws Hanau over the Main-Kinzig-Kreis when it has a value; formats values; takes the feature’s table', () => {
    const html = renderPage(
      <DistrictMap
        ctx={pageContext('en')}
        id="f"
        title="Funding"
        caption="Funding per district"
        values={[
          { key: '06435', name: 'Main-Kinzig-Kreis', value: 150_000 },
          { key: '06415', name: 'Hanau', value: 250_000 },
        ]}
        format={(v) => `${v / 100} €`}
        table={null}
      />,
    )
    assert.equal([...html.matchAll(/<path d="M[^"]*" fill=/g)].length, 27)
    const order = [...html.matchAll(/<title>([^<:]+):/g)].map((m) => m[1])
    assert.ok(order.indexOf('Hanau') > order.indexOf('Main-Kinzig-Kreis'), 'Hanau drawn on top')
    assert.match(html, /<title>Hanau: 2500 €<\/title>/)
    assert.match(html, /<desc id="f-desc">Map of the districts/)
    assert.doesNotMatch(html, /<table/)
    assert.doesNotMatch(html, /url\(#f-gap\)/, 'no gaps unless asked for')
  })
})

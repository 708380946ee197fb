import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { DEMO_RELEASE_FILE } from '../../src/features/press/feature'
import { importRelease, parseReleaseText } from '../../src/features/press/import-release'
import { CLI_ACTOR } from '../../src/platform/audit'
import { ASSET_PREFIX, assetManifest } from '../../src/platform/http/assets'
import { createTestApp, type TestApp } from '../helpers/app'

/** Issue "light pages": compressed HTML and assets, immutable fingerprinted assets, preloaded fonts. */
describe('light pages', () => {
  let t: TestApp
  let releasePath: string
  let home: { body: string }
  before(async () => {
    t = await createTestApp('pglite')
    const result = await importRelease(
      t.deps.db,
      CLI_ACTOR,
      parseReleaseText(readFileSync(DEMO_RELEASE_FILE, 'utf8')),
      { publish: true },
    )
    assert.ok(result.ok)
    releasePath = `/presse/${result.value.slug}`
    home = await t.app.inject('/')
  })
  after(() => t.close())

  const decode = (encoding: string, raw: Buffer) =>
    encoding === 'br' ? brotliDecompressSync(raw) : gunzipSync(raw)

  for (const path of ['/', '/presse', '/beiraete']) {
    it(`compresses the page ${path} with brotli and gzip and says so in Vary`, async () => {
      const plain = await t.app.inject(path)
      assert.equal(plain.statusCode, 200)
      assert.equal(plain.headers['content-encoding'], undefined)
      for (const encoding of ['br', 'gzip']) {
        const res = await t.app.inject({ url: path, headers: { 'accept-encoding': `${encoding}, deflate` } })
        assert.equal(res.statusCode, 200)
        assert.equal(res.headers['content-encoding'], encoding)
        assert.match(String(res.headers.vary), /accept-encoding/i)
        const body = decode(encoding, res.rawPayload).toString('utf8')
        // The CSRF token differs between requests, so compare the page up to the first form.
        assert.match(body, /^<!doctype html><html lang="de"/)
        assert.ok(res.rawPayload.length < body.length / 2, `${path} ${encoding}: ${res.rawPayload.length}`)
      }
    })
  }

  it('sends a cached release page precompressed, with its own validator per encoding', async () => {
    const plain = await t.app.inject(releasePath)
    assert.equal(plain.statusCode, 200)
    assert.equal(plain.headers['content-encoding'], undefined)
    assert.equal(plain.headers.vary, 'Cookie, Accept-Encoding')
    // Chromium's header; brotli preferred over gzip; q=0 refuses an encoding.
    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
    ] as const) {
      const res = await t.app.inject({ url: releasePath, headers: { 'accept-encoding': accept } })
      assert.equal(res.headers['content-encoding'], encoding, accept)
      assert.equal(res.headers.vary, 'Cookie, Accept-Encoding')
      assert.match(res.headers['content-security-policy'] as string, /default-src 'self'/)
      assert.equal(decode(encoding, res.rawPayload).toString('utf8'), plain.body)
      assert.notEqual(res.headers.etag, plain.headers.etag)
      const again = await t.app.inject({
        url: releasePath,
        headers: { 'accept-encoding': accept, 'if-none-match': res.headers.etag as string },
      })
      assert.equal(again.statusCode, 304)
    }
    const none = await t.app.inject({ url: releasePath, headers: { 'accept-encoding': 'identity' } })
    assert.equal(none.headers['content-encoding'], undefined)
    assert.equal(none.body, plain.body)
  })

  it('links one fingerprinted stylesheet, script and icon, served immutable and precompressed', async () => {
    const m = assetManifest()
    for (const url of [m.css, m.js, m.favicon]) {
      assert.match(url, new RegExp(`^${ASSET_PREFIX}[a-z]+\\.[A-Za-z0-9]{16}\\.(css|js|svg)$`))
      assert.ok(home.body.includes(`"${url}"`), `${url} linked from the page`)
    }
    assert.doesNotMatch(home.body, /\/assets\/kern\//, 'no unfingerprinted KERN file linked')
    for (const url of [m.css, m.js, m.favicon]) {
      const plain = await t.app.inject(url)
      assert.equal(plain.statusCode, 200, url)
      assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable')
      assert.match(plain.headers['content-security-policy'] as string, /default-src 'self'/)
      for (const encoding of ['br', 'gzip']) {
        const res = await t.app.inject({ url, headers: { 'accept-encoding': encoding } })
        assert.equal(res.statusCode, 200)
        assert.equal(res.headers['content-encoding'], encoding, `${url} ${encoding}`)
        assert.match(String(res.headers.vary), /accept-encoding/i)
        assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable')
        assert.ok(decode(encoding, res.rawPayload).equals(plain.rawPayload), `${url} ${encoding} decodes`)
      }
    }
    // The stylesheet is KERN plus our own rules, brotli brings it below a tenth.
    const css = await t.app.inject({ url: m.css, headers: { 'accept-encoding': 'br' } })
    assert.ok(css.rawPayload.length < 30_000, `stylesheet ${css.rawPayload.length} bytes with brotli`)
    // Names of other versions, of the compressed twins and unknown names are not served.
    assert.equal((await t.app.inject(`${m.css}.br`)).statusCode, 404)
    assert.equal((await t.app.inject(`${ASSET_PREFIX}site.AAAAAAAAAAAAAAAA.css`)).statusCode, 404)
  })

  it('declares only the used Fira Sans faces in WOFF2 with font-display: swap, and preloads two', async () => {
    const m = assetManifest()
    const css = (await t.app.inject(m.css)).body
    const faces = [...css.matchAll(/@font-face\{([^}]*)\}/g)].map((x) => x[1] ?? '')
    const fira = faces.filter((f) => f.includes("'Fira Sans'"))
    assert.equal(fira.length, 12, 'four faces in three unicode ranges')
    for (const f of fira) {
      assert.match(f, /font-display:swap/)
      assert.match(f, /src:url\(\/assets\/v\/fira-sans-[^)]+\.woff2\) format\('woff2'\)/)
      assert.match(f, /unicode-range:U\+/)
    }
    const weights = new Set(fira.map((f) => /font-weight:(\d+)/.exec(f)?.[1]))
    assert.deepEqual([...weights].sort(), ['400', '500', '600'])
    assert.doesNotMatch(css, /FiraSans-|fonts\/fira-sans/, 'no link to the full KERN font files')

    assert.equal(m.preload.length, 2)
    for (const href of m.preload) {
      assert.match(href, /fira-sans-(400|600)-latin\./)
      assert.ok(
        home.body.includes(
          `<link rel="preload" href="${href}" as="font" type="font/woff2" crossorigin="anonymous"/>`,
        ),
        `preload of ${href}`,
      )
      const font = await t.app.inject({ url: href, headers: { 'accept-encoding': 'br, gzip' } })
      assert.equal(font.statusCode, 200)
      assert.equal(font.headers['content-type'], 'font/woff2')
      assert.equal(font.headers['content-encoding'], undefined, 'WOFF2 is compressed already')
      assert.equal(font.headers['cache-control'], 'public, max-age=31536000, immutable')
      assert.equal(font.rawPayload.subarray(0, 4).toString('latin1'), 'wOF2')
      assert.ok(font.rawPayload.length < 35_000, `${href}: ${font.rawPayload.length} bytes`)
    }
  })
})

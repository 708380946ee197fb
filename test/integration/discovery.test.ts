import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { FEATURES } from '../../src/app'
import { createTestApp, type TestApp } from '../helpers/app'
import { dbKinds } from '../helpers/db'

for (const kind of dbKinds()) {
  describe(`robots.txt and sitemaps (${kind})`, () => {
    let t: TestApp
    let base: string
    before(async () => {
      t = await createTestApp(kind)
      base = t.deps.config.publicUrl
    })
    after(() => t.close())

    const locsOf = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '')
    const pathOf = (loc: string) => {
      assert.ok(loc.startsWith(base), `${loc} is on this site`)
      return loc.slice(base.length) || '/'
    }

    it('keeps staff and personal pages out of search engines, in both languages', async () => {
      const res = await t.app.inject('/robots.txt')
      assert.equal(res.statusCode, 200)
      assert.match(String(res.headers['content-type']), /^text\/plain/)
      for (const prefix of [
        '/verwaltung',
        '/anmelden',
        '/konto',
        '/presse/redaktion',
        '/foerderung/verwaltung',
      ]) {
        assert.match(res.body, new RegExp(`^Disallow: ${prefix}$`, 'm'))
        assert.match(res.body, new RegExp(`^Disallow: /en${prefix}$`, 'm'))
      }
      assert.match(res.body, new RegExp(`^Sitemap: ${base}/sitemap.xml$`, 'm'))
    })

    it('the sitemap index names every sitemap, and every page they list is public and indexable', async () => {
      const index = await t.app.inject('/sitemap.xml')
      assert.equal(index.statusCode, 200)
      assert.match(index.body, /<sitemapindex xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/)
      const sitemaps = locsOf(index.body).map(pathOf)
      assert.deepEqual(sitemaps.sort(), ['/presse/sitemap.xml', '/sitemap-seiten.xml'])
      const noIndex = FEATURES.flatMap((f) => f.discovery?.noIndex ?? [])
      const pages: string[] = []
      for (const path of sitemaps) {
        const res = await t.app.inject(path)
        assert.equal(res.statusCode, 200, path)
        assert.match(String(res.headers['content-type']), /^application\/xml/)
        pages.push(...locsOf(res.body).map(pathOf))
      }
      for (const p of [
        '/',
        '/en',
        '/impressum',
        '/en/impressum',
        '/beiraete',
        '/foerderung',
        '/offene-daten',
        '/presse',
      ]) {
        assert.ok(pages.includes(p), `${p} is listed`)
      }
      for (const path of pages) {
        const res = await t.app.inject(path)
        assert.equal(res.statusCode, 200, `${path} answers anonymous visitors`)
        const bare = path.replace(/^\/en(?=\/|$)/, '') || '/'
        assert.ok(!noIndex.some((p) => bare.startsWith(p)), `${path} is not excluded in robots.txt`)
      }
    })
  })
}

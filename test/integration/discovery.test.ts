import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { FEATURES } from '../../src/app'
import { agendaItems, councils, meetings, papers } from '../../src/features/councils/tables'
import { createTestApp, type TestApp } from '../helpers/app'
import { dbKinds } from '../helpers/db'

for (const kind of dbKinds()) {
  describe(`robots.txt and sitemaps (${kind})`, () => {
    let t: TestApp
    let base: string
    let ids: Record<'council' | 'meeting' | 'open' | 'closed' | 'alone', string>
    before(async () => {
      t = await createTestApp(kind)
      base = t.deps.config.publicUrl
      const db = t.deps.db
      const [council] = await db
        .insert(councils)
        .values({ kind: 'auslaenderbeirat', name: 'Beirat Sitemap' })
        .returning()
      const [meeting] = await db
        .insert(meetings)
        .values({ councilId: council!.id, title: 'Sitzung', startsAt: new Date('2026-12-01T17:00:00Z') })
        .returning()
      const paper = async (reference: string) =>
        (
          await db
            .insert(papers)
            .values({
              councilId: council!.id,
              kind: 'motion',
              reference,
              title: reference,
              date: '2026-11-20',
            })
            .returning()
        )[0]!
      const [open, closed, alone] = [await paper('A-open'), await paper('A-closed'), await paper('A-alone')]
      await db.insert(agendaItems).values([
        { meetingId: meeting!.id, position: 1, title: 'Öffentlich', public: true, paperId: open.id },
        { meetingId: meeting!.id, position: 2, title: 'Nichtöffentlich', public: false, paperId: closed.id },
      ])
      ids = { council: council!.id, meeting: meeting!.id, open: open.id, closed: closed.id, alone: alone.id }
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
      assert.deepEqual(sitemaps.sort(), [
        '/beiraete/sitemap.xml',
        '/presse/sitemap.xml',
        '/sitemap-seiten.xml',
      ])
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
      for (const p of [
        `/beiraete/${ids.council}`,
        `/sitzungen/${ids.meeting}`,
        `/vorlagen/${ids.open}`,
        `/vorlagen/${ids.alone}`,
      ]) {
        assert.ok(pages.includes(p), `${p} is listed`)
      }
      assert.ok(!pages.includes(`/vorlagen/${ids.closed}`), 'a paper only on a non-public item is not listed')
      for (const path of pages) {
        const res = await t.app.inject(path)
        assert.equal(res.statusCode, 200, `${path} answers anonymous visitors`)
        const bare = path.replace(/^\/en(?=\/|$)/, '') || '/'
        assert.ok(!noIndex.some((p) => bare.startsWith(p)), `${path} is not excluded in robots.txt`)
      }
    })
  })
}

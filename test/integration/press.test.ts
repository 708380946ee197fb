import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { type SQL, sql } from 'drizzle-orm'
import { pageCache } from '../../src/features/press/cache'
import { changeReleaseStatus, publishJobKey } from '../../src/features/press/change-release-status'
import { pressFeature } from '../../src/features/press/feature'
import { importRelease, parseReleaseText } from '../../src/features/press/import-release'
import { createTopic } from '../../src/features/press/manage-topics'
import { listRevisions } from '../../src/features/press/queries'
import { createRelease, restoreRevision, updateRelease } from '../../src/features/press/save-release'
import { CLI_ACTOR, listAudit } from '../../src/platform/audit'
import { createTestApp, type TestApp } from '../helpers/app'
import { dbKinds } from '../helpers/db'
import { IMPORT_FIXTURE_FILE } from '../helpers/fixtures'
import { child, parseXml } from '../helpers/xml'

const fixture = readFileSync(IMPORT_FIXTURE_FILE, 'utf8')
const noop = () => {}

async function countOf(t: TestApp, query: SQL): Promise<number> {
  const res = (await t.deps.db.execute(query)) as unknown as { rows: { n: number }[] }
  return Number(res.rows[0]!.n)
}

for (const kind of dbKinds()) {
  describe(`press (${kind})`, () => {
    let t: TestApp
    let fixtureSlug: string
    let fixtureId: string
    let topicId: string
    before(async () => {
      t = await createTestApp(kind)
      const topic = await createTopic(t.deps.db, CLI_ACTOR, { name: 'Integration' })
      assert.ok(topic.ok)
      topicId = topic.value.id
      const result = await importRelease(t.deps.db, CLI_ACTOR, parseReleaseText(fixture), {
        publish: true,
        topicIds: [topicId],
      })
      assert.ok(result.ok)
      fixtureSlug = result.value.slug
      fixtureId = result.value.id
    })
    after(() => t.close())

    it('shows the imported release with everything the brief asks for', async () => {
      const res = await t.app.inject(`/presse/${fixtureSlug}`)
      assert.equal(res.statusCode, 200)
      const b = res.body
      assert.match(b, /<h1[^>]*>Staatssekretär Kai Klose bei Plenarsitzung der Ausländerbeiräte Hessen<\/h1>/)
      assert.match(
        b,
        /class="kern-subline">Staatssekretär Kai Klose bei Plenarsitzung der Ausländerbeiräte Hessen: „Gemeinsam/,
      )
      assert.match(b, />2 Minuten Lesezeit</)
      assert.match(
        b,
        /<p><strong class="press-dateline">Breuberg-Neustadt\.<\/strong> Anlässlich der Plenarversammlung/,
      )
      assert.equal((b.match(/<p>/g) ?? []).length >= 6, true)
      assert.match(b, /Kontakt für Pressevertreter/)
      for (const line of [
        'Markus Büttner',
        'Hessisches Ministerium für Soziales und Integration',
        'Sonnenbergerstraße 2 /2a',
        '65193 Wiesbaden',
        '0611 3219-2161',
        '0611 32719-4666',
      ])
        assert.ok(b.includes(line), line)
      assert.match(b, /href="\/presse\?thema=integration"/)
      assert.match(
        b,
        /<link rel="canonical" href="http:\/\/localhost:3000\/presse\/staatssekretaer-kai-klose/,
      )
      assert.match(b, /<meta property="og:title" content="Staatssekretär Kai Klose/)
      assert.match(b, /<meta name="description" content="Anlässlich der Plenarversammlung/)
      assert.match(b, /type="application\/atom\+xml"/)
    })

    it('lists published releases only, newest first, with filters and pagination', async () => {
      const draft = await createRelease(t.deps.db, CLI_ACTOR, { title: 'Ein Entwurf', body: 'Noch geheim.' })
      assert.ok(draft.ok)
      const list = await t.app.inject('/presse')
      assert.equal(list.statusCode, 200)
      assert.match(list.body, /Staatssekretär Kai Klose/)
      assert.match(list.body, /2 Minuten Lesezeit/)
      assert.doesNotMatch(list.body, /Ein Entwurf/)
      assert.equal((await t.app.inject(`/presse/${draft.value.slug}`)).statusCode, 404)
      const year = new Date().getFullYear()
      assert.match((await t.app.inject(`/presse?jahr=${year}`)).body, /Staatssekretär Kai Klose/)
      assert.doesNotMatch((await t.app.inject(`/presse?jahr=${year - 5}`)).body, /Staatssekretär Kai Klose/)
      assert.match((await t.app.inject('/presse?thema=integration')).body, /Staatssekretär Kai Klose/)
      assert.equal((await t.app.inject('/presse?thema=gibt-es-nicht')).statusCode, 404)
      assert.equal((await t.app.inject('/presse?seite=99')).statusCode, 404)
      assert.equal((await t.app.inject('/presse?seite=abc')).statusCode, 404)
      assert.equal((await t.app.inject('/presse/gibt-es-nicht')).statusCode, 404)
      // Newest first, and a second page once there are more than ten.
      for (let i = 1; i <= 11; i++) {
        const r = await createRelease(
          t.deps.db,
          CLI_ACTOR,
          { title: `Meldung Nummer ${i}`, body: `Text ${i}.` },
          { publish: true, publishedAt: new Date(Date.UTC(2020, 0, i)) },
        )
        assert.ok(r.ok)
      }
      const page1 = (await t.app.inject('/presse')).body
      assert.ok(page1.indexOf('Staatssekretär Kai Klose') < page1.indexOf('Meldung Nummer 11'))
      assert.ok(page1.indexOf('Meldung Nummer 11') < page1.indexOf('Meldung Nummer 10'))
      assert.match(page1, /href="\/presse\?seite=2"/)
      const page2 = await t.app.inject('/presse?seite=2')
      assert.equal(page2.statusCode, 200)
      assert.match(page2.body, /Meldung Nummer 1</)
      assert.match(
        (await t.app.inject('/presse?jahr=2020')).body,
        /12 Pressemitteilungen|11 Pressemitteilungen/,
      )
    })

    it('finds releases with German stemming and highlights safely', async () => {
      const res = await t.app.inject(`/presse/suche?q=${encodeURIComponent('Integrationsvertrag')}`)
      assert.equal(res.statusCode, 200)
      assert.match(res.body, /Staatssekretär Kai Klose/)
      assert.match(res.body, /<mark>Integrationsverträge<\/mark>|<mark>Integrationsvertrag<\/mark>/)
      assert.match(res.body, /<input[^>]*name="q"[^>]*value="Integrationsvertrag"/)
      // Ranking: the title match comes first.
      const ranked = await t.app.inject('/presse/suche?q=Plenarsitzung')
      assert.match(ranked.body, /1 Pressemitteilung zu/)
      // Markup in the text comes out escaped, the mark is ours.
      const evil = await createRelease(
        t.deps.db,
        CLI_ACTOR,
        { title: 'Sonderzeichen', body: 'Der Quellcode `<script>` und Zollunion & mehr.' },
        { publish: true },
      )
      assert.ok(evil.ok)
      const hit = await t.app.inject('/presse/suche?q=Zollunion')
      assert.match(hit.body, /&lt;script&gt;/)
      assert.doesNotMatch(hit.body, /<script>/)
      assert.match(hit.body, /<mark>Zollunion<\/mark> &amp; mehr/)
    })

    it('finds German compounds by their first part (prefix matching)', async () => {
      const r = await createRelease(
        t.deps.db,
        CLI_ACTOR,
        { title: 'Beiräte im Süden', body: 'Neue Beiratswahlen im Odenwaldkreis und in Darmstadt.' },
        { publish: true },
      )
      assert.ok(r.ok)
      const res = await t.app.inject('/presse/suche?q=Odenwald')
      assert.match(res.body, /1 Pressemitteilung zu/)
      assert.match(res.body, /<mark>Odenwaldkreis<\/mark>/)
      // Every word must match: a second word that is nowhere finds nothing.
      assert.match(
        (await t.app.inject('/presse/suche?q=Odenwald%20Quanten')).body,
        /wurde keine Pressemitteilung/,
      )
      assert.match((await t.app.inject('/presse/suche?q=beiratswahl%20odenw')).body, /1 Pressemitteilung zu/)
      // Quoted phrases still go through the web-search syntax (whole words).
      assert.match(
        (await t.app.inject('/presse/suche?q=%22Odenwald%22')).body,
        /wurde keine Pressemitteilung/,
      )
    })

    it('answers empty and odd queries with a friendly page', async () => {
      for (const q of [
        '',
        '%20',
        '%00',
        '!!!',
        '"',
        'und',
        '-',
        '%27%22%3E%3Cscript%3E',
        'a%20OR%20b%20-c%20%22x',
        'x'.repeat(1000),
        '%E2%80%8B',
        '%EF%BF%BF',
      ]) {
        const res = await t.app.inject(`/presse/suche?q=${q}`)
        assert.equal(res.statusCode, 200, q)
        assert.doesNotMatch(res.body, /<script>/)
      }
      const empty = await t.app.inject('/presse/suche')
      assert.match(empty.body, /Bitte geben Sie einen oder mehrere Suchbegriffe ein/)
      const nothing = await t.app.inject('/presse/suche?q=Quantenchromodynamik')
      assert.match(nothing.body, /wurde keine Pressemitteilung gefunden/)
      const array = await t.app.inject('/presse/suche?q=a&q=b')
      assert.equal(array.statusCode, 200)
    })

    it('serves well-formed Atom feeds, overall and per topic, and a sitemap', async () => {
      const res = await t.app.inject('/presse/feed.atom')
      assert.equal(res.statusCode, 200)
      assert.match(res.headers['content-type'] as string, /application\/atom\+xml/)
      const feed = parseXml(res.body)
      assert.equal(feed.name, 'feed')
      assert.equal(feed.attrs.xmlns, 'http://www.w3.org/2005/Atom')
      for (const name of ['id', 'title', 'updated', 'author']) assert.ok(child(feed, name), name)
      // The feed's title names what it is, not the link text that leads to it.
      assert.equal(child(feed, 'title')!.text, 'Pressemitteilungen – Teilhabe Hessen')
      assert.ok(feed.children.some((c) => c.name === 'link' && c.attrs.rel === 'self'))
      const entries = feed.children.filter((c) => c.name === 'entry')
      assert.ok(entries.length >= 1)
      for (const e of entries) {
        for (const name of ['id', 'title', 'updated', 'link']) assert.ok(child(e, name), name)
        assert.match(child(e, 'updated')!.text, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/)
      }
      const klose = entries.find((e) => child(e, 'title')!.text.startsWith('Staatssekretär Kai Klose'))!
      assert.match(child(klose, 'content')!.text, /<p>/)
      const topicFeed = await t.app.inject('/presse/themen/integration/feed.atom')
      const tf = parseXml(topicFeed.body)
      assert.equal(child(tf, 'title')!.text, 'Pressemitteilungen zum Thema Integration – Teilhabe Hessen')
      assert.equal(tf.children.filter((c) => c.name === 'entry').length, 1)
      assert.equal((await t.app.inject('/presse/themen/nix/feed.atom')).statusCode, 404)
      const map = await t.app.inject('/presse/sitemap.xml')
      const urlset = parseXml(map.body)
      assert.equal(urlset.name, 'urlset')
      assert.ok(urlset.children.some((u) => child(u, 'loc')!.text.endsWith(`/presse/${fixtureSlug}`)))
    })

    it('answers 304 to anonymous revalidation and keeps signed-in pages private', async () => {
      const first = await t.app.inject(`/presse/${fixtureSlug}`)
      const etag = first.headers.etag as string
      assert.match(etag, /^"[\w-]+"$/)
      assert.ok(first.headers['last-modified'])
      const again = await t.app.inject({ url: `/presse/${fixtureSlug}`, headers: { 'if-none-match': etag } })
      assert.equal(again.statusCode, 304)
      assert.equal(again.body, '')
      const since = await t.app.inject({
        url: `/presse/${fixtureSlug}`,
        headers: { 'if-modified-since': first.headers['last-modified'] as string },
      })
      assert.equal(since.statusCode, 304)
      const stale = await t.app.inject({
        url: `/presse/${fixtureSlug}`,
        headers: { 'if-none-match': '"other"' },
      })
      assert.equal(stale.statusCode, 200)
      const list = await t.app.inject('/presse')
      assert.equal(
        (await t.app.inject({ url: '/presse', headers: { 'if-none-match': list.headers.etag as string } }))
          .statusCode,
        304,
      )
      const feed = await t.app.inject('/presse/feed.atom')
      assert.equal(
        (
          await t.app.inject({
            url: '/presse/feed.atom',
            headers: { 'if-none-match': feed.headers.etag as string },
          })
        ).statusCode,
        304,
      )
    })

    it('serves cached pages without the database and drops the cache on an edit', async () => {
      await t.app.inject(`/presse/${fixtureSlug}`)
      assert.ok(pageCache.size(t.deps.db) > 0)
      // A cached page is served even while the row is changed behind the app's back …
      await t.deps.db.execute(
        sql`update press_releases set title = 'Heimlich geändert' where id = ${fixtureId}`,
      )
      assert.doesNotMatch((await t.app.inject(`/presse/${fixtureSlug}`)).body, /Heimlich geändert/)
      await t.deps.db.execute(
        sql`update press_releases set title = 'Staatssekretär Kai Klose bei Plenarsitzung der Ausländerbeiräte Hessen' where id = ${fixtureId}`,
      )
      // … and an edit through the use case drops it.
      const beforeEdit = await t.app.inject(`/presse/${fixtureSlug}`)
      const current = parseReleaseText(fixture)
      const res = await updateRelease(t.deps.db, CLI_ACTOR, fixtureId, {
        title: current.title,
        subtitle: 'Ein neuer Untertitel',
        dateline: 'Breuberg-Neustadt',
        body: 'Kurzer neuer Text.',
        topicIds: [topicId],
      })
      assert.ok(res.ok)
      assert.equal(pageCache.size(t.deps.db), 0)
      const afterEdit = await t.app.inject(`/presse/${fixtureSlug}`)
      assert.match(afterEdit.body, /Ein neuer Untertitel/)
      assert.notEqual(afterEdit.headers.etag, beforeEdit.headers.etag)
      assert.equal(
        (
          await t.app.inject({
            url: `/presse/${fixtureSlug}`,
            headers: { 'if-none-match': beforeEdit.headers.etag as string },
          })
        ).statusCode,
        200,
      )
      // Restore the imported text from the first revision.
      const revs = await listRevisions(t.deps.db, fixtureId)
      const first = revs.find((r) => r.version === 1)!
      const restored = await restoreRevision(t.deps.db, CLI_ACTOR, fixtureId, first.id)
      assert.ok(restored.ok)
      assert.match((await t.app.inject(`/presse/${fixtureSlug}`)).body, /2 Minuten Lesezeit/)
    })

    it('redirects old slugs with 301 after a title change', async () => {
      const r = await createRelease(
        t.deps.db,
        CLI_ACTOR,
        { title: 'Alter Titel', body: 'Text.' },
        { publish: true },
      )
      assert.ok(r.ok)
      assert.equal(r.value.slug, 'alter-titel')
      const u = await updateRelease(t.deps.db, CLI_ACTOR, r.value.id, {
        title: 'Neuer Titel',
        slug: 'alter-titel',
        body: 'Text.',
      })
      assert.ok(u.ok)
      assert.equal(u.value.slug, 'neuer-titel')
      const old = await t.app.inject('/presse/alter-titel')
      assert.equal(old.statusCode, 301)
      assert.equal(old.headers.location, '/presse/neuer-titel')
      assert.equal((await t.app.inject('/en/presse/alter-titel')).headers.location, '/en/presse/neuer-titel')
      // The old slug stays reserved for the redirect.
      const clash = await createRelease(t.deps.db, CLI_ACTOR, {
        title: 'X',
        slug: 'alter-titel',
        body: 'Text.',
      })
      assert.deepEqual(clash, { ok: false, problems: [{ field: 'slug', key: 'press.error.slug_taken' }] })
    })

    it('refuses bad input without writing anything', async () => {
      const n = await countOf(t, sql`select count(*)::int as n from press_releases`)
      // A topic name of blanks only: the message is a catalogue key, not a raw code.
      assert.deepEqual(await createTopic(t.deps.db, CLI_ACTOR, { name: '   ' }), {
        ok: false,
        problems: [{ field: 'name', key: 'form.required' }],
      })
      assert.deepEqual(await createRelease(t.deps.db, CLI_ACTOR, { title: ' ', body: '' }), {
        ok: false,
        problems: [
          { field: 'title', key: 'press.error.titleRequired' },
          { field: 'body', key: 'press.error.bodyRequired' },
        ],
      })
      assert.deepEqual(
        await createRelease(t.deps.db, CLI_ACTOR, { title: 'T', slug: 'a'.repeat(101), body: 'x' }),
        {
          ok: false,
          problems: [{ field: 'slug', key: 'press.error.slug_too_long' }],
        },
      )
      assert.deepEqual(
        await createRelease(t.deps.db, CLI_ACTOR, { title: 'T', slug: fixtureSlug, body: 'x' }),
        {
          ok: false,
          problems: [{ field: 'slug', key: 'press.error.slug_taken' }],
        },
      )
      assert.deepEqual(
        await createRelease(t.deps.db, CLI_ACTOR, {
          title: 'T',
          body: 'x',
          topicIds: ['00000000-0000-4000-8000-000000000000'],
        }),
        { ok: false, problems: [{ field: 'topicIds', key: 'press.error.unknown_topic' }] },
      )
      assert.equal(await countOf(t, sql`select count(*)::int as n from press_releases`), n)
      assert.deepEqual(
        await changeReleaseStatus(
          t.deps.db,
          t.deps.jobs,
          CLI_ACTOR,
          fixtureId,
          'schedule',
          new Date(Date.now() - 60_000),
        ),
        {
          ok: false,
          problems: [{ field: 'publishAt', key: 'press.error.publish_at_past' }],
        },
      )
    })

    it('publishes a scheduled release through the job queue, also after a restart', async () => {
      const r = await createRelease(t.deps.db, CLI_ACTOR, {
        title: 'Geplante Meldung',
        body: 'Kommt später.',
      })
      assert.ok(r.ok)
      const at = new Date(Date.now() + 3600_000)
      const s = await changeReleaseStatus(t.deps.db, t.deps.jobs, CLI_ACTOR, r.value.id, 'schedule', at)
      assert.deepEqual(s, { ok: true, value: 'scheduled' })
      assert.equal(await t.deps.jobs.runDue(), 0)
      assert.equal((await t.app.inject('/presse/geplante-meldung')).statusCode, 404)
      // Rescheduling replaces the job (one per release).
      await changeReleaseStatus(
        t.deps.db,
        t.deps.jobs,
        CLI_ACTOR,
        r.value.id,
        'schedule',
        new Date(Date.now() + 7200_000),
      )
      assert.equal(
        await countOf(
          t,
          sql`select count(*)::int as n from jobs where unique_key = ${publishJobKey(r.value.id)} and status = 'pending'`,
        ),
        1,
      )
      // Move the clock: the job is due now. A new app (a "restart") runs it from the table.
      await t.deps.db.execute(
        sql`update jobs set run_at = now() - interval '1 minute' where unique_key = ${publishJobKey(r.value.id)}`,
      )
      const restarted = await createTestApp(kind)
      await restarted.close()
      assert.equal(await t.deps.jobs.runDue(), 1)
      const page = await t.app.inject('/presse/geplante-meldung')
      assert.equal(page.statusCode, 200)
      const audit = await listAudit(t.deps.db, { entityId: r.value.id, limit: 10, offset: 0 })
      assert.ok(
        audit.some((a) => a.action === 'press.release.publish_scheduled' && a.actorLabel === 'system'),
      )
      // Withdrawing hides it again and is audited.
      await changeReleaseStatus(t.deps.db, t.deps.jobs, CLI_ACTOR, r.value.id, 'unpublish')
      assert.equal((await t.app.inject('/presse/geplante-meldung')).statusCode, 404)
      await changeReleaseStatus(t.deps.db, t.deps.jobs, CLI_ACTOR, r.value.id, 'archive')
      assert.equal((await t.app.inject('/presse/geplante-meldung')).statusCode, 404)
    })

    it('loads the demo data idempotently with an invented, marked release and a press officer', async () => {
      const d = await createTestApp(kind)
      try {
        const lines: string[] = []
        await pressFeature.seedDemo!(d.deps, (l) => lines.push(l))
        await pressFeature.seedDemo!(d.deps, noop)
        assert.equal(
          lines.filter((l) => l.startsWith('Demo press officer: presse@teilhabe.example  password: ')).length,
          1,
        )
        const list = await d.app.inject('/presse')
        const title = 'Demo: Ausländerbeiräte beraten in Breuberg-Neustadt über das kommunale Wahlrecht'
        assert.equal(list.body.split(title).length - 1, 1, 'one demo release')
        // Not real: no real politician, marked in title and text, dated on the demo plenary (not today).
        assert.doesNotMatch(list.body, /Klose/)
        assert.match((await d.app.inject('/presse?thema=auslaenderbeiraete')).body, new RegExp(title))
        const slug = /href="\/presse\/(demo-[^"]+)"/.exec(list.body)![1]!
        const page = await d.app.inject(`/presse/${slug}`)
        assert.match(page.body, /Diese Pressemitteilung ist erfunden/)
        assert.match(page.body, /<time datetime="2026-10-17/)
        assert.match((await d.app.inject('/presse/suche?q=Odenwald')).body, /1 Pressemitteilung zu/)
      } finally {
        await d.close()
      }
    })
  })
}

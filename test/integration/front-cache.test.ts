import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { MAX_AGE_MS } from '../../src/features/press/cache'
import { cachedPage } from '../../src/features/press/conditional'
import { importRelease, parseReleaseText } from '../../src/features/press/import-release'
import { updateRelease } from '../../src/features/press/save-release'
import { CLI_ACTOR } from '../../src/platform/audit'
import { SESSION_COOKIE } from '../../src/platform/auth/sessions'
import { notificationsOf } from '../../src/platform/db/notify'
import { frontCache } from '../../src/platform/http/front-cache'
import { FLASH_COOKIE } from '../../src/platform/http/plugin'
import { createTestApp, type TestApp } from '../helpers/app'
import { dbKinds } from '../helpers/db'
import { IMPORT_FIXTURE_FILE } from '../helpers/fixtures'
import { Client } from '../helpers/http'

const fixture = readFileSync(IMPORT_FIXTURE_FILE, 'utf8')

/** A page put straight into the front cache: only the front cache can answer with it. */
function probePage(text: string, storedAt = Date.now()) {
  const page = cachedPage(
    `<!doctype html><p>${text}</p>`,
    new Date('2026-11-30T10:00:00Z'),
    'text/html; charset=utf-8',
    {
      'x-probe': 'front',
    },
  )
  return { ...page, storedAt }
}

/**
 * On PostgreSQL a change's invalidation also comes back to this node through LISTEN/NOTIFY, a moment
 * later; notifications arrive in order, so once a marker published now has come back, so has every
 * earlier one (on PGlite they are delivered at once).
 */
async function settled(t: TestApp): Promise<void> {
  const n = notificationsOf(t.deps.db)
  if (!('ready' in n)) return
  await new Promise<void>((resolve) => {
    let seen = 0
    n.subscribe('test.settled', () => {
      if (++seen === 2) resolve()
    })
    void n.publish('test.settled')
  })
}

for (const kind of dbKinds()) {
  describe(`front cache (${kind})`, () => {
    let t: TestApp
    let base: string
    let slug: string
    let releaseId: string
    before(async () => {
      t = await createTestApp(kind, { METRICS_TOKEN: 'messwerte-fuer-den-test-0123456789abcdef' })
      await t.app.listen({ port: 0, host: '127.0.0.1' })
      base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`
      const r = await importRelease(t.deps.db, CLI_ACTOR, parseReleaseText(fixture), { publish: true })
      assert.ok(r.ok)
      slug = r.value.slug
      releaseId = r.value.id
      await settled(t)
    })
    after(() => t.close())

    const put = (url: string, page: ReturnType<typeof probePage>, version = t.deps.installation.version) =>
      frontCache.put(t.deps.db, { url, route: '/presse/:slug', version, maxAgeMs: MAX_AGE_MS }, page)

    it('answers a page it holds before Fastify routes the request', async () => {
      // No release has this slug: the route would answer 404.
      put('/presse/nur-im-vordergrund', probePage('Vordergrund'))
      const res = await fetch(`${base}/presse/nur-im-vordergrund`, {
        headers: { 'accept-encoding': 'identity' },
      })
      assert.equal(res.status, 200)
      assert.equal(await res.text(), '<!doctype html><p>Vordergrund</p>')
      assert.equal(res.headers.get('x-probe'), 'front')
      assert.equal(res.headers.get('content-length'), String('<!doctype html><p>Vordergrund</p>'.length))
      const head = await fetch(`${base}/presse/nur-im-vordergrund`, { method: 'HEAD' })
      assert.equal(head.status, 200)
      assert.equal(head.headers.get('x-probe'), 'front')
      assert.equal((await head.arrayBuffer()).byteLength, 0)
    })

    it('hands every request that could be answered differently to the routes', async () => {
      put('/presse/nur-im-vordergrund', probePage('Vordergrund'))
      const url = `${base}/presse/nur-im-vordergrund`
      const routed = async (init: RequestInit, path = url) => {
        const res = await fetch(path, init)
        await res.arrayBuffer()
        return res.headers.get('x-probe') === null
      }
      assert.equal(await routed({}), false)
      assert.equal(await routed({}, `${url}?seite=2`), true, 'a query string')
      assert.equal(await routed({ method: 'POST' }), true, 'POST')
      assert.equal(await routed({ headers: { 'if-none-match': '"x"' } }), true, 'If-None-Match')
      assert.equal(await routed({ headers: { 'if-modified-since': 'Mon, 30 Nov 2026 10:00:00 GMT' } }), true)
      assert.equal(await routed({ headers: { cookie: `${SESSION_COOKIE}=abc` } }), true, 'a session cookie')
      assert.equal(await routed({ headers: { cookie: `a=1; ${FLASH_COOKIE}=ui.saved` } }), true, 'a flash')
      assert.equal(await routed({ headers: { cookie: 'teilhabe_csrf=abc' } }), false, 'only the CSRF cookie')
    })

    it('does not serve an entry older than its maximum age or from another installation version', async () => {
      put('/presse/alt', probePage('alt', Date.now() - MAX_AGE_MS - 1000))
      const old = await fetch(`${base}/presse/alt`)
      assert.equal(old.status, 404)
      await old.arrayBuffer()
      put('/presse/andere-version', probePage('andere'), t.deps.installation.version - 1)
      const other = await fetch(`${base}/presse/andere-version`)
      assert.equal(other.status, 404)
      await other.arrayBuffer()
    })

    it('serves the release page as the route renders it, and shows an edit at once', async () => {
      frontCache.invalidate(t.deps.db)
      const first = await fetch(`${base}/presse/${slug}`, { headers: { 'accept-encoding': 'br' } })
      const firstBody = await first.text()
      assert.equal(frontCache.size(t.deps.db), 1, 'the route handed the page to the front cache')
      const second = await fetch(`${base}/presse/${slug}`, { headers: { 'accept-encoding': 'br' } })
      const secondBody = await second.text()
      assert.equal(secondBody, firstBody)
      for (const h of [
        'content-security-policy',
        'etag',
        'last-modified',
        'vary',
        'cache-control',
        'content-type',
      ]) {
        assert.equal(second.headers.get(h), first.headers.get(h), h)
      }
      // fetch decodes the body; the header says it came as brotli.
      assert.equal(second.headers.get('content-encoding'), 'br')
      assert.match(second.headers.get('content-security-policy') ?? '', /default-src 'self'/)

      const u = await updateRelease(t.deps.db, CLI_ACTOR, releaseId, {
        title: 'Ein geänderter Titel für den Vordergrund',
        body: 'Kurzer neuer Text.',
      })
      assert.ok(u.ok)
      assert.equal(frontCache.size(t.deps.db), 0, 'the change emptied the front cache')
      const after = await fetch(`${base}/presse/${slug}`)
      assert.match(await after.text(), /Ein geänderter Titel für den Vordergrund/)
    })

    it('keeps no visitor’s language suggestion in a page cached for everyone', async () => {
      frontCache.invalidate(t.deps.db)
      const en = { 'accept-language': 'en' }
      const first = await (await fetch(`${base}/presse/${slug}`, { headers: en })).text()
      const second = await (await fetch(`${base}/presse/${slug}`, { headers: en })).text()
      for (const page of [first, second]) assert.doesNotMatch(page, /This page is also available in/)
      // Pages that are not cached still suggest the visitor's language.
      const home = await (await fetch(`${base}/`, { headers: en })).text()
      assert.match(home, /This page is also available in English/)
    })

    it('counts what it answers in the metrics, and sends a signed-in person the routed page', async () => {
      frontCache.invalidate(t.deps.db)
      await (await fetch(`${base}/presse/${slug}`)).arrayBuffer()
      const count = async () => {
        const metrics = await (
          await fetch(`${base}/metrics`, {
            headers: { authorization: 'Bearer messwerte-fuer-den-test-0123456789abcdef' },
          })
        ).text()
        const line = metrics
          .split('\n')
          .find((l) => l.startsWith('http_requests_total{method="GET",route="/presse/:slug",status="200"}'))
        return Number(line?.split(' ')[1] ?? 0)
      }
      const before = await count()
      await (await fetch(`${base}/presse/${slug}`)).arrayBuffer()
      assert.equal(await count(), before + 1)

      await t.createUser('presse@example.org', ['press'])
      const client = new Client(t.app)
      await client.signIn('presse@example.org')
      const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
      const staff = await fetch(`${base}/presse/${slug}`, { headers: { cookie } })
      assert.equal(staff.headers.get('cache-control'), 'private, no-store')
      await staff.arrayBuffer()
    })
  })
}

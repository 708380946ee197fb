import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { defineFeature } from '../feature'
import { csrfTokenFor } from './csrf'

/**
 * The CSRF layer of the HTTP plugin on its own, on a platform with one test feature: an ordinary
 * form route, the same path for other methods, and an upload route (whose token is the first part of
 * the multipart body, checked by readUpload). csrf.test.ts proves the token and origin functions.
 */
const csrfTestFeature = defineFeature({
  name: 'csrf-test',
  routes(app) {
    app.get('/csrf-test', async () => 'read')
    app.post('/csrf-test', async () => 'written')
    app.delete('/csrf-test', async () => 'deleted')
    app.post('/csrf-test/upload', { config: { upload: true } }, async (request, reply) => {
      const body = await request.readUpload(reply)
      if (!body) return reply
      return { fields: Object.keys(body.fields), files: Object.keys(body.files) }
    })
  },
})

const PUBLIC = 'https://teilhabe.example'
const COOKIE = 'a-csrf-cookie-value-of-this-visitor-0123456789'
// Written out as a browser sends them (the names are part of what is deployed: pages, scripts, proxies).
const CSRF_COOKIE = 'teilhabe_csrf'
const CSRF_HEADER = 'x-csrf-token'

for (const kind of dbKinds()) {
  describe(`CSRF check of every unsafe request (${kind})`, () => {
    let t: TestApp
    let token: string
    before(async () => {
      t = await createTestApp(kind, { PUBLIC_URL: PUBLIC }, [csrfTestFeature])
      token = csrfTokenFor(t.deps.signingKey, COOKIE)
    })
    after(() => t.close())

    const cookie = `${CSRF_COOKIE}=${COOKIE}`
    const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/csrf-test',
        payload: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
      })
    /** A multipart body with the parts in this order (the token, if any, where the test puts it). */
    async function upload(parts: [string, string | Blob][], headers: Record<string, string> = {}) {
      const data = new FormData()
      for (const [name, value] of parts) data.append(name, value)
      const encoded = new Request('http://x/', { method: 'POST', body: data })
      return t.app.inject({
        method: 'POST',
        url: '/csrf-test/upload',
        payload: Buffer.from(await encoded.arrayBuffer()),
        headers: { 'content-type': encoded.headers.get('content-type')!, cookie, ...headers },
      })
    }
    const file = new Blob(['Hallo']) as Blob & { name?: string }
    const refused = (res: { statusCode: number; body: string }, what: string) => {
      assert.equal(res.statusCode, 403, what)
      assert.match(res.body, /Formular abgelaufen/, what)
    }

    it('lets safe methods through without a token', async () => {
      assert.equal((await t.app.inject({ method: 'GET', url: '/csrf-test' })).body, 'read')
      const head = await t.app.inject({ method: 'HEAD', url: '/csrf-test' })
      assert.equal(head.statusCode, 200)
      const options = await t.app.inject({ method: 'OPTIONS', url: '/csrf-test' })
      assert.notEqual(options.statusCode, 403, 'OPTIONS is never refused for a token')
    })

    it('accepts a form with the token of its cookie, from our origin or one that names none', async () => {
      const origins: Record<string, string>[] = [{}, { origin: PUBLIC }, { origin: 'http://localhost:80' }]
      for (const origin of origins) {
        const res = await form({ _csrf: token }, origin)
        assert.equal(res.statusCode, 200, JSON.stringify(origin))
        assert.equal(res.body, 'written')
      }
    })

    it('refuses a form without the token, with a wrong one, without the cookie or from elsewhere', async () => {
      refused(await form({}), 'no token')
      refused(await form({ _csrf: `${token}x` }), 'a wrong token')
      refused(await form({ _csrf: token }, { cookie: '' }), 'no cookie')
      refused(await form({ _csrf: token }, { origin: 'https://evil.example' }), 'another origin')
      refused(await form({ _csrf: token }, { 'sec-fetch-site': 'cross-site' }), 'another site')
    })

    it('takes the token from the header when there is no body, and refuses without', async () => {
      const del = (headers: Record<string, string>) =>
        t.app.inject({ method: 'DELETE', url: '/csrf-test', headers: { cookie, ...headers } })
      const ok = await del({ [CSRF_HEADER]: token })
      assert.equal(ok.statusCode, 200)
      assert.equal(ok.body, 'deleted')
      refused(await del({}), 'no header')
      refused(await del({ [CSRF_HEADER]: token, origin: 'https://evil.example' }), 'another origin')
      const headerOnly = await form({ note: 'x' }, { [CSRF_HEADER]: token })
      assert.equal(headerOnly.statusCode, 200, 'a form may carry the token in the header instead')
    })

    it('reads an upload only when its first part is the token field', async () => {
      const ok = await upload([
        ['_csrf', token],
        ['title', 'Bericht'],
        ['file', file],
      ])
      assert.equal(ok.statusCode, 200)
      assert.deepEqual(JSON.parse(ok.body), { fields: ['title'], files: ['file'] })
      refused(await upload([['title', 'Bericht']]), 'no token')
      refused(
        await upload([
          ['title', token],
          ['_csrf', token],
        ]),
        'the token, but not first and not named _csrf first',
      )
      refused(await upload([['_csrf', `${token}x`]]), 'a wrong token')
      refused(await upload([]), 'an empty body')
    })

    it('refuses an upload from another origin even with the right token', async () => {
      refused(
        await upload(
          [
            ['_csrf', token],
            ['file', file],
          ],
          { origin: 'https://evil.example' },
        ),
        'another origin',
      )
    })

    it('refuses a form body sent to an upload route without a token before the route reads it', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/csrf-test/upload',
        payload: 'title=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      })
      refused(res, 'not multipart, no token')
    })
  })
}

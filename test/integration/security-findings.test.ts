import assert from 'node:assert/strict'
import net from 'node:net'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../helpers/app'
import { dbKinds } from '../helpers/db'
import { Client } from '../helpers/http'

/**
 * Sends request headers and the first `sent` bytes of a body that claims `declared` bytes, then
 * waits (at most `waitMs`) for the status line: a server that buffers the body never answers.
 */
function partialPost(
  port: number,
  path: string,
  headers: Record<string, string>,
  declared: number,
  sent: number,
  waitMs = 5000,
): Promise<{ status: number | null; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now()
    const socket = net.connect(port, '127.0.0.1')
    let data = ''
    const done = (status: number | null) => {
      clearTimeout(timer)
      socket.destroy()
      resolve({ status, ms: Date.now() - started })
    }
    const timer = setTimeout(() => done(null), waitMs)
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1')
      const m = /^HTTP\/1\.1 (\d{3})/.exec(data)
      if (m) done(Number(m[1]))
    })
    socket.on('error', () => done(null))
    socket.on('connect', () => {
      const head = Object.entries({
        host: `127.0.0.1:${port}`,
        'content-length': String(declared),
        ...headers,
      })
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')
      socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n\r\n`)
      socket.write(Buffer.alloc(sent, 0x61))
    })
  })
}

/**
 * The findings of the loopback probe (issue 11), one test each; see docs/security.md. Each of
 * these failed before its fix.
 */
for (const kind of dbKinds()) {
  describe(`security findings (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
      await t.createUser('admin@example.org', ['admin'])
      await t.createUser('presse@example.org', ['press'])
    })
    after(() => t.close())

    it('1: a multipart body is refused before it is read on routes that take no files', async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' })
      const port = (t.app.server.address() as net.AddressInfo).port
      const multipart = { 'content-type': 'multipart/form-data; boundary=x' }
      // 200 MB announced, 64 kB sent: the answer comes without waiting for the rest.
      for (const path of ['/abmelden', '/anmelden', '/presse/redaktion/neu']) {
        const res = await partialPost(port, path, multipart, 200 * 1024 * 1024, 64 * 1024)
        assert.equal(res.status, 415, `${path}: answered ${res.status} after ${res.ms} ms`)
      }
      // On an upload route, anonymous visitors are sent to sign in before the body is read…
      const staffOnly = await partialPost(
        port,
        '/presse/redaktion/00000000-0000-4000-8000-000000000000/anhaenge',
        multipart,
        t.config.uploadMaxBytes / 2,
        64 * 1024,
      )
      assert.equal(staffOnly.status, 303)
      // …and a body far beyond the upload limit is 413 at once, even for staff.
      const c = new Client(t.app)
      await c.signIn('presse@example.org')
      const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
      const tooBig = await partialPost(
        port,
        '/presse/redaktion/00000000-0000-4000-8000-000000000000/anhaenge',
        { ...multipart, cookie, origin: `http://127.0.0.1:${port}` },
        t.config.uploadMaxBytes * 3,
        64 * 1024,
      )
      assert.equal(tooBig.status, 413)
      // An ordinary form body beyond its limit is 413 too, not 400 (finding 12).
      const form = await t.app.inject({
        method: 'POST',
        url: '/anmelden',
        payload: 'a'.repeat(3 * 1024 * 1024),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      assert.equal(form.statusCode, 413)
      assert.match(form.body, /zu groß/)
    })

    it('1: /abmelden is rate-limited per address', async () => {
      const limited = await createTestApp(kind, { RATE_LIMIT_PER_MINUTE: '3' })
      try {
        const statuses: number[] = []
        for (let i = 0; i < 5; i++) {
          const res = await limited.app.inject({
            method: 'POST',
            url: '/abmelden',
            payload: '',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          })
          statuses.push(res.statusCode)
        }
        assert.equal(statuses.at(-1), 429, statuses.join(','))
      } finally {
        await limited.close()
      }
    })

    it('3: control characters in query strings, params and forms are no 500', async () => {
      for (const url of [
        '/beiraete?q=a%00',
        '/presse?thema=%00',
        '/presse/suche?q=a%00b',
        '/presse/a%00b',
        '/sitzungen?q=%01%00',
      ]) {
        const res = await t.app.inject(url)
        assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`)
      }
      const c = new Client(t.app)
      const res = await c.submit('/anmelden', '/anmelden', {
        email: 'admin@example.org\u0000',
        password: 'x',
      })
      assert.equal(res.statusCode, 400)
      assert.match(res.body, /Steuerzeichen/)
      assert.match(res.body, /value="admin@example.org"/)
    })

    it('5: a next= with characters above U+00FF signs in without a 500', async () => {
      const c = new Client(t.app)
      const res = await c.submit('/anmelden', '/anmelden', {
        email: 'admin@example.org',
        password: 'correct horse battery staple',
        next: '/presse?thema=\u4e2d\u6587\u2603',
      })
      assert.equal(res.statusCode, 303)
      assert.ok(
        (res.headers['set-cookie'] as string[]).some((s) => s.startsWith('teilhabe_session=')),
        'the session cookie arrives',
      )
      assert.doesNotMatch(res.headers.location as string, /[^\x21-\x7e]/)
    })

    it('6: a doubled slash after the locale never becomes a protocol-relative link', async () => {
      for (const url of [
        '/en//evil.example',
        '//evil.example',
        '/en/\\evil.example',
        '/en//\\evil.example/x',
      ]) {
        const res = await t.app.inject(url)
        assert.equal(res.statusCode, 404, url)
        assert.doesNotMatch(res.body, /href="(\/\/|\/\\|\\)/, `${url} links off-site`)
      }
    })

    it('7: a non-uuid contact or topic in the press editor is a message next to the field', async () => {
      const c = new Client(t.app)
      await c.signIn('presse@example.org')
      for (const [field, value, message] of [
        ['contactId', 'not-a-uuid', /Diesen Pressekontakt gibt es nicht mehr/],
        ['topicIds', "x' or 1=1", /Ein gewähltes Thema gibt es nicht mehr/],
      ] as const) {
        const res = await c.submit('/presse/redaktion/neu', '/presse/redaktion/neu', {
          title: 'Titel',
          body: 'Text',
          [field]: value,
        })
        assert.equal(res.statusCode, 400, field)
        assert.match(res.body, message)
        assert.match(res.body, /value="Titel"/)
      }
    })
  })
}

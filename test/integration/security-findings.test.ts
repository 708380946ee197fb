import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../helpers/app'
import { dbKinds } from '../helpers/db'
import { Client } from '../helpers/http'

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

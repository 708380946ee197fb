import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { Client } from '../../../test/helpers/http'
import { FEATURES } from '../../app'
import { adminFeature } from './feature'

/**
 * The /verwaltung start page links only to what the person may open. No shipped role may read the
 * audit log without also reading the outbox and managing accounts, so this app grants the audit log
 * (and nothing else) to an extra role: the page then has to leave two links out.
 */
const withAuditReader = FEATURES.map((f) =>
  f === adminFeature
    ? { ...f, permissions: { ...adminFeature.permissions, 'audit.read': ['admin', 'revision'] } }
    : f,
)

const LINKS = {
  audit: /href="\/verwaltung\/protokoll"/,
  outbox: /href="\/verwaltung\/postausgang"/,
  accounts: /href="\/verwaltung\/konten"/,
}

for (const kind of dbKinds()) {
  describe(`administration start page (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind, {}, withAuditReader)
      await t.createUser('admin@example.org', ['admin'])
      await t.createUser('revision@example.org', ['revision'])
    })
    after(() => t.close())

    it('links an administrator to everything', async () => {
      const c = new Client(t.app)
      await c.signIn('admin@example.org')
      const page = await c.get('/verwaltung')
      assert.equal(page.statusCode, 200)
      for (const link of Object.values(LINKS)) assert.match(page.body, link)
    })

    it('links a person who may read the audit log only to the audit log', async () => {
      const c = new Client(t.app)
      await c.signIn('revision@example.org')
      const page = await c.get('/verwaltung')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, LINKS.audit)
      assert.doesNotMatch(page.body, LINKS.outbox)
      assert.doesNotMatch(page.body, LINKS.accounts)
      // The links left out are the pages this person may not open.
      assert.equal((await c.get('/verwaltung/protokoll')).statusCode, 200)
      assert.equal((await c.get('/verwaltung/postausgang')).statusCode, 403)
      assert.equal((await c.get('/verwaltung/konten')).statusCode, 403)
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { buildApp } from '../../app'
import type { App } from '../feature'
import { createDeps } from '../runtime'
import { rateLimitHits } from './tables'

const silent = { info() {}, error() {} }

for (const kind of dbKinds()) {
  describe(`rate limits counted in the database (${kind})`, () => {
    let t: TestApp
    let second: App
    before(async () => {
      t = await createTestApp(kind, { RATE_LIMIT_PER_MINUTE: '4' })
      // A second app node on the same database (as a second process would be).
      const deps = await createDeps(t.config, t.testDb.database, (await import('../../app')).FEATURES, silent)
      second = await buildApp(deps)
      await second.ready()
    })
    after(async () => {
      await second.close()
      await t.close()
    })

    it('shares one limit between two nodes: the fifth sign-in attempt of a minute is refused on either', async () => {
      const attempt = (app: App) =>
        app.inject({ method: 'POST', url: '/anmelden', payload: 'email=x%40example.org&password=x' })
      const statuses: number[] = []
      for (const app of [t.app, second, t.app, second, second, t.app])
        statuses.push((await attempt(app)).statusCode)
      // The first four are counted (and refused by the CSRF check), the fifth and sixth hit the limit.
      assert.deepEqual(
        statuses.map((s) => s === 429),
        [false, false, false, false, true, true],
      )
      const rows = await t.deps.db.select().from(rateLimitHits)
      assert.equal(rows.length, 1, 'one count for the route and address')
      assert.match(rows[0]!.key, /^POST \/anmelden [A-Za-z0-9_-]{43}$/)
      assert.doesNotMatch(rows[0]!.key, /127\.0\.0\.1/, 'no client address in the table')
      assert.equal(rows[0]!.hits, 6)
    })

    it('starts counting again once the window that began with the first request has passed', async () => {
      const attempt = () =>
        second.inject({ method: 'POST', url: '/anmelden', payload: 'email=x%40example.org&password=x' })
      assert.equal((await attempt()).statusCode, 429, 'still inside the window of the test before')
      await t.deps.db.update(rateLimitHits).set({ windowStart: sql`now() - interval '61 seconds'` })
      const res = await attempt()
      assert.notEqual(res.statusCode, 429)
      assert.equal(res.headers['x-ratelimit-remaining'], '3')
      const [row] = await t.deps.db.select().from(rateLimitHits)
      assert.equal(row!.hits, 1)
      assert.ok(Date.now() - row!.windowStart.getTime() < 10_000, 'the new window starts now')
    })

    it('counts each limited route apart and leaves routes without a limit untouched', async () => {
      const res = await second.inject({ method: 'POST', url: '/abmelden' })
      assert.notEqual(res.statusCode, 429)
      await t.app.inject('/presse')
      const keys = (await t.deps.db.select().from(rateLimitHits)).map((r) =>
        r.key.split(' ').slice(0, 2).join(' '),
      )
      assert.deepEqual(keys.sort(), ['POST /abmelden', 'POST /anmelden'])
    })
  })
}

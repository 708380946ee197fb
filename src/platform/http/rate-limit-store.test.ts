import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { buildApp } from '../../app'
import type { App } from '../feature'
import { createDeps } from '../runtime'
import { leaseSize } from './rate-limit-store'
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

for (const kind of dbKinds()) {
  describe(`rate limits taken in blocks by each node (${kind})`, () => {
    let t: TestApp
    let second: App
    before(async () => {
      // 60 a minute: each node takes blocks of 2 from the shared count.
      t = await createTestApp(kind, { OPARL_RATE_LIMIT_PER_MINUTE: '60', OPARL_CACHE_SECONDS: '0' })
      const deps = await createDeps(t.config, t.testDb.database, (await import('../../app')).FEATURES, silent)
      second = await buildApp(deps)
      await second.ready()
    })
    after(async () => {
      await second.close()
      await t.close()
    })

    it('blocks of a limit of 60 are 2 requests, limits below 60 are counted one by one', () => {
      assert.equal(leaseSize(60), 2)
      assert.equal(leaseSize(600), 20)
      assert.equal(leaseSize(1_000_000), 20, 'at most 20: what one node may hold back')
      assert.equal(leaseSize(59), 1)
      assert.equal(leaseSize(4), 1)
    })

    it('shares the limit between two nodes with one upsert per block: request 61 of a minute is refused', async () => {
      const statuses: number[] = []
      for (let i = 0; i < 62; i++)
        statuses.push((await [t.app, second][i % 2]!.inject('/oparl/v1')).statusCode)
      assert.deepEqual(
        statuses.map((s) => s === 429),
        [...Array(60).fill(false), true, true],
      )
      const [row] = await t.deps.db.select().from(rateLimitHits)
      // 31 blocks of 2 taken for 62 requests (one request each would have counted 62).
      assert.equal(row!.hits, 64)
      assert.match(row!.key, /^GET \/oparl\/v1 /)
    })

    it('allowance one node leased and did not use is missing on the other until the window ends', async () => {
      await t.deps.db.delete(rateLimitHits)
      // The nodes keep their leases in memory: two fresh nodes, as after a restart.
      const fresh = await Promise.all(
        [0, 1].map(async () => {
          const deps = await createDeps(
            t.config,
            t.testDb.database,
            (await import('../../app')).FEATURES,
            silent,
          )
          const app = await buildApp(deps)
          await app.ready()
          return app
        }),
      )
      const [a, b] = fresh as [App, App]
      assert.equal((await a.inject('/oparl/v1')).statusCode, 200, 'A takes a block of 2 and uses 1')
      const statuses: number[] = []
      for (let i = 0; i < 60; i++) statuses.push((await b.inject('/oparl/v1')).statusCode)
      // B gets the 58 the table still has; A's unused one is lost for this window.
      assert.equal(statuses.filter((s) => s !== 429).length, 58)
      assert.equal((await a.inject('/oparl/v1')).statusCode, 200, 'A still has its leased request')
      assert.equal((await a.inject('/oparl/v1')).statusCode, 429)
      for (const app of fresh) await app.close()
    })
  })
}

import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { buildApp } from '../../app'
import { QueryStats } from '../db/query-stats'
import type { App } from '../feature'
import { jobs } from '../jobs/tables'
import { runWithRequest } from './request-context'

const TOKEN = 'metrics-token-for-the-observability-test-0123'

for (const kind of dbKinds()) {
  describe(`observability (${kind})`, () => {
    let t: TestApp
    let logged: App
    const lines: Record<string, unknown>[] = []
    before(async () => {
      t = await createTestApp(kind, { METRICS_TOKEN: TOKEN, SLOW_QUERY_MS: '20' })
      // The same deps with a real logger whose lines the test reads.
      logged = await buildApp(t.deps, {
        logger: { level: 'info', stream: { write: (line) => void lines.push(JSON.parse(line)) } },
      })
      await logged.ready()
    })
    after(async () => {
      await logged.close()
      await t.close()
    })

    it('gives every response an X-Request-Id and writes it into each log line of the request', async () => {
      lines.length = 0
      const res = await logged.inject('/impressum')
      const id = res.headers['x-request-id'] as string
      assert.match(id, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/)
      const other = await logged.inject('/impressum')
      assert.notEqual(other.headers['x-request-id'], id, 'one id per request')
      const mine = lines.filter((l) => l.reqId === id)
      assert.ok(mine.length >= 2, `incoming and completed lines carry the id: ${JSON.stringify(lines)}`)
      assert.ok(
        lines.every((l) => typeof l.reqId === 'string'),
        'no line of a request without its id',
      )
    })

    it('shows the request id on error pages, so support can find the log lines', async () => {
      const res = await logged.inject('/gibt-es-nicht')
      assert.equal(res.statusCode, 404)
      const id = res.headers['x-request-id'] as string
      assert.match(res.body, new RegExp(`Vorgangsnummer für Rückfragen: ${id}`))
      const en = await logged.inject('/en/gibt-es-nicht')
      assert.match(en.body, new RegExp(`Reference for enquiries: ${en.headers['x-request-id']}`))
    })

    it('takes the proxy’s X-Request-Id only behind a trusted proxy', async () => {
      const res = await logged.inject({ url: '/impressum', headers: { 'x-request-id': 'proxy-given-1234' } })
      assert.notEqual(res.headers['x-request-id'], 'proxy-given-1234', 'TRUST_PROXY is off')
      const proxied = await createTestApp(kind, { TRUST_PROXY: 'true' })
      try {
        const r = await proxied.app.inject({
          url: '/impressum',
          headers: { 'x-request-id': 'proxy-given-1234' },
        })
        assert.equal(r.headers['x-request-id'], 'proxy-given-1234')
        const odd = await proxied.app.inject({
          url: '/impressum',
          headers: { 'x-request-id': 'a b<script>' },
        })
        assert.match(
          odd.headers['x-request-id'] as string,
          /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/,
          'not an id: a new one',
        )
      } finally {
        await proxied.close()
      }
    })

    it('logs a query slower than SLOW_QUERY_MS with its statement (no values) and the request’s id', async () => {
      lines.length = 0
      await new Promise<void>((resolve, reject) =>
        runWithRequest('req-slow-test', () => {
          t.deps.db.execute(sql`select pg_sleep(${0.06}) as slept`).then(() => resolve(), reject)
        }),
      )
      const slow = lines.filter((l) => l.msg === 'slow query' && /pg_sleep/.test(String(l.query)))
      assert.equal(slow.length, 1, JSON.stringify(lines))
      assert.equal(slow[0]!.reqId, 'req-slow-test')
      assert.match(String(slow[0]!.query), /pg_sleep\(\$1\)/)
      assert.ok(Number(slow[0]!.durationMs) >= 55, JSON.stringify(slow))
      assert.equal(slow[0]!.level, 40, 'warn')
    })

    it('counts a query as slow from the threshold on, and none when the threshold is 0', () => {
      const stats = new QueryStats()
      const seen: number[] = []
      stats.onSlow = (ms) => seen.push(ms)
      stats.slowMs = 20
      stats.record(19.9, 'select 1', true)
      stats.record(20, 'select 2', true)
      stats.record(50, 'select 3', false)
      assert.deepEqual(seen, [20, 50])
      assert.deepEqual([stats.count, stats.slow, stats.failed], [3, 2, 1])
      stats.slowMs = 0
      stats.record(10_000, 'select 4', true)
      assert.deepEqual(seen, [20, 50])
    })

    it('reports metrics per feature and of the database pool', async () => {
      await logged.inject('/presse')
      await logged.inject('/beiraete')
      const res = await logged.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })
      assert.equal(res.statusCode, 200)
      assert.match(res.body, /teilhabe_feature_requests_total\{feature="press"\} [1-9]/)
      assert.match(res.body, /teilhabe_feature_requests_total\{feature="councils"\} [1-9]/)
      assert.match(res.body, /teilhabe_feature_request_seconds_total\{feature="press"\} \d/)
      assert.match(res.body, /teilhabe_feature_errors_total\{feature="press"\} 0/)
      assert.match(res.body, new RegExp(`teilhabe_db_queries_total\\{pool="main",kind="${kind}"\\} [1-9]`))
      assert.match(res.body, /teilhabe_db_slow_queries_total\{pool="main",kind="\w+"\} [1-9]/)
      assert.match(res.body, /teilhabe_db_pool_connections\{pool="main",kind="\w+",state="total"\} [1-9]/)
      assert.match(res.body, /teilhabe_db_pool_connections\{pool="main",kind="\w+",state="max"\} (10|1)\n/)
      assert.match(res.body, /teilhabe_db_pool_waiting\{pool="main",kind="\w+"\} 0/)
    })

    it('reports in the readiness check how long the oldest due job has waited', async () => {
      const empty = await t.app.inject('/health/ready')
      assert.deepEqual(empty.json().jobs, { due: 0, oldestDueSeconds: 0 })
      await t.deps.db.insert(jobs).values([
        { kind: 'test.waiting', runAt: new Date(Date.now() - 120_000) },
        { kind: 'test.waiting', runAt: new Date(Date.now() - 5_000) },
        { kind: 'test.later', runAt: new Date(Date.now() + 3600_000) },
        { kind: 'test.done', status: 'done', runAt: new Date(Date.now() - 900_000) },
      ])
      const res = await t.app.inject('/health/ready')
      assert.equal(res.statusCode, 200)
      const body = res.json()
      assert.equal(body.status, 'ok')
      assert.equal(body.jobs.due, 2)
      assert.ok(body.jobs.oldestDueSeconds >= 120 && body.jobs.oldestDueSeconds < 180, JSON.stringify(body))
      await t.deps.db.delete(jobs)
    })
  })
}

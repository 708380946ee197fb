/**
 * `npx tsx bench/rate-limit.ts`: what the shared rate limit costs one limited request.
 *
 * The store's `incr` (src/platform/http/rate-limit-store.ts) timed alone, one process: 2,000 calls
 * over 100 keys after 200 warm-up calls, once with a limit of 4 a minute (blocks of 1: one upsert
 * per request, as sign-in) and once with 600 (OParl: blocks of 20). In-memory PGlite, or
 * DATABASE_URL (its own database, created and dropped). Prints median, p90 and p99 per call.
 */
import pg from 'pg'
import { openDatabase } from '../src/platform/db'
import { databaseRateLimitStore } from '../src/platform/http/rate-limit-store'
import { median, percentile } from './stats'

const cluster = process.env.DATABASE_URL
const name = `teilhabe_bench_rate_${process.pid}`
let url: string | undefined
if (cluster) {
  const admin = new pg.Client({ connectionString: cluster })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const u = new URL(cluster)
  u.pathname = `/${name}`
  url = u.toString()
}
const database = await openDatabase({ url })
await database.migrate()
const Store = databaseRateLimitStore(database.db, Buffer.alloc(32, 1))
const store = new Store().child({ routeInfo: { method: 'GET', url: '/bench' } })
const incr = (key: string, max: number) =>
  new Promise<void>((resolve, reject) =>
    store.incr(key, (err) => (err ? reject(err) : resolve()), 60_000, max),
  )

console.log(`rate-limit store on ${cluster ? 'PostgreSQL' : 'PGlite'}`)
for (const max of [4, 600]) {
  for (let i = 0; i < 200; i++) await incr(`warm-${max}-${i % 100}`, max)
  const ms: number[] = []
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now()
    await incr(`key-${max}-${i % 100}`, max)
    ms.push(performance.now() - t0)
  }
  const us = (x: number) => `${(x * 1000).toFixed(0)} µs`
  console.log(
    `limit ${max} a minute: median ${us(median(ms))}, p90 ${us(percentile(ms, 90))}, p99 ${us(percentile(ms, 99))}`,
  )
}
await database.close()
if (cluster) {
  const admin = new pg.Client({ connectionString: cluster })
  await admin.connect()
  await admin.query(`drop database ${name} with (force)`)
  await admin.end()
}

import type { Database } from '../db'

/**
 * Prometheus metrics kept in memory, per process: request counts and latency histograms per route,
 * requests and time per feature, and the database pool (connections, queries, slow queries).
 * Each app node reports its own; Prometheus sums over the nodes.
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

interface Series {
  count: number
  sum: number
  buckets: number[]
}

function labels(obj: Record<string, string>): string {
  return Object.entries(obj)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',')
}

export class Metrics {
  private readonly requests = new Map<string, number>()
  private readonly durations = new Map<string, Series>()
  private readonly features = new Map<string, { count: number; errors: number; seconds: number }>()
  private readonly started = Date.now()

  constructor(private readonly database?: Pick<Database, 'kind' | 'queries' | 'poolState' | 'replica'>) {}

  observe(method: string, route: string, status: number, seconds: number, feature = 'platform'): void {
    let f = this.features.get(feature)
    if (!f) {
      f = { count: 0, errors: 0, seconds: 0 }
      this.features.set(feature, f)
    }
    f.count++
    f.seconds += seconds
    if (status >= 500) f.errors++
    const reqKey = labels({ method, route, status: String(status) })
    this.requests.set(reqKey, (this.requests.get(reqKey) ?? 0) + 1)
    const durKey = labels({ method, route })
    let s = this.durations.get(durKey)
    if (!s) {
      s = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) }
      this.durations.set(durKey, s)
    }
    s.count++
    s.sum += seconds
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) s.buckets[i]!++
  }

  render(): string {
    const out: string[] = []
    out.push('# HELP http_requests_total HTTP requests by method, route and status.')
    out.push('# TYPE http_requests_total counter')
    for (const [k, v] of this.requests) out.push(`http_requests_total{${k}} ${v}`)
    out.push('# HELP http_request_duration_seconds HTTP request latency by method and route.')
    out.push('# TYPE http_request_duration_seconds histogram')
    for (const [k, s] of this.durations) {
      BUCKETS.forEach((b, i) => {
        out.push(`http_request_duration_seconds_bucket{${k},le="${b}"} ${s.buckets[i]}`)
      })
      out.push(`http_request_duration_seconds_bucket{${k},le="+Inf"} ${s.count}`)
      out.push(`http_request_duration_seconds_sum{${k}} ${s.sum}`)
      out.push(`http_request_duration_seconds_count{${k}} ${s.count}`)
    }
    out.push('# HELP teilhabe_feature_requests_total HTTP requests answered by each feature.')
    out.push('# TYPE teilhabe_feature_requests_total counter')
    for (const [k, f] of this.features)
      out.push(`teilhabe_feature_requests_total{${labels({ feature: k })}} ${f.count}`)
    out.push('# HELP teilhabe_feature_errors_total Requests of each feature answered with a 5xx status.')
    out.push('# TYPE teilhabe_feature_errors_total counter')
    for (const [k, f] of this.features)
      out.push(`teilhabe_feature_errors_total{${labels({ feature: k })}} ${f.errors}`)
    out.push('# HELP teilhabe_feature_request_seconds_total Time spent answering requests, per feature.')
    out.push('# TYPE teilhabe_feature_request_seconds_total counter')
    for (const [k, f] of this.features)
      out.push(`teilhabe_feature_request_seconds_total{${labels({ feature: k })}} ${f.seconds}`)
    const db = this.database
    if (db) {
      // Both pools when a replica is configured: the same series, told apart by the label `pool`.
      const pools = [
        { labels: labels({ pool: 'main', kind: db.kind }), state: db.poolState(), q: db.queries },
        ...(db.replica
          ? [
              {
                labels: labels({ pool: 'replica', kind: db.kind }),
                state: db.replica.poolState(),
                q: db.replica.queries,
              },
            ]
          : []),
      ]
      out.push('# HELP teilhabe_db_pool_connections Connections of the database pool by state.')
      out.push('# TYPE teilhabe_db_pool_connections gauge')
      for (const { labels: pool, state } of pools) {
        out.push(`teilhabe_db_pool_connections{${pool},state="total"} ${state.total}`)
        out.push(`teilhabe_db_pool_connections{${pool},state="idle"} ${state.idle}`)
        out.push(`teilhabe_db_pool_connections{${pool},state="max"} ${state.max}`)
      }
      out.push('# HELP teilhabe_db_pool_waiting Requests waiting for a free connection of the pool.')
      out.push('# TYPE teilhabe_db_pool_waiting gauge')
      for (const { labels: pool, state } of pools)
        out.push(`teilhabe_db_pool_waiting{${pool}} ${state.waiting}`)
      out.push('# HELP teilhabe_db_queries_total Queries sent through the pool.')
      out.push('# TYPE teilhabe_db_queries_total counter')
      for (const { labels: pool, q } of pools) out.push(`teilhabe_db_queries_total{${pool}} ${q.count}`)
      out.push('# HELP teilhabe_db_query_errors_total Queries that failed.')
      out.push('# TYPE teilhabe_db_query_errors_total counter')
      for (const { labels: pool, q } of pools) out.push(`teilhabe_db_query_errors_total{${pool}} ${q.failed}`)
      out.push('# HELP teilhabe_db_query_seconds_total Time spent in queries.')
      out.push('# TYPE teilhabe_db_query_seconds_total counter')
      for (const { labels: pool, q } of pools)
        out.push(`teilhabe_db_query_seconds_total{${pool}} ${q.seconds}`)
      out.push('# HELP teilhabe_db_slow_queries_total Queries slower than SLOW_QUERY_MS (each is logged).')
      out.push('# TYPE teilhabe_db_slow_queries_total counter')
      for (const { labels: pool, q } of pools) out.push(`teilhabe_db_slow_queries_total{${pool}} ${q.slow}`)
    }
    out.push('# HELP process_uptime_seconds Seconds since the process started.')
    out.push('# TYPE process_uptime_seconds gauge')
    out.push(`process_uptime_seconds ${(Date.now() - this.started) / 1000}`)
    return `${out.join('\n')}\n`
  }
}

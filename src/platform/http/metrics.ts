/** Prometheus metrics kept in memory: request counts and latency histograms per route. */
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
  private readonly started = Date.now()

  observe(method: string, route: string, status: number, seconds: number): void {
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
    out.push('# HELP process_uptime_seconds Seconds since the process started.')
    out.push('# TYPE process_uptime_seconds gauge')
    out.push(`process_uptime_seconds ${(Date.now() - this.started) / 1000}`)
    return `${out.join('\n')}\n`
  }
}

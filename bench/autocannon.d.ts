// The few parts of autocannon's API the benchmarks use (the package ships no types).
declare module 'autocannon' {
  interface Histogram {
    total: number
    average: number
    mean: number
    p50: number
    p99: number
    max: number
  }
  interface Result {
    requests: Histogram
    latency: Histogram
    throughput: Histogram
    errors: number
    non2xx: number
    timeouts: number
    '2xx': number
  }
  interface Options {
    url: string
    connections?: number
    duration?: number
    pipelining?: number
    headers?: Record<string, string>
    /** Each connection sends these in turn, from the first again after the last; setupRequest may change each one (e.g. a different path per request). */
    requests?: {
      method?: string
      path?: string
      setupRequest?: (request: { path: string }) => { path: string }
    }[]
  }
  /** The running load: a promise of the result that also reports each response (ms since sent). */
  interface Instance extends Promise<Result> {
    on(
      event: 'response',
      listener: (client: unknown, statusCode: number, resBytes: number, responseTimeMs: number) => void,
    ): this
  }
  function autocannon(options: Options): Instance
  export default autocannon
}

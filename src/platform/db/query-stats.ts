/**
 * Counts and times every query of one database handle (its pool), for /metrics and the slow-query
 * log (SLOW_QUERY_MS). Only the statement's text is kept, never its parameters (personal data).
 */
export class QueryStats {
  count = 0
  seconds = 0
  slow = 0
  failed = 0
  /** Queries that take at least this long are handed to onSlow; 0: none. */
  slowMs = 0
  onSlow: ((durationMs: number, text: string) => void) | undefined

  record(durationMs: number, text: string, ok: boolean): void {
    this.count++
    this.seconds += durationMs / 1000
    if (!ok) this.failed++
    if (this.slowMs > 0 && durationMs >= this.slowMs) {
      this.slow++
      this.onSlow?.(Math.round(durationMs), text.length > 1000 ? `${text.slice(0, 1000)}…` : text)
    }
  }
}

type AnyFn = (...args: unknown[]) => unknown

function textOf(arg: unknown): string {
  if (typeof arg === 'string') return arg
  if (arg && typeof arg === 'object' && typeof (arg as { text?: unknown }).text === 'string')
    return (arg as { text: string }).text
  return '?'
}

/**
 * Wraps `target[method]` so each call is timed: promise-returning calls (drizzle, PGlite) and the
 * callback form node-postgres' pool uses. Anything else (a cursor) passes through untimed.
 */
export function timeQueries(
  target: object,
  method: string,
  stats: QueryStats,
  active: () => boolean = () => true,
): void {
  const t = target as Record<string, AnyFn>
  const original = t[method]
  if (typeof original !== 'function') return
  t[method] = function (this: unknown, ...args: unknown[]) {
    if (!active()) return original.apply(this, args)
    const started = performance.now()
    const text = textOf(args[0])
    const done = (ok: boolean) => stats.record(performance.now() - started, text, ok)
    const cb = args.findIndex((a) => typeof a === 'function')
    if (cb >= 0) {
      const callback = args[cb] as AnyFn
      args[cb] = (err: unknown, ...rest: unknown[]) => {
        done(!err)
        return callback(err, ...rest)
      }
      return original.apply(this, args)
    }
    const result = original.apply(this, args)
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      ;(result as Promise<unknown>).then(
        () => done(true),
        () => done(false),
      )
    }
    return result
  }
}

/**
 * Times the queries of a node-postgres pool where they are asked for, so the timing (and the
 * slow-query line) runs in the caller's async context and knows its request: `pool.query` (drizzle
 * outside transactions) and the queries of a client checked out with `await pool.connect()` (drizzle's
 * transactions), while it is checked out. The pool's own internal use of its clients is not counted
 * twice.
 */
export function timePool(pool: object, stats: QueryStats): void {
  timeQueries(pool, 'query', stats)
  const p = pool as { connect: AnyFn }
  const connect = p.connect
  const checkedOut = new WeakSet<object>()
  const wrapped = new WeakSet<object>()
  p.connect = function (this: unknown, ...args: unknown[]) {
    if (args.length > 0) return connect.apply(this, args)
    return (connect.apply(this, args) as Promise<{ release: AnyFn }>).then((client) => {
      if (!wrapped.has(client)) {
        wrapped.add(client)
        timeQueries(client, 'query', stats, () => checkedOut.has(client))
      }
      checkedOut.add(client)
      const release = client.release
      client.release = function (this: unknown, ...a: unknown[]) {
        checkedOut.delete(client)
        client.release = release
        return release.apply(this, a)
      }
      return client
    })
  }
}

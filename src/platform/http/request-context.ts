import { AsyncLocalStorage } from 'node:async_hooks'
import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/**
 * The request a piece of work belongs to, wherever it runs (a slow query, a use case's log line):
 * set for the whole lifecycle of each request (buildApp), read by the logger's mixin so every log
 * line written while a request is handled carries its id.
 */
const storage = new AsyncLocalStorage<{ readonly reqId: string }>()

export function runWithRequest(reqId: string, work: () => void): void {
  storage.run({ reqId }, work)
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.reqId
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{6,64}$/

/** Crockford's base32: no I, L, O or U, so an id read out on the phone is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** 12 random characters (60 bits) in three groups, e.g. `7K3M-Q9XA-2DTE`. */
export function newRequestId(): string {
  const bytes = randomBytes(12)
  let out = ''
  for (let i = 0; i < 12; i++) out += (i > 0 && i % 4 === 0 ? '-' : '') + ALPHABET[bytes[i]! & 31]
  return out
}

/**
 * A request's id: the proxy's `X-Request-Id` when the proxy is trusted (TRUST_PROXY) and the value
 * looks like an id, so the proxy's and our log lines match; else a new one (newRequestId).
 */
export function requestIdGenerator(trustProxy: boolean) {
  return (req: IncomingMessage): string => {
    const given = req.headers['x-request-id']
    if (trustProxy && typeof given === 'string' && REQUEST_ID.test(given)) return given
    return newRequestId()
  }
}

/**
 * Pino's mixin: adds the current request's id to log lines written outside `request.log` (the
 * platform's and the database's). Lines of `request.log` carry it already as a binding.
 */
export function requestIdMixin(
  _merge: object,
  _level: number,
  logger?: { bindings?: () => Record<string, unknown> },
): Record<string, string> {
  const reqId = currentRequestId()
  if (!reqId || logger?.bindings?.().reqId !== undefined) return {}
  return { reqId }
}

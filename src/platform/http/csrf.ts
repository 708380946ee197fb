import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export const CSRF_COOKIE = 'teilhabe_csrf'
export const CSRF_FIELD = '_csrf'
export const CSRF_HEADER = 'x-csrf-token'

export function newCsrfCookieValue(): string {
  return randomBytes(32).toString('base64url')
}

/** The token for forms: an HMAC of the visitor's CSRF cookie under the installation's key (signed double submit). */
export function csrfTokenFor(key: Buffer, cookieValue: string): string {
  return createHmac('sha256', key).update(`csrf:${cookieValue}`).digest('base64url')
}

export function csrfTokenValid(key: Buffer, cookieValue: string | undefined, token: unknown): boolean {
  if (!cookieValue || typeof token !== 'string' || token.length === 0) return false
  const expected = Buffer.from(csrfTokenFor(key, cookieValue))
  const given = Buffer.from(token)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/**
 * Browsers say where an unsafe request comes from. Refuse anything that is not our own origin:
 * Sec-Fetch-Site other than same-origin/none, or an Origin header naming another origin.
 */
export function originAllowed(
  headers: Record<string, string | string[] | undefined>,
  allowedOrigins: readonly string[],
): boolean {
  const site = headers['sec-fetch-site']
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false
  const origin = headers.origin
  if (typeof origin === 'string') return allowedOrigins.includes(origin)
  return true
}

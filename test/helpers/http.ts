import type { App } from '../../src/platform/feature'
import { TEST_PASSWORD } from './app'

/**
 * A tiny cookie-keeping client over app.inject, so tests go through the real CSRF and session
 * machinery exactly as a browser without JavaScript would.
 */
export class Client {
  readonly cookies = new Map<string, string>()

  constructor(private readonly app: App) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private keep(setCookie: string | string[] | undefined): void {
    for (const c of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair, ...attrs] = c.split(';')
      const [name, ...rest] = (pair ?? '').split('=')
      const value = rest.join('=')
      const expired = attrs.some((a) => /expires=thu, 01 jan 1970/i.test(a.trim())) || value === ''
      if (!name) continue
      if (expired) this.cookies.delete(name.trim())
      else this.cookies.set(name.trim(), value)
    }
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader(), ...headers },
    })
    this.keep(res.headers['set-cookie'])
    return res
  }

  /** Fetches the form page first to obtain a CSRF token, then posts the fields with it. */
  async submit(
    formUrl: string,
    action: string,
    fields: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ) {
    const token = await this.csrfToken(formUrl)
    return this.post(action, { _csrf: token, ...fields }, headers)
  }

  async post(url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
    const body = new URLSearchParams()
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x)
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: this.cookieHeader(),
        ...headers,
      },
    })
    this.keep(res.headers['set-cookie'])
    return res
  }

  /** Posts a prepared body (a multipart upload, test/helpers/multipart.ts) with the session's cookies. */
  async postBody(url: string, payload: Buffer, contentType: string) {
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': contentType, cookie: this.cookieHeader() },
    })
    this.keep(res.headers['set-cookie'])
    return res
  }

  async csrfToken(pageUrl: string): Promise<string> {
    const page = await this.get(pageUrl)
    const m = page.body.match(/name="_csrf" value="([^"]+)"/)
    if (!m?.[1]) throw new Error(`no CSRF token on ${pageUrl} (status ${page.statusCode})`)
    return m[1]
  }

  async signIn(email: string, password = TEST_PASSWORD) {
    const res = await this.submit('/anmelden', '/anmelden', { email, password })
    if (res.statusCode !== 303) throw new Error(`sign-in failed for ${email}: ${res.statusCode}`)
    return res
  }
}

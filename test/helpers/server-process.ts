import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')

/** The real server as `npm start` runs it (one Node process: the npm-pinned Node of this test run). */
export interface ServerProcess {
  child: ChildProcess
  output(): string
  exited: Promise<number | null>
  url: string
}

export async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const address = s.address()
  await new Promise<void>((resolve) => s.close(() => resolve()))
  if (!address || typeof address === 'string') throw new Error('no port')
  return address.port
}

export function startServer(port: number, env: Record<string, string>): ServerProcess {
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'warn',
      JOBS_POLL_SECONDS: '0.2',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      RATE_LIMIT_PER_MINUTE: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (d) => {
    out += d
  })
  child.stderr?.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => out, exited, url }
}

export async function waitForOutput(
  s: ServerProcess,
  pattern: RegExp,
  ms = 90_000,
): Promise<RegExpMatchArray> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    const m = s.output().match(pattern)
    if (m) return m
    if (s.child.exitCode !== null) break
    await new Promise((res) => setTimeout(res, 50))
  }
  throw new Error(`timed out waiting for ${pattern}; output:\n${s.output()}`)
}

/** A browser without JavaScript over fetch: keeps cookies, reads the CSRF token from a page. */
export class HttpClient {
  private readonly cookies = new Map<string, string>()
  constructor(private readonly base: string) {}

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const i = (pair ?? '').indexOf('=')
      const name = (pair ?? '').slice(0, i).trim()
      const value = (pair ?? '').slice(i + 1)
      if (!value || /expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  private header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async get(p: string): Promise<Response & { text: string }> {
    const res = await fetch(this.base + p, { headers: { cookie: this.header() }, redirect: 'manual' })
    this.keep(res)
    return Object.assign(res, { text: await res.text() })
  }

  async token(p: string): Promise<string> {
    const page = await this.get(p)
    const m = /name="_csrf" value="([^"]+)"/.exec(page.text)
    if (!m?.[1]) throw new Error(`no CSRF token on ${p} (${page.status})`)
    return m[1]
  }

  async post(
    p: string,
    token: string,
    body: Record<string, string | string[]> | FormData,
  ): Promise<Response> {
    let payload: string | FormData
    const headers: Record<string, string> = {
      cookie: this.header(),
      origin: this.base,
      'x-csrf-token': token,
    }
    if (body instanceof FormData) {
      // The token goes first: upload routes check it before they read any file.
      const form = new FormData()
      form.set('_csrf', token)
      for (const [k, v] of body) form.append(k, v)
      payload = form
    } else {
      const form = new URLSearchParams({ _csrf: token })
      for (const [k, v] of Object.entries(body)) for (const x of [v].flat()) form.append(k, x)
      payload = form.toString()
      headers['content-type'] = 'application/x-www-form-urlencoded'
    }
    const res = await fetch(this.base + p, { method: 'POST', headers, body: payload, redirect: 'manual' })
    this.keep(res)
    await res.arrayBuffer()
    return res
  }

  async signIn(email: string, password: string): Promise<void> {
    const token = await this.token('/anmelden')
    const res = await this.post('/anmelden', token, { email, password })
    if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`)
  }
}

/**
 * `npm run security-scan`: a repeatable scanner run against a throwaway Teilhabe on loopback.
 *
 * Starts the real server (this Node, demo data, an empty temporary DATA_DIR, 127.0.0.1 only), then
 *   1. wapiti (Debian package `wapiti`) anonymously and signed in as the demo administrator,
 *   2. sqlmap (Debian package `sqlmap`) on search, filter, API and sign-in parameters,
 * each bounded in time, and prints what the server saw (requests, 5xx answers) and what the tools
 * report. The last figures are kept in docs/security.md. Not part of `npm test`.
 *
 *   npm run security-scan                       about 10 minutes
 *   npm run security-scan -- --minutes 3        shorter (per wapiti run; sqlmap gets a share)
 *   npm run security-scan -- --out scan-report  keep the reports (default: a temporary directory)
 *
 * Requires: apt-get install wapiti sqlmap. Never point these tools at a server you do not run.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const minutes = Number(opt('minutes') ?? 4)
if (!(minutes > 0)) throw new Error('--minutes must be a positive number')

async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const a = s.address()
  await new Promise<void>((resolve) => s.close(() => resolve()))
  if (!a || typeof a === 'string') throw new Error('no free port')
  return a.port
}

function run(
  cmd: string,
  argv: string[],
  limitSeconds: number,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.stderr.on('data', (d) => {
      out += d
    })
    const timer = setTimeout(() => child.kill('SIGTERM'), limitSeconds * 1000)
    child.on('error', (err) => {
      clearTimeout(timer)
      resolve({ code: 127, out: String(err) })
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, out })
    })
  })
}

interface Cookies {
  header: string
  csrf: string
}

async function signIn(base: string, email: string, password: string): Promise<Cookies> {
  const jar = new Map<string, string>()
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const i = (pair ?? '').indexOf('=')
      jar.set((pair ?? '').slice(0, i), (pair ?? '').slice(i + 1))
    }
  }
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const page = await fetch(`${base}/anmelden`)
  keep(page)
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? ''
  const res = await fetch(`${base}/anmelden`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header(), origin: base },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  })
  keep(res)
  if (res.status !== 303) throw new Error(`sign-in as ${email} failed: ${res.status}`)
  return { header: header(), csrf }
}

async function main() {
  for (const tool of ['wapiti', 'sqlmap']) {
    const probe = await run(tool, ['--version'], 30)
    if (probe.code === 127) {
      console.error(`${tool} is missing: apt-get install wapiti sqlmap`)
      process.exit(1)
    }
  }
  const work = opt('out') ? path.resolve(opt('out')!) : await mkdtemp(path.join(tmpdir(), 'teilhabe-scan-'))
  await mkdir(work, { recursive: true })
  const dataDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-scan-data-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`

  // The server: loopback only, request log on stdout (one JSON line per answer).
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: base,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let log = ''
  server.stdout?.on('data', (d) => {
    log += d
  })
  server.stderr?.on('data', (d) => {
    log += d
  })
  const until = Date.now() + 120_000
  while (!/Teilhabe is running at/.test(log)) {
    if (Date.now() > until || server.exitCode !== null) throw new Error(`server did not start:\n${log}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  const password = /Demo admin: \S+ {2}password: (\S+)/.exec(log)?.[1]
  if (!password) throw new Error('no demo admin password in the output')
  const admin = await signIn(base, 'admin@teilhabe.example', password)
  console.log(`Teilhabe on ${base} (data in ${dataDir}); reports in ${work}`)

  const seconds = Math.round(minutes * 60)
  const results: { name: string; findings: number; summary: string }[] = []

  // 1. wapiti, anonymous and as administrator. (wapiti 3.0.4's -x exclusion is broken; the sign-out
  //    form only carries the CSRF token, which every attack on it changes, so it never signs out.)
  for (const who of ['anonymous', 'admin'] as const) {
    const report = path.join(work, `wapiti-${who}.json`)
    const argv = [
      '-u',
      `${base}/`,
      '--scope',
      'folder',
      '-m',
      'xss,permanentxss,redirect,sql,blindsql,exec,file,crlf,ssrf,methods,csp,http_headers,cookieflags,backup,htaccess',
      '--max-scan-time',
      String(seconds),
      '--max-attack-time',
      String(Math.max(20, Math.round(seconds / 8))),
      '--flush-session',
      '-f',
      'json',
      '-o',
      report,
      ...(who === 'admin' ? ['-H', `Cookie: ${admin.header}`] : []),
    ]
    console.log(`wapiti (${who}, at most ${seconds} s)…`)
    const r = await run('wapiti', argv, seconds + 120)
    let findings = 0
    const byKind: string[] = []
    try {
      const doc = JSON.parse(await readFile(report, 'utf8')) as {
        vulnerabilities?: Record<string, unknown[]>
        anomalies?: Record<string, unknown[]>
      }
      for (const group of [doc.vulnerabilities ?? {}, doc.anomalies ?? {}])
        for (const [kind, list] of Object.entries(group))
          if (list.length) {
            findings += list.length
            byKind.push(`${kind}: ${list.length}`)
          }
    } catch {
      byKind.push(`no report (exit ${r.code}): ${r.out.slice(-300)}`)
    }
    results.push({ name: `wapiti ${who}`, findings, summary: byKind.join('; ') || 'nothing found' })
  }

  // 2. sqlmap on the parameters that reach the database.
  const cookie = admin.header
  const targets: { name: string; argv: string[] }[] = [
    { name: 'GET /presse/suche?q', argv: ['-u', `${base}/presse/suche?q=integration`, '-p', 'q'] },
    { name: 'GET /beiraete?q', argv: ['-u', `${base}/beiraete?q=frankfurt`, '-p', 'q'] },
    {
      name: 'GET /oparl/v1/bodies?modified_since',
      argv: ['-u', `${base}/oparl/v1/bodies?modified_since=2026-01-01T00:00:00Z`, '-p', 'modified_since'],
    },
    {
      name: 'GET /verwaltung/konten?q (admin)',
      argv: ['-u', `${base}/verwaltung/konten?q=admin`, '-p', 'q', `--cookie=${cookie}`],
    },
    {
      name: 'POST /anmelden email',
      argv: [
        '-u',
        `${base}/anmelden`,
        `--data=email=a%40example.org&password=x&_csrf=${admin.csrf}`,
        '-p',
        'email',
        '--csrf-token=_csrf',
        `--csrf-url=${base}/anmelden`,
        `--cookie=${cookie}`,
      ],
    },
  ]
  const perTarget = Math.max(60, Math.round((seconds * 1.5) / targets.length))
  for (const t of targets) {
    console.log(`sqlmap ${t.name} (at most ${perTarget} s)…`)
    const r = await run(
      'sqlmap',
      [
        ...t.argv,
        '--batch',
        '--level=3',
        '--risk=1',
        '--technique=BEUS',
        '--dbms=PostgreSQL',
        `--output-dir=${path.join(work, 'sqlmap')}`,
        '--disable-coloring',
      ],
      perTarget,
    )
    const injectable = /is vulnerable|appears to be injectable|identified the following injection/i.test(
      r.out,
    )
    const clean = /do not appear to be injectable|does not seem to be injectable/i.test(r.out)
    results.push({
      name: `sqlmap ${t.name}`,
      findings: injectable ? 1 : 0,
      summary: injectable
        ? 'INJECTABLE'
        : clean
          ? 'not injectable'
          : `stopped after ${perTarget} s, nothing found`,
    })
  }

  // What the server saw.
  server.kill('SIGTERM')
  await new Promise((r) => server.once('exit', r))
  let requests = 0
  let errors = 0
  const statuses = new Map<number, number>()
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue
    try {
      const e = JSON.parse(line) as { msg?: string; res?: { statusCode?: number } }
      if (e.msg !== 'request completed') continue
      const code = e.res?.statusCode ?? 0
      requests++
      statuses.set(code, (statuses.get(code) ?? 0) + 1)
      if (code >= 500) errors++
    } catch {
      // not a log line
    }
  }
  await rm(dataDir, { recursive: true, force: true })

  console.log('\n| run | findings | result |\n|---|---|---|')
  for (const r of results) console.log(`| ${r.name} | ${r.findings} | ${r.summary} |`)
  console.log(`\nrequests answered: ${requests}; 5xx: ${errors}`)
  console.log(
    `by status: ${[...statuses]
      .sort((a, b) => a[0] - b[0])
      .map(([c, n]) => `${c}: ${n}`)
      .join(', ')}`,
  )
  if (errors > 0) {
    const lines = log.split('\n').filter((l) => /"statusCode":5\d\d/.test(l) || /"level":50/.test(l))
    console.log(`\nserver errors (first 10):\n${lines.slice(0, 10).join('\n')}`)
  }
  process.exit(errors > 0 || results.some((r) => r.summary === 'INJECTABLE') ? 1 : 0)
}

await main()

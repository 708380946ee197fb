import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'

const root = path.resolve(import.meta.dirname, '../..')

interface Running {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

function start(env: Record<string, string>): Running {
  // Exactly what `npm start` runs: one Node process, so signals reach the server directly.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', JOBS_POLL_SECONDS: '0.2', ...env },
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
  return { child, output: () => out, exited }
}

async function waitFor(r: Running, pattern: RegExp, ms = 60_000): Promise<RegExpMatchArray> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    const m = r.output().match(pattern)
    if (m) return m
    if (r.child.exitCode !== null) break
    await new Promise((res) => setTimeout(res, 100))
  }
  throw new Error(`timed out waiting for ${pattern}; output:\n${r.output()}`)
}

/** `npm start` as a newcomer runs it: a real process on an empty data directory. */
describe('the server process', () => {
  let dataDir: string
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-server-'))
  })
  after(() => rm(dataDir, { recursive: true, force: true }))

  it('starts on an empty data directory, prints a generated admin password once, refuses a second process and shuts down cleanly', async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000))
    const first = start({ DATA_DIR: dataDir, PORT: port, NODE_ENV: 'production', HOST: '127.0.0.1' })
    const [, password] = await waitFor(first, /Demo admin: \S+ {2}password: (\S+)/)
    await waitFor(first, /Teilhabe is running at/)
    assert.match(
      first.output(),
      /NODE_ENV=production without DATABASE_URL/,
      'warns about the embedded database in production',
    )
    assert.ok(password && password.length >= 16)
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`)
    assert.equal(ready.status, 200)

    const second = start({ DATA_DIR: dataDir, PORT: String(Number(port) + 1) })
    assert.equal(await second.exited, 75)
    assert.match(second.output(), /in use by another Teilhabe process/)
    assert.match(second.output(), new RegExp(`pid ${first.child.pid}\\b`), 'names the owner')

    // The port taken (by the first process): one clear line, no stack trace.
    const otherDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-server-port-'))
    try {
      const clash = start({ DATA_DIR: otherDir, PORT: port, HOST: '127.0.0.1', DEMO_DATA: 'false' })
      assert.equal(await clash.exited, 69)
      assert.match(clash.output(), new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`))
      assert.doesNotMatch(clash.output(), /^\s+at /m, 'no stack trace')
    } finally {
      await rm(otherDir, { recursive: true, force: true })
    }

    first.child.kill('SIGTERM')
    assert.equal(await first.exited, 0)

    const again = start({ DATA_DIR: dataDir, PORT: port, HOST: '127.0.0.1' })
    await waitFor(again, /Teilhabe is running at/)
    assert.doesNotMatch(again.output(), /Demo admin/, 'the demo data and its password come only once')
    again.child.kill('SIGTERM')
    assert.equal(await again.exited, 0)
  })

  it('starts at once after kill -9, saying the old lock belonged to a process that is gone', async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000))
    const booted = Date.now()
    const first = start({ DATA_DIR: dataDir, PORT: port, HOST: '127.0.0.1' })
    await waitFor(first, /Teilhabe is running at/)
    const bootMs = Date.now() - booted
    const killedPid = first.child.pid
    first.child.kill('SIGKILL')
    await first.exited
    const started = Date.now()
    const again = start({ DATA_DIR: dataDir, PORT: port, HOST: '127.0.0.1' })
    await waitFor(again, /Teilhabe is running at/)
    assert.match(again.output(), new RegExp(`pid ${killedPid}\\b[^\\n]*no longer running`))
    assert.doesNotMatch(again.output(), /in use by another/)
    // The stale lock used to block for 15 s on top of the start-up. Start-up time depends on the
    // machine's load, so the restart is measured against a start of the same server just before.
    const restartMs = Date.now() - started
    assert.ok(restartMs < bootMs + 10_000, `restart took ${restartMs} ms, a start before it ${bootMs} ms`)
    assert.equal((await fetch(`http://127.0.0.1:${port}/health/ready`)).status, 200)
    again.child.kill('SIGTERM')
    assert.equal(await again.exited, 0)
  })

  it('refuses to start without the configured key file of the case files, naming it', async () => {
    const keyFile = path.join(dataDir, 'schluessel', 'case-keys.json')
    const r = start({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', CASE_KEY_FILE: keyFile })
    assert.equal(await r.exited, 78)
    assert.match(r.output(), /Teilhabe cannot start: key file .*schluessel\/case-keys\.json is missing/)
    assert.doesNotMatch(r.output(), /Teilhabe is running/)
  })

  it('stops with a message naming a wrong setting', async () => {
    const r = start({ DATA_DIR: dataDir, PORT: 'achtzig' })
    assert.equal(await r.exited, 78)
    assert.match(r.output(), /Invalid setting PORT/)
  })
})

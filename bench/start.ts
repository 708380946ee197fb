/**
 * `npm run bench:start`: how long `npm start` takes to be ready and how much memory it holds.
 *
 * Starts the real entry (src/server.ts with Node's flags from the `start` script in package.json) with a fresh
 * DATA_DIR (embedded PGlite, demo data) and measures, from spawning the process:
 * - time to ready: until GET /health/ready answers 200 (polled every 20 ms);
 * - resident memory (VmRSS from /proc) when idle, IDLE_SECONDS (default 10) after ready, and the
 *   peak (VmHWM) up to then;
 * then stops it (SIGTERM) and starts it again on the same DATA_DIR: the second start (no seeding, the
 * compile cache of tsx warm). BENCH_ROUNDS (default 3) fresh directories; median and range.
 * Targets (issue "scale and speed"): first start ≤ 5 s, later ≤ 2 s; idle ≤ 300 MB, peak ≤ 600 MB.
 * Linux only (reads /proc/<pid>/status).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { median } from './stats'

const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const idleSeconds = Number(process.env.IDLE_SECONDS ?? 10)
/** First port (one per round); BENCH_TIMEOUT_S: how long a start may take on a loaded machine. */
const basePort = Number(process.env.BENCH_PORT ?? 4700)
const timeoutMs = Number(process.env.BENCH_TIMEOUT_S ?? 120) * 1000
const root = path.resolve(import.meta.dirname, '..')
/** Node's flags exactly as `npm start` gives them (package.json), so the bench measures what runs. */
const START_FLAGS = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .replace(/^node\s+/, '')
  .replace(/\s*src\/server\.ts$/, '')
  .split(/\s+/)

function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
}

/**
 * CPU seconds (user + system) the process has used: on a machine shared with other work the time
 * to ready says more about the load than about the start; its CPU time hardly depends on it.
 */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

async function startOnce(dataDir: string, port: number) {
  const t0 = performance.now()
  const child: ChildProcess = spawn(process.execPath, [...START_FLAGS, 'src/server.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}/health/ready`
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`)
    try {
      if ((await fetch(url)).status === 200) break
    } catch {}
    await new Promise((r) => setTimeout(r, 20))
    if (performance.now() - t0 > timeoutMs) {
      child.kill('SIGKILL')
      throw new Error(`not ready after ${timeoutMs / 1000} s`)
    }
  }
  const ready = performance.now() - t0
  const cpu = cpuSecondsOf(child.pid!)
  await new Promise((r) => setTimeout(r, idleSeconds * 1000))
  const mem = memoryOf(child.pid!)
  child.kill('SIGTERM')
  await new Promise((r) => child.once('exit', r))
  return { ready, cpu, ...mem }
}

const show = (xs: number[], unit: string, d = 0) =>
  `${median(xs).toFixed(d)} ${unit} (${Math.min(...xs).toFixed(d)}–${Math.max(...xs).toFixed(d)})`

const first: Awaited<ReturnType<typeof startOnce>>[] = []
const later: Awaited<ReturnType<typeof startOnce>>[] = []
for (let i = 0; i < rounds; i++) {
  const dir = await mkdtemp(path.join(tmpdir(), 'teilhabe-bench-start-'))
  const port = basePort + i
  first.push(await startOnce(dir, port))
  later.push(await startOnce(dir, port))
  await rm(dir, { recursive: true, force: true })
  console.log(
    `round ${i + 1} (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}): ` +
      `first ${first[i]!.ready.toFixed(0)} ms (${first[i]!.cpu.toFixed(1)} s CPU), idle ${first[i]!.rss.toFixed(0)} MB, peak ${first[i]!.peak.toFixed(0)} MB; ` +
      `later ${later[i]!.ready.toFixed(0)} ms (${later[i]!.cpu.toFixed(1)} s CPU), idle ${later[i]!.rss.toFixed(0)} MB, peak ${later[i]!.peak.toFixed(0)} MB`,
  )
}
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met')
console.log(`\nmedian (min–max) of ${rounds} rounds`)
const f = first.map((r) => r.ready / 1000)
const l = later.map((r) => r.ready / 1000)
console.log(`first start to ready  ${show(f, 's', 2)}  target ≤ 5 s: ${verdict(median(f) <= 5)}`)
console.log(`later start to ready  ${show(l, 's', 2)}  target ≤ 2 s: ${verdict(median(l) <= 2)}`)
console.log(
  `CPU to ready: first ${show(
    first.map((r) => r.cpu),
    's',
    1,
  )}, later ${show(
    later.map((r) => r.cpu),
    's',
    1,
  )}`,
)
const idle = later.map((r) => r.rss)
const idleFirst = first.map((r) => r.rss)
const peak = first.map((r) => r.peak)
console.log(`idle after first start ${show(idleFirst, 'MB')}`)
console.log(`idle after later start ${show(idle, 'MB')}  target ≤ 300 MB: ${verdict(median(idle) <= 300)}`)
console.log(`peak during first start ${show(peak, 'MB')}  target ≤ 600 MB: ${verdict(median(peak) <= 600)}`)

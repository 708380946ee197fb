/**
 * `npm run fuzz -- --runs 10000 [--route 'POST /anmelden']`: the nightly-sized edge fuzzing. Runs
 * test/integration/edge-fuzz.test.ts through `npm test`'s runner (PGlite, and PostgreSQL with
 * TEST_DATABASE_URL) with that many generated inputs per route (`npm test` uses 200).
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

const args = process.argv.slice(2)
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const runs = Number(opt('runs') ?? 10_000)
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: npm run fuzz -- [--runs N] [--route "METHOD /path"]')
  process.exit(64)
}
const root = path.resolve(import.meta.dirname, '..')
const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'scripts/test.ts', 'test/integration/edge-fuzz.test.ts'],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FUZZ_RUNS: String(runs), FUZZ_ROUTE: opt('route') ?? '' },
  },
)
child.on('exit', (code) => process.exit(code ?? 1))

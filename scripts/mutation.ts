/**
 * `npm run test:mutation`: mutation testing of the modules that hold invariants (StrykerJS with its TAP
 * runner over node:test). Each module is mutated on its own and tested only against the test files
 * that cover its rule, on PGlite. Not part of `npm test`: a full run takes tens of minutes.
 *
 *   npm run test:mutation                       every module, one after the other
 *   npm run test:mutation -- budget four-eyes   only these modules
 *   npm run test:mutation -- --list             the modules, what they mutate and test
 *   npm run test:mutation -- --concurrency 1    test processes at once (default 2)
 *   npm run test:mutation -- money --mutate src/features/funding/money.ts:20-40   a narrower range
 *
 * Scores and every surviving mutant are printed at the end and written to reports/mutation/ (one
 * HTML and JSON report per module). docs/testing.md records the scores and explains survivors.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { PartialStrykerOptions } from '@stryker-mutator/api/core'
import { Stryker } from '@stryker-mutator/core'
import { dumpPglite, openDatabase } from '../src/platform/db'
import { MUTATION_MODULES, type MutationModule } from './mutation-modules'

const root = path.resolve(import.meta.dirname, '..')
const args = process.argv.slice(2)
const flag = (name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const concurrency = Number(flag('--concurrency') ?? 2)
const mutateOverride = flag('--mutate')
const chosen = args.filter(
  (a, i) => !a.startsWith('--') && args[i - 1] !== '--concurrency' && args[i - 1] !== '--mutate',
)

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`)
  process.exit(1)
}

if (args.includes('--list')) {
  for (const m of MUTATION_MODULES) {
    const only = m.testNamePattern ? ` (only tests matching /${m.testNamePattern}/)` : ''
    console.log(
      `${m.name}: ${m.invariant}\n  mutate ${m.mutate.join(', ')}\n  tests  ${m.tests.join(', ')}${only}`,
    )
  }
  process.exit(0)
}
const unknown = chosen.filter((c) => !MUTATION_MODULES.some((m) => m.name === c))
if (unknown.length) fail(`unknown module(s): ${unknown.join(', ')} (see --list)`)
if (!Number.isInteger(concurrency) || concurrency < 1) fail('--concurrency must be a whole number ≥ 1')
const modules = chosen.length ? MUTATION_MODULES.filter((m) => chosen.includes(m.name)) : MUTATION_MODULES

interface Score {
  module: string
  killed: number
  survived: number
  noCoverage: number
  timeout: number
  errors: number
  score: number
  survivors: string[]
}

async function runModule(m: MutationModule): Promise<Score> {
  const options: PartialStrykerOptions = {
    testRunner: 'tap',
    plugins: ['@stryker-mutator/tap-runner'],
    // node:test writes TAP only when asked (its default is the spec reporter, even into a pipe).
    tap: {
      testFiles: [...m.tests],
      nodeArgs: [
        '--import',
        'tsx',
        '--test-reporter=tap',
        ...(m.testNamePattern ? [`--test-name-pattern=${m.testNamePattern}`] : []),
      ],
      forceBail: true,
    },
    mutate: mutateOverride ? mutateOverride.split(',') : [...m.mutate],
    coverageAnalysis: 'perTest',
    concurrency,
    // Only what the tests read: the sandbox copy stays small.
    ignorePatterns: ['/data', '/reports', '/bench', '/docs', '/.ci', '/tmp', '*.log', '/.stryker-tmp'],
    tempDirName: '.stryker-tmp',
    // Stryker would rewrite tsconfig.json through the TypeScript JS API, which TypeScript 7 no longer
    // has; ours needs no rewriting (no references or extends), so point it at no file.
    tsconfigFile: 'no-tsconfig-rewrite.json',
    cleanTempDir: 'always',
    reporters: ['progress', 'html', 'json'],
    htmlReporter: { fileName: `reports/mutation/${m.name}.html` },
    jsonReporter: { fileName: `reports/mutation/${m.name}.json` },
    thresholds: { high: 90, low: 80, break: null },
    timeoutMS: 30_000,
    timeoutFactor: 2,
    // LogLevel is a const enum in Stryker's types; the strings are what it reads.
    logLevel: 'warn' as PartialStrykerOptions['logLevel'],
    fileLogLevel: 'off' as PartialStrykerOptions['fileLogLevel'],
  }
  const results = await new Stryker(options).runMutationTest()
  const count = (status: string) => results.filter((r) => r.status === status).length
  const killed = count('Killed')
  const timeout = count('Timeout')
  const survived = count('Survived')
  const noCoverage = count('NoCoverage')
  const valid = killed + timeout + survived + noCoverage
  return {
    module: m.name,
    killed,
    survived,
    noCoverage,
    timeout,
    errors: count('RuntimeError') + count('CompileError'),
    score: valid ? (100 * (killed + timeout)) / valid : 100,
    survivors: results
      .filter((r) => r.status === 'Survived' || r.status === 'NoCoverage')
      .map(
        (r) =>
          `${r.status === 'NoCoverage' ? 'no coverage' : 'survived'} ${path.relative(root, r.fileName)}:${r.location.start.line} ${r.mutatorName}: ${JSON.stringify(r.replacement ?? '')}`,
      ),
  }
}

async function main() {
  // The tests load a migrated PGlite template instead of migrating a database per test file.
  const dir = await mkdtemp(path.join(tmpdir(), 'teilhabe-mutation-'))
  const template = await openDatabase({})
  await template.migrate()
  const tarball = await dumpPglite(template)
  await template.close()
  const templateFile = path.join(dir, 'pglite-template.tar')
  await writeFile(templateFile, Buffer.from(await tarball.arrayBuffer()))
  process.env.TEILHABE_PGLITE_TEMPLATE = templateFile
  process.env.NODE_ENV = 'test'
  delete process.env.TEST_DATABASE_URL
  // The TAP runner starts `node` from PATH: make that the running Node, never an older system one.
  process.env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`
  await mkdir(path.join(root, 'reports/mutation'), { recursive: true })

  const scores: Score[] = []
  try {
    for (const m of modules) {
      const started = Date.now()
      console.log(`\n▶ ${m.name}: ${m.invariant}`)
      const s = await runModule(m)
      scores.push(s)
      console.log(`  ${s.score.toFixed(1)} % in ${Math.round((Date.now() - started) / 1000)} s`)
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }

  console.log('\nmodule            score  killed  timeout  survived  no coverage  errors')
  for (const s of scores) {
    console.log(
      `${s.module.padEnd(16)} ${`${s.score.toFixed(1)} %`.padStart(7)} ${String(s.killed).padStart(7)} ${String(s.timeout).padStart(8)} ${String(s.survived).padStart(9)} ${String(s.noCoverage).padStart(12)} ${String(s.errors).padStart(7)}`,
    )
  }
  const survivors = scores.flatMap((s) => s.survivors.map((x) => `${s.module}: ${x}`))
  if (survivors.length) console.log(`\nSurviving mutants:\n${survivors.join('\n')}`)
  await writeFile(path.join(root, 'reports/mutation/summary.json'), `${JSON.stringify(scores, null, 2)}\n`)
  const below = scores.filter((s) => s.score < 90)
  if (below.length) fail(`below 90 %: ${below.map((s) => `${s.module} ${s.score.toFixed(1)} %`).join(', ')}`)
}

await main()

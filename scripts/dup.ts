/**
 * `npm run dup`: the copy-paste detector (jscpd, configured in .jscpd.json) over src/, followed by a
 * summary of what it found: clones, duplicated lines and repeated blocks per file.
 *
 * A "repeated block" is one end of a clone: a clone between two places counts once for each file it
 * touches (twice when both ends are in the same file). Test files (*.test.ts) are left out: the
 * measure is about production code, where one way to do each thing matters.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const run = spawnSync('npx', ['jscpd', '-c', '.jscpd.json', '--reporters', 'console,json', '--no-colors'], {
  cwd: root,
  stdio: process.argv.includes('--quiet') ? ['ignore', 'ignore', 'inherit'] : 'inherit',
})
if (run.status !== 0) process.exit(run.status ?? 1)

type End = { name: string; start: number; end: number }
type Report = {
  duplicates: { firstFile: End; secondFile: End; lines: number }[]
  statistics: {
    total: { sources: number; clones: number; duplicatedLines: number; lines: number; percentage: number }
  }
}
const report = JSON.parse(readFileSync(path.join(root, 'tmp/jscpd/jscpd-report.json'), 'utf8')) as Report
const perFile = new Map<string, number>()
for (const d of report.duplicates) {
  for (const end of [d.firstFile, d.secondFile]) perFile.set(end.name, (perFile.get(end.name) ?? 0) + 1)
}
const total = report.statistics.total
const blocks = [...perFile.values()].reduce((a, b) => a + b, 0)
console.log('\nRepeated blocks per file (files with at least one):')
for (const [file, n] of [...perFile].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
  console.log(`  ${String(n).padStart(3)}  src/${file}`)
}
console.log(
  `\nfiles: ${total.sources}, clones: ${total.clones}, duplicated lines: ${total.duplicatedLines} of ${total.lines}` +
    ` (${total.percentage.toFixed(2)} %), repeated blocks: ${blocks}` +
    ` (${(blocks / total.sources).toFixed(3)} per file, ${perFile.size} files with any)`,
)

/**
 * Feature boundaries (docs/architecture.md, "Feature boundaries"), checked on the source text:
 *
 * 1. Code of one feature imports another feature only through that feature's public module
 *    (`src/features/<name>/public.ts`). The one exception is a `tables.ts`, which may import another
 *    feature's `tables.ts` for foreign keys.
 * 2. Nothing outside the directory writes the directory's tables (places, organisations, people):
 *    changes go through the directory's use cases.
 * 3. `src/platform` never imports a feature; the entry points outside features/ (src/app.ts, the
 *    composition root) import a feature's `feature.ts` or its public module.
 *
 * Test files (`*.test.ts[x]`) are not checked: they arrange data across features on purpose.
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'

const SRC = path.resolve(import.meta.dirname, '..')

/** What other features may import of a feature, besides tables.ts → tables.ts. */
export const PUBLIC_MODULE = 'public.ts'
const DIRECTORY_TABLES = ['places', 'organisations', 'people']

type Sources = ReadonlyMap<string, string>

const IMPORT =
  /\b(?:import|export)\s+(?:type\s+)?(?:[\w*\s{},]*?\s+from\s+)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g

/** The relative imports of a source text, as written. */
export function importsOf(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2])!).filter((s) => s.startsWith('.'))
}

function resolve(from: string, spec: string, files: Sources): string {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec))
  for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx'])
    if (files.has(base + ext)) return base + ext
  return base
}

/** `features/<name>` of a path relative to src/, or null outside the features. */
function featureOf(file: string): string | null {
  const m = /^features\/([^/]+)\//.exec(file)
  return m ? m[1]! : null
}

/** Every boundary violation in these sources (paths relative to src/, with forward slashes). */
export function boundaryViolations(files: Sources): string[] {
  const out: string[] = []
  for (const [file, text] of files) {
    if (/\.test\.tsx?$/.test(file)) continue
    const own = featureOf(file)
    for (const spec of importsOf(text)) {
      const target = resolve(file, spec, files)
      const other = featureOf(target)
      if (file.startsWith('platform/') && other) {
        out.push(`${file}: the platform imports the feature module ${target}`)
        continue
      }
      if (!other || other === own) continue
      if (target === `features/${other}/${PUBLIC_MODULE}`) continue
      // The composition root (src/app.ts and the other entry points outside features/) registers features.
      if (!own && target === `features/${other}/feature.ts`) continue
      if (file.endsWith('/tables.ts') && target === `features/${other}/tables.ts`) continue
      out.push(`${file}: imports ${target}; use features/${other}/${PUBLIC_MODULE}`)
    }
    if (own !== 'directory') {
      const write = new RegExp(`\\.(insert|update|delete)\\(\\s*(${DIRECTORY_TABLES.join('|')})\\b`, 'g')
      for (const m of text.matchAll(write))
        out.push(`${file}: writes the directory's table ${m[2]} (${m[1]}); use a directory use case`)
    }
  }
  return out
}

function sourcesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !/\.tsx?$/.test(e.name)) continue
    const full = path.join(e.parentPath, e.name)
    files.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full, 'utf8'))
  }
  return files
}

describe('feature boundaries', () => {
  it('hold for every source file under src/', () => {
    const files = sourcesUnder(SRC)
    assert.ok(files.size > 100, `found only ${files.size} source files`)
    assert.deepEqual(boundaryViolations(files), [])
  })

  it('every feature that others import has a public module', () => {
    const files = sourcesUnder(SRC)
    for (const name of ['councils', 'directory'])
      assert.ok(files.has(`features/${name}/${PUBLIC_MODULE}`), name)
  })

  it('catch an import of another feature’s tables or inner modules, and writes to the directory', () => {
    const files = new Map([
      ['features/a/tables.ts', "import { people } from '../directory/tables'\nexport const a = 1"],
      ['features/a/find-a.ts', "import { councils } from '../b/tables'\nimport { x } from './tables'"],
      [
        'features/a/use-b.ts',
        "import type { Row } from '../b/inner/find-b'\nexport { y } from '../b/public'",
      ],
      ['features/a/lazy.ts', "const m = await import('../b/inner/find-b')"],
      [
        'features/a/write.ts',
        "import { places } from '../directory/public'\nawait db.insert(places).values({})",
      ],
      ['features/a/a.test.ts', "import { councils } from '../b/tables'\nawait db.delete(people)"],
      ['features/b/tables.ts', 'export const councils = 1'],
      ['features/b/public.ts', "export { y } from './inner/find-b'"],
      ['features/b/feature.ts', 'export const bFeature = {}'],
      ['features/b/inner/find-b.ts', "import { z } from '../tables'\nexport const y = 1"],
      ['features/directory/tables.ts', 'export const people = 1'],
      ['features/directory/public.ts', "export { people } from './tables'"],
      ['features/directory/import.ts', "import { places } from './tables'\nawait db.update(places)"],
      ['platform/http/plugin.ts', "import { councils } from '../../features/b/public'"],
      ['app.ts', "import { bFeature } from './features/b/feature'\nimport { z } from './features/b/tables'"],
    ])
    assert.deepEqual(boundaryViolations(files), [
      'features/a/find-a.ts: imports features/b/tables.ts; use features/b/public.ts',
      'features/a/use-b.ts: imports features/b/inner/find-b.ts; use features/b/public.ts',
      'features/a/lazy.ts: imports features/b/inner/find-b.ts; use features/b/public.ts',
      "features/a/write.ts: writes the directory's table places (insert); use a directory use case",
      'platform/http/plugin.ts: the platform imports the feature module features/b/public.ts',
      'app.ts: imports features/b/tables.ts; use features/b/public.ts',
    ])
  })

  it('read multi-line, type-only and re-export imports', () => {
    const text = `import {\n  a,\n  type B,\n} from '../x/public'\nimport type { C } from "./c"\nexport * from '../y/tables'\nimport './side-effect'\nimport pg from 'pg'`
    assert.deepEqual(importsOf(text), ['../x/public', './c', '../y/tables', './side-effect'])
  })
})

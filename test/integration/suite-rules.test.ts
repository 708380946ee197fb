import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, it } from 'node:test'

const root = path.resolve(import.meta.dirname, '../..')

async function testFiles(): Promise<string[]> {
  const out: string[] = []
  for (const dir of ['src', 'test']) {
    for (const e of await readdir(path.join(root, dir), { withFileTypes: true, recursive: true })) {
      if (e.isFile() && /\.tsx?$/.test(e.name)) out.push(path.join(e.parentPath, e.name))
    }
  }
  return out.sort()
}

/**
 * How many arguments the call whose "(" is at `open` has, counting commas at its own nesting level
 * and skipping strings, template literals and escaped characters (enough for our test code).
 */
export function argumentCount(code: string, open: number): number {
  let depth = 0
  let args = 0
  let sawSomething = false
  for (let i = open; i < code.length; i++) {
    const ch = code[i]!
    if (ch === '\\') {
      i++
      continue
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1
      while (j < code.length && code[j] !== ch) j += code[j] === '\\' ? 2 : 1
      i = j
      sawSomething = true
      continue
    }
    if (ch === '(' || ch === '[' || ch === '{') {
      depth++
      if (depth > 1) sawSomething = true
      continue
    }
    if (ch === ')' || ch === ']' || ch === '}') {
      depth--
      if (depth === 0) return args + (sawSomething ? 1 : 0)
      continue
    }
    if (depth === 1 && ch === ',') {
      args++
      sawSomething = false
      continue
    }
    if (depth >= 1 && !/\s/.test(ch)) sawSomething = true
  }
  throw new Error('unbalanced call')
}

describe('rules of the suite', () => {
  it('counts arguments the way the rule needs', () => {
    const count = (code: string) => argumentCount(code, code.indexOf('('))
    assert.equal(count('f(a)'), 1)
    assert.equal(count('f(a, /x\\(y/)'), 2)
    assert.equal(count("f(g('a, b'),\n)"), 1)
    assert.equal(count(`f(sql\`x, $\{y}\`, (e) => [1, 2].includes(e))`), 2)
  })

  it('gives every assert.rejects and assert.throws a matcher, so only the expected error passes', async () => {
    const missing: string[] = []
    for (const file of await testFiles()) {
      const code = await readFile(file, 'utf8')
      for (const m of code.matchAll(/\bassert\.(rejects|throws)\(/g)) {
        const open = m.index + m[0].length - 1
        if (argumentCount(code, open) < 2) {
          const line = code.slice(0, m.index).split('\n').length
          missing.push(`${path.relative(root, file)}:${line}`)
        }
      }
    }
    assert.deepEqual(missing, [], `assert.rejects/throws without a matcher:\n${missing.join('\n')}`)
  })
})

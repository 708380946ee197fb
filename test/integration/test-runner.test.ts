import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import path from 'node:path'
import { describe, it } from 'node:test'
import { promisify } from 'node:util'
import { readSummary, verdict } from '../../scripts/test-summary'

const root = path.resolve(import.meta.dirname, '../..')

describe('npm test verdict', () => {
  it('reads the TAP summary node:test writes, skips and todos included', async () => {
    // Without the parent's test context, or the child reports to it instead of writing TAP.
    const env = { ...process.env }
    delete env.NODE_TEST_CONTEXT
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--test', '--test-reporter=tap', 'test/fixtures/runner/skip-and-todo.mjs'],
      { cwd: root, env },
    )
    assert.deepEqual(readSummary(stdout), { pass: 1, fail: 0, skipped: 1, todo: 1 })
  })

  it('fails a CI run with any skipped or todo test, and says so', () => {
    const skipped = verdict({ pass: 10, fail: 0, skipped: 1, todo: 0 }, 0, true)
    assert.equal(skipped.code, 1)
    assert.match(skipped.problem ?? '', /CI=true but 1 test\(s\) were skipped or marked todo/)
    assert.equal(verdict({ pass: 10, fail: 0, skipped: 0, todo: 2 }, 0, true).code, 1)
    assert.equal(skipped.line, '10 passed, 0 failed, 1 skipped')
  })

  it('lets a local run with skips pass, and a complete CI run', () => {
    assert.deepEqual(verdict({ pass: 10, fail: 0, skipped: 1, todo: 1 }, 0, false), {
      code: 0,
      line: '10 passed, 0 failed, 1 skipped, 1 todo',
    })
    assert.deepEqual(verdict({ pass: 10, fail: 0, skipped: 0, todo: 0 }, 0, true), {
      code: 0,
      line: '10 passed, 0 failed',
    })
  })

  it('keeps the exit code of failing tests, and fails a run where nothing passed', () => {
    assert.equal(verdict({ pass: 9, fail: 1, skipped: 0, todo: 0 }, 1, true).code, 1)
    assert.equal(verdict({ pass: 0, fail: 0, skipped: 0, todo: 0 }, 0, false).code, 1)
  })
})

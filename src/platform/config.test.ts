import assert from 'node:assert/strict'
import { execSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig, SETTING_NAMES } from './config'

describe('config', () => {
  it('gives defaults for an empty environment', () => {
    const c = loadConfig({})
    assert.equal(c.port, 3000)
    assert.equal(c.host, 'localhost')
    assert.equal(c.publicUrl, 'http://localhost:3000')
    assert.equal(c.secure, false)
    assert.equal(c.databaseUrl, undefined)
    assert.equal(c.uploadMaxBytes, 20 * 1024 * 1024)
    assert.ok(path.isAbsolute(c.dataDir))
  })

  it('converts numbers and booleans and derives https settings', () => {
    const c = loadConfig({ PORT: '8080', DEMO_DATA: 'false', PUBLIC_URL: 'https://teilhabe.hessen.de/' })
    assert.equal(c.port, 8080)
    assert.equal(c.demoData, false)
    assert.equal(c.publicUrl, 'https://teilhabe.hessen.de')
    assert.equal(c.secure, true)
  })

  for (const [variable, value] of [
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['NODE_ENV', 'staging'],
    ['DEMO_DATA', 'maybe'],
    ['UPLOAD_MAX_MB', '0'],
  ] as const) {
    it(`refuses ${variable}=${value} with a message naming the variable`, () => {
      assert.throws(
        () => loadConfig({ [variable]: value }),
        (err: unknown) =>
          err instanceof ConfigError && err.variable === variable && err.message.includes(variable),
      )
    })
  }

  it('takes a read replica only beside a primary (DATABASE_REPLICA_URL needs DATABASE_URL)', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://db/t', DATABASE_REPLICA_URL: 'postgres://replica/t' })
    assert.equal(c.databaseReplicaUrl, 'postgres://replica/t')
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://db/t' }).databaseReplicaUrl, undefined)
    assert.throws(
      () => loadConfig({ DATABASE_REPLICA_URL: 'postgres://replica/t' }),
      (err: unknown) => err instanceof ConfigError && err.variable === 'DATABASE_REPLICA_URL',
    )
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'postgres://db/t', DATABASE_REPLICA_URL: 'mysql://replica' }),
      (err: unknown) => err instanceof ConfigError && err.variable === 'DATABASE_REPLICA_URL',
    )
  })

  it('is documented: every setting appears in the README settings table', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8')
    for (const name of SETTING_NAMES)
      assert.match(readme, new RegExp(`\\| \`${name}\` \\|`), `${name} missing in README`)
  })

  it('is the only module that reads process.env', () => {
    const hits = execSync('git grep -l "process\\.env" -- src', {
      cwd: path.resolve(import.meta.dirname, '../..'),
    })
      .toString()
      .trim()
      .split('\n')
      .filter((f) => !f.endsWith('.test.ts'))
    assert.deepEqual(hits, ['src/platform/config.ts'])
  })
})

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { FEATURES } from '../../src/app'
import { seedDemoOnce } from '../../src/platform/runtime'
import { createTestApp, type TestApp } from '../helpers/app'
import { Client } from '../helpers/http'

const README = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8')

/** The demo installation as `npm start` loads it (PGlite is enough: nothing here is database-specific). */
describe('demo data', () => {
  let t: TestApp
  const printed: string[] = []
  before(async () => {
    t = await createTestApp('pglite')
    await seedDemoOnce(t.deps, FEATURES, (line) => printed.push(line))
  })
  after(() => t.close())

  const logins = () =>
    printed.flatMap((line) => {
      const m = /^Demo ([^:]+): (\S+) {2}password: (\S+)/.exec(line)
      return m ? [{ label: m[1]!, email: m[2]!, password: m[3]! }] : []
    })

  it('prints a login for every demo role, each works, and the README names every one', async () => {
    const byLabel = new Map(logins().map((l) => [l.label, l]))
    for (const label of ['admin', 'press officer', 'agah office', 'funding officer', 'funding approver'])
      assert.ok(byLabel.has(label), `demo login for ${label}`)
    for (const { email, password } of byLabel.values()) {
      const c = new Client(t.app)
      await c.signIn(email, password)
      assert.ok(README.includes(`\`${email}\``), `README names ${email}`)
    }
    // The four-eyes rule can be tried: one proposes, another approves.
    const officer = new Client(t.app)
    await officer.signIn(byLabel.get('funding officer')!.email, byLabel.get('funding officer')!.password)
    assert.equal((await officer.get('/foerderung/verwaltung')).statusCode, 200)
    assert.match(README, /npm run cli -- reset-password --email/)
  })
})

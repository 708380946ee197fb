import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generatePassword, hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from './passwords'

describe('passwords', () => {
  it('hashes with argon2id and verifies the right password only', async () => {
    const hash = await hashPassword('correct horse battery staple')
    assert.ok(hash.startsWith('$argon2id$'), hash)
    assert.match(hash, /m=19456,p=1,t=2/)
    assert.equal(await verifyPassword(hash, 'correct horse battery staple'), true)
    assert.equal(await verifyPassword(hash, 'correct horse battery staplE'), false)
    assert.equal(await verifyPassword(hash, ''), false)
  })

  it('salts every hash', async () => {
    assert.notEqual(await hashPassword('same password here'), await hashPassword('same password here'))
  })

  it('treats a malformed hash as a wrong password instead of throwing', async () => {
    assert.equal(await verifyPassword('not-a-hash', 'whatever'), false)
  })

  it('generates readable passwords long enough for the policy', () => {
    const p = generatePassword()
    assert.equal(p.length, 20)
    assert.ok(p.length >= PASSWORD_MIN_LENGTH)
    assert.doesNotMatch(p, /[0O1lI]/)
  })
})

import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { createSecretBox, deriveKey } from './crypto'

describe('secret box (AES-256-GCM)', () => {
  const key = randomBytes(32)
  const box = createSecretBox(key)

  it('round-trips text, with a fresh IV every time', () => {
    const a = box.seal('JBSWY3DPEHPK3PXP – ä ✓', 'user:1:totp')
    const b = box.seal('JBSWY3DPEHPK3PXP – ä ✓', 'user:1:totp')
    assert.match(a, /^v1\.[A-Za-z0-9_-]+$/)
    assert.notEqual(a, b)
    assert.doesNotMatch(a, /JBSWY3DP/)
    assert.equal(box.open(a, 'user:1:totp'), 'JBSWY3DPEHPK3PXP – ä ✓')
    assert.equal(box.open(b, 'user:1:totp'), 'JBSWY3DPEHPK3PXP – ä ✓')
    assert.equal(box.open(box.seal('')), '')
  })

  it('detects tampering with IV, tag or ciphertext', () => {
    const sealed = box.seal('secret value')
    const raw = Buffer.from(sealed.slice(3), 'base64url')
    for (const index of [0, 12, 28, raw.length - 1]) {
      const copy = Buffer.from(raw)
      copy[index] = (copy[index] ?? 0) ^ 1
      assert.equal(box.open(`v1.${copy.toString('base64url')}`), null, `byte ${index}`)
    }
    assert.equal(box.open(`v1.${raw.subarray(0, raw.length - 1).toString('base64url')}`), null, 'truncated')
  })

  it('refuses a value sealed for another context, key or purpose, and malformed input', () => {
    const sealed = box.seal('secret value', 'user:1:totp')
    assert.equal(box.open(sealed, 'user:2:totp'), null)
    assert.equal(box.open(sealed), null)
    assert.equal(createSecretBox(randomBytes(32)).open(sealed, 'user:1:totp'), null)
    assert.equal(createSecretBox(key, 'other-purpose').open(sealed, 'user:1:totp'), null)
    for (const bad of ['', 'v1.', 'v2.abc', 'v1.AAAA', `${sealed}.x`, 'plain text']) {
      assert.equal(box.open(bad), null, bad)
    }
  })

  it('derives a key different from the signing key and per purpose', () => {
    const k1 = deriveKey(key, 'a')
    assert.equal(k1.length, 32)
    assert.notDeepEqual(k1, key)
    assert.notDeepEqual(k1, deriveKey(key, 'b'))
    assert.deepEqual(k1, deriveKey(key, 'a'))
  })

  it('refuses a short signing key', () => {
    assert.throws(() => createSecretBox(randomBytes(16)), /at least 32 bytes/)
  })
})

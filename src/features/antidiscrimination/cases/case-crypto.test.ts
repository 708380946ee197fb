import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  KeyFileError,
  newKeyFileContent,
  openWithKey,
  parseKeyFile,
  sealWithKey,
} from '../../../platform/crypto'
import { CaseKeyError, newCaseKey, openCaseKey } from './case-crypto'

const ring = () => parseKeyFile('/keys/case-keys.json', newKeyFileContent())
const ID = '0b7c1f2e-3a4d-4e5f-8a9b-1c2d3e4f5a6b'
const OTHER = '1b7c1f2e-3a4d-4e5f-8a9b-1c2d3e4f5a6b'

describe('case envelope encryption', () => {
  test('round trip: sealed with the report’s data key, opened from the stored wrapped key', () => {
    const keys = ring()
    const fresh = newCaseKey(keys, ID)
    const sealed = fresh.box.seal(
      'narrative',
      'Mir wurde die Wohnung verweigert – wegen meines Namens. مرحبا',
    )
    assert.ok(!sealed.includes('Wohnung'))
    const stored = { id: ID, keyId: fresh.keyId, dataKey: fresh.dataKey }
    assert.equal(
      openCaseKey(keys, stored).open('narrative', sealed),
      'Mir wurde die Wohnung verweigert – wegen meines Namens. مرحبا',
    )
    assert.equal(fresh.keyId, keys.currentId)
  })

  test('each report has its own data key; the same text seals differently every time', () => {
    const keys = ring()
    const a = newCaseKey(keys, ID)
    const b = newCaseKey(keys, OTHER)
    assert.notEqual(a.dataKey, b.dataKey)
    assert.notEqual(a.box.seal('narrative', 'x'), a.box.seal('narrative', 'x'))
  })

  test('a value does not open in another field or another report, and a key is not another report’s', () => {
    const keys = ring()
    const a = newCaseKey(keys, ID)
    const sealed = a.box.seal('narrative', 'geheim')
    const box = openCaseKey(keys, { id: ID, keyId: a.keyId, dataKey: a.dataKey })
    assert.throws(() => box.open('contact', sealed), CaseKeyError)
    // The wrapped data key copied onto another report does not unwrap there.
    assert.throws(() => openCaseKey(keys, { id: OTHER, keyId: a.keyId, dataKey: a.dataKey }), CaseKeyError)
    // Tampered ciphertext does not open.
    const tampered = `${sealed.slice(0, -2)}${sealed.at(-2) === 'A' ? 'B' : 'A'}${sealed.at(-1)}`
    assert.throws(() => box.open('narrative', tampered), CaseKeyError)
  })

  test('another key file opens nothing', () => {
    const a = newCaseKey(ring(), ID)
    assert.throws(() => openCaseKey(ring(), { id: ID, keyId: a.keyId, dataKey: a.dataKey }), CaseKeyError)
  })

  test('rotation: with a new current key, new reports use it and old ones still open with theirs', () => {
    const old = JSON.parse(newKeyFileContent()) as { current: string; keys: Record<string, string> }
    const before = parseKeyFile('f', JSON.stringify(old))
    const a = newCaseKey(before, ID)
    const sealed = a.box.seal('narrative', 'alt')
    const next = JSON.parse(newKeyFileContent()) as { current: string; keys: Record<string, string> }
    const after = parseKeyFile(
      'f',
      JSON.stringify({ current: next.current, keys: { ...old.keys, ...next.keys } }),
    )
    assert.equal(
      openCaseKey(after, { id: ID, keyId: a.keyId, dataKey: a.dataKey }).open('narrative', sealed),
      'alt',
    )
    assert.equal(newCaseKey(after, OTHER).keyId, next.current)
    assert.notEqual(next.current, old.current)
  })

  test('the sealed format: v1 and one payload; another version, no payload or extra parts do not open', () => {
    const keys = ring()
    const a = newCaseKey(keys, ID)
    const box = openCaseKey(keys, { id: ID, keyId: a.keyId, dataKey: a.dataKey })
    const sealed = a.box.seal('narrative', 'geheim')
    const [version, payload, ...rest] = sealed.split('.')
    assert.equal(version, 'v1')
    assert.deepEqual(rest, [])
    assert.equal(box.open('narrative', `v1.${payload}`), 'geheim')
    const refused = (err: unknown) => err instanceof CaseKeyError && err.reportId === ID
    for (const broken of [`v2.${payload}`, `.${payload}`, 'v1', 'v1.', `${sealed}.`, `${sealed}.x`, payload!])
      assert.throws(() => box.open('narrative', broken), refused, broken)
    // Shorter than iv and tag: refused, not read.
    assert.throws(() => box.open('narrative', `v1.${Buffer.alloc(27).toString('base64url')}`), refused)
  })

  test('an empty value seals and opens (iv and tag only, nothing more)', () => {
    const keys = ring()
    const a = newCaseKey(keys, ID)
    const sealed = a.box.seal('narrative', '')
    assert.equal(Buffer.from(sealed.split('.')[1]!, 'base64url').length, 12 + 16)
    assert.equal(
      openCaseKey(keys, { id: ID, keyId: a.keyId, dataKey: a.dataKey }).open('narrative', sealed),
      '',
    )
  })

  test('a report without its data key or key id opens nothing, with a CaseKeyError naming the report', () => {
    const keys = ring()
    const a = newCaseKey(keys, ID)
    const named = (err: unknown) =>
      err instanceof CaseKeyError &&
      err.name === 'CaseKeyError' &&
      err.reportId === ID &&
      err.message === `the data key of report ${ID} does not open with the key file`
    assert.throws(() => openCaseKey(keys, { id: ID, keyId: null, dataKey: null }), named)
    assert.throws(() => openCaseKey(keys, { id: ID, keyId: a.keyId, dataKey: null }), named)
    assert.throws(() => openCaseKey(keys, { id: ID, keyId: null, dataKey: a.dataKey }), named)
    assert.throws(() => openCaseKey(keys, { id: ID, keyId: a.keyId, dataKey: '' }), named)
    assert.throws(() => openCaseKey(keys, { id: ID, keyId: 'k0000000', dataKey: a.dataKey }), named)
  })

  test('openWithKey answers null (not an error, not undefined) for what does not open', () => {
    const key = Buffer.alloc(32, 3)
    const sealed = sealWithKey(key, 'x', 'ctx')
    assert.equal(openWithKey(key, sealed, 'ctx')?.toString(), 'x')
    assert.strictEqual(openWithKey(key, sealed, 'other'), null)
    assert.strictEqual(openWithKey(Buffer.alloc(32, 4), sealed, 'ctx'), null)
    assert.strictEqual(openWithKey(key, `v1.${Buffer.alloc(27).toString('base64url')}`, 'ctx'), null)
  })

  test('a key file names what is wrong with it; its ids are all its keys', () => {
    const k = Buffer.alloc(32, 1).toString('base64')
    const file = '/etc/teilhabe/case-keys.json'
    for (const [content, detail] of [
      ['not json', 'is not JSON ({ "current": id, "keys": { id: base64 } })'],
      ['null', 'needs "current" and "keys"'],
      ['{}', 'needs "current" and "keys"'],
      [`{"current":5,"keys":{"k1234":"${k}"}}`, 'needs "current" and "keys"'],
      ['{"current":"k1234"}', 'needs "current" and "keys"'],
      ['{"current":"k1234","keys":"k1234"}', 'needs "current" and "keys"'],
      ['{"current":"k1234","keys":{}}', 'names a current key "k1234" it does not hold'],
      [
        '{"current":"k1234","keys":{"k1234":5}}',
        'key "k1234" must be 32 bytes in base64 under an id of 4–32 letters or digits',
      ],
      [`{"current":"k1234","keys":{"k1234":"${k}","!abcd":"${k}"}}`, 'key "!abcd" must be'],
      [`{"current":"k1234","keys":{"k1234":"${k}","abcd!":"${k}"}}`, 'key "abcd!" must be'],
    ] as const)
      assert.throws(
        () => parseKeyFile(file, content),
        (err: unknown) =>
          err instanceof KeyFileError &&
          err.name === 'KeyFileError' &&
          err.file === file &&
          err.message.startsWith(`key file ${file} ${detail}`),
        content,
      )
    const ring2 = parseKeyFile(file, `{"current":"k1234","keys":{"k1234":"${k}","k5678":"${k}"}}`)
    assert.deepEqual(ring2.ids, ['k1234', 'k5678'])
    assert.equal(ring2.currentId, 'k1234')
  })

  test('a broken key file is refused with its name', () => {
    for (const content of [
      'not json',
      '{}',
      '{"current":"k1234","keys":{}}',
      '{"current":"k1234","keys":{"k1234":"c2hvcnQ="}}',
      '{"current":"k1234","keys":{"K!":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}}',
    ])
      assert.throws(
        () => parseKeyFile('/etc/teilhabe/case-keys.json', content),
        (err: unknown) => err instanceof KeyFileError && err.message.includes('/etc/teilhabe/case-keys.json'),
        content,
      )
  })
})

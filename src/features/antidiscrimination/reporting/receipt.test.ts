import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  formatReceiptCode,
  newReceiptCode,
  normaliseReceiptCode,
  RECEIPT_DIGITS,
  receiptHash,
} from './receipt'
import { noFasterThan } from './throttle'

describe('receipt codes', () => {
  test('are 16 random digits, different each time', () => {
    const codes = new Set(Array.from({ length: 200 }, newReceiptCode))
    assert.equal(codes.size, 200)
    for (const c of codes) assert.match(c, /^\d{16}$/)
    assert.equal(RECEIPT_DIGITS, 16)
    // Every digit position takes every value (not, say, a fixed first digit).
    const first = new Set([...codes].map((c) => c[0]))
    assert.equal(first.size, 10)
  })

  test('are shown in groups of four', () => {
    assert.equal(formatReceiptCode('1234567890123456'), '1234 5678 9012 3456')
  })

  test('are accepted with spaces, dashes, dots and in Arabic-Indic or Persian digits', () => {
    const want = '1234567890123456'
    for (const typed of [
      '1234567890123456',
      '1234 5678 9012 3456',
      ' 1234-5678-9012-3456 ',
      '1234–5678–9012–3456',
      '1234.5678.9012.3456',
      '١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦',
      '۱۲۳۴ ۵۶۷۸ ۹۰۱۲ ۳۴۵۶',
    ])
      assert.equal(normaliseReceiptCode(typed), want, typed)
  })

  test('anything but 16 digits is no code', () => {
    for (const typed of ['', '123456789012345', '12345678901234567', '1234 5678 9012 345a', 'abcd'.repeat(4)])
      assert.equal(normaliseReceiptCode(typed), null, typed)
  })

  test('the stored hash is argon2id output, the same for the same code and key, never the code', async () => {
    const key = Buffer.alloc(32, 7)
    const a = await receiptHash(key, '1234567890123456')
    assert.equal(a, await receiptHash(key, '1234567890123456'))
    assert.notEqual(a, await receiptHash(key, '1234567890123457'))
    assert.notEqual(a, await receiptHash(Buffer.alloc(32, 8), '1234567890123456'))
    assert.equal(Buffer.from(a, 'base64').length, 32)
    assert.ok(!a.includes('1234567890123456'))
  })

  test('the stored hash of a code never changes between releases (salt, argon2 options)', async () => {
    // Stored receipts are found by this hash: another salt or cost would lose every report's receipt.
    assert.equal(
      await receiptHash(Buffer.alloc(32, 7), '1234567890123456'),
      'kws7KqtR/kxbL7yDAk/91oHHQTwWTnfeXpnqVLfYmJ8=',
    )
  })
})

describe('the answer floor', () => {
  test('noFasterThan answers no sooner than the floor, and passes the value (and errors) through', async () => {
    const started = performance.now()
    assert.equal(await noFasterThan(120, async () => 42), 42)
    assert.ok(performance.now() - started >= 119)
    const again = performance.now()
    await assert.rejects(
      noFasterThan(80, async () => {
        throw new Error('boom')
      }),
      /boom/,
    )
    assert.ok(performance.now() - again >= 79)
  })

  test('noFasterThan never answers before the floor, not even by a fraction of a millisecond', async () => {
    // Floors with fractions and work that leaves a fractional rest: setTimeout alone fires early.
    for (const ms of [3.7, 5.3, 7.9, 11.5]) {
      for (let i = 0; i < 15; i++) {
        const started = performance.now()
        await noFasterThan(ms, async () => {})
        const took = performance.now() - started
        assert.ok(took >= ms, `${took} ms for a floor of ${ms}`)
      }
    }
  })

  test('noFasterThan waits only what is left of the floor, and nothing after slow work', async () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    let started = performance.now()
    await noFasterThan(100, () => sleep(60))
    let took = performance.now() - started
    assert.ok(took >= 90 && took < 150, `${took} ms for a floor of 100 and 60 ms of work`)
    started = performance.now()
    await noFasterThan(20, () => sleep(80))
    took = performance.now() - started
    assert.ok(took >= 75 && took < 140, `${took} ms for a floor of 20 and 80 ms of work`)
  })
})

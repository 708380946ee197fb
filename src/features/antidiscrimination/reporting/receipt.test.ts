import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  formatReceiptCode,
  newReceiptCode,
  normaliseReceiptCode,
  RECEIPT_DIGITS,
  receiptHash,
} from './receipt'
import { noFasterThan, ReceiptThrottle } from './throttle'

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

describe('receipt throttle', () => {
  test('refuses an address after five wrong codes until the window has passed; other addresses go on', () => {
    let now = 1_000_000
    const th = new ReceiptThrottle(Buffer.alloc(32, 1), 5, 60_000, () => now)
    for (let i = 0; i < 4; i++) th.fail('198.51.100.7')
    assert.equal(th.blocked('198.51.100.7'), false)
    th.fail('198.51.100.7')
    assert.equal(th.blocked('198.51.100.7'), true)
    assert.equal(th.blocked('198.51.100.8'), false)
    now += 60_001
    assert.equal(th.blocked('198.51.100.7'), false)
  })

  test('a failure counts for exactly the window; the oldest leaves first', () => {
    let now = 1_000_000
    const th = new ReceiptThrottle(Buffer.alloc(32, 1), 3, 60_000, () => now)
    th.fail('a')
    now += 10_000
    th.fail('a')
    th.fail('a')
    assert.equal(th.blocked('a'), true)
    // Asking does not forget: still blocked the second time.
    assert.equal(th.blocked('a'), true)
    now = 1_000_000 + 59_999
    assert.equal(th.blocked('a'), true)
    now = 1_000_000 + 60_000
    assert.equal(th.blocked('a'), false)
    // One more wrong code within the window of the other two blocks again.
    th.fail('a')
    assert.equal(th.blocked('a'), true)
    now = 1_000_000 + 70_000
    assert.equal(th.blocked('a'), false)
  })

  test('defaults: five wrong codes within 15 minutes', () => {
    let now = 0
    const th = new ReceiptThrottle(Buffer.alloc(32, 1), undefined, undefined, () => now)
    assert.equal(th.limit, 5)
    assert.equal(th.windowMs, 15 * 60_000)
    for (let i = 0; i < 5; i++) th.fail('a')
    now = 15 * 60_000 - 1
    assert.equal(th.blocked('a'), true)
    now = 15 * 60_000
    assert.equal(th.blocked('a'), false)
    const real = new ReceiptThrottle(Buffer.alloc(32, 1))
    for (let i = 0; i < 5; i++) real.fail('a')
    assert.equal(real.blocked('a'), true)
  })

  test('remembers at most maxAddresses addresses (100,000), forgetting the oldest; asking takes no room', () => {
    assert.equal(new ReceiptThrottle(Buffer.alloc(32, 1)).maxAddresses, 100_000)
    const th = new ReceiptThrottle(Buffer.alloc(32, 1), 1, 60_000, () => 0, 10)
    th.fail('first')
    th.fail('second')
    for (let i = 0; i < 20; i++) th.blocked(`asked-${i}`)
    for (let i = 0; i < 8; i++) th.fail(`other-${i}`)
    // 10 remembered: nobody forgotten yet.
    assert.equal(th.blocked('first'), true)
    th.fail('one-more')
    assert.equal(th.blocked('first'), false)
    assert.equal(th.blocked('second'), true)
    assert.equal(th.blocked('one-more'), true)
  })

  test('addresses whose failures left the window take no room', () => {
    let now = 0
    const th = new ReceiptThrottle(Buffer.alloc(32, 1), 1, 60_000, () => now, 10)
    th.fail('first')
    now = 1
    for (let i = 0; i < 9; i++) th.fail(`old-${i}`)
    now = 30_000
    th.fail('first')
    now = 60_001
    for (let i = 0; i < 9; i++) assert.equal(th.blocked(`old-${i}`), false)
    for (let i = 0; i < 9; i++) th.fail(`new-${i}`)
    assert.equal(th.blocked('first'), true)
  })

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

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { intlTag, type Locale } from '../../platform/i18n'
import { formatIban, normaliseIban } from './iban'
import { formatMoney, MAX_CENTS, moneyInput, parseMoney, shareOf, sumCents } from './money'

const cents = fc.integer({ min: 0, max: MAX_CENTS })

describe('money', () => {
  it('parses German and English notations to cents', () => {
    const cases: [string, number][] = [
      ['1.234,56', 123456],
      ['1234,56', 123456],
      ['1234.56', 123456],
      ['1,234.56', 123456],
      ['1 234,56 €', 123456],
      ['€ 1234', 123400],
      ['1.234', 123400],
      ['1.234.567', 123456700],
      ['0,5', 50],
      ['0,05', 5],
      ['12', 1200],
      ['60.000,00', 6000000],
      ['0,10', 10],
    ]
    for (const [input, expected] of cases) {
      const r = parseMoney(input)
      assert.deepEqual(r, { ok: true, cents: expected }, input)
    }
  })

  it('refuses negative amounts, more than two decimals and garbage with a reason', () => {
    assert.deepEqual(parseMoney('-5'), { ok: false, error: 'negative' })
    assert.deepEqual(parseMoney('1,234'), { ok: false, error: 'decimals' })
    assert.deepEqual(parseMoney('1234,567'), { ok: false, error: 'decimals' })
    assert.deepEqual(parseMoney('0,001'), { ok: false, error: 'decimals' })
    assert.deepEqual(parseMoney('12,3.4'), { ok: false, error: 'format' })
    assert.deepEqual(parseMoney('1e5'), { ok: false, error: 'format' })
    assert.deepEqual(parseMoney(''), { ok: false, error: 'format' })
    assert.deepEqual(parseMoney('12.34.5'), { ok: false, error: 'format' })
    assert.deepEqual(parseMoney('999999999999'), { ok: false, error: 'too_large' })
  })

  it('round-trips every amount through its German and English forms (property)', () => {
    fc.assert(
      fc.property(cents, (c) => {
        assert.deepEqual(parseMoney(moneyInput(c, 'de')), { ok: true, cents: c })
        assert.deepEqual(parseMoney(moneyInput(c, 'en')), { ok: true, cents: c })
        assert.deepEqual(parseMoney(formatMoney(c, 'de')), { ok: true, cents: c })
        assert.deepEqual(parseMoney(formatMoney(c, 'en').replace('€', '')), { ok: true, cents: c })
      }),
    )
  })

  it('never accepts a third decimal (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 999 }), (e, frac) => {
        const r = parseMoney(`${e},${String(frac).padStart(3, '0')}`)
        assert.equal(r.ok, false)
      }),
    )
  })

  it('adds exactly where binary fractions would drift (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000 }), { maxLength: 50 }), (list) => {
        const viaStrings = list.map((c) => parseMoney(moneyInput(c)))
        const total = sumCents(viaStrings.map((r) => (r.ok ? r.cents : Number.NaN)))
        assert.equal(
          total,
          list.reduce((s, c) => s + c, 0),
        )
      }),
    )
    // 0.1 + 0.2 in euros: 10 + 20 cents are 30 cents, not 0.30000000000000004 €.
    assert.equal(formatMoney(sumCents([10, 20])), '0,30 €')
  })

  it('takes a share rounded down to the cent and never above the rate (property)', () => {
    assert.equal(shareOf(100_001, 8000), 80_000)
    fc.assert(
      fc.property(cents, fc.integer({ min: 0, max: 10_000 }), (c, bp) => {
        const s = shareOf(c, bp)
        assert.ok(Number.isSafeInteger(s))
        assert.ok(BigInt(s) * 10_000n <= BigInt(c) * BigInt(bp))
        assert.ok(BigInt(s + 1) * 10_000n > BigInt(c) * BigInt(bp))
      }),
    )
  })

  it('formats for people', () => {
    assert.equal(formatMoney(123456), '1.234,56 €')
    assert.equal(formatMoney(5, 'en'), '€0.05')
    assert.equal(formatMoney(600_000_00), '600.000,00 €')
  })

  it('reads the spellings people type: spaces, signs, currency before or after', () => {
    const ok = (cents: number) => ({ ok: true, cents })
    assert.deepEqual(parseMoney(' € 12 '), ok(1200))
    assert.deepEqual(parseMoney('€12'), ok(1200))
    assert.deepEqual(parseMoney('EUR12'), ok(1200))
    assert.deepEqual(parseMoney('12€'), ok(1200))
    assert.deepEqual(parseMoney('12 eur'), ok(1200))
    assert.deepEqual(parseMoney('+12'), ok(1200))
    assert.deepEqual(parseMoney('1\u00a0234,56'), ok(123456), 'no-break space groups thousands')
    assert.deepEqual(parseMoney('1\u202f234,56'), ok(123456), 'narrow no-break space too')
    assert.deepEqual(parseMoney('1,234,567'), ok(123456700))
    assert.deepEqual(parseMoney("1'234,50"), ok(123450))
    assert.deepEqual(parseMoney('1.230'), ok(123000))
    assert.deepEqual(parseMoney('0000000000001'), ok(100), 'leading zeros do not count as digits')
    assert.deepEqual(parseMoney('10000000000'), ok(MAX_CENTS), 'the largest amount itself')
  })

  it('refuses what only looks like an amount, naming why', () => {
    const error = (e: string) => ({ ok: false, error: e })
    assert.deepEqual(parseMoney('−5'), error('negative'), 'the typographic minus too')
    assert.deepEqual(parseMoney('1.2345,00'), error('format'), 'groups of three only')
    assert.deepEqual(parseMoney('1234.567,00'), error('format'), 'the first group has 1–3 digits')
    assert.deepEqual(parseMoney('1\u00a023,45'), error('format'))
    assert.deepEqual(parseMoney('12EUR5'), error('format'))
    assert.deepEqual(parseMoney('12€5'), error('format'))
    assert.deepEqual(parseMoney('12,3 4'), error('format'))
    assert.deepEqual(parseMoney("12,'5"), error('format'))
    assert.deepEqual(parseMoney(',50'), error('format'), 'no euros at all')
    assert.deepEqual(parseMoney('1.234.56'), error('format'), 'a separator used twice is no decimal point')
    assert.deepEqual(parseMoney('1234.567'), error('decimals'))
    assert.deepEqual(parseMoney('0.123'), error('decimals'), 'a leading zero is no thousands group')
    assert.deepEqual(parseMoney('10000000000,01'), error('too_large'))
  })

  it('formats negative amounts, zero and English notation', () => {
    assert.equal(formatMoney(-123456), '-1.234,56 €')
    assert.equal(formatMoney(-123456, 'en'), '-€1,234.56')
    assert.equal(formatMoney(0), '0,00 €')
    assert.equal(formatMoney(0, 'en'), '€0.00')
    assert.equal(formatMoney(123456789, 'en'), '€1,234,567.89')
    assert.equal(moneyInput(-123456), '-1234,56')
    assert.equal(moneyInput(123456, 'en'), '1234.56')
    assert.equal(moneyInput(0), '0,00')
  })

  it('formats in the other languages as Intl writes euros there, from the digits', () => {
    const intl = (locale: Locale, cents: number) =>
      new Intl.NumberFormat(intlTag(locale), { style: 'currency', currency: 'EUR' }).format(cents / 100)
    for (const locale of ['ar', 'tr', 'uk', 'ru', 'fa'] as const) {
      for (const cents of [0, 5, 123456, 123456789, MAX_CENTS])
        assert.equal(formatMoney(cents, locale), intl(locale, cents), `${locale} ${cents}`)
      assert.equal(formatMoney(-123456, locale), `-${formatMoney(123456, locale)}`, `${locale}: sign first`)
    }
    // As people read them (no-break spaces where Intl puts them).
    assert.equal(formatMoney(123456789, 'tr'), '€1.234.567,89')
    assert.equal(formatMoney(123456789, 'uk'), '1\u00a0234\u00a0567,89\u00a0EUR')
    assert.equal(formatMoney(123456, 'ar'), '\u200f1,234.56\u00a0€')
  })

  it('gives the plain input form with the decimal separator of each language', () => {
    const expected = { de: ',', en: '.', ar: '.', tr: ',', uk: ',', ru: ',', fa: '.' } as const
    for (const [locale, decimal] of Object.entries(expected) as [Locale, string][]) {
      assert.equal(moneyInput(123456, locale), `1234${decimal}56`, locale)
      assert.equal(moneyInput(-5, locale), `-0${decimal}05`, locale)
    }
  })

  it('refuses fractions of a cent and unsafe totals instead of rounding', () => {
    const notCents = /not an integer amount of cents: 1\.5/
    assert.throws(() => formatMoney(1.5), notCents)
    assert.throws(() => moneyInput(1.5), notCents)
    assert.throws(() => sumCents([1, 1.5]), notCents)
    assert.throws(() => sumCents([Number.MAX_SAFE_INTEGER, 1]), /not an integer amount of cents/)
    assert.throws(() => shareOf(1.5, 100), notCents)
    for (const rate of [-1, 10_001, 1.5])
      assert.throws(() => shareOf(100, rate), new RegExp(`rate out of range: ${rate}`))
    assert.equal(shareOf(100, 10_000), 100)
    assert.equal(shareOf(100, 0), 0)
  })

  it('validates IBAN checksums', () => {
    assert.equal(normaliseIban('DE89 3704 0044 0532 0130 00'), 'DE89370400440532013000')
    assert.equal(normaliseIban('DE89 3704 0044 0532 0130 01'), null)
    assert.equal(normaliseIban('DE8937040044053201300'), null)
    assert.equal(formatIban('DE89370400440532013000'), 'DE89 3704 0044 0532 0130 00')
  })
})

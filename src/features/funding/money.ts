import { intlTag, type Locale } from '../../platform/i18n'

/**
 * Money in integer cents. Amounts typed by people ("1.234,56", "1234.56", "1 234,56 €") are turned
 * into cents with string arithmetic only: the digits before and after the decimal separator are read
 * as integers, so no value ever passes through a binary fraction.
 */

/** Largest amount accepted anywhere: 10 billion euro, far inside Number.MAX_SAFE_INTEGER. */
export const MAX_CENTS = 1_000_000_000_000

export type MoneyError = 'format' | 'negative' | 'decimals' | 'too_large'
export type MoneyResult = { ok: true; cents: number } | { ok: false; error: MoneyError }

const GROUPED = /^\d{1,3}([.,' ]\d{3})+$/

/**
 * Parses a euro amount. Accepted: "1234", "1234,5", "1234,56", "1.234,56", "1234.56", "1,234.56",
 * "1 234,56", with or without "€"/"EUR". A single "." or "," followed by one or two digits is the
 * decimal separator; a single "." followed by exactly three digits groups thousands ("1.234" is 1 234 €),
 * while "1,234" (German decimal comma) is refused as having three decimals.
 */
export function parseMoney(input: string): MoneyResult {
  let s = input
    .replace(/\u00a0|\u202f/g, ' ')
    .trim()
    .replace(/^(€|EUR)\s*/i, '')
    .replace(/\s*(€|EUR)$/i, '')
    .trim()
  if (s.startsWith('-') || s.startsWith('−')) return { ok: false, error: 'negative' }
  if (s.startsWith('+')) s = s.slice(1)
  if (s === '' || !/^[\d.,' ]+$/.test(s)) return { ok: false, error: 'format' }
  let intPart: string
  let fracPart = ''
  const lastSep = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','))
  if (lastSep === -1) {
    intPart = s
  } else {
    const tail = s.slice(lastSep + 1)
    const head = s.slice(0, lastSep)
    const sep = s[lastSep]
    const other = sep === '.' ? ',' : '.'
    const sepCount = s.split(sep ?? '').length - 1
    if (
      GROUPED.test(s) &&
      !s.startsWith('0') &&
      (sepCount > 1 || (tail.length === 3 && sep !== ',')) &&
      !head.includes(other)
    ) {
      // only thousands separators: "1.234", "1.234.567", "1,234"
      intPart = s
    } else {
      if (sepCount > 1 || !/^\d+$/.test(tail)) return { ok: false, error: 'format' }
      intPart = head
      fracPart = tail
    }
  }
  // thousands separators in the integer part must group by three
  if (/[.,' ]/.test(intPart)) {
    if (!GROUPED.test(intPart)) return { ok: false, error: 'format' }
    intPart = intPart.replace(/[.,' ]/g, '')
  }
  if (!/^\d+$/.test(intPart)) return { ok: false, error: 'format' }
  if (fracPart.length > 2) return { ok: false, error: 'decimals' }
  const euros = intPart.replace(/^0+(?=\d)/, '')
  if (euros.length > 11) return { ok: false, error: 'too_large' }
  const cents = Number(euros) * 100 + Number(fracPart.padEnd(2, '0') || '0')
  if (cents > MAX_CENTS) return { ok: false, error: 'too_large' }
  return { ok: true, cents }
}

function assertCents(cents: number): void {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not an integer amount of cents: ${cents}`)
}

interface MoneyPattern {
  readonly group: string
  readonly decimal: string
  readonly prefix: string
  readonly suffix: string
}
const patterns = new Map<string, MoneyPattern>()

/** How a locale writes euro amounts (separators, where the sign goes), read once from Intl. */
function moneyPattern(locale: Locale): MoneyPattern {
  let found = patterns.get(locale)
  if (found) return found
  const parts = new Intl.NumberFormat(intlTag(locale), { style: 'currency', currency: 'EUR' }).formatToParts(
    1234.5,
  )
  const first = parts.findIndex((p) => p.type === 'integer')
  const last = parts.findLastIndex((p) => p.type === 'fraction')
  found = {
    group: parts.find((p) => p.type === 'group')?.value ?? '',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? ',',
    prefix: parts
      .slice(0, first)
      .map((p) => p.value)
      .join(''),
    suffix: parts
      .slice(last + 1)
      .map((p) => p.value)
      .join(''),
  }
  patterns.set(locale, found)
  return found
}

/**
 * Formats cents for people: "1.234,56 €" (de), "€1,234.56" (en), and in other languages as Intl
 * writes euros there (Western digits), built from the digits, never from a binary fraction.
 */
export function formatMoney(cents: number, locale: Locale = 'de'): string {
  assertCents(cents)
  const negative = cents < 0
  const abs = String(Math.abs(cents)).padStart(3, '0')
  const euros = abs.slice(0, -2)
  const rest = abs.slice(-2)
  if (locale === 'de' || locale === 'en') {
    const thousands = locale === 'de' ? '.' : ','
    const decimal = locale === 'de' ? ',' : '.'
    const grouped = euros.replace(/\B(?=(\d{3})+(?!\d))/g, thousands)
    const body = `${grouped}${decimal}${rest}`
    if (locale === 'de') return `${negative ? '-' : ''}${body} €`
    return `${negative ? '-' : ''}€${body}`
  }
  const p = moneyPattern(locale)
  const grouped = euros.replace(/\B(?=(\d{3})+(?!\d))/g, p.group)
  return `${negative ? '-' : ''}${p.prefix}${grouped}${p.decimal}${rest}${p.suffix}`
}

/** The plain input form of an amount, as the fields show it again: "1234,56" (de) or "1234.56" (en). */
export function moneyInput(cents: number, locale: Locale = 'de'): string {
  assertCents(cents)
  const abs = String(Math.abs(cents)).padStart(3, '0')
  const decimal =
    locale === 'de' ? ',' : locale === 'en' ? '.' : moneyPattern(locale).decimal === ',' ? ',' : '.'
  return `${cents < 0 ? '-' : ''}${abs.slice(0, -2)}${decimal}${abs.slice(-2)}`
}

/** Sum of integer cents; throws instead of losing precision. */
export function sumCents(values: readonly number[]): number {
  let total = 0
  for (const v of values) {
    assertCents(v)
    total += v
  }
  assertCents(total)
  return total
}

/** The share of an amount at a rate in basis points (8000 = 80 %), rounded down to the cent. */
export function shareOf(cents: number, basisPoints: number): number {
  assertCents(cents)
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000) {
    throw new RangeError(`rate out of range: ${basisPoints}`)
  }
  // The product may exceed 2^53, so it is computed exactly in BigInt (floor for non-negative values).
  return Number((BigInt(cents) * BigInt(basisPoints)) / 10_000n)
}

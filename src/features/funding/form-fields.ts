import type { FastifyRequest } from 'fastify'
import type { FormState } from '../../platform/ui/form'
import { type MoneyResult, parseMoney } from './money'
import { parseQuantity, type Quantity, type QuantityItem, quantityField, type RuleProblem } from './rules'
import { problemsToErrors } from './views/parts'

export const empty: FormState = { values: {}, errors: {} }

/** Parses the named money fields; empty means 0 unless required. */
export function parseMoneyFields(
  request: FastifyRequest,
  fields: Record<string, unknown>,
  names: readonly string[],
  required: readonly string[] = [],
): { values: Record<string, number>; errors: Record<string, string> } {
  const values: Record<string, number> = {}
  const errors: Record<string, string> = {}
  for (const name of names) {
    const raw = typeof fields[name] === 'string' ? (fields[name] as string).trim() : ''
    if (raw === '') {
      if (required.includes(name)) errors[name] = request.t('form.required')
      else values[name] = 0
      continue
    }
    const r: MoneyResult = parseMoney(raw)
    if (r.ok) values[name] = r.cents
    else errors[name] = request.t(`funding.money.${r.error}`)
  }
  return { values, errors }
}

/** Money per year from fields named `<prefix>YYYY` (e.g. amount_2027); empty means 0. */
export function parseYearAmounts(
  request: FastifyRequest,
  fields: Record<string, unknown>,
  prefix: string,
): { amounts: Record<number, number>; errors: Record<string, string> } {
  const names = Object.keys(fields).filter(
    (k) => k.startsWith(prefix) && /^\d{4}$/.test(k.slice(prefix.length)),
  )
  const money = parseMoneyFields(request, fields, names)
  const amounts = Object.fromEntries(names.map((n) => [Number(n.slice(prefix.length)), money.values[n] ?? 0]))
  return { amounts, errors: money.errors }
}

/** Parses the stated quantities (qty_<year>_<key>); empty means 0. */
export function parseQuantityFields(
  request: FastifyRequest,
  fields: Record<string, unknown>,
  years: readonly number[],
  defs: readonly Quantity[],
): { items: QuantityItem[]; errors: Record<string, string> } {
  const items: QuantityItem[] = []
  const errors: Record<string, string> = {}
  for (const year of years) {
    for (const q of defs) {
      const name = quantityField(year, q.key)
      const raw = typeof fields[name] === 'string' ? (fields[name] as string).trim() : ''
      if (raw === '') {
        items.push({ year, key: q.key, value: 0 })
        continue
      }
      const r = parseQuantity(raw, q.unit)
      if (r.ok) items.push({ year, key: q.key, value: r.value })
      else errors[name] = request.t(`funding.quantity.${r.error}`)
    }
  }
  return { items, errors }
}

export function problems(request: FastifyRequest, list: readonly RuleProblem[]) {
  return problemsToErrors(list, request.t, request.locale)
}

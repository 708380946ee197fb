import type { FastifyRequest } from 'fastify'
import type { FormState } from '../../platform/ui/form'
import { FIELD_TOKEN } from '../../platform/ui/render-scope'
import { formatMoney, MAX_CENTS, type MoneyError, type MoneyResult, parseMoney } from './money'
import { parseQuantity, type Quantity, type QuantityItem, quantityField, type RuleProblem } from './rules'
import { problemsToErrors } from './views/parts'

export const empty: FormState = { values: {}, errors: {} }

/** Messages about amounts of money, each with the field's name in it and without (see FormState.unnamed). */
export interface MoneyErrors {
  errors: Record<string, string>
  unnamed: Record<string, string>
}

/**
 * Parses the named money fields, all of them in one pass; empty means 0 unless required. Each
 * message names its field ("Geben Sie den Betrag für „Personalausgaben 2027“ in Euro ein"): the
 * page puts the field's label in.
 */
export function parseMoneyFields(
  request: FastifyRequest,
  fields: Record<string, unknown>,
  names: readonly string[],
  required: readonly string[] = [],
): { values: Record<string, number> } & MoneyErrors {
  const values: Record<string, number> = {}
  const errors: Record<string, string> = {}
  const unnamed: Record<string, string> = {}
  const refuse = (name: string, error: MoneyError | 'required') => {
    const params = { max: formatMoney(MAX_CENTS, request.locale) }
    errors[name] = request.t(`funding.money.named.${error}`, { ...params, field: FIELD_TOKEN })
    unnamed[name] = request.t(`funding.money.${error}`, params)
  }
  for (const name of names) {
    const raw = typeof fields[name] === 'string' ? (fields[name] as string).trim() : ''
    if (raw === '') {
      if (required.includes(name)) refuse(name, 'required')
      else values[name] = 0
      continue
    }
    const r: MoneyResult = parseMoney(raw)
    if (r.ok) values[name] = r.cents
    else refuse(name, r.error)
  }
  return { values, errors, unnamed }
}

/**
 * The form to show again when a form's other fields (checked by its schema) or its amounts were
 * refused: every message of both in one answer, the typed values kept.
 */
export function refusedForm(
  values: Record<string, unknown>,
  others: { ok: true } | { ok: false; state: FormState },
  money: MoneyErrors,
): FormState | null {
  const otherErrors = others.ok ? {} : others.state.errors
  if (others.ok && Object.keys(money.errors).length === 0) return null
  return {
    values,
    errors: { ...otherErrors, ...money.errors },
    unnamed: { ...(others.ok ? {} : others.state.unnamed), ...money.unnamed },
  }
}

/** Money per year from fields named `<prefix>YYYY` (e.g. amount_2027); empty means 0. */
export function parseYearAmounts(
  request: FastifyRequest,
  fields: Record<string, unknown>,
  prefix: string,
): { amounts: Record<number, number> } & MoneyErrors {
  const names = Object.keys(fields).filter(
    (k) => k.startsWith(prefix) && /^\d{4}$/.test(k.slice(prefix.length)),
  )
  const money = parseMoneyFields(request, fields, names)
  const amounts = Object.fromEntries(names.map((n) => [Number(n.slice(prefix.length)), money.values[n] ?? 0]))
  return { amounts, errors: money.errors, unnamed: money.unnamed }
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

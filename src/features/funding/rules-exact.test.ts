import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { wirLines } from './programme/wir'
import { type CostCategory, checkCosts, checkFinancing, type LineRules, type Quantity } from './rules'

/**
 * The cost and financing checks on small made-up lines, answer for answer (field, key and every
 * parameter), at the edges of each limit: what a person sees next to the field is the rule.
 */
const base = wirLines().find((l) => l.key === 'MSO')!.rules
const Y = 2026
const text = (de: string, en = de) => ({ de, en })

function rulesWith(over: Partial<LineRules>): LineRules {
  return { ...base, maxGrantPerYearCents: undefined, maxGrantTotalCents: undefined, ...over } as LineRules
}

describe('financing plan, exactly', () => {
  const costs = (...cents: number[]) => cents.map((c, i) => ({ year: Y + i, category: 'x', cents: c }))
  const year = (requestedCents: number, ownCents = 0, i = 0) => ({
    year: Y + i,
    ownCents,
    thirdPartyCents: 0,
    requestedCents,
  })
  const festbetrag = rulesWith({ financing: { type: 'festbetrag' } })

  it('names the year, costs, funded amount and difference of an unbalanced plan', () => {
    assert.deepEqual(checkFinancing(festbetrag, costs(1000), [year(800, 100)]), [
      {
        field: 'fin_2026_requested',
        key: 'funding.rule.unbalanced',
        params: { year: Y, costs: 1000, funded: 900, difference: 100 },
      },
    ])
    assert.deepEqual(checkFinancing(festbetrag, costs(1000), [year(900, 100)]), [])
  })

  it('keeps a share financing at its rate, to the cent', () => {
    const anteil = rulesWith({ financing: { type: 'anteil', rateBasisPoints: 8000 } })
    assert.deepEqual(checkFinancing(anteil, costs(1000), [year(801, 199)]), [
      { field: 'fin_2026_requested', key: 'funding.rule.share', params: { rate: 80, max: 800 } },
    ])
    assert.deepEqual(checkFinancing(anteil, costs(1000), [year(800, 200)]), [])
    // The rate belongs to share financing only; without one nothing is capped by it.
    const other = rulesWith({ financing: { type: 'festbetrag', rateBasisPoints: 8000 } })
    assert.deepEqual(checkFinancing(other, costs(1000), [year(1000)]), [])
    assert.deepEqual(
      checkFinancing(rulesWith({ financing: { type: 'anteil' } }), costs(1000), [year(1000)]),
      [],
    )
  })

  it('requires full financing to request all costs', () => {
    const voll = rulesWith({ financing: { type: 'voll' } })
    assert.deepEqual(checkFinancing(voll, costs(1000), [year(900, 100)]), [
      { field: 'fin_2026_requested', key: 'funding.rule.full' },
    ])
    assert.deepEqual(checkFinancing(voll, costs(1000), [year(1000)]), [])
  })

  it('caps the grant per year and in total, at the cap itself still allowed', () => {
    const perYear = rulesWith({ financing: { type: 'festbetrag' }, maxGrantPerYearCents: 500 })
    assert.deepEqual(checkFinancing(perYear, costs(1000), [year(501, 499)]), [
      { field: 'fin_2026_requested', key: 'funding.rule.yearCap', params: { cap: 500 } },
    ])
    assert.deepEqual(checkFinancing(perYear, costs(1000), [year(500, 500)]), [])
    assert.deepEqual(checkFinancing(festbetrag, costs(10 ** 9), [year(10 ** 9)]), [], 'no cap, no limit')

    const total = rulesWith({ financing: { type: 'festbetrag' }, maxGrantTotalCents: 1000 })
    assert.deepEqual(checkFinancing(total, costs(600, 401), [year(600), year(401, 0, 1)]), [
      { field: 'fin_2027_requested', key: 'funding.rule.totalCap', params: { cap: 1000 } },
    ])
    assert.deepEqual(checkFinancing(total, costs(600, 400), [year(600), year(400, 0, 1)]), [])
    // An unbalanced year is what to fix first; the total is judged on a balanced plan.
    assert.deepEqual(
      checkFinancing(total, costs(600, 500), [year(600), year(401, 0, 1)]).map((p) => p.key),
      ['funding.rule.unbalanced'],
    )
  })
})

describe('costs and quantities, exactly', () => {
  const fte: Quantity = {
    key: 'fte',
    label: text('Stellen (VZÄ)', 'Posts (FTE)'),
    unitLabel: text('Vollzeitstelle', 'full-time post'),
    unit: 'fte',
    max: 200,
    capCents: 6_000_000,
  }
  const pooled: Quantity = {
    key: 'pooled',
    label: text('Stellen im Pool', 'pooled posts'),
    unitLabel: text('Stelle', 'post'),
    unit: 'fte',
  }
  const hours: Quantity = {
    key: 'hours',
    label: text('Stunden', 'hours'),
    unitLabel: text('Stunde', 'hour'),
    unit: 'hours',
    maxPer: [{ quantity: 'fte', max: 1000 }],
  }
  const categories: CostCategory[] = [
    { key: 'staff', label: text('Personal'), quantities: [fte] },
    { key: 'capped', label: text('Sachkosten'), capPerYearCents: 1000 },
    { key: 'hourly', label: text('Stunden'), unitCents: 500, quantities: [hours] },
    {
      // One quantity with a rate per unit, one only counted.
      key: 'mixed',
      label: text('Beratung'),
      quantities: [
        {
          key: 'advisers',
          label: text('Beratende', 'advisers'),
          unitLabel: text('Person', 'person'),
          unit: 'count',
          capCents: 100_000,
        },
        {
          key: 'visits',
          label: text('Besuche', 'visits'),
          unitLabel: text('Besuch', 'visit'),
          unit: 'count',
        },
      ],
    },
    {
      key: 'pool',
      label: text('Koordination'),
      quantities: [pooled],
      minPool: { quantities: ['pooled'], min: 5, label: text('Stellen im Pool', 'posts in the pool') },
    },
  ]
  const rules = rulesWith({ costCategories: categories })
  const check = (items: [string, number][], qty: [string, number, number?][] = []) =>
    checkCosts(
      rules,
      [Y],
      items.map(([category, cents]) => ({ year: Y, category, cents })),
      qty.map(([key, value, year]) => ({ year: year ?? Y, key, value })),
    )

  it('caps a category per year and keeps amounts in whole unit rates', () => {
    assert.deepEqual(check([['capped', 1001]]), [
      { field: 'cost_2026_capped', key: 'funding.rule.costCap', params: { cap: 1000 } },
    ])
    assert.deepEqual(check([['capped', 1000]]), [])
    assert.deepEqual(
      check(
        [['hourly', 750]],
        [
          ['fte', 150],
          ['hours', 1],
        ],
      ),
      [{ field: 'cost_2026_hourly', key: 'funding.rule.costUnit', params: { unit: 500 } }],
    )
  })

  it('accepts whole multiples of a unit rate, and a category without one takes any cent', () => {
    const rate: [string, number][] = [
      ['fte', 150],
      ['hours', 1],
    ]
    assert.deepEqual(check([['hourly', 1000]], rate), [])
    assert.deepEqual(check([['hourly', 0]], rate), [])
    assert.deepEqual(check([['capped', 999]]), [])
    assert.deepEqual(
      checkCosts(rules, [Y], [{ year: Y, category: 'capped', cents: 999 }]),
      [],
      'no quantities',
    )
  })

  it('names only the quantities with a rate as needed, and takes a stated zero as stated', () => {
    assert.deepEqual(check([['mixed', 1]], [['visits', 3]]), [
      {
        field: 'cost_2026_mixed',
        key: 'funding.rule.qtyNeeded',
        params: { what_de: 'Beratende', what_en: 'advisers' },
      },
    ])
    assert.deepEqual(check([], [['fte', 0]]), [], 'zero posts is a quantity, not an unknown one')
    assert.deepEqual(check([['mixed', 100_000]], [['advisers', 1]]), [])
  })

  it('needs the quantities a per-unit cap counts, and caps by them', () => {
    assert.deepEqual(check([['staff', 1]]), [
      {
        field: 'cost_2026_staff',
        key: 'funding.rule.qtyNeeded',
        params: { what_de: 'Stellen (VZÄ)', what_en: 'Posts (FTE)' },
      },
    ])
    assert.deepEqual(check([['staff', 0]]), [], 'nothing claimed, nothing needed')
    // 1.5 posts × 60,000 € = 90,000 €.
    assert.deepEqual(check([['staff', 9_000_001]], [['fte', 150]]), [
      {
        field: 'cost_2026_staff',
        key: 'funding.rule.perUnitCap',
        params: {
          cap: 9_000_000,
          per_de: '60.000,00 € je Vollzeitstelle',
          per_en: '€60,000.00 per full-time post',
        },
      },
    ])
    assert.deepEqual(check([['staff', 9_000_000]], [['fte', 150]]), [])
  })

  it('keeps a quantity within its maximum and within its maximum per other quantity', () => {
    assert.deepEqual(check([], [['fte', 201]]), [
      { field: 'qty_2026_fte', key: 'funding.rule.qtyMax', params: { max_de: '2', max_en: '2' } },
    ])
    assert.deepEqual(check([], [['fte', 200]]), [])
    assert.deepEqual(check([], [['pooled', 100_000]]), [], 'no maximum, no limit')
    // At most 1,000 hours per full-time post: 1.5 posts allow 1,500 hours.
    assert.deepEqual(
      check(
        [],
        [
          ['fte', 150],
          ['hours', 1_501],
        ],
      ),
      [
        {
          field: 'qty_2026_hours',
          key: 'funding.rule.qtyPer',
          params: {
            max_de: '1.500',
            max_en: '1,500',
            per_de: '1.000 je Vollzeitstelle',
            per_en: '1,000 per full-time post',
          },
        },
      ],
    )
    assert.deepEqual(
      check(
        [],
        [
          ['fte', 150],
          ['hours', 1_500],
        ],
      ),
      [],
    )
  })

  it('refuses unknown, fractional, negative and out-of-period quantities, and only says so once', () => {
    const unknown = (key: string, year = Y) => ({
      field: `qty_${year}_${key}`,
      key: 'funding.rule.unknownCost',
    })
    assert.deepEqual(check([], [['nope', 1]]), [unknown('nope')])
    assert.deepEqual(check([], [['fte', 1.5]]), [unknown('fte')])
    assert.deepEqual(check([], [['fte', -1]]), [unknown('fte')])
    assert.deepEqual(check([], [['fte', 999, 2030]]), [unknown('fte', 2030)])
    assert.deepEqual(check([['nope', 1]]), [{ field: 'cost_2026_nope', key: 'funding.rule.unknownCost' }])
  })

  it('claims a pool rate only from the pool size on, counting whole posts', () => {
    const tooSmall = [
      {
        field: 'cost_2026_pool',
        key: 'funding.rule.minPool',
        params: { min: 5, what_de: 'Stellen im Pool', what_en: 'posts in the pool' },
      },
    ]
    // 4.5 posts count as 4 whole ones.
    assert.deepEqual(check([['pool', 100]], [['pooled', 450]]), tooSmall)
    assert.deepEqual(check([['pool', 100]], [['pooled', 500]]), [])
    assert.deepEqual(check([['pool', 0]], [['pooled', 450]]), [], 'nothing claimed')
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  checkCosts,
  checkDeadline,
  checkEligibility,
  checkFinancing,
  checkPeriod,
  deadlineFor,
  monthsOf,
  validateRules,
  yearsOf,
} from './rules'
import { vielfaltszentrenBodies, wirLines } from './wir'

const line = (key: string) => {
  const l = wirLines().find((x) => x.key === key)
  if (!l) throw new Error(key)
  return l.rules
}

describe('funding rule engine', () => {
  it('seeds six lines whose rules pass the schema', () => {
    const lines = wirLines()
    assert.equal(lines.length, 6)
    for (const l of lines) assert.deepEqual(validateRules(l.rules), { ok: true, rules: l.rules }, l.key)
    assert.equal(vielfaltszentrenBodies().length, 33)
  })

  it('refuses malformed rules with a path', () => {
    const bad = validateRules({ ...line('MSO'), financing: { type: 'geschenkt' } })
    assert.equal(bad.ok, false)
    assert.ok(!bad.ok && bad.errors.some((e) => e.startsWith('/financing')))
    const noRate = validateRules({ ...line('IP'), financing: { type: 'anteil' } })
    assert.ok(!noRate.ok && noRate.errors[0]?.includes('rateBasisPoints'))
    assert.equal(validateRules({ ...line('MSO'), extra: 1 }).ok, false)
  })

  it('checks eligibility: kinds, the list of 33, non-profit, registered association', () => {
    const mso = {
      kind: 'migrant_organisation',
      nonProfit: true,
      registerNumber: 'VR 123',
      officialKey: null,
    } as const
    assert.deepEqual(checkEligibility(line('MSO'), mso), [])
    assert.equal(
      checkEligibility(line('MSO'), { ...mso, nonProfit: false })[0]?.key,
      'funding.rule.nonProfit',
    )
    assert.equal(
      checkEligibility(line('MSO'), { ...mso, registerNumber: null })[0]?.key,
      'funding.rule.registered',
    )
    assert.equal(checkEligibility(line('VZ'), mso)[0]?.key, 'funding.rule.kind')
    const city = { kind: 'municipality', nonProfit: false, registerNumber: null } as const
    assert.deepEqual(checkEligibility(line('VZ'), { ...city, officialKey: '06411000' }), [])
    assert.deepEqual(
      checkEligibility(line('VZ'), { ...city, officialKey: '06415000' }),
      [],
      'Hanau from 2026',
    )
    assert.equal(
      checkEligibility(line('VZ'), { ...city, officialKey: '06412345' })[0]?.key,
      'funding.rule.notListed',
    )
  })

  it('checks the period and the deadline', () => {
    assert.equal(monthsOf('2026-01-01', '2027-12-31'), 24)
    assert.deepEqual(yearsOf('2026-03-01', '2027-02-28'), [2026, 2027])
    assert.deepEqual(checkPeriod(line('MSO'), '2026-01-01', '2027-12-31'), [])
    assert.equal(checkPeriod(line('MSO'), '2026-01-01', '2028-01-31')[0]?.key, 'funding.rule.periodMax')
    assert.equal(checkPeriod(line('KIV'), '2026-01-01', '2026-06-30')[0]?.key, 'funding.rule.periodMin')
    assert.equal(checkPeriod(line('MSO'), '2026-05-01', '2026-01-01')[0]?.key, 'funding.rule.periodOrder')
    assert.equal(deadlineFor(line('MSO'), '2026-03-01'), '2025-12-31')
    assert.deepEqual(checkDeadline(line('MSO'), '2026-03-01', '2025-12-31'), [])
    assert.equal(checkDeadline(line('MSO'), '2026-03-01', '2026-01-01')[0]?.key, 'funding.rule.deadline')
  })

  it('checks cost caps and unit rates per year', () => {
    const years = [2026]
    assert.deepEqual(
      checkCosts(line('MSO'), years, [{ year: 2026, category: 'micro_project', cents: 300_000 }]),
      [],
    )
    const over = checkCosts(line('MSO'), years, [{ year: 2026, category: 'micro_project', cents: 300_001 }])
    assert.deepEqual(over, [
      { field: 'cost_2026_micro_project', key: 'funding.rule.costCap', params: { cap: 300_000 } },
    ])
    assert.equal(
      checkCosts(line('MSO'), years, [{ year: 2027, category: 'minijob', cents: 1 }])[0]?.key,
      'funding.rule.unknownCost',
    )
    assert.equal(
      checkCosts(line('IL'), years, [{ year: 2026, category: 'allowance', cents: 1_001 }])[0]?.key,
      'funding.rule.costUnit',
    )
    assert.deepEqual(
      checkCosts(line('IL'), years, [{ year: 2026, category: 'allowance', cents: 276 * 500 }]),
      [],
    )
  })

  it('requires a financing plan balanced to the cent, within the financing type (property)', () => {
    const rules = line('IP') // Anteilfinanzierung 80 %
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: -3, max: 3 }),
        (cost, requestedRaw, drift) => {
          const requested = Math.min(requestedRaw, cost)
          const own = cost - requested
          const problems = checkFinancing(
            rules,
            [{ year: 2026, category: 'staff', cents: cost }],
            [
              {
                year: 2026,
                ownCents: own + drift < 0 ? own : own + drift,
                thirdPartyCents: 0,
                requestedCents: requested,
              },
            ],
          )
          const balanced = drift === 0 || own + drift < 0
          if (!balanced) assert.equal(problems[0]?.key, 'funding.rule.unbalanced')
          else if (requested * 10_000 > cost * 8000) assert.equal(problems[0]?.key, 'funding.rule.share')
          else assert.deepEqual(problems, [])
        },
      ),
    )
    const kiv = line('KIV')
    const plan = [
      { year: 2026, ownCents: 0, thirdPartyCents: 0, requestedCents: 20_000_00 },
      { year: 2027, ownCents: 0, thirdPartyCents: 0, requestedCents: 10_000_01 },
    ]
    const costs = [
      { year: 2026, category: 'process', cents: 20_000_00 },
      { year: 2027, category: 'process', cents: 10_000_01 },
    ]
    assert.equal(checkFinancing(kiv, costs, plan)[0]?.key, 'funding.rule.totalCap')
    const mso = line('MSO')
    assert.equal(
      checkFinancing(
        mso,
        [{ year: 2026, category: 'minijob', cents: 1_100_000 }],
        [{ year: 2026, ownCents: 0, thirdPartyCents: 0, requestedCents: 1_100_000 }],
      )[0]?.key,
      'funding.rule.yearCap',
    )
  })
})

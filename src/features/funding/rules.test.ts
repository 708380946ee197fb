import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { vielfaltszentrenBodies, wirLines } from './programme/wir'
import {
  checkCosts,
  checkDeadline,
  checkEligibility,
  checkFinancing,
  checkPartners,
  checkPeriod,
  deadlineFor,
  formatQuantity,
  type LineRules,
  monthsOf,
  NO_PARTNERS,
  parseQuantity,
  validateRules,
  yearsOf,
} from './rules'
import { problemsToErrors } from './views/parts'

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
      checkCosts(
        line('IL'),
        years,
        [{ year: 2026, category: 'allowance', cents: 276 * 500 }],
        [
          { year: 2026, key: 'volunteers', value: 1 },
          { year: 2026, key: 'hours', value: 276 },
        ],
      ),
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

  it('refuses inconsistent quantity and applicant rules', () => {
    const il = line('IL')
    const withCategories = (f: (c: LineRules['costCategories']) => LineRules['costCategories']) =>
      validateRules({ ...il, costCategories: f(structuredClone(il.costCategories)) })
    const errorsOf = (r: ReturnType<typeof validateRules>) => (r.ok ? [] : r.errors)
    // a pool that refers to a quantity the line does not have
    assert.match(
      errorsOf(
        withCategories((c) => {
          c[1]!.minPool!.quantities = ['helpers']
          return c
        }),
      ).join(),
      /minPool: refers to a quantity/,
    )
    // an hour limit per a quantity that does not exist, or per itself
    assert.match(
      errorsOf(
        withCategories((c) => {
          c[0]!.quantities![2]!.maxPer = [{ quantity: 'hours', max: 1 }]
          return c
        }),
      ).join(),
      /maxPer: "hours" is no other quantity/,
    )
    // the same quantity key twice in a line
    assert.match(
      errorsOf(
        withCategories((c) => {
          c[1]!.quantities = [{ ...c[0]!.quantities![0]! }]
          return c
        }),
      ).join(),
      /quantity keys must be unique/,
    )
    // a pool minimum no stated maximum can reach
    assert.match(
      errorsOf(
        withCategories((c) => {
          c[0]!.quantities![0]!.max = 2
          c[0]!.quantities![1]!.max = 2
          return c
        }),
      ).join(),
      /cannot be reached \(at most 4\)/,
    )
    const kiv = line('KIV')
    assert.match(
      errorsOf(
        validateRules({ ...kiv, population: { min: 60_000, max: 50_000, jointBelowMin: true } }),
      ).join(),
      /population\/min: greater than max/,
    )
    assert.match(
      errorsOf(validateRules({ ...kiv, population: { max: 50_000, jointBelowMin: true } })).join(),
      /jointBelowMin: needs min/,
    )
    assert.match(
      errorsOf(
        validateRules({
          ...line('MSO'),
          population: { min: 1, jointBelowMin: false },
          applicantKinds: ['association'],
        }),
      ).join(),
      /population: only for lines open to municipalities/,
    )
    assert.match(
      errorsOf(
        validateRules({
          ...line('MSO'),
          partnerRequired: { ...line('MSO').partnerRequired!, applicantKinds: ['partner'] },
        }),
      ).join(),
      /partnerRequired\/applicantKinds/,
    )
    assert.equal(
      validateRules({ ...il, costCategories: [{ ...il.costCategories[0]!, quantities: [{ key: 'x' }] }] }).ok,
      false,
      'a quantity needs label, unit label and unit',
    )
  })

  it('reads and writes quantities without floating point (property)', () => {
    assert.deepEqual(parseQuantity('1,5', 'fte'), { ok: true, value: 150 })
    assert.deepEqual(parseQuantity('0.75', 'fte'), { ok: true, value: 75 })
    assert.deepEqual(parseQuantity('2', 'fte'), { ok: true, value: 200 })
    assert.deepEqual(parseQuantity('1,555', 'fte'), { ok: false, error: 'decimals' })
    assert.deepEqual(parseQuantity('1,5', 'count'), { ok: false, error: 'whole' })
    assert.deepEqual(parseQuantity('3,0', 'hours'), { ok: true, value: 3 })
    assert.deepEqual(parseQuantity('-1', 'count'), { ok: false, error: 'negative' })
    assert.deepEqual(parseQuantity('zwei', 'count'), { ok: false, error: 'format' })
    assert.deepEqual(parseQuantity('99999999', 'hours'), { ok: false, error: 'too_large' })
    assert.equal(formatQuantity(150, 'fte', 'de'), '1,5')
    assert.equal(formatQuantity(105, 'fte', 'en'), '1.05')
    assert.equal(formatQuantity(1_380, 'hours', 'de'), '1.380')
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom('count', 'fte', 'hours'),
        fc.constantFrom('de', 'en'),
        (value, unit, locale) => {
          const typed = formatQuantity(value, unit, locale, false)
          assert.deepEqual(parseQuantity(typed, unit), { ok: true, value })
        },
      ),
    )
  })

  it('caps coordinator posts per full-time equivalent and at two posts (property)', () => {
    const vz = line('VZ')
    const years = [2026]
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 250 }), fc.integer({ min: 0, max: 15_000_000 }), (fte, cents) => {
        const problems = checkCosts(
          vz,
          years,
          [{ year: 2026, category: 'coordination', cents }],
          [{ year: 2026, key: 'coordinator_fte', value: fte }],
        )
        const byField = Object.fromEntries(problems.map((p) => [p.field, p.key]))
        // 60,000 € per full-time post, FTE in hundredths: exact integer arithmetic
        const cap = fte * 60_000
        if (fte > 200) assert.equal(byField.qty_2026_coordinator_fte, 'funding.rule.qtyMax')
        else assert.equal(byField.qty_2026_coordinator_fte, undefined)
        if (cents > 12_000_000) assert.equal(byField.cost_2026_coordination, 'funding.rule.costCap')
        else if (cents > 0 && fte === 0)
          assert.equal(byField.cost_2026_coordination, 'funding.rule.qtyNeeded')
        else if (cents > cap) assert.equal(byField.cost_2026_coordination, 'funding.rule.perUnitCap')
        else assert.equal(byField.cost_2026_coordination, undefined)
      }),
    )
    const half = checkCosts(
      vz,
      years,
      [{ year: 2026, category: 'coordination', cents: 9_000_001 }],
      [{ year: 2026, key: 'coordinator_fte', value: 150 }],
    )
    const errors = problemsToErrors(half, (key, params) => `${key} ${JSON.stringify(params)}`, 'de')
    assert.match(errors.cost_2026_coordination ?? '', /90\.000,00 €.*60\.000,00 € je Vollzeitstelle/)
    assert.equal(
      checkCosts(vz, years, [], [{ year: 2027, key: 'coordinator_fte', value: 100 }])[0]?.key,
      'funding.rule.unknownCost',
    )
  })

  it('limits volunteer hours per ordinary and coordinating volunteer at 5 € an hour (property)', () => {
    const il = line('IL')
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (ordinary, coordinating, hours, paidHours) => {
          const problems = checkCosts(
            il,
            [2026],
            [{ year: 2026, category: 'allowance', cents: paidHours * 500 }],
            [
              { year: 2026, key: 'volunteers', value: ordinary },
              { year: 2026, key: 'coordinating_volunteers', value: coordinating },
              { year: 2026, key: 'hours', value: hours },
            ],
          )
          const byField = Object.fromEntries(problems.map((p) => [p.field, p.key]))
          const limit = 276 * ordinary + 414 * coordinating
          assert.equal(byField.qty_2026_hours, hours > limit ? 'funding.rule.qtyPer' : undefined)
          const expected =
            paidHours === 0
              ? undefined
              : hours === 0
                ? 'funding.rule.qtyNeeded'
                : paidHours > hours
                  ? 'funding.rule.perUnitCap'
                  : undefined
          assert.equal(byField.cost_2026_allowance, expected)
        },
      ),
    )
    const over = checkCosts(
      il,
      [2026],
      [],
      [
        { year: 2026, key: 'volunteers', value: 2 },
        { year: 2026, key: 'coordinating_volunteers', value: 1 },
        { year: 2026, key: 'hours', value: 967 },
      ],
    )
    const en = problemsToErrors(over, (key, params) => `${key} ${JSON.stringify(params)}`, 'en')
    assert.match(en.qty_2026_hours ?? '', /"max":"966".*276 per volunteer, 414 per coordinating volunteer/)
  })

  it('grants the coordination flat rate only to pools of at least five volunteers', () => {
    const il = line('IL')
    const flat = (ordinary: number, coordinating: number) =>
      checkCosts(
        il,
        [2026],
        [{ year: 2026, category: 'coordination_flat', cents: 200_000 }],
        [
          { year: 2026, key: 'volunteers', value: ordinary },
          { year: 2026, key: 'coordinating_volunteers', value: coordinating },
        ],
      )
    assert.equal(flat(3, 1)[0]?.key, 'funding.rule.minPool')
    assert.deepEqual(flat(4, 1), [])
    assert.deepEqual(flat(5, 0), [])
    assert.equal(
      checkCosts(
        il,
        [2026],
        [{ year: 2026, category: 'coordination_flat', cents: 200_001 }],
        [{ year: 2026, key: 'volunteers', value: 9 }],
      )[0]?.key,
      'funding.rule.costCap',
    )
  })

  it('checks population limits and joint applications of small municipalities', () => {
    const kiv = line('KIV')
    const town = (population: number | null) =>
      ({
        kind: 'municipality',
        nonProfit: false,
        registerNumber: null,
        officialKey: '06431001',
        population,
      }) as const
    assert.deepEqual(checkEligibility(kiv, town(25_000)), [])
    assert.equal(checkEligibility(kiv, town(50_001))[0]?.key, 'funding.rule.populationMax')
    assert.equal(checkEligibility(kiv, town(null))[0]?.key, 'funding.rule.populationUnknown')
    assert.deepEqual(checkEligibility(kiv, town(4_000)), [], 'small towns may start a joint application')
    assert.equal(
      checkEligibility({ ...kiv, population: { min: 10_000, jointBelowMin: false } }, town(4_000))[0]?.key,
      'funding.rule.populationMin',
    )
    assert.deepEqual(checkPartners(kiv, town(25_000), NO_PARTNERS), [])
    assert.deepEqual(checkPartners(kiv, town(4_000), NO_PARTNERS), [
      { field: 'joint', key: 'funding.rule.populationJoint', params: { population: 10_000 } },
    ])
    const joint = (...pops: (number | null)[]) => ({
      joint: true,
      municipalities: pops.map((population, i) => ({ name: `Gemeinde ${i}`, population })),
      organisation: null,
    })
    assert.equal(checkPartners(kiv, town(4_000), joint())[0]?.key, 'funding.rule.partnersMissing')
    assert.deepEqual(checkPartners(kiv, town(4_000), joint(3_000, 2_999))[0], {
      field: 'partnerMunicipalities',
      key: 'funding.rule.jointTooSmall',
      params: { sum: 9_999, population: 10_000 },
    })
    assert.deepEqual(checkPartners(kiv, town(4_000), joint(3_000, 3_000)), [])
    assert.equal(
      checkPartners(kiv, town(4_000), joint(null))[0]?.key,
      'funding.rule.partnerPopulationUnknown',
    )
    assert.equal(checkPartners(kiv, town(4_000), joint(60_000))[0]?.key, 'funding.rule.partnerTooLarge')
    assert.equal(
      checkPartners(kiv, town(4_000), { ...joint(6_000), joint: false })[0]?.key,
      'funding.rule.jointUnticked',
    )
    assert.equal(checkPartners(line('IP'), town(4_000), joint(6_000))[0]?.key, 'funding.rule.jointNotAllowed')
    // property: a joint application passes exactly when the summed population reaches the minimum
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9_999 }),
        fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 5 }),
        (own, partners) => {
          const ok = own + partners.reduce((s, n) => s + n, 0) >= 10_000
          const problems = checkPartners(kiv, town(own), joint(...partners))
          assert.equal(problems.length === 0, ok)
        },
      ),
    )
  })

  it('lets municipalities apply for MSO money only together with a registered non-profit MSO', () => {
    const mso = line('MSO')
    const city = {
      kind: 'municipality',
      nonProfit: false,
      registerNumber: null,
      officialKey: '06412000',
      population: 750_000,
    } as const
    const partner = {
      kind: 'migrant_organisation',
      nonProfit: true,
      registerNumber: 'VR 1',
      officialKey: null,
    } as const
    assert.deepEqual(checkEligibility(mso, city), [])
    assert.deepEqual(checkPartners(mso, city, NO_PARTNERS), [
      { field: 'partnerOrganisationId', key: 'funding.rule.partnerRequired' },
    ])
    assert.deepEqual(checkPartners(mso, city, { ...NO_PARTNERS, organisation: partner }), [])
    for (const bad of [
      { ...partner, nonProfit: false },
      { ...partner, registerNumber: null },
      { ...partner, kind: 'association' as const },
    ]) {
      assert.equal(
        checkPartners(mso, city, { ...NO_PARTNERS, organisation: bad })[0]?.key,
        'funding.rule.partnerNotEligible',
      )
    }
    // the MSO itself applies alone
    assert.deepEqual(checkPartners(mso, partner, NO_PARTNERS), [])
    assert.equal(
      checkPartners(mso, partner, { ...NO_PARTNERS, organisation: partner })[0]?.key,
      'funding.rule.partnerNotAllowed',
    )
  })
})

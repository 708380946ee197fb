import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { who } from '../../../test/helpers/policy'
import type { Who } from '../../platform/policy'
import { adoptsVersion, editsContent, recordsProgress, seesVersion, startsDraft } from './policies'
import type { PlanVersionState } from './tables'

const visitor = who(null)
const citizen = who('u-citizen')
const ministry = who('u-ministry', ['plan.manage'])
const STATES: PlanVersionState[] = ['draft', 'adopted', 'superseded']

describe('integration plan policies', () => {
  // actor → [draft, adopted, superseded] for each rule
  const TABLE: [string, Who, Record<string, [boolean, boolean, boolean]>][] = [
    [
      'visitor',
      visitor,
      {
        sees: [false, true, true],
        edits: [false, false, false],
        records: [false, false, false],
        adopts: [false, false, false],
      },
    ],
    [
      'signed-in citizen',
      citizen,
      {
        sees: [false, true, true],
        edits: [false, false, false],
        records: [false, false, false],
        adopts: [false, false, false],
      },
    ],
    [
      'ministry',
      ministry,
      {
        sees: [true, true, true],
        edits: [true, false, false],
        records: [false, true, false],
        adopts: [true, false, false],
      },
    ],
  ]
  const RULES = { sees: seesVersion, edits: editsContent, records: recordsProgress, adopts: adoptsVersion }
  for (const [name, actor, expected] of TABLE)
    for (const [rule, fn] of Object.entries(RULES))
      STATES.forEach((state, i) => {
        it(`${name} ${rule} a ${state} version: ${expected[rule]![i]}`, () => {
          assert.equal(fn(actor, state), expected[rule]![i])
        })
      })

  const DRAFT: [string, Who, boolean, boolean][] = [
    ['ministry, no draft yet', ministry, false, true],
    ['ministry, a draft exists', ministry, true, false],
    ['citizen', citizen, false, false],
    ['visitor', visitor, false, false],
  ]
  for (const [name, actor, exists, expected] of DRAFT)
    it(`starts a draft: ${name} → ${expected}`, () => assert.equal(startsDraft(actor, exists), expected))
})

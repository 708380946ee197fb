import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { who } from '../../../test/helpers/policy'
import { mayOnRelease, type ReleaseAction, seesUnpublished } from './policies'
import { RELEASE_STATUSES, type ReleaseStatus } from './tables'

const visitor = who(null)
const reader = who('u-reader', [])
const editor = who('u-editor', ['press.edit'])
const publisher = who('u-publisher', ['press.edit', 'press.publish'])

// actor × release status × action → allowed
const TABLE: [string, ReturnType<typeof who>, ReleaseStatus, ReleaseAction, boolean][] = [
  ['visitor reads a published release', visitor, 'published', 'read', true],
  ['visitor reads a draft', visitor, 'draft', 'read', false],
  ['visitor reads a scheduled release', visitor, 'scheduled', 'read', false],
  ['visitor reads an archived release', visitor, 'archived', 'read', false],
  ['signed-in reader reads a draft', reader, 'draft', 'read', false],
  ['signed-in reader reads a published release', reader, 'published', 'read', true],
  ['editor reads a draft', editor, 'draft', 'read', true],
  ['editor reads an archived release', editor, 'archived', 'read', true],
  ['visitor edits', visitor, 'published', 'edit', false],
  ['reader edits', reader, 'draft', 'edit', false],
  ['editor edits a draft', editor, 'draft', 'edit', true],
  ['editor edits a published release', editor, 'published', 'edit', true],
  ['editor publishes', editor, 'draft', 'changeStatus', false],
  ['publisher publishes', publisher, 'draft', 'changeStatus', true],
  ['visitor publishes', visitor, 'draft', 'changeStatus', false],
]

describe('press policies', () => {
  for (const [label, actor, status, action, allowed] of TABLE) {
    it(`${label}: ${allowed ? 'allowed' : 'refused'}`, () => {
      assert.equal(mayOnRelease(actor, action, { status }), allowed)
    })
  }

  it('covers every status', () => {
    assert.deepEqual([...new Set(TABLE.map((r) => r[2]))].sort(), [...RELEASE_STATUSES].sort())
  })

  it('lets only the press office see what is not published', () => {
    assert.equal(seesUnpublished(editor), true)
    assert.equal(seesUnpublished(reader), false)
    assert.equal(seesUnpublished(visitor), false)
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isUuid } from './ids'
import { isCheckViolation, isUniqueViolation, ok, problemKey, Refused, refusable, refuse } from './outcome'

describe('outcome', () => {
  it('builds one shape for success and refusal', () => {
    assert.deepEqual(ok(3), { ok: true, value: 3 })
    assert.deepEqual(refuse('form.invalid'), {
      ok: false,
      problems: [{ field: '_form', key: 'form.invalid' }],
    })
    assert.deepEqual(refuse('form.invalid', 'name', { max: 3 }), {
      ok: false,
      problems: [{ field: 'name', key: 'form.invalid', params: { max: 3 } }],
    })
    assert.equal(problemKey(refuse('form.invalid')), 'form.invalid')
    assert.equal(problemKey(ok(1)), null)
  })

  it('turns a Refused thrown inside the work into the refusal, and rethrows anything else', async () => {
    assert.deepEqual(await refusable(async () => 7), { ok: true, value: 7 })
    assert.deepEqual(
      await refusable(async () => {
        throw new Refused(refuse('form.choice', 'id'))
      }),
      { ok: false, problems: [{ field: 'id', key: 'form.choice' }] },
    )
    await assert.rejects(
      refusable(async () => {
        throw new Error('boom')
      }),
      /boom/,
    )
    const mapped = await refusable(
      async () => {
        throw Object.assign(new Error('db'), { cause: { code: '23514', constraint: 'things_positive' } })
      },
      (err) => (isCheckViolation(err, 'things_') ? refuse('form.required') : null),
    )
    assert.equal(problemKey(mapped), 'form.required')
  })

  it('recognises database errors on both drivers (drizzle wraps them as cause)', () => {
    const wrapped = Object.assign(new Error('q'), { cause: { code: '23505', constraint: 'a_idx' } })
    const bare = Object.assign(new Error('q'), { code: '23505', constraint: 'a_idx' })
    for (const err of [wrapped, bare]) {
      assert.equal(isUniqueViolation(err), true)
      assert.equal(isUniqueViolation(err, 'a_idx'), true)
      assert.equal(isUniqueViolation(err, 'b_idx'), false)
      assert.equal(isCheckViolation(err, 'a'), false)
    }
    assert.equal(isUniqueViolation(new Error('plain')), false)
  })

  it('tells record ids from anything else', () => {
    assert.equal(isUuid('0b0c6a4e-1d2f-4a5b-9c8d-7e6f5a4b3c2d'), true)
    assert.equal(isUuid('0B0C6A4E-1D2F-4A5B-9C8D-7E6F5A4B3C2D'), true)
    for (const bad of ['', 'kein-uuid', '..', '0b0c6a4e-1d2f-4a5b-9c8d-7e6f5a4b3c2', "1' or '1'='1"])
      assert.equal(isUuid(bad), false, bad)
  })
})

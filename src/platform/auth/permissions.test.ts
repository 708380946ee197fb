import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { definePermissions, PermissionRegistry } from './permissions'

describe('PermissionRegistry', () => {
  const registry = new PermissionRegistry()
  registry.add(definePermissions({ 'press.edit': ['press', 'admin'], 'press.publish': ['admin'] }))
  registry.add({ 'users.manage': ['admin'] })

  it('grants a permission to the roles that hold it, and to no one else', () => {
    assert.equal(registry.can({ roles: ['press'] }, 'press.edit'), true)
    assert.equal(registry.can({ roles: ['press'] }, 'press.publish'), false)
    assert.equal(registry.can({ roles: ['reader', 'admin'] }, 'press.publish'), true)
    assert.equal(registry.can({ roles: [] }, 'press.edit'), false)
    assert.equal(registry.can(null, 'press.edit'), false, 'anonymous visitors hold nothing')
  })

  it('throws for an unknown permission instead of silently denying or allowing', () => {
    assert.throws(() => registry.can({ roles: ['admin'] }, 'press.edti'), /Unknown permission: press.edti/)
    assert.throws(() => registry.can(null, 'nope'), /Unknown permission/)
  })

  it('refuses a permission declared twice', () => {
    assert.throws(() => registry.add({ 'press.edit': ['x'] }), /declared twice/)
  })

  it('knows every role named in a grant', () => {
    assert.deepEqual([...registry.roles].sort(), ['admin', 'press'])
    assert.equal(registry.has('users.manage'), true)
    assert.equal(registry.has('users.delete'), false)
  })
})

import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { definePermissions, type Permission, PermissionRegistry } from './permissions'

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
    // A misspelt permission does not compile (Permission is derived from the features' declarations);
    // should one reach the registry anyway, it throws.
    // @ts-expect-error 'press.edti' is not a declared permission
    assert.throws(() => registry.can({ roles: ['admin'] }, 'press.edti'), /Unknown permission: press.edti/)
    // @ts-expect-error 'nope' is not a declared permission
    assert.throws(() => registry.can(null, 'nope'), /Unknown permission/)
  })

  it('types a permission as one some feature declares', () => {
    const declared: Permission[] = ['press.edit', 'funding.approve', 'councils.manageOwn', 'users.manage']
    // @ts-expect-error a misspelt permission is not a Permission
    const misspelt: Permission = 'funding.aprove'
    assert.equal(declared.length, 4)
    assert.equal(misspelt, 'funding.aprove')
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

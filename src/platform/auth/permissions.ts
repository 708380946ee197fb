import type { CurrentUser } from '../http/context'

/** A feature's permissions and the roles that hold them: { 'press.edit': ['press'] }. */
export type PermissionGrants = Readonly<Record<string, readonly string[]>>

/** Declares a feature's permissions; each role named here becomes a known role. */
export function definePermissions<const P extends PermissionGrants>(grants: P): P {
  return grants
}

export class PermissionRegistry {
  private readonly byPermission = new Map<string, Set<string>>()
  readonly roles = new Set<string>()

  add(grants: PermissionGrants): void {
    for (const [permission, roles] of Object.entries(grants)) {
      if (this.byPermission.has(permission)) throw new Error(`Permission declared twice: ${permission}`)
      this.byPermission.set(permission, new Set(roles))
      for (const r of roles) this.roles.add(r)
    }
  }

  /** Unknown permissions are a programming error: a typo must not silently deny or allow. */
  can(user: Pick<CurrentUser, 'roles'> | null, permission: string): boolean {
    const roles = this.byPermission.get(permission)
    if (!roles) throw new Error(`Unknown permission: ${permission}`)
    return !!user && user.roles.some((r) => roles.has(r))
  }

  /** The roles holding a permission (unknown permissions are a programming error, as in can()). */
  rolesOf(permission: string): string[] {
    const roles = this.byPermission.get(permission)
    if (!roles) throw new Error(`Unknown permission: ${permission}`)
    return [...roles]
  }

  has(permission: string): boolean {
    return this.byPermission.has(permission)
  }
}

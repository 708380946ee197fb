import type { CurrentUser } from '../http/context'

/** A feature's permissions and the roles that hold them: { 'press.edit': ['press'] }. */
export type PermissionGrants = Readonly<Record<string, readonly string[]>>

/**
 * Every permission a feature declares. Each feature's permissions.ts adds its own through
 * declaration merging (see src/features/press/permissions.ts):
 *
 *   declare module '../../platform/auth/permissions' {
 *     interface DeclaredPermissions extends PermissionsOf<typeof pressPermissions> {}
 *   }
 *
 * so `requirePermission('press.edti')` does not compile.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each feature
export interface DeclaredPermissions {}

/** A permission some feature declares. */
export type Permission = keyof DeclaredPermissions & string

/** The permission names of a grant object, as members for `DeclaredPermissions`. */
export type PermissionsOf<G extends PermissionGrants> = { readonly [K in keyof G & string]: true }

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

  /**
   * Unknown permissions are a programming error: the compiler refuses a misspelt name, and a name
   * declared by a feature that is not registered (a test app with fewer features) throws here.
   */
  can(user: Pick<CurrentUser, 'roles'> | null, permission: Permission): boolean {
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

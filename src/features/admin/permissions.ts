import { definePermissions, type PermissionsOf } from '../../platform/auth/permissions'

export const adminPermissions = definePermissions({
  'audit.read': ['admin'],
  'mail.read': ['admin'],
  'operator.manage': ['admin'],
  'languages.read': ['admin'],
})

declare module '../../platform/auth/permissions' {
  interface DeclaredPermissions extends PermissionsOf<typeof adminPermissions> {}
}

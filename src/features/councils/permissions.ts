import { definePermissions, type PermissionsOf } from '../../platform/auth/permissions'

/**
 * agah_office manages every council, the agah and all meetings; council_secretary manages the one
 * council linked to their account (council_staff); delegates (and the staff) see non-public items.
 */
export const councilsPermissions = definePermissions({
  'councils.manage': ['agah_office', 'admin'],
  'councils.manageOwn': ['council_secretary'],
  'meetings.readNonPublic': ['agah_office', 'council_secretary', 'delegate', 'admin'],
})

declare module '../../platform/auth/permissions' {
  interface DeclaredPermissions extends PermissionsOf<typeof councilsPermissions> {}
}

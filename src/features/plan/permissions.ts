import { definePermissions, type PermissionsOf } from '../../platform/auth/permissions'

/** The ministry's integration unit (role `ministry`) keeps the integration plan; administrators may too. */
export const planPermissions = definePermissions({
  /** Create a draft version, edit it, adopt it; record progress and indicator values. */
  'plan.manage': ['ministry', 'admin'],
  /** Comment in an open comment round (an account standing for a member of the integration conference). */
  'plan.comment': ['conference_member'],
})

declare module '../../platform/auth/permissions' {
  interface DeclaredPermissions extends PermissionsOf<typeof planPermissions> {}
}

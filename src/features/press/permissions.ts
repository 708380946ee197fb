import { definePermissions, type PermissionsOf } from '../../platform/auth/permissions'

/** The press office (role `press`) writes and publishes releases; administrators may too. */
export const pressPermissions = definePermissions({
  /** Create and edit drafts, attachments, topics and contacts; see drafts and previews. */
  'press.edit': ['press', 'admin'],
  /** Publish, schedule, withdraw and archive releases. */
  'press.publish': ['press', 'admin'],
})

declare module '../../platform/auth/permissions' {
  interface DeclaredPermissions extends PermissionsOf<typeof pressPermissions> {}
}

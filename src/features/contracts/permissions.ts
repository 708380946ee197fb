import { definePermissions, type PermissionsOf } from '../../platform/auth/permissions'

/**
 * contracts.manage: the ministry's integration unit (role `ministry`) and administrators keep the
 * register of integration contracts.
 * contracts.report: a partner organisation's accounts (role `contract_partner`, linked to their
 * directory organisation by funding's organisation accounts) report on their own contracts' milestones
 * (record level: policies.ts).
 */
export const contractsPermissions = definePermissions({
  'contracts.manage': ['ministry', 'admin'],
  'contracts.report': ['contract_partner'],
  /** Comment in an open comment round on a contract draft (an account standing for a conference member). */
  'contracts.comment': ['conference_member'],
})

declare module '../../platform/auth/permissions' {
  interface DeclaredPermissions extends PermissionsOf<typeof contractsPermissions> {}
}

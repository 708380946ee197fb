import { definePermissions, type PermissionsOf } from '../../platform/auth/permissions'

/**
 * Roles: funding_admin (programme set-up: lines, rules, budgets), funding_officer (review, proposals,
 * rejections), funding_approver (second signature on approvals), applicant (organisation users).
 */
export const fundingPermissions = definePermissions({
  'funding.manage': ['funding_admin', 'admin'],
  'funding.review': ['funding_officer', 'funding_approver', 'funding_admin'],
  'funding.propose': ['funding_officer'],
  'funding.approve': ['funding_approver'],
  'funding.apply': ['applicant'],
})

declare module '../../platform/auth/permissions' {
  interface DeclaredPermissions extends PermissionsOf<typeof fundingPermissions> {}
}

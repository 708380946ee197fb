import { definePermissions, type PermissionsOf } from '../../platform/auth/permissions'

/**
 * offers.provide: the accounts of an organisation (role applicant, linked to their directory organisation
 * by funding's applicant accounts) keep that organisation's offers (record level: policies.ts).
 * offers.manage: staff of the offers finder edit every offer and import CSV files.
 */
export const offersPermissions = definePermissions({
  'offers.provide': ['applicant'],
  'offers.manage': ['offers_editor', 'admin'],
})

declare module '../../platform/auth/permissions' {
  interface DeclaredPermissions extends PermissionsOf<typeof offersPermissions> {}
}

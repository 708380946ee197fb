import { definePermissions, type PermissionsOf } from '../../platform/auth/permissions'

/**
 * offers.provide: a provider account keeps its own organisation's offers (record level: policies.ts).
 * offers.manage: staff of the offers finder edit every offer and import CSV files.
 */
export const offersPermissions = definePermissions({
  'offers.provide': ['offers_provider'],
  'offers.manage': ['offers_editor', 'admin'],
})

declare module '../../platform/auth/permissions' {
  interface DeclaredPermissions extends PermissionsOf<typeof offersPermissions> {}
}

import { definePermissions, type PermissionsOf } from '../../platform/auth/permissions'

/**
 * network_office: the office of the network (agah) keeps the member centres and routes reports no
 * centre was chosen for; it sees when, where and on which grounds, never what happened or who.
 * counsellor: bound to one centre (antidisc_counsellors), reads and answers that centre's reports.
 * Administrators hold neither: case files are for the counsellors of the owning centre only.
 */
export const antidiscPermissions = definePermissions({
  'antidisc.network': ['network_office'],
  'antidisc.counsel': ['counsellor'],
})

declare module '../../platform/auth/permissions' {
  interface DeclaredPermissions extends PermissionsOf<typeof antidiscPermissions> {}
}

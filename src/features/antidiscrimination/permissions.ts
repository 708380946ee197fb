import { definePermissions, type PermissionsOf } from '../../platform/auth/permissions'

/**
 * network_office: the office of the network (agah) keeps the member centres and routes reports no
 * centre was chosen for; it sees when, where and on which grounds, never what happened or who.
 * counsellor: bound to one centre (antidisc_counsellors), reads and answers that centre's reports.
 * The network office is also the custodian (antidisc.custody): a counsellor sees an identity an
 * anonymous reporter disclosed only after a custodian approved it (cases/identity.ts).
 * Administrators hold none: case files are for the counsellors of the owning centre only.
 */
export const antidiscPermissions = definePermissions({
  'antidisc.network': ['network_office'],
  'antidisc.counsel': ['counsellor'],
  /** The custodian step: releases an anonymous reporter's disclosed identity to the centre. */
  'antidisc.custody': ['network_office'],
})

declare module '../../platform/auth/permissions' {
  interface DeclaredPermissions extends PermissionsOf<typeof antidiscPermissions> {}
}

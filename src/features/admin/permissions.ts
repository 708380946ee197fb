import { definePermissions } from '../../platform/auth/permissions'

export const adminPermissions = definePermissions({
  'audit.read': ['admin'],
  'mail.read': ['admin'],
  'operator.manage': ['admin'],
})

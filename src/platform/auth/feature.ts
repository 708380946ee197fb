import { CLI_ACTOR } from '../audit'
import { defineFeature } from '../feature'
import { accountAdminRoutes } from './account-admin-routes'
import { resetPasswordCommand, resetTwoFactorCommand } from './cli'
import { authMessages } from './messages'
import { generatePassword } from './passwords'
import { definePermissions, type PermissionsOf } from './permissions'
import { authRoutes } from './routes'
import { createUser } from './users'

/** Administrators manage the accounts. */
export const authPermissions = definePermissions({
  'users.manage': ['admin'],
})

declare module './permissions' {
  interface DeclaredPermissions extends PermissionsOf<typeof authPermissions> {}
}

export const authFeature = defineFeature({
  name: 'auth',
  staffOnlyMessages: ['auth.users', 'auth.role'],
  messages: authMessages,
  permissions: authPermissions,
  routes(app, deps) {
    authRoutes(app, deps)
    accountAdminRoutes(app, deps)
  },
  discovery: { noIndex: ['/anmelden', '/konto'] },
  cli: { 'reset-two-factor': resetTwoFactorCommand, 'reset-password': resetPasswordCommand },
  async seedDemo(deps, print) {
    const password = generatePassword()
    const email = 'admin@teilhabe.example'
    const result = await createUser(
      deps.db,
      CLI_ACTOR,
      { email, displayName: 'Demo-Administration', password, roles: ['admin'] },
      deps.permissions.roles,
    )
    if (result.ok) {
      print(
        `Demo admin: ${email}  password: ${password}  (shown once; sign in at ${deps.config.publicUrl}/anmelden)`,
      )
    }
  },
})

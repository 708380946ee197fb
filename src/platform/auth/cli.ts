import { CLI_ACTOR } from '../audit'
import type { CliCommand } from '../feature'
import { resetTotp } from './disable-totp'
import { findUserByEmail } from './users'

export const resetTwoFactorCommand: CliCommand = {
  description: 'Turn off two-factor sign-in for an account (lost authenticator device); ends its sessions.',
  usage: '--email <address>',
  async run(deps, args, io) {
    const email = args.flags.email?.[0]
    if (!email || email === 'true') {
      io.err('Please give the account: --email <address>')
      return 64
    }
    const user = await findUserByEmail(deps.db, email)
    if (!user) {
      io.err(`No account with the e-mail address ${email}.`)
      return 1
    }
    const result = await resetTotp(deps.db, CLI_ACTOR, user.id)
    io.out(
      result === 'reset'
        ? `Two-factor sign-in turned off for ${user.email}; the account's sessions were ended.`
        : `Two-factor sign-in was not on for ${user.email}; nothing changed.`,
    )
    return 0
  },
}

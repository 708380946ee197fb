import { CLI_ACTOR } from '../audit'
import type { CliCommand } from '../feature'
import { resetTotp } from './disable-totp'
import { generatePassword, PASSWORD_MIN_LENGTH } from './passwords'
import { resetPassword } from './reset-password'
import { createUser, findUserByEmail } from './users'

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

/**
 * Sets a new password for an account (a demo login whose password was shown only once, an
 * administrator locked out). On a terminal it asks twice (hidden); otherwise it generates one and
 * prints it once. Lifts a lock-out and ends the account's sessions (audited).
 */
export const resetPasswordCommand: CliCommand = {
  description: 'Set a new password for an account (asked on a terminal, else generated); ends its sessions.',
  usage: '--email <address>',
  async run(deps, args, io) {
    const email = args.flags.email?.at(-1)?.trim()
    if (!email || email === 'true') {
      io.err('Please give the account: --email <address>')
      return 64
    }
    const user = await findUserByEmail(deps.db, email)
    if (!user) {
      io.err(`No account with the e-mail address ${email}.`)
      return 1
    }
    let password: string
    let generated = false
    if (io.prompt) {
      password = await io.prompt(
        `New password for ${user.email} (at least ${PASSWORD_MIN_LENGTH} characters): `,
        true,
      )
      if (password !== (await io.prompt('Repeat the password: ', true))) {
        io.err('The passwords do not match; nothing was changed.')
        return 1
      }
    } else {
      password = generatePassword()
      generated = true
    }
    const result = await resetPassword(deps.db, CLI_ACTOR, user.id, password)
    if (!result.ok) {
      io.err(
        result.error === 'too_short'
          ? `The password must have at least ${PASSWORD_MIN_LENGTH} characters; nothing was changed.`
          : `No account with the e-mail address ${email}.`,
      )
      return 1
    }
    io.out(
      `New password set for ${user.email}; ${result.sessionsEnded} session(s) ended, any lock-out lifted.`,
    )
    if (generated) io.out(`Password: ${password}  (shown only now)`)
    return 0
  },
}

const USAGE = 'create-user --email E --role R [--role R2]… [--name N]'
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * Creates a staff account. On a terminal it asks for the password twice (hidden); otherwise
 * (scripts, containers) it generates one and prints it once.
 */
export const createUserCommand: CliCommand = {
  description:
    'Create a staff account with one or more roles (password asked on a terminal, else generated).',
  usage: '--email E --role R [--role R2]… [--name N]',
  async run(deps, args, io) {
    const email = args.flags.email?.at(-1)?.trim()
    const roles = [...new Set(args.flags.role ?? [])]
    const known = [...deps.permissions.roles].sort().join(', ')
    if (!email || email === 'true' || !EMAIL.test(email)) {
      io.err(`A valid e-mail address is required.\nUsage: ${USAGE}`)
      return 64
    }
    if (roles.length === 0 || roles.includes('true')) {
      io.err(`At least one --role is required. Known roles: ${known}\nUsage: ${USAGE}`)
      return 64
    }
    const unknown = roles.filter((r) => !deps.permissions.roles.has(r))
    if (unknown.length) {
      io.err(`Unknown role${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Known roles: ${known}`)
      return 1
    }
    const name = args.flags.name?.at(-1)?.trim() || email.split('@')[0] || email
    let password: string
    let generated = false
    if (io.prompt) {
      password = await io.prompt(`Password for ${email} (at least ${PASSWORD_MIN_LENGTH} characters): `, true)
      const again = await io.prompt('Repeat the password: ', true)
      if (password !== again) {
        io.err('The passwords do not match; nothing was created.')
        return 1
      }
    } else {
      password = generatePassword()
      generated = true
    }
    const result = await createUser(
      deps.db,
      CLI_ACTOR,
      { email, displayName: name, password, roles },
      deps.permissions.roles,
    )
    if (!result.ok) {
      const why = {
        email_taken: `An account with ${email} already exists.`,
        password_too_short: `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`,
        unknown_role: `Unknown role: ${result.detail ?? '?'}. Known roles: ${known}`,
      }[result.error]
      io.err(`${why} Nothing was created.`)
      return 1
    }
    io.out(`Created ${email} with role${roles.length > 1 ? 's' : ''} ${roles.join(', ')} (id ${result.id}).`)
    if (generated) io.out(`Password: ${password}  (shown only now; change it after the first sign-in)`)
    return 0
  },
}

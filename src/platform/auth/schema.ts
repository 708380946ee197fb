import Type from 'typebox'
import type { MessageKey } from '../i18n'

export const SignInForm = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
  next: Type.Optional(Type.String({ maxLength: 2048 })),
})

const need = (key: MessageKey) => ({ required: key, minLength: key })

export const SIGN_IN_MESSAGES = {
  email: need('auth.signIn.msg.email'),
  password: need('auth.signIn.msg.password'),
} as const

export const NextQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2048 })) })

export const ChangePasswordForm = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  confirmPassword: Type.String({ minLength: 1, maxLength: 1024 }),
})

export const CHANGE_PASSWORD_MESSAGES = {
  currentPassword: need('auth.password.msg.current'),
  newPassword: need('auth.password.msg.new'),
  confirmPassword: need('auth.password.msg.confirm'),
} as const

/** The new password's rules, checked with the empty fields in one pass (the current one needs the database). */
export function newPasswordProblems(v: Readonly<Record<string, unknown>>, min: number) {
  const out: { field: string; key: MessageKey; params?: { min: number } }[] = []
  const next = typeof v.newPassword === 'string' ? v.newPassword : undefined
  if (next !== undefined && next.length < min)
    out.push({ field: 'newPassword', key: 'auth.password.tooShort', params: { min } })
  if (next !== undefined && next === v.currentPassword)
    out.push({ field: 'newPassword', key: 'auth.password.same' })
  if (next !== undefined && typeof v.confirmPassword === 'string' && v.confirmPassword !== next) {
    out.push({ field: 'confirmPassword', key: 'auth.password.mismatch' })
  }
  return out
}

export const SecondFactorForm = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 20 }),
  next: Type.Optional(Type.String({ maxLength: 2048 })),
})

export const EnableTotpForm = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 20 }),
  pending: Type.String({ minLength: 1, maxLength: 1000 }),
})

export const DisableTotpForm = Type.Object({
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  code: Type.Optional(Type.String({ maxLength: 20 })),
})

export const ForgotPasswordForm = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254, format: 'email' }),
})

export const TokenQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) })

export const SetPasswordForm = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200 }),
  newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  confirmPassword: Type.String({ minLength: 1, maxLength: 1024 }),
})

/** Checkboxes send one value as a string and several as an array. */
const RoleList = Type.Union([
  Type.String({ maxLength: 40 }),
  Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50 }),
])

export const InviteUserForm = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254, format: 'email' }),
  displayName: Type.String({ minLength: 1, maxLength: 200 }),
  roles: Type.Optional(RoleList),
})

export const EditUserForm = Type.Object({
  displayName: Type.String({ minLength: 1, maxLength: 200 }),
  roles: Type.Optional(RoleList),
  active: Type.Optional(Type.Literal('on')),
})

export const UsersQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  role: Type.Optional(Type.String({ maxLength: 40 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
})

export const UserParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

export const roleList = (raw: string | readonly string[] | undefined): string[] =>
  raw === undefined ? [] : typeof raw === 'string' ? [raw] : [...raw]

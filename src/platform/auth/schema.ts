import Type from 'typebox'

export const SignInForm = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
  next: Type.Optional(Type.String({ maxLength: 2048 })),
})

export const NextQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2048 })) })

export const ChangePasswordForm = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  confirmPassword: Type.String({ minLength: 1, maxLength: 1024 }),
})

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

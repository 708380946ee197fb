import Type from 'typebox'

export const SignInForm = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
  next: Type.Optional(Type.String({ maxLength: 2048 })),
})

export const NextQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2048 })) })

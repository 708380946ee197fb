import type { Permission } from './auth/permissions'

/**
 * Who is acting, as record-level rules (each feature's policies.ts) see it: the signed-in user's id
 * (null for a visitor, the CLI or the system) and the permissions held. Routes build it from the
 * request (`whoOf(request)`), use cases from their actor (`whoOfActor`), so both ask the same rule.
 */
export interface Who {
  readonly id: string | null
  can(permission: Permission): boolean
}

/** A visitor: nobody, holding nothing. */
export const VISITOR: Who = { id: null, can: () => false }

/** A route's actor: the signed-in user (or a visitor) with the request's permission check. */
export function whoOf(request: { user: { id: string } | null; can(permission: Permission): boolean }): Who {
  const user = request.user
  return user ? { id: user.id, can: (p) => request.can(p) } : VISITOR
}

import type { Who } from '../../src/platform/policy'

/** An actor for policy tables: a user id (null = visitor) holding exactly the given permissions. */
export function who(id: string | null, permissions: readonly string[] = []): Who {
  return { id, can: (p) => id !== null && permissions.includes(p) }
}

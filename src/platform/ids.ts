import Type from 'typebox'

/** Record ids are UUIDs (gen_random_uuid()). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether a string can be a record id at all; anything else is "not found" before any query. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value)
}

/** A uuid path or form parameter. In a route's `params` schema a non-uuid answers 404 (plugin.tsx). */
export const Uuid = () => Type.String({ format: 'uuid' })

/** `params` of a route `/…/:id`. */
export const IdParams = Type.Object({ id: Uuid() })

/** A route without a query string: any unknown parameters are ignored, none are read. */
export const NoQuery = Type.Object({})

import { getTableName, is, Table } from 'drizzle-orm'
import type { Db } from '../../src/platform/db'

/**
 * The same database, noting the table of every `select … from` it runs: for tests that a rule is
 * checked before a record is read (e.g. ownership before a notice is loaded). Joins and writes are
 * not noted; the queries run unchanged against the real database.
 */
export function recordingReads(db: Db): { db: Db; tables: string[] } {
  const tables: string[] = []
  const builder = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(obj, prop, receiver) {
        const value = Reflect.get(obj, prop, receiver)
        if (prop !== 'from' || typeof value !== 'function') return value
        return (table: unknown, ...rest: unknown[]) => {
          tables.push(is(table, Table) ? getTableName(table) : String(table))
          return value.call(obj, table, ...rest)
        }
      },
    })
  const proxy = new Proxy(db, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver)
      if (typeof value !== 'function') return value
      if (prop === 'select' || prop === 'selectDistinct')
        return (...args: unknown[]) => builder(value.apply(obj, args))
      return value.bind(obj)
    },
  })
  return { db: proxy, tables }
}

import { createHmac } from 'node:crypto'
import { and, count, eq, lte, sql } from 'drizzle-orm'
import { type Db, inTransaction } from '../../../platform/db'
import { antidiscReceiptTries } from '../tables'

/** One try with a receipt code, taken before the code is looked at. */
export interface ReceiptTry {
  /** The code was right: the try does not count against the address. */
  giveBack(): Promise<void>
}

/**
 * Throttles wrong receipt codes per client address, counted in PostgreSQL (table
 * antidisc_receipt_tries) so the lock-out holds across every app node: `limit` tries within
 * `windowMs` per address, wherever they arrive. The address is never stored: what is kept is an HMAC
 * of it, forgotten once the try has left the window.
 *
 * A try is taken *before* the code is checked and given back when the code was right, so the tries
 * in flight count too: `limit` wrong codes sent at once from one address (to one node or to several)
 * cannot all get past the check before the first is recorded. Taking a try is serialised per
 * address by a transaction-scoped advisory lock on the address's hash.
 */
export class ReceiptThrottle {
  constructor(
    private readonly db: Db,
    private readonly secret: Buffer,
    readonly limit = 5,
    readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private key(address: string): string {
    return createHmac('sha256', this.secret).update(`antidisc-receipt:${address}`).digest('base64url')
  }

  /** Takes a try for this address; null when it has used up its tries for now (the oldest must leave the window). */
  take(address: string): Promise<ReceiptTry | null> {
    const key = this.key(address)
    const now = new Date(this.now())
    const since = new Date(now.getTime() - this.windowMs)
    return inTransaction(this.db, async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${RECEIPT_LOCK_CLASS}, hashtext(${key}))`)
      await tx
        .delete(antidiscReceiptTries)
        .where(and(eq(antidiscReceiptTries.key, key), lte(antidiscReceiptTries.at, since)))
      const [row] = await tx
        .select({ n: count() })
        .from(antidiscReceiptTries)
        .where(eq(antidiscReceiptTries.key, key))
      if ((row?.n ?? 0) >= this.limit) return null
      const [taken] = await tx
        .insert(antidiscReceiptTries)
        .values({ key, at: now })
        .returning({ id: antidiscReceiptTries.id })
      const id = taken!.id
      return {
        giveBack: async () => {
          await this.db.delete(antidiscReceiptTries).where(eq(antidiscReceiptTries.id, id))
        },
      }
    })
  }
}

/** The first key of the advisory locks taken per address (the two-key space; migrations use one key). */
const RECEIPT_LOCK_CLASS = 72_720_015

/** Forgets every try that has left the window (the retention job; an address may never come back). */
export async function pruneReceiptTries(db: Db, windowMs = 15 * 60_000, now = Date.now()): Promise<number> {
  const rows = await db
    .delete(antidiscReceiptTries)
    .where(lte(antidiscReceiptTries.at, new Date(now - windowMs)))
    .returning({ id: antidiscReceiptTries.id })
  return rows.length
}

/**
 * Runs `work` and answers no sooner than `ms` after the start, so a wrong code, a right one with
 * nothing new and a right one with news take the same time as seen from outside.
 */
export async function noFasterThan<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now()
  try {
    return await work()
  } finally {
    // setTimeout truncates fractional milliseconds and may fire up to a millisecond early as
    // performance.now() measures it: wait again until the floor has really passed.
    for (let left = ms - (performance.now() - started); left > 0; left = ms - (performance.now() - started))
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(left)))
  }
}

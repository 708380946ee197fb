import { createHmac } from 'node:crypto'

/**
 * Throttles wrong receipt codes per client address, in memory only: the address is never stored,
 * and what is kept is an HMAC of it (forgotten after the window). After `limit` wrong codes within
 * `windowMs` the address is refused until the oldest failure leaves the window.
 */
export class ReceiptThrottle {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly secret: Buffer,
    readonly limit = 5,
    readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
    /** How many addresses are remembered at most (the oldest are forgotten first). */
    readonly maxAddresses = 100_000,
  ) {}

  private key(address: string): string {
    return createHmac('sha256', this.secret).update(`antidisc-receipt:${address}`).digest('base64url')
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs
    const list = (this.failures.get(key) ?? []).filter((t) => t > since)
    if (list.length) this.failures.set(key, list)
    else this.failures.delete(key)
    return list
  }

  /** Whether this address has used up its wrong codes for now. */
  blocked(address: string): boolean {
    return this.recent(this.key(address)).length >= this.limit
  }

  fail(address: string): void {
    const key = this.key(address)
    this.failures.set(key, [...this.recent(key), this.now()])
    // Forget the oldest addresses first when many are being throttled at once.
    if (this.failures.size > this.maxAddresses)
      this.failures.delete(this.failures.keys().next().value as string)
  }
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

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { lt, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/db'
import { antidiscSpentChallenges } from '../tables'

/**
 * A proof-of-work step before a report is stored, instead of a third-party CAPTCHA (which would
 * send the reporter's browser to someone else). The form carries a challenge the server signed
 * (stateless: issue time, randomness, HMAC under the installation key). A small script in
 * /assets/app.js finds a nonce so that SHA-256(challenge ":" nonce) starts with `bits` zero bits
 * and puts it into the form. Without JavaScript the challenge itself is the proof once it is
 * `waitMs` old: a person writing what happened takes longer than that, a script posting at once
 * does not. A challenge is spent by the report it let through: its digest is kept in the database
 * until it expires (SpentChallenges), so every node of a cluster refuses it, and the insert of the
 * digest decides which of two reports sent at once with the same challenge gets through.
 */
export const CHALLENGE_TTL_MS = 3 * 3600_000

export type PowVerdict = 'work' | 'waited' | 'early' | 'invalid' | 'expired' | 'spent'

export interface PowOptions {
  readonly bits: number
  readonly waitMs: number
  readonly now?: () => number
}

/** Whether SHA-256(challenge ":" nonce) starts with `bits` zero bits (the same test as in app.js). */
export function hasWork(challenge: string, nonce: string, bits: number): boolean {
  if (!/^\d{1,12}$/.test(nonce)) return false
  const digest = createHash('sha256').update(`${challenge}:${nonce}`).digest()
  let left = bits
  for (const byte of digest) {
    if (left <= 0) return true
    if (left >= 8) {
      if (byte !== 0) return false
      left -= 8
    } else return byte >> (8 - left) === 0
  }
  return left <= 0
}

/** Finds a nonce for a challenge (what app.js does in the browser; tests use it). */
export function solve(challenge: string, bits: number): string {
  for (let n = 0; ; n++) if (hasWork(challenge, String(n), bits)) return String(n)
}

/** Where spent challenges are remembered until they expire (shared by every node). */
export interface SpentChallenges {
  isSpent(challenge: string): Promise<boolean>
  /** True when this call spent it; false when it was spent already (by any node). */
  spend(challenge: string, until: Date): Promise<boolean>
}

const digestOf = (challenge: string) => createHash('sha256').update(challenge).digest('base64url')

/** Spent challenges in the database (table antidisc_spent_challenges); expired ones are dropped on the way. */
export function spentInDatabase(db: Db, now: () => number = Date.now): SpentChallenges {
  return {
    async isSpent(challenge) {
      const rows = await db
        .select({ digest: antidiscSpentChallenges.digest })
        .from(antidiscSpentChallenges)
        .where(sql`${antidiscSpentChallenges.digest} = ${digestOf(challenge)}`)
      return rows.length > 0
    },
    async spend(challenge, until) {
      await db.delete(antidiscSpentChallenges).where(lt(antidiscSpentChallenges.expiresAt, new Date(now())))
      const done = await db
        .insert(antidiscSpentChallenges)
        .values({ digest: digestOf(challenge), expiresAt: until })
        .onConflictDoNothing()
        .returning({ digest: antidiscSpentChallenges.digest })
      return done.length === 1
    },
  }
}

export class ProofOfWork {
  private readonly now: () => number

  constructor(
    private readonly secret: Buffer,
    readonly options: PowOptions,
    private readonly spent: SpentChallenges,
  ) {
    this.now = options.now ?? Date.now
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(`antidisc-pow:${body}`).digest('base64url').slice(0, 22)
  }

  /** A fresh challenge for a form. */
  issue(): string {
    const body = `${this.now().toString(36)}.${randomBytes(12).toString('base64url')}`
    return `${body}.${this.mac(body)}`
  }

  private issuedAt(challenge: string): number | null {
    const m = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})$/.exec(challenge)
    if (!m) return null
    const expected = Buffer.from(this.mac(`${m[1]}.${m[2]}`))
    const given = Buffer.from(m[3]!)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
    return Number.parseInt(m[1]!, 36)
  }

  /** What a submitted challenge and nonce are worth; nothing is spent here. */
  async check(challenge: unknown, nonce: unknown): Promise<PowVerdict> {
    if (typeof challenge !== 'string') return 'invalid'
    const at = this.issuedAt(challenge)
    if (at === null) return 'invalid'
    const age = this.now() - at
    if (age < 0 || age > CHALLENGE_TTL_MS) return 'expired'
    if (await this.spent.isSpent(challenge)) return 'spent'
    if (typeof nonce === 'string' && hasWork(challenge, nonce, this.options.bits)) return 'work'
    return age >= this.options.waitMs ? 'waited' : 'early'
  }

  /** Whether the challenge can stay on a form shown again (still good, only not yet proven). */
  async reusable(challenge: unknown): Promise<boolean> {
    const v = await this.check(challenge, undefined)
    return v === 'early' || v === 'waited'
  }

  /**
   * The report it let through is about to be stored: the challenge cannot let another one through.
   * False when another request (on any node) spent it first.
   */
  spend(challenge: string): Promise<boolean> {
    return this.spent.spend(challenge, new Date(this.now() + CHALLENGE_TTL_MS))
  }
}

export const passes = (v: PowVerdict) => v === 'work' || v === 'waited'

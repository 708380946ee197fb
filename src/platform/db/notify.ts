import pg from 'pg'
import type { Db } from '.'

/**
 * "Something changed, drop what you keep in memory": cache invalidation across app nodes.
 *
 * On PostgreSQL a topic is published with NOTIFY on one channel and every node LISTENs on it (one
 * dedicated connection per process, opened on the first subscription), so a change made through node
 * A drops the caches of B and C within the notification's trip. The publishing node runs its own
 * subscribers at once, before the notification comes back. On PGlite there is one process: the same
 * API runs the subscribers locally. When the listening connection is lost, every subscriber runs
 * (a notification may have been missed) and the connection is opened again.
 */
export interface Notifications {
  /** Runs every subscriber of `topic` here, and (PostgreSQL) on every other node. */
  publish(topic: string): Promise<void>
  /** `fn` runs whenever `topic` is published, here or on another node. */
  subscribe(topic: string, fn: () => void): void
  /** Listens now (PostgreSQL), so no change is missed from the first request on; the server awaits it. */
  start(): Promise<void>
  close(): Promise<void>
}

export const NOTIFY_CHANNEL = 'teilhabe_invalidate'

class LocalNotifications implements Notifications {
  protected readonly subscribers = new Map<string, Set<() => void>>()

  protected run(topic: string): void {
    for (const fn of this.subscribers.get(topic) ?? []) fn()
  }

  protected runAll(): void {
    for (const topic of this.subscribers.keys()) this.run(topic)
  }

  async publish(topic: string): Promise<void> {
    this.run(topic)
  }

  subscribe(topic: string, fn: () => void): void {
    let set = this.subscribers.get(topic)
    if (!set) {
      set = new Set()
      this.subscribers.set(topic, set)
    }
    set.add(fn)
  }

  async start(): Promise<void> {}

  async close(): Promise<void> {
    this.subscribers.clear()
  }
}

export function localNotifications(): Notifications {
  return new LocalNotifications()
}

class PgNotifications extends LocalNotifications {
  private listener: pg.Client | undefined
  private connecting: Promise<void> | undefined
  private closed = false
  private retry: NodeJS.Timeout | undefined

  constructor(
    private readonly pool: pg.Pool,
    private readonly connectionString: string,
  ) {
    super()
  }

  override async publish(topic: string): Promise<void> {
    this.run(topic)
    await this.pool.query('select pg_notify($1, $2)', [NOTIFY_CHANNEL, topic])
  }

  override subscribe(topic: string, fn: () => void): void {
    super.subscribe(topic, fn)
    if (!this.listener && !this.connecting && !this.closed) this.connecting = this.listen()
  }

  /** Resolves once the node listens (tests and the multi-node check wait for it). */
  async ready(): Promise<void> {
    await this.connecting
  }

  override async start(): Promise<void> {
    if (!this.listener && !this.connecting && !this.closed) this.connecting = this.listen()
    await this.connecting
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString })
    const lost = () => {
      if (this.listener !== client) return
      this.listener = undefined
      client.end().catch(() => {})
      if (this.closed) return
      // Whatever was published while we did not listen is unknown: drop everything.
      this.runAll()
      this.retry = setTimeout(() => {
        this.connecting = this.listen()
      }, 1000)
      this.retry.unref()
    }
    client.on('error', lost)
    client.on('end', lost)
    client.on('notification', (n) => {
      if (n.channel === NOTIFY_CHANNEL && n.payload) this.run(n.payload)
    })
    try {
      await client.connect()
      await client.query(`listen ${NOTIFY_CHANNEL}`)
      if (this.closed) {
        await client.end()
        return
      }
      this.listener = client
    } catch {
      client.end().catch(() => {})
      if (!this.closed) {
        this.retry = setTimeout(() => {
          this.connecting = this.listen()
        }, 1000)
        this.retry.unref()
      }
    } finally {
      this.connecting = undefined
    }
  }

  override async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.retry)
    await this.connecting
    const l = this.listener
    this.listener = undefined
    await l?.end().catch(() => {})
    await super.close()
  }
}

export function pgNotifications(
  pool: pg.Pool,
  connectionString: string,
): Notifications & { ready(): Promise<void> } {
  return new PgNotifications(pool, connectionString)
}

const byDb = new WeakMap<Db, Notifications>()

/** Links a database handle to its notifications (openDatabase does this). */
export function registerNotifications(db: Db, n: Notifications): void {
  byDb.set(db, n)
}

/**
 * The notifications of a database handle. Use cases receive only `db`; this finds the bus of the
 * database it belongs to (a handle nobody registered gets a local one of its own).
 */
export function notificationsOf(db: Db): Notifications {
  let n = byDb.get(db)
  if (!n) {
    n = localNotifications()
    byDb.set(db, n)
  }
  return n
}

import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'

/**
 * The lock that keeps two processes off one embedded database directory. It is a file holding the
 * owner's pid, host and start time. A lock whose owner is gone (kill -9, power cut) is recognised at
 * once and taken over with a message saying so; a start time that does not match the pid (the pid
 * was reused by another program) counts as gone too.
 */
export interface LockOwner {
  readonly pid: number
  readonly host: string
  /** When the owner started (ISO), for people. */
  readonly startedAt: string
  /** The kernel's start time of the pid (Linux /proc), to tell a reused pid; null elsewhere. */
  readonly procStart: string | null
}

export class LockHeldError extends Error {
  constructor(readonly owner: LockOwner) {
    super(`locked by pid ${owner.pid}`)
    this.name = 'LockHeldError'
  }
}

/** Field 22 of /proc/<pid>/stat: the process's start time in clock ticks after boot. */
function procStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

function me(): LockOwner {
  return {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    procStart: procStartOf(process.pid),
  }
}

/** Whether the recorded owner still runs: same host, the pid alive, and (where known) the same start. */
export function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true // cannot tell for another machine: assume it runs
  try {
    process.kill(owner.pid, 0)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  const now = procStartOf(owner.pid)
  if (owner.procStart && now && owner.procStart !== now) return false
  return true
}

function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>
    if (typeof o.pid !== 'number' || typeof o.host !== 'string') return null
    return {
      pid: o.pid,
      host: o.host,
      startedAt: String(o.startedAt ?? '?'),
      procStart: typeof o.procStart === 'string' ? o.procStart : null,
    }
  } catch {
    return null
  }
}

/**
 * Takes the lock file, or throws LockHeldError naming the live owner. `onStale` hears about a lock
 * left by a process that is gone, before it is taken over. Returns the release function.
 */
export async function acquireLock(
  file: string,
  onStale: (owner: LockOwner) => void = () => {},
): Promise<() => Promise<void>> {
  const mine = JSON.stringify(me())
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await writeFile(file, mine, { flag: 'wx' })
      return async () => {
        // Only our own lock is removed.
        if ((await readFile(file, 'utf8').catch(() => '')) === mine) await unlink(file).catch(() => {})
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const seen = await readFile(file, 'utf8').catch(() => null)
    if (seen === null) continue // removed meanwhile: try again
    const owner = parseOwner(seen)
    if (!owner) {
      // Being written this very moment, or garbage left by a crash while writing: wait a little.
      if (attempt < 10) {
        await new Promise((r) => setTimeout(r, 50))
        continue
      }
    } else if (ownerAlive(owner)) {
      throw new LockHeldError(owner)
    } else {
      onStale(owner)
    }
    // Move the stale lock aside (atomic); if what was moved is not what we judged stale, another
    // process took it over in between: put it back and look again.
    const aside = `${file}.stale-${randomBytes(6).toString('hex')}`
    try {
      await rename(file, aside)
    } catch {
      continue
    }
    const moved = await readFile(aside, 'utf8').catch(() => null)
    if (moved !== seen) {
      await rename(aside, file).catch(() => {})
      continue
    }
    await unlink(aside).catch(() => {})
  }
  throw new Error(`could not take the lock ${file}`)
}

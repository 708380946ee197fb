import { randomBytes } from 'node:crypto'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { and, asc, eq, gt, isNotNull, ne } from 'drizzle-orm'
import { type Actor, CLI_ACTOR, writeAudit } from '../../../platform/audit'
import { KeyFileError, type KeyRing, parseKeyFile } from '../../../platform/crypto'
import { inTransaction } from '../../../platform/db'
import type { AppDeps, CliCommand } from '../../../platform/feature'
import { antidiscReports } from '../tables'

/**
 * Key rotation of the case files (issue 15): every report's data key is unwrapped with the key it
 * was wrapped with and wrapped again with the key file's current key. Only the wrapping changes; the
 * data key and everything sealed with it stay as they are, so a rotation touches one short column per
 * report, not the texts, messages or attachments.
 *
 * Resumable and idempotent: the reports are taken in batches (one transaction and one audit entry
 * each), and a report already wrapped with the current key is not touched again; a run stopped
 * half-way is simply started again. Once a run reports nothing left, the old key can be removed from
 * the key file (after backing the new file up): assertCaseKeysPresent checks that at every start.
 */
export interface RotationResult {
  readonly rewrapped: number
  /** Reports whose wrapped data key did not open with the key file (left as they are). */
  readonly failed: readonly string[]
  /** Reports still wrapped with another key than the current one (0 when the rotation is complete). */
  readonly left: number
}

export async function rotateCaseKeys(
  deps: Pick<AppDeps, 'db' | 'keyRing'>,
  options: { readonly batch?: number; readonly maxBatches?: number; readonly actor?: Actor } = {},
): Promise<RotationResult> {
  const { db, keyRing: ring } = deps
  const batch = options.batch ?? 200
  const actor = options.actor ?? CLI_ACTOR
  let rewrapped = 0
  const failed: string[] = []
  let after = '00000000-0000-0000-0000-000000000000'
  const stale = and(isNotNull(antidiscReports.keyId), ne(antidiscReports.keyId, ring.currentId))
  for (let n = 0; options.maxBatches === undefined || n < options.maxBatches; n++) {
    const done = await inTransaction(db, async (tx) => {
      const rows = await tx
        .select({ id: antidiscReports.id, keyId: antidiscReports.keyId, dataKey: antidiscReports.dataKey })
        .from(antidiscReports)
        .where(and(stale, gt(antidiscReports.id, after)))
        .orderBy(asc(antidiscReports.id))
        .limit(batch)
        .for('update')
      if (rows.length === 0) return null
      let count = 0
      const from = new Set<string>()
      for (const row of rows) {
        const plain =
          row.keyId && row.dataKey ? ring.unwrap(row.keyId, row.dataKey, `antidisc:${row.id}`) : null
        if (!plain) {
          failed.push(row.id)
          continue
        }
        const { keyId, wrapped } = ring.wrap(plain, `antidisc:${row.id}`)
        // Only if nobody re-wrapped or anonymised it in between.
        const changed = await tx
          .update(antidiscReports)
          .set({ keyId, dataKey: wrapped })
          .where(and(eq(antidiscReports.id, row.id), eq(antidiscReports.keyId, row.keyId!)))
          .returning({ id: antidiscReports.id })
        if (changed.length) {
          count++
          from.add(row.keyId!)
        }
      }
      if (count)
        await writeAudit(tx, actor, {
          action: 'antidisc.keys.rotate',
          entityType: 'antidisc_key',
          entityId: ring.currentId,
          summary: { reports: count, from: [...from].sort() },
        })
      return { last: rows[rows.length - 1]!.id, count }
    })
    if (!done) break
    rewrapped += done.count
    after = done.last
  }
  const left = (await db.select({ id: antidiscReports.id }).from(antidiscReports).where(stale)).length
  return { rewrapped, failed, left }
}

/**
 * Adds a fresh key to the key file and makes it current (the old keys stay, so nothing stored stops
 * opening). Written to a temporary file beside it and renamed, owner-only, so a crash leaves either
 * the old file or the new one, never half of one.
 */
export async function addCurrentKey(file: string): Promise<KeyRing> {
  const content = await readFile(file, 'utf8')
  parseKeyFile(file, content)
  const parsed = JSON.parse(content) as { current: string; keys: Record<string, string> }
  let id: string
  do id = `k${randomBytes(4).toString('hex')}`
  while (id in parsed.keys)
  const next = `${JSON.stringify({ current: id, keys: { ...parsed.keys, [id]: randomBytes(32).toString('base64') } }, null, 2)}\n`
  const ring = parseKeyFile(file, next)
  const tmp = `${file}.${process.pid}.tmp`
  await writeFile(tmp, next, { mode: 0o600, flag: 'wx' })
  await rename(tmp, file)
  return ring
}

/** `npm run keys:rotate [-- --new-key]`: see docs/operations.md, "Rotating the case-file key". */
export const rotateKeysCommand: CliCommand = {
  description:
    'Re-wrap every case data key with the current key of the key file (resumable; --new-key adds a new current key first).',
  usage: '[--new-key] [--batch 200]',
  async run(deps, args, io) {
    let ring = deps.keyRing
    if (args.flags['new-key']) {
      try {
        ring = await addCurrentKey(ring.file)
      } catch (err) {
        io.err(err instanceof KeyFileError ? err.message : `key file ${ring.file}: ${(err as Error).message}`)
        return 1
      }
      io.out(`New current key ${ring.currentId} added to ${ring.file}. Back this file up now.`)
    }
    const batch = Number(args.flags.batch?.[0] ?? 200)
    if (!Number.isInteger(batch) || batch < 1) {
      io.err('--batch must be a whole number of at least 1')
      return 64
    }
    const result = await rotateCaseKeys({ db: deps.db, keyRing: ring }, { batch })
    io.out(`${result.rewrapped} case data key(s) re-wrapped with ${ring.currentId}.`)
    if (result.failed.length) {
      io.err(
        `${result.failed.length} report(s) did not open with ${ring.file} and were left as they are: ${result.failed.join(', ')}`,
      )
      return 1
    }
    const others = ring.ids.filter((id) => id !== ring.currentId)
    io.out(
      result.left === 0
        ? `Every case data key is wrapped with ${ring.currentId}.${others.length ? ` The key(s) ${others.join(', ')} are no longer used: after backing up the key file you may remove them from it.` : ''}`
        : `${result.left} report(s) are still wrapped with an older key: run the command again.`,
    )
    return result.left === 0 ? 0 : 1
  },
}

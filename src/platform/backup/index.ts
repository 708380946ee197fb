import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { access, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { createGzip, gunzip } from 'node:zlib'
import { type SQL, sql } from 'drizzle-orm'
import { type Actor, writeAudit } from '../audit'
import { appliedCount, type Db, inTransaction } from '../db'

/**
 * Logical backups of the whole database as gzip'd JSON, and restore into an empty database.
 *
 * The file: { format, formatVersion, schemaVersion, createdAt, files, sequences, tables: [{ name,
 * columns, rows }] }. Each row is a JSON object (row_to_json) whose values are the columns' own
 * PostgreSQL text forms (as COPY writes them: timestamps with microseconds and offset, arrays as
 * {…}, bytea as \x…, jsonb as its text, 64-bit integers and numerics with every digit), and restore
 * casts each back to the column's type (json_array_elements, ->>, ::type). So every type round-trips
 * exactly, and no JSON reader can round a number. Both sides run with DateStyle ISO and UTC.
 * drizzle's migration table (schema "drizzle") is not included: the schema version says which
 * migrations the data belongs to.
 *
 * The bytes of stored files are inside (table stored_file_chunks, docs/decisions/files-in-postgresql.md); `files.directory`
 * names the directory an older version kept them in, which restore still looks into for files whose
 * bytes a backup of such a version lacks. The whole of one table is one JSON text, so installations
 * with many gigabytes of files back up with pg_dump instead (docs/operations.md).
 */
export const BACKUP_FORMAT = 'teilhabe-backup'
export const BACKUP_FORMAT_VERSION = 1

/** Rows per INSERT when restoring; a table referencing itself goes in one statement. */
const RESTORE_BATCH = 500

/** Rows the platform itself creates on every start, which an otherwise empty database may have. */
const STARTUP_ROWS: Readonly<Record<string, SQL>> = {
  system_settings: sql`key = 'signing_key'`,
  // The offers finder's search version (one row made by its migration, raised by triggers).
  offers_search_version: sql`id = 1`,
}

export class RestoreRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RestoreRefusedError'
  }
}

interface Column {
  name: string
  /** As format_type prints it, e.g. "timestamp with time zone", "text[]". */
  type: string
}

interface BackupTable {
  name: string
  columns: string[]
  rows: Record<string, unknown>[]
}

interface BackupSequence {
  name: string
  lastValue: string
  isCalled: boolean
}

export interface BackupDocument {
  format: typeof BACKUP_FORMAT
  formatVersion: number
  schemaVersion: number
  createdAt: string
  files: { directory: string; count: number; note: string }
  sequences: BackupSequence[]
  tables: BackupTable[]
}

const rowsOf = async <T>(db: Db, query: SQL): Promise<T[]> =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
const ident = (name: string) => sql.raw(quoteIdent(name))

/**
 * Ordinary and partitioned tables of the public schema, by name, without derived ones: a table whose
 * comment starts with `derived:` (a read model rebuilt from the others, e.g. OParl's) is neither
 * backed up nor restored; the restored installation builds it again.
 */
async function publicTables(db: Db): Promise<string[]> {
  const rows = await rowsOf<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
          and coalesce(obj_description(c.oid, 'pg_class'), '') not like 'derived:%'
        order by c.relname`,
  )
  return rows.map((r) => r.name)
}

/** Writable columns (not generated) in their order. */
async function columnsOf(db: Db, table: string): Promise<Column[]> {
  return rowsOf<Column>(
    db,
    sql`select a.attname as name, format_type(a.atttypid, a.atttypmod) as type
        from pg_attribute a
        where a.attrelid = (select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
                            where n.nspname = 'public' and c.relname = ${table})
          and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        order by a.attnum`,
  )
}

/** Text forms that read back the same in any session. */
async function fixTextForms(tx: Db): Promise<void> {
  await tx.execute(sql`set local datestyle = 'ISO, YMD'`)
  await tx.execute(sql`set local intervalstyle = 'postgres'`)
  await tx.execute(sql`set local timezone = 'UTC'`)
  await tx.execute(sql`set local bytea_output = 'hex'`)
}

async function publicSequences(db: Db): Promise<string[]> {
  const rows = await rowsOf<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'S' order by c.relname`,
  )
  return rows.map((r) => r.name)
}

/** Tables in an order where every table comes after the tables it references. */
async function foreignKeyOrder(
  db: Db,
  tables: readonly string[],
): Promise<{ order: string[]; selfRef: Set<string> }> {
  const edges = await rowsOf<{ child: string; parent: string }>(
    db,
    sql`select distinct c.relname as child, p.relname as parent
        from pg_constraint k
        join pg_class c on c.oid = k.conrelid join pg_namespace cn on cn.oid = c.relnamespace
        join pg_class p on p.oid = k.confrelid join pg_namespace pn on pn.oid = p.relnamespace
        where k.contype = 'f' and cn.nspname = 'public' and pn.nspname = 'public'`,
  )
  const selfRef = new Set<string>()
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]))
  for (const e of edges) {
    if (e.child === e.parent) selfRef.add(e.child)
    else parents.get(e.child)?.add(e.parent)
  }
  const order: string[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (t: string, trail: string[]) => {
    if (state.get(t) === 'done') return
    if (state.get(t) === 'visiting') {
      throw new Error(`Foreign keys form a cycle (${[...trail, t].join(' → ')}); restore cannot order them`)
    }
    state.set(t, 'visiting')
    for (const p of [...(parents.get(t) ?? [])].sort()) if (parents.has(p)) visit(p, [...trail, t])
    state.set(t, 'done')
    order.push(t)
  }
  for (const t of [...tables].sort()) visit(t, [])
  return { order, selfRef }
}

function selectList(columns: readonly Column[]): SQL {
  return sql.join(
    columns.map((c) => sql`${ident(c.name)}::text as ${ident(c.name)}`),
    sql`, `,
  )
}

async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain')
}

export interface BackupSummary {
  readonly file: string
  readonly schemaVersion: number
  readonly tables: number
  readonly rows: number
}

/**
 * Writes a consistent snapshot (one repeatable-read transaction) of every public table to `file`
 * (gzip'd JSON, mode 0600: it holds password hashes and personal data). Written to a temporary
 * file first, so a failed backup never leaves a half file under the final name.
 */
export async function backupDatabase(
  db: Db,
  file: string,
  filesDirectory: string,
  actor: Actor,
): Promise<BackupSummary> {
  const target = path.resolve(file)
  const tmp = `${target}.${process.pid}.partial`
  const gzip = createGzip()
  const out = createWriteStream(tmp, { mode: 0o600 })
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve)
    out.on('error', reject)
    gzip.on('error', reject)
  })
  gzip.pipe(out)
  let summary: BackupSummary
  try {
    summary = await db.transaction(
      async (raw) => {
        const tx = raw as unknown as Db
        await fixTextForms(tx)
        const schemaVersion = await appliedCount(tx)
        const tables = await publicTables(tx)
        const sequences: BackupSequence[] = []
        for (const name of await publicSequences(tx)) {
          const [s] = await rowsOf<{ last_value: string; is_called: boolean }>(
            tx,
            sql`select last_value::text as last_value, is_called from ${ident(name)}`,
          )
          sequences.push({ name, lastValue: s!.last_value, isCalled: s!.is_called })
        }
        const [files] = await rowsOf<{ n: number }>(
          tx,
          sql`select count(distinct sha256)::int as n from stored_files`,
        ).catch(() => [{ n: 0 }])
        const header = {
          format: BACKUP_FORMAT,
          formatVersion: BACKUP_FORMAT_VERSION,
          schemaVersion,
          createdAt: new Date().toISOString(),
          files: {
            directory: filesDirectory,
            count: Number(files?.n ?? 0),
            note: 'The bytes of stored files are in this backup (table stored_file_chunks); this directory only matters for files not yet moved into the database (files-to-database).',
          },
          sequences,
        }
        await write(gzip, `${JSON.stringify(header).slice(0, -1)},"tables":[`)
        let rows = 0
        for (const [i, name] of tables.entries()) {
          const columns = await columnsOf(tx, name)
          const [r] = await rowsOf<{ n: number; json: string }>(
            tx,
            sql`select count(*)::int as n, coalesce(json_agg(r), '[]'::json)::text as json
                from (select ${selectList(columns)} from ${ident(name)}) r`,
          )
          rows += Number(r!.n)
          const head = JSON.stringify({ name, columns: columns.map((c) => c.name) }).slice(0, -1)
          await write(gzip, `${i ? ',' : ''}${head},"rows":${r!.json}}`)
        }
        await write(gzip, ']}')
        return { file: target, schemaVersion, tables: tables.length, rows }
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    )
    gzip.end()
    await finished
    await rename(tmp, target)
  } catch (err) {
    gzip.destroy()
    out.destroy()
    await rm(tmp, { force: true })
    throw err
  }
  await inTransaction(db, (tx) =>
    writeAudit(tx, actor, {
      action: 'system.backup',
      entityType: 'system',
      entityId: 'database',
      summary: { file: path.basename(target), tables: summary.tables, rows: summary.rows },
    }),
  )
  return summary
}

export async function readBackup(file: string): Promise<BackupDocument> {
  let doc: unknown
  try {
    const text = (await promisify(gunzip)(await readFile(file))).toString('utf8')
    doc = JSON.parse(text)
  } catch (err) {
    throw new RestoreRefusedError(
      `${file} is not a readable Teilhabe backup (${err instanceof Error ? err.message : String(err)}).`,
    )
  }
  const d = doc as Partial<BackupDocument>
  if (d.format !== BACKUP_FORMAT || !Array.isArray(d.tables) || typeof d.schemaVersion !== 'number') {
    throw new RestoreRefusedError(`${file} is not a Teilhabe backup.`)
  }
  if (d.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new RestoreRefusedError(
      `${file} has backup format ${String(d.formatVersion)}; this version reads format ${BACKUP_FORMAT_VERSION}.`,
    )
  }
  return d as BackupDocument
}

export interface RestoreSummary {
  readonly tables: number
  readonly rows: number
  /** Stored files the restored rows name but DATA_DIR/files does not have (copy them over). */
  readonly missingFiles: number
  readonly filesDirectory: string
}

/**
 * Restores a backup into this database, which must be migrated to the backup's schema version and
 * empty (apart from the signing key every start creates). Everything happens in one transaction:
 * tables in foreign-key order, then every sequence set past the restored ids. Triggers stay on,
 * so the audit log stays append-only; the restore itself is recorded in it.
 */
export async function restoreDatabase(
  db: Db,
  file: string,
  filesDirectory: string,
  actor: Actor,
): Promise<RestoreSummary> {
  const backup = await readBackup(file)
  const schemaVersion = await appliedCount(db)
  if (backup.schemaVersion !== schemaVersion) {
    throw new RestoreRefusedError(
      `The backup has schema version ${backup.schemaVersion} (applied migrations), this database ${schemaVersion}. ` +
        'Restore with the Teilhabe release that made the backup, then upgrade.',
    )
  }
  const summary = await inTransaction(db, async (tx) => {
    await fixTextForms(tx)
    const tables = await publicTables(tx)
    const inBackup = new Map(backup.tables.map((t) => [t.name, t]))
    const unknown = backup.tables.map((t) => t.name).filter((n) => !tables.includes(n))
    if (unknown.length) {
      throw new RestoreRefusedError(`The backup has tables this database does not: ${unknown.join(', ')}.`)
    }
    const nonEmpty: string[] = []
    for (const name of tables) {
      const allowed = STARTUP_ROWS[name]
      const [r] = await rowsOf<{ found: boolean }>(
        tx,
        allowed
          ? sql`select exists (select 1 from ${ident(name)} where not (${allowed})) as found`
          : sql`select exists (select 1 from ${ident(name)}) as found`,
      )
      if (r?.found) nonEmpty.push(name)
    }
    if (nonEmpty.length) {
      throw new RestoreRefusedError(
        `Refusing to restore: the database is not empty (tables with rows: ${nonEmpty.join(', ')}). ` +
          'Restore only into a new, empty database.',
      )
    }
    for (const name of Object.keys(STARTUP_ROWS)) {
      if (inBackup.has(name)) await tx.execute(sql`delete from ${ident(name)}`)
    }

    const { order, selfRef } = await foreignKeyOrder(tx, tables)
    let rows = 0
    for (const name of order) {
      const table = inBackup.get(name)
      if (!table || table.rows.length === 0) continue
      const columns = await columnsOf(tx, name)
      const here = columns.map((c) => c.name)
      if (here.join('\u0000') !== table.columns.join('\u0000')) {
        throw new RestoreRefusedError(
          `Table ${name} has other columns in the backup (${table.columns.join(', ')}) than in this database (${here.join(', ')}).`,
        )
      }
      const cols = sql.join(here.map(ident), sql`, `)
      const values = sql.join(
        columns.map((c) => sql`(e ->> ${c.name})::${sql.raw(c.type)}`),
        sql`, `,
      )
      // File chunks are up to 1 MiB each (2 MiB as hex): a few per statement.
      const batch = selfRef.has(name) ? table.rows.length : name === 'stored_file_chunks' ? 8 : RESTORE_BATCH
      for (let i = 0; i < table.rows.length; i += batch) {
        const chunk = JSON.stringify(table.rows.slice(i, i + batch))
        await tx.execute(
          sql`insert into ${ident(name)} (${cols}) overriding system value
              select ${values} from json_array_elements(${chunk}::json) e`,
        )
      }
      rows += table.rows.length
    }

    // Every sequence goes past both its backed-up value and the highest restored id it feeds.
    const recorded = new Map(backup.sequences.map((s) => [s.name, s]))
    const owned = await rowsOf<{ seq: string; tbl: string; col: string }>(
      tx,
      sql`select s.relname as seq, t.relname as tbl, a.attname as col
          from pg_class s join pg_namespace n on n.oid = s.relnamespace
          join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass
            and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
          join pg_class t on t.oid = d.refobjid
          join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
          where s.relkind = 'S' and n.nspname = 'public'`,
    )
    for (const seq of await publicSequences(tx)) {
      const saved = recorded.get(seq)
      let value = saved ? BigInt(saved.lastValue) : 1n
      let called = saved?.isCalled ?? false
      for (const o of owned.filter((x) => x.seq === seq)) {
        const [m] = await rowsOf<{ max: string | null }>(
          tx,
          sql`select max(${ident(o.col)})::text as max from ${ident(o.tbl)}`,
        )
        if (m?.max && BigInt(m.max) >= value) {
          value = BigInt(m.max)
          called = true
        }
      }
      await tx.execute(
        sql`select setval(${quoteIdent(seq)}::regclass, ${value.toString()}::bigint, ${called})`,
      )
    }

    await writeAudit(tx, actor, {
      action: 'system.restore',
      entityType: 'system',
      entityId: 'database',
      summary: { backupCreatedAt: backup.createdAt, tables: backup.tables.length, rows },
    })
    return { tables: backup.tables.length, rows }
  })

  // Rows name stored files by hash; say how many have no bytes in the restored database (a backup of
  // an installation that never moved its files into the database) and are not in the files directory.
  const missing = await rowsOf<{ sha256: string }>(
    db,
    sql`select distinct f.sha256 from stored_files f
        where not exists (select 1 from stored_file_chunks c where c.sha256 = f.sha256)`,
  )
  let missingFiles = 0
  for (const { sha256: h } of missing) {
    if (!/^[0-9a-f]{64}$/.test(h)) continue
    await access(path.join(filesDirectory, h.slice(0, 2), h)).catch(() => {
      missingFiles++
    })
  }
  return { ...summary, missingFiles, filesDirectory }
}

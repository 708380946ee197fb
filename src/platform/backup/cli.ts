import path from 'node:path'
import { CLI_ACTOR } from '../audit'
import type { CliCommand } from '../feature'
import { backupDatabase, RestoreRefusedError, restoreDatabase } from '.'

const filesDir = (dataDir: string) => path.join(dataDir, 'files')

export const backupCommand: CliCommand = {
  description:
    'Write every row of every table (and the schema version) to a gzip’d JSON file, the stored files’ bytes included.',
  usage: '--out FILE',
  async run(deps, args, io) {
    const out = args.flags.out?.at(-1)
    if (!out || out === 'true') {
      io.err('Usage: backup --out FILE')
      return 64
    }
    const dir = filesDir(deps.config.dataDir)
    const s = await backupDatabase(deps.db, out, dir, CLI_ACTOR)
    io.out(
      `Backup written to ${s.file}: ${s.tables} tables, ${s.rows} rows, schema version ${s.schemaVersion}.`,
    )
    return 0
  },
}

export const restoreCommand: CliCommand = {
  description: 'Restore a backup into an empty, migrated database (refused otherwise), in one transaction.',
  usage: '--in FILE',
  async run(deps, args, io) {
    const file = args.flags.in?.at(-1)
    if (!file || file === 'true') {
      io.err('Usage: restore --in FILE')
      return 64
    }
    try {
      const s = await restoreDatabase(deps.db, file, filesDir(deps.config.dataDir), CLI_ACTOR)
      io.out(`Restored ${s.rows} rows into ${s.tables} tables from ${file}.`)
      if (s.missingFiles > 0) {
        io.err(
          `Warning: ${s.missingFiles} stored file(s) are missing in ${s.filesDirectory}: copy the files directory of the old installation there and run files-to-database.`,
        )
      }
      return 0
    } catch (err) {
      if (err instanceof RestoreRefusedError) {
        io.err(err.message)
        return 1
      }
      throw err
    }
  },
}

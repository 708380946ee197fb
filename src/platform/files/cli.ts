import path from 'node:path'
import type { CliCommand } from '../feature'
import { importFilesFromDirectory } from '.'

/** `npm run cli -- files-to-database [--from DIR]`: the upgrade step of docs/decisions/files-in-postgresql.md. */
export const filesToDatabaseCommand: CliCommand = {
  description:
    'Move the bytes of stored files kept on disk by an older version (DATA_DIR/files) into the database; safe to run again.',
  usage: '[--from DIR]',
  async run(deps, args, io) {
    const from = args.flags.from?.at(-1)
    const dir = from && from !== 'true' ? path.resolve(from) : path.join(deps.config.dataDir, 'files')
    const r = await importFilesFromDirectory(deps.db, dir)
    io.out(
      `Files from ${dir}: ${r.imported} moved into the database, ${r.present} there already, ` +
        `${r.unknown} not named by any stored file (left alone), ${r.corrupt} whose content does not match their name (left alone).`,
    )
    if (r.missing > 0) {
      io.err(`Warning: ${r.missing} stored file(s) have no bytes in the database and none in ${dir}.`)
      return 1
    }
    io.out('Every stored file has its bytes in the database; the directory may be removed after a backup.')
    return 0
  },
}

import path from 'node:path'
import { catalogueParts, FEATURES } from './app'
import { createUserCommand } from './platform/auth/cli'
import { backupCommand, restoreCommand } from './platform/backup/cli'
import { type Config, ConfigError, loadConfigFromEnv } from './platform/config'
import { type Database, DatabaseLockedError, openDatabase } from './platform/db'
import type { AppDeps, CliArgs, CliCommand, CliIo, Feature } from './platform/feature'
import { filesToDatabaseCommand } from './platform/files/cli'
import { i18nCommand } from './platform/i18n/cli'
import { createDeps, seedDemoOnce } from './platform/runtime'

/** Platform commands; features add theirs through `Feature.cli`. */
export const PLATFORM_COMMANDS: Readonly<Record<string, CliCommand>> = {
  migrate: {
    description: 'Apply pending database migrations (already done by `npm start`).',
    // The runner migrates before any command; nothing more to do.
    async run(_deps, _args, io) {
      io.out('Migrations applied.')
      return 0
    },
  },
  'seed-demo': {
    description: 'Load the demo data (again).',
    async run(deps, _args, io) {
      await seedDemoOnce(deps, FEATURES, (line) => io.out(line), true)
      io.out('Demo data loaded.')
      return 0
    },
  },
  'create-user': createUserCommand,
  backup: backupCommand,
  restore: restoreCommand,
  'files-to-database': filesToDatabaseCommand,
  i18n: i18nCommand(() => catalogueParts()),
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const flags: Record<string, string[]> = {}
  const positionals: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined]
      const next = argv[i + 1]
      let value = inline ?? 'true'
      if (inline === undefined && next !== undefined && !next.startsWith('--')) {
        value = next
        i++
      }
      const list = flags[name] ?? []
      list.push(value)
      flags[name] = list
    } else positionals.push(a)
  }
  return { flags, positionals }
}

export function allCommands(features: readonly Feature[] = FEATURES): Map<string, CliCommand> {
  const commands = new Map(Object.entries(PLATFORM_COMMANDS))
  for (const f of features) {
    for (const [name, cmd] of Object.entries(f.cli ?? {})) {
      if (commands.has(name)) throw new Error(`CLI command defined twice: ${name}`)
      commands.set(name, cmd)
    }
  }
  return commands
}

function usage(commands: Map<string, CliCommand>, io: CliIo): void {
  io.err('Usage: npm run cli -- <command> [options]\n')
  for (const [name, cmd] of commands)
    io.err(`  ${name}${cmd.usage ? ` ${cmd.usage}` : ''}\n      ${cmd.description}`)
}

/**
 * Runs one command against an opened database: migrates first (a failed migration changes nothing
 * and gives exit code 1), then builds the shared dependencies and runs the command.
 */
export async function runCli(
  argv: readonly string[],
  config: Config,
  database: Database,
  io: CliIo,
  options: { migrationsFolder?: string } = {},
): Promise<number> {
  const commands = allCommands()
  const [name, ...rest] = argv
  const command = name ? commands.get(name) : undefined
  if (!command) {
    if (name) io.err(`Unknown command: ${name}`)
    usage(commands, io)
    return 64
  }
  try {
    await database.migrate(options.migrationsFolder)
  } catch (err) {
    io.err(
      `Migration failed; the database was left unchanged: ${err instanceof Error ? err.message : String(err)}`,
    )
    return 1
  }
  const log = {
    info: () => {},
    error: (o: unknown, m?: string) => {
      const err = (o as { err?: unknown } | null)?.err ?? o
      io.err(`${m ?? 'error'}: ${err instanceof Error ? err.message : JSON.stringify(err)}`)
    },
  }
  const deps: AppDeps = await createDeps(config, database, FEATURES, log)
  return command.run(deps, parseArgs(rest), io)
}

/** Reads one line from the terminal; with `hidden` nothing is echoed (passwords). */
function terminalPrompt(question: string, hidden = false): Promise<string> {
  const stdin = process.stdin
  process.stdout.write(question)
  return new Promise((resolve, reject) => {
    let value = ''
    const finish = () => {
      stdin.off('data', onData)
      if (hidden) stdin.setRawMode(false)
      stdin.pause()
      if (hidden) process.stdout.write('\n')
    }
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          finish()
          resolve(value)
          return
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish()
          reject(new Error('cancelled'))
          return
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1)
        else value += ch
      }
    }
    if (hidden) stdin.setRawMode(true)
    stdin.on('data', onData)
    stdin.resume()
  })
}

async function main(): Promise<number> {
  const io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    ...(process.stdin.isTTY && process.stdout.isTTY ? { prompt: terminalPrompt } : {}),
  }
  let config: Config
  try {
    config = loadConfigFromEnv()
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message)
      return 78
    }
    throw err
  }
  const argv = process.argv.slice(2)
  if (!argv[0] || !allCommands().has(argv[0])) {
    usage(allCommands(), io)
    return argv[0] ? 64 : 0
  }
  let database: Database
  try {
    database = await openDatabase({
      url: config.databaseUrl,
      replicaUrl: config.databaseReplicaUrl,
      pgliteDir: config.databaseUrl ? undefined : config.dataDir,
    })
  } catch (err) {
    if (err instanceof DatabaseLockedError) {
      io.err(err.message)
      return 75
    }
    throw err
  }
  try {
    return await runCli(argv, config, database, io)
  } finally {
    await database.close()
  }
}

// Only when run as a program (`npm run cli`), not when tests import runCli.
if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  process.exitCode = await main()
}
